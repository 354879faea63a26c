/**
 * Model-level diagnostics: each with its exact range and message.
 */
import { describe, expect, test } from 'vitest';
import { loadText } from '../support/services.js';

/** The diagnostics with a given code as `line:col-line:col message` (1-based). */
async function report(text: string, code: string): Promise<string[]> {
    const { diagnostics } = await loadText(text);
    return diagnostics.filter(d => d.code === code).map(d =>
        `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`);
}

describe('model diagnostics', () => {
    test('a misspelt property is reported on its name with a suggestion', async () => {
        expect(await report('service orders { replcas: 3 }\n', 'unknown-property'))
            .toEqual(["1:18-1:25 Unknown property 'replcas' for service 'orders'. Did you mean 'replicas'?"]);
    });

    test('a property another kind has but this kind lacks is unknown', async () => {
        expect(await report('database db { rateLimit: 10/s }\n', 'unknown-property'))
            .toEqual(["1:15-1:24 Unknown property 'rateLimit' for database 'db'."]);
    });

    test('a rate without a unit is reported on the value', async () => {
        expect(await report('gateway api { rateLimit: 10 }\n', 'invalid-property-value'))
            .toEqual(["1:26-1:28 'rateLimit' of gateway 'api' needs a time unit: write '10/s' or '10/min'."]);
    });

    test('a word where a rate belongs is reported on the value', async () => {
        expect(await report('gateway api { rateLimit: fast }\n', 'invalid-property-value'))
            .toEqual(["1:26-1:30 'rateLimit' of gateway 'api' expects a rate such as 100/s or 6000/min, not 'fast'."]);
    });

    test('a duration that is not one is reported inside a nested auth block', async () => {
        expect(await report('gateway api { auth: jwt { expiry: fast } }\n', 'invalid-property-value'))
            .toEqual(["1:35-1:39 'expiry' of jwt 'auth' of gateway 'api' expects a duration such as 250ms, 30s, 15m, 1h or 7d, not 'fast'."]);
    });

    test('an unknown enum word suggests the closest value', async () => {
        expect(await report('zone z { trust: pubic }\n', 'invalid-property-value'))
            .toEqual(["1:17-1:22 'trust' of zone 'z' must be one of public, edge, private, not 'pubic'. Did you mean 'public'?"]);
    });

    test('an unknown auth mode suggests the closest mode', async () => {
        expect(await report('service s { auth: jwtt }\n', 'invalid-property-value'))
            .toEqual(["1:19-1:23 'auth' of service 's' must be one of none, session, jwt, apikey, oauth2, mtls, not 'jwtt'. Did you mean 'jwt'?"]);
    });

    test('replicas must be a whole number of at least one', async () => {
        expect(await report('service s { replicas: 0 }\n', 'invalid-property-value'))
            .toEqual(["1:23-1:24 'replicas' of service 's' must be at least 1, not '0'."]);
    });

    test('an undeclared connection target is reported on the reference with a suggestion', async () => {
        expect(await report('service users\nservice web\nweb -> usrs\n', 'unresolved-reference'))
            .toEqual(["3:8-3:12 The connection target 'usrs' is not declared. Did you mean 'users'?"]);
    });

    test('an undeclared topic of a known broker suggests the closest topic', async () => {
        expect(await report('broker bus { topic placed }\nservice s\ns ~> bus.placd\n', 'unresolved-reference'))
            .toEqual(["3:6-3:15 The connection target 'bus.placd' names no topic or queue of 'bus'. Did you mean 'bus.placed'?"]);
    });

    test('a reference property naming the wrong kind is a warning on the value', async () => {
        const { diagnostics } = await loadText('cdn edge { origin: web }\nclient web\n');
        const d = diagnostics.find(x => x.code === 'unresolved-reference')!;
        expect([d.severity, d.message]).toEqual([2, "'origin' of cdn 'edge' should name a storage, service, function, gateway, loadbalancer, external, but 'web' is a client."]);
    });

    test('an undeclared reference property is reported once', async () => {
        expect(await report('cdn edge { origin: asets }\nstorage assets\n', 'unresolved-reference'))
            .toEqual(["1:20-1:25 'origin' of cdn 'edge' names 'asets', which is not declared. Did you mean 'assets'?"]);
    });

    test('a component whose own reference failed is marked for the rules to skip', async () => {
        const { model } = await loadText('service a { -> nowhere }\n');
        expect(model.components[0].hasUnresolvedReferences).toBe(true);
    });

    test('a duplicate id is reported at both declarations, each naming the other', async () => {
        expect(await report('service orders\ndatabase orders\n', 'duplicate-id')).toEqual([
            "1:9-1:15 The id 'orders' is declared more than once; it is also declared at main.arch:2:10.",
            "2:10-2:16 The id 'orders' is declared more than once; it is also declared at main.arch:1:9.",
        ]);
    });

    test('a duplicate id carries the other place as related information', async () => {
        const { diagnostics } = await loadText('service orders\ndatabase orders\n');
        expect(diagnostics.find(d => d.code === 'duplicate-id')?.relatedInformation?.[0].location.range.start).toEqual({ line: 1, character: 9 });
    });

    test('enum words are not mistaken for unresolved references', async () => {
        expect(await report('dns d { routing: geo }\n', 'unresolved-reference')).toEqual([]);
    });

    test('an unknown annotation is reported', async () => {
        expect(await report('@deprecated service s\n', 'unknown-annotation'))
            .toEqual(["1:1-1:12 Unknown annotation '@deprecated'; the only annotation is @allow(rule-id, \"reason\")."]);
    });

    test('topics on a component that is not a broker are rejected', async () => {
        expect(await report('service s { topic t }\n', 'invalid-property-value'))
            .toEqual(["1:13-1:20 Only a broker has topics and queues; 's' is a service."]);
    });
});
