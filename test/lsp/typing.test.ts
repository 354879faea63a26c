/**
 * Typing through the bundled language server over stdio, the way an editor sends it: one
 * incremental change per keystroke (with auto-closed quotes and braces), deletions, a revert
 * to the saved text, at typing speed and in bursts. Afterwards the server must report exactly
 * the diagnostics of the final text, as a freshly opened document gets them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generateModel } from '../../bench/generate-model.js';
import { ensureServerBuilt, LspClient } from '../support/lsp-client.js';
import { tempDir } from '../support/temp-dirs.js';

const SHOP = readFileSync('examples/online-shop/shop.arch', 'utf8');
const PAYMENTS = readFileSync('examples/online-shop/payments.arch', 'utf8');

beforeAll(() => {
    ensureServerBuilt();
}, 120_000);

let servers: LspClient[] = [];
afterEach(() => {
    for (const server of servers) server.process.kill();
    servers = [];
});

/** A document in the server, edited like an editor does; `text` mirrors what the server should have. */
async function openShop(initial = SHOP) {
    const dir = tempDir('archway-typing-');
    writeFileSync(join(dir, 'shop.arch'), initial);
    writeFileSync(join(dir, 'payments.arch'), PAYMENTS);
    const uri = pathToFileURL(join(dir, 'shop.arch')).toString();
    const server = new LspClient();
    servers.push(server);
    await server.connection.sendRequest('initialize', {
        processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {},
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'shop' }],
    });
    await server.connection.sendNotification('initialized', {});
    const opened = server.diagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: initial } });
    await opened;
    let text = initial;
    let version = 1;
    const requestErrors: string[] = [];
    const positionAt = (offset: number) => {
        const before = text.slice(0, offset).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
    };
    return {
        server, uri, requestErrors,
        get text() { return text; },
        /** Replaces [start, end) with `insert`, sent as one incremental change. */
        async replace(start: number, end: number, insert: string, pauseMs: number): Promise<void> {
            const range = { start: positionAt(start), end: positionAt(end) };
            text = text.slice(0, start) + insert + text.slice(end);
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: insert }] });
            const at = positionAt(start + insert.length);
            // What an editor asks after a keystroke.
            await Promise.all([
                server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at }),
                server.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }),
                server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }),
                server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
                server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }),
                server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: positionAt(text.length) } }),
                server.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri }, position: at }),
            ].map((p, i) => answeredWithin(p, REQUESTS_AFTER_KEYSTROKE[i], version).catch((e: Error) => { requestErrors.push(e.message); })));
            if (pauseMs > 0) await new Promise(resolve => setTimeout(resolve, pauseMs));
        },
        /** Replaces the whole text (as "Revert File" does). */
        async replaceAll(newText: string): Promise<void> {
            text = newText;
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: newText }] });
        },
    };
}

/** What an editor asks after a keystroke, in the order `replace` sends it. */
const REQUESTS_AFTER_KEYSTROKE = ['completion', 'semanticTokens/full', 'foldingRange', 'documentSymbol', 'codeLens', 'inlayHint', 'documentHighlight'];

/** A request's answer, or an error naming it when the server has not answered within 30 s (a hang, not slowness). */
function answeredWithin<T>(request: Promise<T>, method: string, version: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer to textDocument/${method} after version ${version} within 30 s.`)), 30_000);
    });
    return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}

/** Types `typed` at `offset` one keystroke at a time, auto-closing quotes and braces like VS Code. */
async function type(doc: Awaited<ReturnType<typeof openShop>>, offset: number, typed: string, pauseMs: number): Promise<number> {
    let cursor = offset;
    for (const ch of typed) {
        const next = doc.text[cursor];
        if ((ch === '"' || ch === '}') && next === ch) cursor++; // type over the auto-inserted closer
        else if (ch === '"') await doc.replace(cursor, cursor++, '""', pauseMs);
        else if (ch === '{') await doc.replace(cursor, cursor++, '{}', pauseMs);
        else await doc.replace(cursor, cursor++, ch, pauseMs);
    }
    return cursor;
}

async function backspace(doc: Awaited<ReturnType<typeof openShop>>, cursor: number, count: number, pauseMs: number): Promise<number> {
    for (let i = 0; i < count; i++) await doc.replace(cursor - 1, cursor--, '', pauseMs);
    return cursor;
}

/** The diagnostics a fresh server gives the text. */
async function freshDiagnostics(text: string): Promise<string[]> {
    const dir = tempDir('archway-typing-fresh-');
    writeFileSync(join(dir, 'shop.arch'), text);
    writeFileSync(join(dir, 'payments.arch'), PAYMENTS);
    const uri = pathToFileURL(join(dir, 'shop.arch')).toString();
    const server = new LspClient();
    servers.push(server);
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'shop' }] });
    await server.connection.sendNotification('initialized', {});
    const published = server.diagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
    return summarize(await published);
}

function summarize(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`).sort();
}

