import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateModel } from '../../bench/generate-model.js';
import type {
    CodeLens, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InitializeResult, InlayHint, LocationLink, SelectionRange, SemanticTokens,
    TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { ensureServerBuilt, LspClient } from '../support/lsp-client.js';
import { COMPONENT_KINDS } from '../../src/model/component-kinds.js';
import { tempDir } from '../support/temp-dirs.js';

const ORDERS = `import "./payments.arch"

service orders "Order service" {
  replicas: 2
  -> payments : grpcs
}
orders -> missing : https
view overview { include * }
`;

const PAYMENTS = `import "./orders.arch"

service payments "Payment service" { replicas: 2 }
`;

/** One-line edits timed in the latency measurement. */
const EDITS = 20;

beforeAll(() => {
    ensureServerBuilt();
}, 120_000);

describe('the bundled language server over stdio', () => {
    test('serves diagnostics, completion, hover, definition and rename across two files that import each other, then shuts down', async () => {
        const dir = tempDir('archway-stdio-');
        writeFileSync(join(dir, 'orders.arch'), ORDERS);
        writeFileSync(join(dir, 'payments.arch'), PAYMENTS);
        const ordersUri = pathToFileURL(join(dir, 'orders.arch')).toString();
        const paymentsUri = pathToFileURL(join(dir, 'payments.arch')).toString();
        const server = new LspClient();
        const { connection } = server;

        const init = await connection.sendRequest<InitializeResult>('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(dir).toString(),
            workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'shop' }],
            capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, rename: { prepareSupport: true } } },
        });
        expect(init.capabilities.completionProvider).toBeDefined();
        expect(init.capabilities.hoverProvider).toBeTruthy();
        expect(init.capabilities.renameProvider).toBeTruthy();
        expect(init.capabilities.documentFormattingProvider).toBeTruthy();
        expect(init.capabilities.selectionRangeProvider).toBe(true);
        await connection.sendNotification('initialized', {});

        const unresolved = server.diagnostics(ordersUri, d => d.some(x => x.code === 'unresolved-reference'));
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: ordersUri, languageId: 'arch', version: 1, text: ORDERS } });
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: paymentsUri, languageId: 'arch', version: 1, text: PAYMENTS } });
        const first = await unresolved;
        expect(first.find(d => d.code === 'unresolved-reference')?.range.start.line).toBe(6);

        // Completion after `-> ` offers the id declared in the other file.
        const completion = await connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: ordersUri }, position: { line: 6, character: 10 } });
        expect(completion.items.map(i => i.label)).toContain('payments');

        // Hover on `payments` (declared in the other file).
        const hover = await connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: ordersUri }, position: { line: 4, character: 6 } });
        expect(JSON.stringify(hover.contents)).toContain('Payment service');

        // Definition jumps to the other file.
        const definition = await connection.sendRequest<LocationLink[]>('textDocument/definition', { textDocument: { uri: ordersUri }, position: { line: 4, character: 6 } });
        expect(definition[0].targetUri).toBe(paymentsUri);

        // Rename `payments` edits both files.
        const rename = await connection.sendRequest<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: ordersUri }, position: { line: 4, character: 6 }, newName: 'billing' });
        expect(Object.keys(rename.changes ?? {}).sort()).toEqual([ordersUri, paymentsUri].sort());

        // Formatting, outline, folding, selection ranges, semantic tokens, code lens and inlay hints are served too.
        const formatting = await connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: paymentsUri }, options: { tabSize: 2, insertSpaces: true } });
        expect(formatting).toEqual([]);
        const symbols = await connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: ordersUri } });
        expect(symbols.map(s => s.name)).toEqual(['orders', 'overview']);
        const folding = await connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: ordersUri } });
        expect(folding.some(f => f.startLine === 2 && f.endLine === 4)).toBe(true);
        const selection = await connection.sendRequest<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: ordersUri }, positions: [{ line: 3, character: 4 }] });
        expect(selection[0].range).toEqual({ start: { line: 3, character: 2 }, end: { line: 3, character: 10 } });
        const tokens = await connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: ordersUri } });
        expect(tokens.data.length).toBeGreaterThan(0);
        const lenses = await connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: ordersUri } });
        expect(lenses.map(l => l.command?.arguments)).toEqual([[{ uri: ordersUri, view: 'overview' }]]);
        await connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: ordersUri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } });

        // A change that fixes the reference: the diagnostics update.
        const fixed = server.diagnostics(ordersUri, d => !d.some(x => x.code === 'unresolved-reference'));
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: ordersUri, version: 2 },
            contentChanges: [{ range: { start: { line: 6, character: 10 }, end: { line: 6, character: 17 } }, text: 'payments' }],
        });
        await fixed;

        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        expect((await server.exit).code).toBe(0);
        connection.dispose();
    }, 180_000);

    test('the diagram after an edit shows the findings of the edited text, not of the text before', async () => {
        const dir = tempDir('archway-stdio-diagram-');
        const text = 'service api "API" { replicas: 2 }\ndatabase db "DB" { replicas: 2 }\napi -> db : sql+tls\nservice lonely "Lonely" { replicas: 2 }\n';
        const uri = pathToFileURL(join(dir, 'solo.arch')).toString();
        writeFileSync(join(dir, 'solo.arch'), text);
        const server = new LspClient();
        const { connection } = server;
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
        await connection.sendNotification('initialized', {});
        const orphan = server.diagnostics(uri, d => d.some(x => x.code === 'orphan-component'));
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
        await orphan;
        const badgeOnLonely = (svg: string) => /data-id="lonely"[^>]*>(?:(?!<g class="aw-).)*data-badge=/s.test(svg);
        const before = await connection.sendRequest<{ svg: string }>('archway/diagram', { uri });
        expect(badgeOnLonely(before.svg)).toBe(true);

        const connected = server.diagnostics(uri, d => !d.some(x => x.code === 'orphan-component'));
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'api -> lonely : https\n' }],
        });
        await connected;
        const after = await connection.sendRequest<{ svg: string }>('archway/diagram', { uri });
        expect(badgeOnLonely(after.svg)).toBe(false);

        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        await server.exit;
        connection.dispose();
    }, 120_000);

    test('archway lsp --stdio serves the same server', async () => {
        const server = new LspClient({ command: ['bin/archway.cjs', 'lsp', '--stdio'] });
        const init = await server.connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
        expect(init.capabilities.hoverProvider).toBeTruthy();
        expect(init.capabilities.completionProvider).toBeDefined();
        await server.connection.sendNotification('initialized', {});
        await server.connection.sendRequest('shutdown');
        await server.connection.sendNotification('exit');
        expect((await server.exit).code).toBe(0);
        server.connection.dispose();
    }, 180_000);

    /**
     * Measures (does not assert) keystroke → diagnostics latency on a generated 1,000-component
     * file: one-line edits, each introducing a new unresolved id, timed from `didChange` to the
     * diagnostics that mention it. Prints the median.
     */
    test('keystroke to diagnostics latency on a 1,000-component file is measured', async () => {
        const generated = generateModel({ components: 1000 })['main.arch'];
        const base = `${generated}client typist "Typist"\n`;
        const editLine = base.split('\n').length - 1; // the line after the last one
        const text = `${base}typist -> ghost0 : https\n`;
        const components = (text.match(new RegExp(`^\\s*(${COMPONENT_KINDS.join('|')})\\s`, 'gm')) ?? []).length;
        const dir = tempDir('archway-latency-');
        const path = join(dir, 'main.arch');
        writeFileSync(path, text);
        const uri = pathToFileURL(path).toString();
        const server = new LspClient();
        const { connection } = server;
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
        await connection.sendNotification('initialized', {});
        const mentions = (name: string) => (diagnostics: Diagnostic[]) => diagnostics.some(d => (typeof d.message === 'string' ? d.message : '').includes(name));
        const firstDiagnostics = server.diagnostics(uri, mentions('ghost0'), 120_000);
        const opened = performance.now();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
        await firstDiagnostics;
        const initial = performance.now() - opened;
    
        const latencies: number[] = [];
        let previous = 'ghost0';
        for (let i = 1; i <= EDITS; i++) {
            const name = `ghost${i}`;
            const arrived = server.diagnostics(uri, mentions(name), 60_000);
            const start = performance.now();
            await connection.sendNotification('textDocument/didChange', {
                textDocument: { uri, version: i + 1 },
                contentChanges: [{ range: { start: { line: editLine, character: 10 }, end: { line: editLine, character: 10 + previous.length } }, text: name }],
            });
            await arrived;
            latencies.push(performance.now() - start);
            previous = name;
        }
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        await server.exit;
        connection.dispose();
    
        const sorted = [...latencies].sort((a, b) => a - b);
        const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
        console.log(`[latency] ${components} components, ${text.split('\n').length} lines: first diagnostics ${initial.toFixed(0)} ms; `
            + `one-line edit → diagnostics over stdio: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (${EDITS} edits; load average ${loadavg()[0].toFixed(1)})`);
        expect(latencies).toHaveLength(EDITS);
    }, 600_000);
});
