import { afterEach, describe, expect, test } from 'vitest';
import { expectCompletion } from 'langium/test';
import type { CompletionList } from 'vscode-languageserver-types';
import { editorServices } from '../support/services.js';

const { services, addFile, reset } = editorServices();
const complete = expectCompletion(services);

/** Labels offered at the `<|>` marker. */
async function labelsAt(text: string, index = 0): Promise<string[]> {
    let labels: string[] = [];
    await complete({ text, index, assert: (list: CompletionList) => { labels = list.items.map(i => i.label); } });
    return labels;
}

afterEach(() => reset());

describe('completion', () => {
    test('offers component kinds and snippets where a declaration starts', async () => {
        const labels = await labelsAt('<|>');
        expect(labels).toEqual(expect.arrayContaining(['service', 'gateway', 'database', 'broker', 'zone', 'view', 'flow', 'gateway …', 'cdn …', 'broker …', 'zone …']));
    });

    test('leaves kind keywords and snippets to a client that contributes its own snippets', async () => {
        const provider = services.lsp.CompletionProvider as unknown as { clientProvidesSnippets: boolean };
        provider.clientProvidesSnippets = true;
        try {
            const labels = await labelsAt('service orders\n<|>');
            expect([labels.includes('service'), labels.includes('gateway …'), labels.includes('orders')]).toEqual([false, false, true]);
        } finally {
            provider.clientProvidesSnippets = false;
        }
    });

    test('offers the properties of the component kind with their docs', async () => {
        await complete({
            text: 'cdn edge {\n  <|>\n}',
            index: 0,
            assert: (list) => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['origin', 'ttl', 'waf', 'bypassWhen', 'description']));
                expect(labels).not.toContain('replicas');
                expect(list.items.find(i => i.label === 'origin')?.detail).toBe('Where the edge fetches a cache miss.');
            },
        });
    });

    test('leaves out properties already written in the block', async () => {
        const labels = await labelsAt('cdn edge {\n  ttl: 1h\n  <|>\n}');
        expect(labels).not.toContain('ttl');
        expect(labels).toContain('origin');
    });

    test('offers enum words after a property colon', async () => {
        expect(await labelsAt('dns dns { routing: <|> }')).toEqual(expect.arrayContaining(['simple', 'geo', 'latency', 'weighted', 'failover', 'anycast']));
    });

    test('offers auth modes after auth:', async () => {
        const labels = await labelsAt('service s {\n  auth: <|>\n}');
        expect(labels).toEqual(expect.arrayContaining(['none', 'session', 'jwt', 'apikey', 'oauth2', 'mtls']));
    });

    test('offers the settings of an auth mode inside its block', async () => {
        const labels = await labelsAt('gateway api {\n  auth: jwt { expiry: 15m <|> }\n}');
        expect(labels).toEqual(expect.arrayContaining(['issuer', 'refresh', 'revocation']));
        expect(labels).not.toContain('expiry');
    });

    test('offers only references of the right kind for origin:', async () => {
        const text = 'storage assets\nservice api\nclient web\ndatabase db\ncdn edge {\n  origin: <|>\n}';
        const labels = await labelsAt(text);
        expect(labels).toEqual(expect.arrayContaining(['assets', 'api']));
        expect(labels).not.toContain('web');
        expect(labels).not.toContain('db');
    });

    test('offers caches and databases for a session store', async () => {
        const text = 'cache sessions\ndatabase db\nservice other\nservice users {\n  auth: session { store: <|> }\n}';
        const labels = await labelsAt(text);
        expect(labels).toEqual(expect.arrayContaining(['sessions', 'db']));
        expect(labels).not.toContain('other');
    });

    test('offers protocols after a connection colon, TLS first', async () => {
        await complete({
            text: 'service a\ndatabase db\na -> db : <|>',
            index: 0,
            assert: (list) => {
                const sorted = [...list.items].sort((x, y) => (x.sortText ?? '').localeCompare(y.sortText ?? ''));
                expect(sorted[0].label).toBe('sql+tls');
                expect(sorted.map(i => i.label)).toEqual(expect.arrayContaining(['https', 'grpc', 'kafka+tls', 'http']));
            },
        });
    });

    test('offers ids after an arrow', async () => {
        const labels = await labelsAt('service a\nservice b\ndatabase db\na -> <|>');
        expect(labels).toEqual(expect.arrayContaining(['b', 'db']));
        expect(labels).not.toContain('a');
    });

    test("offers a broker's topics and queues after broker.", async () => {
        const labels = await labelsAt('broker bus {\n  topic orderPlaced\n  queue jobs\n}\nbroker other { topic x }\nservice a\na ~> bus.<|>');
        expect(labels).toEqual(['orderPlaced', 'jobs']);
    });

    test('offers rule ids inside @allow(', async () => {
        const labels = await labelsAt('service a\n@allow(<|>\nservice b');
        expect(labels).toEqual(expect.arrayContaining(['sync-chain-too-deep', 'gateway-bypass', 'plaintext-connection']));
    });

    test('offers include, exclude and view properties in a view', async () => {
        expect(await labelsAt('view v {\n  <|>\n}')).toEqual(expect.arrayContaining(['include', 'exclude', 'direction', 'title']));
        expect(await labelsAt('service a\nzone z { }\nview v {\n  include <|>\n}')).toEqual(expect.arrayContaining(['*', 'a', 'z']));
    });

    test('offers declared connection targets first in a flow step', async () => {
        await complete({
            text: 'service a\nservice b\nservice c\na -> c\nflow f {\n  a -> <|>\n}',
            index: 0,
            assert: (list) => {
                const sorted = [...list.items].sort((x, y) => (x.sortText ?? '').localeCompare(y.sortText ?? ''));
                expect(sorted[0].label).toBe('c');
            },
        });
    });

    test('offers ids declared in an imported file', async () => {
        await addFile('payments.arch', 'service payments\nbroker bus { topic settled }');
        const labels = await labelsAt('import "./payments.arch"\nservice orders\norders -> <|>');
        expect(labels).toContain('payments');
        expect(await labelsAt('import "./payments.arch"\nservice orders\norders ~> bus.<|>')).toEqual(['settled']);
    });

    test('offers the other files of the workspace in an import path', async () => {
        await addFile('lib/payments.arch', 'service payments');
        await addFile('shared.arch', 'service shared');
        const labels = await labelsAt('import "./shared.arch"\nimport "<|>');
        expect(labels).toContain('./lib/payments.arch');
        expect(labels).not.toContain('./shared.arch');
    });

    test('offers route, topic and queue only where they belong', async () => {
        expect(await labelsAt('gateway api {\n  <|>\n}')).toContain('route');
        expect(await labelsAt('service s {\n  <|>\n}')).not.toContain('route');
        expect(await labelsAt('broker b {\n  <|>\n}')).toEqual(expect.arrayContaining(['topic', 'queue']));
    });

    test('offers route properties in a route, zone and identity-provider properties where they belong', async () => {
        const route = await labelsAt('gateway api {\n  route "/o" -> orders { <|> }\n}\nservice orders');
        const connection = await labelsAt('service a\nservice b\na -> b { <|> }');
        expect([route.includes('public'), route.includes('timeout'), connection.includes('public'), connection.includes('timeout')]).toEqual([true, true, false, true]);
        expect(await labelsAt('zone z {\n  <|>\n}')).toContain('mtls');
        expect(await labelsAt('idp kc {\n  <|>\n}')).toContain('issues');
        expect(await labelsAt('client app { tokenStorage: <|> }')).toContain('secureStorage');
    });

    test('offers nothing inside comments and strings', async () => {
        expect(await labelsAt('// a comment <|>')).toEqual([]);
        expect(await labelsAt('service a "label <|>')).toEqual([]);
    });

    test('never throws on broken text', async () => {
        const texts = ['service {{{ <|>', '-> -> : <|>', '@allow(<|', 'zone z { trust: <|>', '}}} <|> {{', 'broker . <|>', 'a ~> . <|>'];
        for (const text of texts) {
            const marked = text.includes('<|>') ? text : `${text}<|>`;
            await expect(labelsAt(marked)).resolves.toBeInstanceOf(Array);
        }
    });
});