/** Waits until the server has been quiet (no diagnostics for `uri`) for a while, then returns the latest ones. */
async function settledDiagnostics(server: LspClient, uri: string): Promise<string[]> {
    let latest = server.latestDiagnostics(uri);
    for (;;) {
        const next = await Promise.race([server.diagnostics(uri), new Promise<undefined>(resolve => setTimeout(resolve, 1_500))]);
        if (next === undefined) break;
        latest = next;
    }
    return summarize(latest ?? []);
}

describe.each([0, 15])('typing with %i ms between keystrokes', (pauseMs) => {
    test('completion-style typing at the end, deleting it and reverting leave the diagnostics of the saved text', async () => {
        const doc = await openShop();
        let cursor = await type(doc, doc.text.length, '\n\n', pauseMs);
        for (const prefix of ['se', 'gat', 'data']) {
            cursor = await type(doc, cursor, prefix, pauseMs);
            cursor = await backspace(doc, cursor, prefix.length, pauseMs);
        }
        await doc.replaceAll(SHOP);
        expect(await settledDiagnostics(doc.server, doc.uri)).toEqual(await freshDiagnostics(SHOP));
        expect({ requestErrors: doc.requestErrors, stderr: doc.server.stderr }).toEqual({ requestErrors: [], stderr: '' });
    }, 120_000);

    test('retyping a line with auto-closed quotes and braces leaves the diagnostics of the new text', async () => {
        const doc = await openShop();
        const line = '  service billing "Billing"';
        const start = doc.text.indexOf(line);
        expect(start).toBeGreaterThan(0);
        await doc.replace(start, start + line.length, '', pauseMs);
        await type(doc, start, '  service billing "Billing Service" { replicas: 2 }', pauseMs);
        expect({ requestErrors: doc.requestErrors, stderr: doc.server.stderr }).toEqual({ requestErrors: [], stderr: '' });
        expect(await settledDiagnostics(doc.server, doc.uri)).toEqual(await freshDiagnostics(doc.text));
    }, 120_000);
});

describe('typing a declaration at the end of a big file', () => {
    // The end of a file is parsed incrementally, through broken states: the diagnostics must
    // still be a fresh document's, syntax errors (positions, messages) included.
    test('keystroke by keystroke at the end of a 1,000-component file, the diagnostics are a fresh open\'s, in a broken state and after', async () => {
        const big = generateModel({ components: 1000 })['main.arch'];
        const doc = await openShop(big);
        // Without auto-closing (as with it turned off), so the states in between are broken.
        const typeRaw = async (at: number, typed: string) => {
            for (const ch of typed) await doc.replace(at, at++, ch, 0);
            return at;
        };
        let cursor = await typeRaw(doc.text.length, '\nservice foo "F');
        const broken = doc.text;
        expect(broken.endsWith('service foo "F')).toBe(true);
        expect(await settledDiagnostics(doc.server, doc.uri)).toEqual(await freshDiagnostics(broken));
        cursor = await typeRaw(cursor, 'oo service" { owner: "team-a" }\nfoo -> foo : https\n');
        expect(doc.text).toBe(`${big}\nservice foo "Foo service" { owner: "team-a" }\nfoo -> foo : https\n`);
        expect(await settledDiagnostics(doc.server, doc.uri)).toEqual(await freshDiagnostics(doc.text));
        expect({ requestErrors: doc.requestErrors, stderr: doc.server.stderr }).toEqual({ requestErrors: [], stderr: '' });
    }, 300_000);
});
