/**
 * Quick fixes over the real language server on stdio: diagnostics carry no fix payload; a client
 * that resolves code actions (VS Code's) gets each fix as a small handle and its edit from
 * `codeAction/resolve`; a client that does not gets the edit at once; a resolve for a document
 * that changed since, or with a handle the server did not make, answers without an edit and the
 * server keeps serving.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureServerBuilt, LspClient } from '../support/lsp-client.js';

const URI_ = 'file:///lazy-fixes/main.arch';
const TEXT = [
    'service orders { replica: 2 }',
    'service billing { replicas: 2 }',
    'orders -> billing : grpcs',
    '',
].join('\n');
const RESOLVES = { codeAction: { resolveSupport: { properties: ['edit'] }, dataSupport: true } };

let server: LspClient | undefined;

beforeAll(() => ensureServerBuilt(), 120_000);
afterEach(async () => {
    await server?.shutdown();
    server = undefined;
});

async function start(textDocument: Record<string, unknown>): Promise<{ client: LspClient; diagnostics: Diagnostic[]; resolveProvider: unknown }> {
    const client = new LspClient();
    server = client;
    const init = await client.initialize(undefined, undefined, textDocument);
    const published = client.diagnostics(URI_, d => d.some(x => x.code === 'unknown-property'));
    await client.open(URI_, TEXT);
    const provider = init.capabilities.codeActionProvider;
    return { client, diagnostics: await published, resolveProvider: typeof provider === 'object' ? provider.resolveProvider : undefined };
}

function codeActions(client: LspClient, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI_ }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
}

function applied(text: string, action: CodeAction): string {
    const edits = action.edit?.changes?.[URI_] as TextEdit[] | undefined;
    if (!edits) throw new Error(`'${action.title}' has no edit for ${URI_}`);
    return TextDocument.applyEdits(TextDocument.create(URI_, 'arch', 1, text), edits);
}

function find(diagnostics: Diagnostic[], code: string): Diagnostic {
    const diagnostic = diagnostics.find(d => d.code === code);
    if (!diagnostic) throw new Error(`no '${code}' in ${diagnostics.map(d => d.code).join(', ')}`);
    return diagnostic;
}

describe('quick fixes over stdio', () => {
    test('a client that resolves code actions: no payload on diagnostics, a handle on the action, the edit from resolve fixes the finding', async () => {
        const { client, diagnostics, resolveProvider } = await start(RESOLVES);
        expect(resolveProvider).toBe(true);
        for (const d of diagnostics) expect(JSON.stringify(d.data ?? null), `${String(d.code)} carries no fix`).not.toContain('fixes');
        const unknown = find(diagnostics, 'unknown-property');
        const actions = await codeActions(client, unknown);
        const rename = actions.find(a => a.title === "Rename to 'replicas'")!;
        expect(rename).toBeDefined();
        expect(rename.edit).toBeUndefined();
        expect(JSON.stringify(rename.data).length).toBeLessThan(200);
        const resolved = await client.connection.sendRequest<CodeAction>('codeAction/resolve', rename);
        const fixed = applied(TEXT, resolved);
        expect(fixed.split('\n')[0]).toBe('service orders { replicas: 2 }');
        const after = client.diagnostics(URI_, d => !d.some(x => x.code === 'unknown-property'));
        await client.change(URI_, fixed);
        // The fixed finding is gone and no other appeared.
        expect((await after).map(d => d.code).sort()).toEqual(diagnostics.filter(d => d.code !== 'unknown-property').map(d => d.code).sort());
    });

    test('a stale or foreign handle resolves to no edit, and the server keeps serving', async () => {
        const { client, diagnostics } = await start(RESOLVES);
        const timeout = find(diagnostics, 'sync-call-without-timeout');
        const [fix] = (await codeActions(client, timeout)).filter(a => !a.title.startsWith('Suppress'));
        expect(fix?.edit).toBeUndefined();
        // The document changes (a line above moves everything) before the fix is resolved.
        const moved = `// billing and orders\n${TEXT}`;
        const republished = client.diagnostics(URI_, d => d.some(x => x.code === 'sync-call-without-timeout' && x.range.start.line === 3));
        await client.change(URI_, moved);
        const current = await republished;
        const stale = await client.connection.sendRequest<CodeAction>('codeAction/resolve', fix);
        expect(stale.edit).toBeUndefined();
        expect(stale.title).toBe(fix.title);
        for (const data of [undefined, 'nope', { uri: URI_ }, { ...(fix.data as object), fix: 99 }, { ...(fix.data as object), uri: 'file:///nowhere.arch' }]) {
            expect((await client.connection.sendRequest<CodeAction>('codeAction/resolve', { ...fix, data })).edit, JSON.stringify(data)).toBeUndefined();
        }
        // Asked again on the current text, the fix resolves and applies there.
        const [again] = (await codeActions(client, find(current, 'sync-call-without-timeout'))).filter(a => a.title === fix.title);
        const fixed = applied(moved, await client.connection.sendRequest<CodeAction>('codeAction/resolve', again));
        const after = client.diagnostics(URI_, d => !d.some(x => x.code === 'sync-call-without-timeout'));
        await client.change(URI_, fixed);
        await after;
        expect(client.exited).toBeUndefined();
    });

    test('a client without resolve support gets each fix with its edit', async () => {
        const { client, diagnostics } = await start({});
        const actions = await codeActions(client, find(diagnostics, 'unknown-property'));
        const rename = actions.find(a => a.title === "Rename to 'replicas'")!;
        expect(rename.data).toBeUndefined();
        expect(applied(TEXT, rename).split('\n')[0]).toBe('service orders { replicas: 2 }');
        // Every action offered for every diagnostic comes with an edit.
        for (const d of diagnostics) for (const a of await codeActions(client, d)) expect(a.edit, `${String(d.code)}: '${a.title}'`).toBeDefined();
    });
});
