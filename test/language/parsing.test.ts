/**
 * Every construct of the language parses (and links) as written in DESIGN.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { COMPONENT_KINDS } from '../../src/model/arch-model.js';
import { loadText, loadWorkspace } from '../support/services.js';

/** Parses text and returns its syntax errors (lexer + parser). */
async function syntaxErrors(text: string): Promise<string[]> {
    const { document } = await loadText(text);
    return [...document.parseResult.lexerErrors.map(e => e.message), ...document.parseResult.parserErrors.map(e => e.message)];
}

/** All diagnostics (syntax and model) as `line:col code`. */
async function problems(text: string): Promise<string[]> {
    const { diagnostics } = await loadText(text);
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code ?? 'syntax')}: ${d.message}`);
}

describe('parsing', () => {
    test('the full DESIGN example parses and links without any diagnostic', async () => {
        const shop = readFileSync(new URL('../fixtures/design-example.arch', import.meta.url), 'utf8');
        const workspace = await loadWorkspace({ 'shop.arch': shop, 'payments.arch': 'service payments "Payments"\n' });
        const modelProblems = workspace.diagnostics('shop.arch').filter(d => ['syntax-error', undefined, 'unresolved-reference', 'invalid-property-value', 'unknown-property', 'duplicate-id', 'unresolved-import'].includes(d.code as string | undefined));
        expect(modelProblems).toEqual([]);
    });

    test('an architecture header names the model', async () => {
        const { model } = await loadText('architecture "Online Shop"\n');
        expect(model.name).toBe('Online Shop');
    });

    test('an import statement parses', async () => {
        expect(await syntaxErrors('import "./payments.arch"\nservice a\n')).toEqual([]);
    });

    test('nested zones carry their trust to their members', async () => {
        const { model } = await loadText('zone outer { trust: edge  zone inner { service s } }\n');
        expect(model.components[0].trust).toBe('edge');
    });

    test('a zone nested in a zone records its parent', async () => {
        const { model } = await loadText('zone outer { trust: public  zone inner { trust: private } }\n');
        expect(model.zones.map(z => [z.id, z.parent, z.trust])).toEqual([['outer', undefined, 'public'], ['inner', 'outer', 'private']]);
    });

    for (const kind of COMPONENT_KINDS) {
        test(`a '${kind}' declaration parses with a label and a body`, async () => {
            const { model } = await loadText(`${kind} thing "A ${kind}" { description: "x" }\n`);
            expect(model.components.map(c => [c.kind, c.id, c.label])).toEqual([[kind, 'thing', `A ${kind}`]]);
        });
    }

    test('a declaration may use a keyword as its id', async () => {
        const { model } = await loadText('dns dns "Route 53"\ncdn edge { origin: assets }\nstorage assets\ndns -> edge "resolves"\n');
        expect(model.connections.map(c => c.id)).toEqual(['dns->edge']);
    });

    test('ids may contain hyphens', async () => {
        const { model } = await loadText('service order-service\nservice user-service\norder-service -> user-service\n');
        expect(model.connections.map(c => c.id)).toEqual(['order-service->user-service']);
    });

    test('topics and queues of a broker become channels with qualified ids', async () => {
        const { model } = await loadText('broker bus { topic orderPlaced  queue emails "Emails" }\n');
        expect(model.channels.map(c => [c.id, c.kind])).toEqual([['bus.orderPlaced', 'topic'], ['bus.emails', 'queue']]);
    });

    test('a gateway route is a synchronous connection with a path', async () => {
        const { model } = await loadText('gateway api { route "/orders" -> orders }\nservice orders\n');
        expect(model.connections.map(c => [c.id, c.origin, c.path, c.style])).toEqual([['api->orders', 'route', '/orders', 'sync']]);
    });

    test('a gateway route takes a protocol and public: true', async () => {
        const { model, diagnostics } = await loadText('gateway api {\n  route "/login" -> users : grpc { auth: none  public: true }\n  route "/orders" -> orders : grpcs\n}\nservice users\nservice orders\n');
        expect(model.connections.map(c => [c.id, c.protocol, c.tls, c.properties.get('public')?.value.type])).toEqual([
            ['api->users', 'grpc', false, 'boolean'], ['api->orders', 'grpcs', true, undefined]]);
        expect(diagnostics.filter(d => d.code === undefined || ['unknown-property', 'invalid-property-value'].includes(String(d.code)))).toEqual([]);
    });

    test('zones take mtls, identity providers a token policy, clients secure storage', async () => {
        const { model, diagnostics } = await loadText('zone mesh {\n  mtls: true\n  idp kc { issues: jwt { expiry: 15m  revocation: denylist } }\n  client app { tokenStorage: secureStorage }\n}\n');
        const kc = model.components.find(c => c.id === 'kc')!;
        const issues = kc.properties.get('issues')?.value;
        expect([model.zones[0].properties.get('mtls')?.value.type, issues?.type === 'mode' ? [issues.mode, [...issues.properties.keys()]] : undefined])
            .toEqual(['boolean', ['jwt', ['expiry', 'revocation']]]);
        expect(diagnostics.filter(d => d.code === undefined || ['unknown-property', 'invalid-property-value'].includes(String(d.code)))).toEqual([]);
    });

    test('a connection takes a protocol, a label and a property block', async () => {
        const { model } = await loadText('service a\ndatabase b\na -> b : sql+tls "reads" { timeout: 2s  op: read }\n');
        const [c] = model.connections;
        expect([c.protocol, c.tls, c.label, c.properties.get('timeout')?.value.type]).toEqual(['sql+tls', true, 'reads', 'duration']);
    });

    test('a connection inside a body starts at the enclosing component', async () => {
        const { model } = await loadText('service a { -> b : grpc }\nservice b\n');
        expect(model.connections.map(c => [c.id, c.origin])).toEqual([['a->b', 'body']]);
    });

    test('~> is asynchronous and fills the channel publishers and subscribers', async () => {
        const { model } = await loadText('service a\nservice b\nbroker bus { topic t }\na ~> bus.t\nbus.t ~> b\n');
        expect([model.channels[0].publishers, model.channels[0].subscribers]).toEqual([['a~>bus.t'], ['bus.t~>b']]);
    });

    test('a plaintext protocol is marked as not TLS', async () => {
        const { model } = await loadText('service a\nservice b\na -> b : http\n');
        expect(model.connections[0].tls).toBe(false);
    });

    test('durations, rates, numbers, booleans, strings, enums and lists are typed', async () => {
        const { model } = await loadText('gateway g { rateLimit: 6000/min  cache: 250ms  replicas: 2  waf: true  technology: "Kong"  cors: ["a", "b"] }\n');
        const p = model.components[0].properties;
        expect([
            p.get('rateLimit')?.value, p.get('cache')?.value, p.get('replicas')?.value, p.get('waf')?.value,
            p.get('technology')?.value, p.get('cors')?.value.type,
        ].map(v => typeof v === 'string' ? v : v && 'perSecond' in v ? v.perSecond : v && 'milliseconds' in v ? v.milliseconds : v && 'value' in v ? v.value : v)).toEqual([100, 250, 2, true, 'Kong', 'list']);
    });

    test('a count such as 1000 items is a quantity', async () => {
        const { model } = await loadText('batch b { every: 1000 items }\n');
        expect(model.components[0].properties.get('every')?.value).toMatchObject({ type: 'quantity', amount: 1000, unit: 'items' });
    });

    test('a mode with nested settings is typed against that mode', async () => {
        const { model } = await loadText('idp idp\ngateway api { auth: jwt { issuer: idp  expiry: 15m  revocation: denylist } }\n');
        const auth = model.components[1].properties.get('auth')?.value;
        expect(auth?.type === 'mode' ? [auth.mode, auth.properties.get('expiry')?.value.text, auth.properties.get('issuer')?.value] : auth)
            .toMatchObject(['jwt', '15m', { type: 'reference', target: 'idp' }]);
    });

    test('a reference property resolves to the component id', async () => {
        const { model } = await loadText('cdn edge { origin: assets }\nstorage assets\n');
        expect(model.components[0].properties.get('origin')?.value).toMatchObject({ type: 'reference', target: 'assets' });
    });

    test('@allow on a connection is recorded with its rule and reason', async () => {
        const { model } = await loadText('service a\nservice b\n@allow(sync-chain-too-deep, "needed")\na -> b : grpc\n');
        expect(model.connections[0].allows.map(a => [a.rule, a.reason])).toEqual([['sync-chain-too-deep', 'needed']]);
    });

    test('@allow on a declaration and on a zone is recorded', async () => {
        const { model } = await loadText('@allow(orphan-component, "later")\nzone z { @allow(single-point-of-failure, "lab") service s }\n');
        expect([model.zones[0].allows[0].rule, model.components[0].allows[0].rule]).toEqual(['orphan-component', 'single-point-of-failure']);
    });

    test('a view lists its members and direction', async () => {
        const { model } = await loadText('service a\nservice b\nview v "V" { include a, b  direction: down }\n');
        expect(model.views.map(v => [v.id, v.includes, v.direction, v.includeAll])).toEqual([['v', ['a', 'b'], 'down', false]]);
    });

    test('a view may include everything and exclude some', async () => {
        const { model } = await loadText('service a\nservice b\nview v { include *  exclude b }\n');
        expect(model.views.map(v => [v.includeAll, v.excludes])).toEqual([[true, ['b']]]);
    });

    test('without a view the model has an implicit overview', async () => {
        const { model } = await loadText('service a\n');
        expect(model.views.map(v => [v.id, v.implicit, v.includeAll])).toEqual([['overview', true, true]]);
    });

    test('flow steps are numbered and matched to declared connections', async () => {
        const { model } = await loadText('client c\nservice s\nc -> s : https\nflow f "F" { c -> s "GET /"  s -> c }\n');
        expect(model.flows[0].steps.map(s => [s.index, s.connection])).toEqual([[1, 'c->s'], [2, undefined]]);
    });

    test('line and block comments are ignored', async () => {
        expect(await syntaxErrors('// a line\n/* a\n block */ service a // trailing\n')).toEqual([]);
    });

    test('a file with several syntax errors reports each of them', async () => {
        const errors = await syntaxErrors('service a { replicas: }\nservice b { -> }\na -> : https\n');
        expect(errors.length).toBeGreaterThanOrEqual(3);
    });

    test('syntax errors are short sentences, not token dumps', async () => {
        const errors = await syntaxErrors('zone z { trust: public\n');
        expect(errors.every(e => e.length < 200)).toBe(true);
    });

    test('a misspelt kind is reported as an unknown kind with a suggestion', async () => {
        expect(await problems('servce orders\n')).toEqual(["1:1 unknown-kind: Unknown component kind 'servce'. Did you mean 'service'?"]);
    });
});
