import { ruleTester } from './rule-tester.js';

ruleTester('orphan-component', {
    valid: [
        { name: 'every component is connected', code: 'client web\nservice api\nweb -> api : https' },
        { name: 'a component referenced by a property is not an orphan', code: 'cdn edge { origin: assets }\nstorage assets' },
        { name: 'an identity provider named as issuer is not an orphan', code: 'service api { auth: jwt { issuer: idp expiry: 15m } }\nidp idp\nclient web\nweb -> api : https' },
        { name: 'an external component is exempt', code: 'external stripe { external: true }' },
        { name: 'a broker whose topic is used is not an orphan', code: 'broker bus { topic t }\nservice a\na ~> bus.t' },
    ],
    invalid: [
        {
            name: 'a lone service',
            code: 'client web\nservice api\nweb -> api : https\nservice legacy',
            errors: [{ message: "The service 'legacy' has no connections and nothing references it; connect it or remove it.", severity: 'warning', line: 4, text: 'legacy' }],
        },
        {
            name: 'two lone components, in order',
            code: 'database old\ncache unused',
            errors: [{ text: 'old' }, { text: 'unused' }],
        },
        {
            name: 'the fix deletes the declaration with its line',
            code: 'client web\nservice api\nweb -> api : https\nservice legacy "Old" { replicas: 2 }',
            errors: [{ message: "The service 'legacy' has no connections and nothing references it; connect it or remove it." }],
            output: 'client web\nservice api\nweb -> api : https',
        },
    ],
});

ruleTester('flow-step-not-in-topology', {
    valid: [
        { name: 'every step follows a connection', code: 'client web\nservice api\nweb -> api : https\nflow f {\n  web -> api\n}' },
        { name: 'a step may follow a gateway route', code: 'gateway g {\n  route "/a" -> a\n}\nservice a\nflow f {\n  g -> a\n}' },
        { name: 'an async step may follow a publish', code: 'service a\nbroker bus { topic t }\na ~> bus.t\nflow f {\n  a ~> bus.t\n}' },
    ],
    invalid: [
        {
            name: 'a step against the direction of the connection',
            code: 'client web\nservice api\nweb -> api : https\nflow f {\n  web -> api\n  api -> web\n}',
            errors: [{ message: "Step 2 of the flow 'f' ('api -> web') matches no declared connection; declare 'api -> web' or correct the step.", severity: 'error', line: 6, text: 'api -> web' }],
            output: 'client web\nservice api\nweb -> api : https\napi -> web : https\nflow f {\n  web -> api\n  api -> web\n}',
        },
        {
            name: 'a step with the wrong style',
            code: 'service a\nservice b\na -> b : grpcs\nflow f {\n  a ~> b\n}',
            errors: [{ message: /'a ~> b'/, line: 5 }],
            // Declaring 'a ~> b' would be an asynchronous call with no broker: no fix is offered.
            output: null,
        },
    ],
});

ruleTester('duplicate-connection', {
    valid: [
        { name: 'the same ends over another protocol', code: 'service a\nservice b\na -> b : grpcs { timeout: 2s }\na -> b : https { timeout: 2s }' },
        { name: 'the same ends in the other style', code: 'stream s\nservice a\na -> s : kafka+tls\na ~> s : kafka+tls' },
        { name: 'the other direction', code: 'service a\nservice b\na -> b : grpcs { timeout: 2s }\nb -> a : grpcs { timeout: 2s }' },
        { name: 'a gateway route next to a connection to the same target', code: 'gateway api {\n  route "/o" -> orders\n}\nservice orders\napi -> orders : https' },
    ],
    invalid: [
        {
            name: 'the same call twice: the copy is removed',
            code: 'service a\nservice b\na -> b : grpcs { timeout: 2s }\n// calls b again\na -> b : grpcs // copied\nservice c',
            errors: [{
                message: "The connection 'a -> b' over 'grpcs' is declared twice; remove the copy.", severity: 'warning', line: 5, text: 'a -> b : grpcs',
                fixes: ["Remove the copy of 'a -> b'"],
            }],
            output: 'service a\nservice b\na -> b : grpcs { timeout: 2s }\n// calls b again\nservice c',
        },
        {
            name: 'a body connection and a top-level one, no protocol',
            code: 'service a {\n  ~> s\n}\nstream s\na ~> s',
            errors: [{ message: "The connection 'a ~> s' is declared twice; remove the copy.", line: 5 }],
            output: 'service a {\n  ~> s\n}\nstream s',
        },
        {
            name: 'three copies: two findings, each on a later one',
            code: 'service a\nservice b\na -> b : grpcs { timeout: 2s }\na -> b : grpcs { timeout: 2s }\na -> b : grpcs { timeout: 2s }',
            errors: [{ line: 4, fixes: [] }, { line: 5, fixes: [] }].map(e => ({ line: e.line })),
        },
    ],
});

