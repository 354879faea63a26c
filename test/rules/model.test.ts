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
        },
        {
            name: 'a step with the wrong style',
            code: 'service a\nservice b\na -> b : grpcs\nflow f {\n  a ~> b\n}',
            errors: [{ message: /'a ~> b'/, line: 5 }],
        },
    ],
});