ruleTester('unresolved-reference', {
    valid: [
        { name: 'every reference resolves', code: 'client web\nservice orders\nweb -> orders : https' },
        { name: 'a channel path resolves', code: 'service a\nbroker bus { topic t }\na ~> bus.t' },
    ],
    invalid: [
        {
            name: 'a typo in a connection target',
            code: 'client web\nservice orders\nweb -> ordrs : https',
            errors: [{ message: "The connection target 'ordrs' is not declared. Did you mean 'orders'?", severity: 'error', line: 3, text: 'ordrs' }],
            output: 'client web\nservice orders\nweb -> orders : https',
            // The connection was skipped while its target did not resolve: now 'orders' is judged.
            revealed: ['missing-authentication', 'single-point-of-failure'],
        },
        {
            name: 'a reference property of the wrong kind',
            code: 'client web\ncdn edge { origin: web }',
            errors: [{ severity: 'warning', text: 'web' }],
        },
    ],
});

ruleTester('duplicate-id', {
    valid: [{ name: 'distinct ids', code: 'service orders\ndatabase ordersDb' }],
    invalid: [{
        name: 'two declarations with one id, both reported',
        code: 'service orders\ndatabase orders',
        errors: [{ severity: 'error', line: 1, text: 'orders' }, { severity: 'error', line: 2, text: 'orders' }],
    }],
});

ruleTester('unknown-property', {
    valid: [{ name: 'a known property', code: 'service orders { replicas: 2 }' }],
    invalid: [{
        name: 'a typo with a suggestion',
        code: 'service orders { replica: 2 }',
        errors: [{ message: "Unknown property 'replica' for service 'orders'. Did you mean 'replicas'?", severity: 'warning', text: 'replica' }],
        output: 'service orders { replicas: 2 }',
    }],
});

ruleTester('invalid-property-value', {
    valid: [{ name: 'a rate with its unit', code: 'gateway api { rateLimit: 10/s }' }],
    invalid: [{
        name: 'a rate without a unit',
        code: 'gateway api { rateLimit: 10 }',
        errors: [{ severity: 'error', text: '10' }],
    }],
});

ruleTester('unresolved-import', {
    valid: [{ name: 'no imports', code: 'service orders' }],
    invalid: [{ name: 'a missing file', code: 'import "./missing.arch"\nservice orders', errors: [{ message: "The imported file './missing.arch' does not exist.", severity: 'error', line: 1 }] }],
});

ruleTester('import-cycle', {
    valid: [{ name: 'no imports', code: 'service orders' }],
    invalid: [{ name: 'a file importing itself', code: 'import "./main.arch"\nservice orders', errors: [{ severity: 'warning', line: 1 }] }],
});

ruleTester('unknown-annotation', {
    valid: [{ name: '@allow is known', code: '@allow(orphan-component, "kept")\nservice legacy' }],
    invalid: [{ name: 'a misspelt annotation', code: '@alow(orphan-component, "kept")\nservice legacy', errors: [{ message: /Unknown annotation '@alow'/, severity: 'warning', line: 1 }] }],
});

ruleTester('allow-without-reason', {
    valid: [{ name: 'an allow with a reason', code: '@allow(orphan-component, "kept for the migration")\nservice legacy' }],
    invalid: [
        { name: 'no reason', code: '@allow(orphan-component)\nservice legacy', errors: [{ severity: 'warning', line: 1, text: '@allow(orphan-component)' }] },
        { name: 'an empty reason', code: '@allow(orphan-component, "  ")\nservice legacy', errors: [{ message: /gives no reason/ }] },
        { name: 'an unknown rule id', code: '@allow(no-such-rule, "x")\nservice legacy', errors: [{ message: "The @allow names the unknown rule 'no-such-rule'; it suppresses nothing." }] },
        {
            name: 'an unknown rule id is corrected to the suggestion',
            code: '@allow(orphan-componet, "kept")\nservice legacy',
            errors: [{ message: "The @allow names the unknown rule 'orphan-componet'; it suppresses nothing. Did you mean 'orphan-component'?" }],
            output: '@allow(orphan-component, "kept")\nservice legacy',
        },
    ],
});
