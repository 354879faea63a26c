/**
 * The web extension's language server (`src/server/browser.ts`, bundled for the browser as
 * `scripts/build.mjs` does) in headless Chromium, in a real Web Worker, spoken to over the LSP
 * protocol with `postMessage` as VS Code's browser client does. The page plays the client: it
 * answers the server's `archway/fs/*` requests from a virtual workspace (a `vscode-vfs:` folder,
 * as github.dev opens a repository), and only `shop.arch` is opened — `payments.arch` (imported)
 * and `archway.json` are read through the forwarded file system.
 */
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSystemMethods } from '../../src/protocol/file-system-protocol.js';
import { generateModel } from '../diagram/diagram-helpers.js';
import { hasChromium, launchBrowser } from '../extension/webview-harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ORIGIN = 'https://web.archway.test';
const FOLDER = 'vscode-vfs://github/acme/shop';

const SHOP = [
    'architecture "Shop"',
    '',
    'import "./payments.arch"',
    '',
    'service orders "Order service" {',
    '  replicas: 2',
    '  -> payments : https "charge"',
    '}',
    '',
].join('\n');

/** The virtual workspace the page serves. */
const FILES: Record<string, string> = {
    [`${FOLDER}/shop/shop.arch`]: SHOP,
    [`${FOLDER}/shop/payments.arch`]: 'service payments "Payment service" { replicas: 2 }\n',
    // Raises the rule to an error: seen only when the configuration is read through the client
    // (found by walking up from the model's folder).
    [`${FOLDER}/archway.json`]: '{ "rules": { "sync-call-without-timeout": "error" } }\n',
};

interface Diagnostic {
    code?: string | number;
    severity?: number;
    message: string;
    range: { start: { line: number; character: number } };
}

/** The page's LSP client (installed by `installClient`). */
declare global {
    interface Window {
        lsp: {
            request(method: string, params: unknown): Promise<unknown>;
            notify(method: string, params: unknown): void;
            diagnostics: Record<string, { version?: number; diagnostics: Diagnostic[] }[]>;
            fileRequests: { method: string; uri: string }[];
            errors: string[];
        };
    }
}

/** The server bundle, built in memory with the browser options of `scripts/build.mjs`. */
async function serverBundle(): Promise<string> {
    const result = await esbuild.build({
        entryPoints: [join(ROOT, 'src/server/browser.ts')], bundle: true, write: false, platform: 'browser', format: 'iife',
        target: 'chrome120', mainFields: ['browser', 'module', 'main'], logLevel: 'silent',
    });
    return result.outputFiles[0].text;
}

/** Starts the worker and a minimal LSP client in the page. */
async function installClient(page: Page): Promise<void> {
    await page.evaluate(({ files, folder, fs }) => {
        const worker = new Worker('/server.js');
        let nextId = 1;
        const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
        const kindOf = (uri: string): 'file' | 'directory' | 'none' =>
            uri in files ? 'file' : Object.keys(files).some(file => file.startsWith(uri.replace(/\/$/, '') + '/')) ? 'directory' : 'none';
        const lsp: Window['lsp'] = {
            diagnostics: {}, fileRequests: [], errors: [],
            request(method, params) {
                const id = nextId++;
                worker.postMessage({ jsonrpc: '2.0', id, method, params });
                return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
            },
            notify(method, params) {
                worker.postMessage({ jsonrpc: '2.0', method, params });
            },
        };
        const answer = (message: { id: number; method: string; params: { uri?: string; items?: unknown[] } }): unknown => {
            const uri = message.params?.uri ?? '';
            switch (message.method) {
                case fs.stat:
                    lsp.fileRequests.push({ method: message.method, uri });
                    return { type: kindOf(uri) };
                case fs.readFile:
                    lsp.fileRequests.push({ method: message.method, uri });
                    if (!(uri in files)) throw new Error(`No file ${uri}`);
                    return { text: files[uri] };
                case fs.readDirectory: {
                    lsp.fileRequests.push({ method: message.method, uri });
                    const prefix = uri.replace(/\/$/, '') + '/';
                    const entries = new Map<string, 'file' | 'directory'>();
                    for (const file of Object.keys(files)) {
                        if (!file.startsWith(prefix)) continue;
                        const rest = file.slice(prefix.length);
                        const slash = rest.indexOf('/');
                        entries.set(prefix + (slash < 0 ? rest : rest.slice(0, slash)), slash < 0 ? 'file' : 'directory');
                    }
                    return { entries: [...entries].map(([entry, type]) => ({ uri: entry, type })) };
                }
                case 'workspace/configuration':
                    return (message.params.items ?? []).map(() => null);
                default:
                    return null; // client/registerCapability, window/workDoneProgress/create, …
            }
        };
        worker.onerror = event => lsp.errors.push(`worker error: ${event.message}`);
        worker.onmessage = (event: MessageEvent) => {
            const message = event.data;
            if (message.method && message.id !== undefined) {
                try {
                    worker.postMessage({ jsonrpc: '2.0', id: message.id, result: answer(message) });
                } catch (error) {
                    worker.postMessage({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: String(error) } });
                }
            } else if (message.method === 'textDocument/publishDiagnostics') {
                (lsp.diagnostics[message.params.uri] ??= []).push({ version: message.params.version, diagnostics: message.params.diagnostics });
            } else if (message.id !== undefined) {
                const waiter = pending.get(message.id);
                pending.delete(message.id);
                if (message.error) waiter?.reject(new Error(message.error.message));
                else waiter?.resolve(message.result);
            }
        };
        window.lsp = lsp;
        void folder;
    }, { files: FILES, folder: FOLDER, fs: FileSystemMethods });
}

/** Waits until the latest diagnostics of `uri` satisfy `accept`; returns them. */
async function diagnosticsOf(page: Page, uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const deadline = Date.now() + 60_000;
    let last: Diagnostic[] | undefined;
    while (Date.now() < deadline) {
        const all = await page.evaluate(target => window.lsp.diagnostics[target] ?? [], uri);
        last = all.at(-1)?.diagnostics;
        if (last && accept(last)) return last;
        await page.waitForTimeout(100);
    }
    throw new Error(`The server published no matching diagnostics for ${uri}; last: ${JSON.stringify(last)}`);
}

// Skipped only where Chromium is not installed (.ci/run installs it, so CI always runs this).
describe.skipIf(!hasChromium)('the browser language server in a Web Worker', () => {
    let browser: Browser;
    let page: Page;
    const shopUri = `${FOLDER}/shop/shop.arch`;

    beforeAll(async () => {
        const bundle = await serverBundle();
        browser = await launchBrowser();
        page = await browser.newPage();
        await page.route('**/*', route => {
            const url = route.request().url();
            if (url === `${ORIGIN}/index.html`) return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Archway LSP</title>' });
            if (url === `${ORIGIN}/server.js`) return route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle });
            return route.fulfill({ status: 404, body: '' });
        });
        await page.goto(`${ORIGIN}/index.html`);
        await installClient(page);
        const initialized = await page.evaluate(folder => window.lsp.request('initialize', {
            processId: null, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'shop' }],
            capabilities: {
                workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
                textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } },
            },
            initializationOptions: { clientSnippets: true },
        }), FOLDER) as { capabilities: Record<string, unknown> };
        expect(initialized.capabilities).toHaveProperty('completionProvider');
        await page.evaluate(({ uri, text }) => {
            window.lsp.notify('initialized', {});
            window.lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
        }, { uri: shopUri, text: SHOP });
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
    });

    it('checks the open file against the imported one and archway.json, both read through the client', async () => {
        const diagnostics = await diagnosticsOf(page, shopUri, list => list.some(d => d.code === 'sync-call-without-timeout'));
        // The import resolved (no unresolved import or target), and the rule that needs the
        // imported service fired at the error severity archway.json gives it.
        expect(diagnostics.map(d => ({ code: d.code, severity: d.severity, line: d.range.start.line }))).toEqual([
            { code: 'sync-call-without-timeout', severity: 1, line: 6 },
        ]);
        const requests = await page.evaluate(() => window.lsp.fileRequests);
        expect(requests).toContainEqual({ method: FileSystemMethods.readFile, uri: `${FOLDER}/shop/payments.arch` });
        expect(requests).toContainEqual({ method: FileSystemMethods.readFile, uri: `${FOLDER}/archway.json` });
        expect(requests).toContainEqual({ method: FileSystemMethods.readDirectory, uri: FOLDER });
        expect(await page.evaluate(() => window.lsp.errors)).toEqual([]);
    });

    it('completes connection targets with the components of the imported file', async () => {
        const edited = SHOP.replace('  -> payments : https "charge"\n', '  -> payments : https "charge"\n  -> pay\n');
        await page.evaluate(({ uri, text }) => {
            window.lsp.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
        }, { uri: shopUri, text: edited });
        const result = await page.evaluate(uri => window.lsp.request('textDocument/completion', {
            textDocument: { uri }, position: { line: 7, character: 8 },
        }), shopUri) as { items: { label: string }[] } | { label: string }[];
        const items = Array.isArray(result) ? result : result.items;
        expect(items.map(item => item.label)).toContain('payments');
    });

    it('reports an import of a file the workspace does not have, with its location', async () => {
        const broken = SHOP.replace('./payments.arch', './billing.arch');
        await page.evaluate(({ uri, text }) => {
            window.lsp.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
        }, { uri: shopUri, text: broken });
        const diagnostics = await diagnosticsOf(page, shopUri, list => list.some(d => d.code === 'unresolved-import'));
        expect(diagnostics.find(d => d.code === 'unresolved-import')).toMatchObject({ severity: 1, range: { start: { line: 2 } } });
        expect(diagnostics.find(d => d.code === 'unresolved-import')!.message).toContain('./billing.arch');
    });

    it('draws a Markdown file\'s arch block with its import read through the client (the Markdown preview on the web)', async () => {
        const result = await page.evaluate(folder => window.lsp.request('archway/drawMarkdownBlock', {
            source: 'import "./payments.arch"\nclient web "Checkout page"\nweb -> payments "pays" { protocol: https  timeout: 2s }\n',
            markdownUri: `${folder}/shop/README.md`,
        }), FOLDER) as { svg?: string; problems: { message: string }[] };
        expect(result.svg).toMatch(/^<svg[\s>]/);
        expect(result.svg).toContain('Checkout page');
        expect(result.svg).toContain('Payment service');
        expect(result.problems.map(problem => problem.message).join('\n')).not.toMatch(/cannot be found|unresolved/i);
    }, 60_000);

    it('keeps answering after it has drawn a diagram: a 200-component file in a new folder gets its diagnostics', async () => {
        // elkjs, started in a Web Worker, used to take over the worker's onmessage at the first
        // layout: the server then heard nothing more from the client (issue 18's web-host timing).
        const drawn = await page.evaluate(folder => window.lsp.request('archway/drawMarkdownBlock', {
            source: 'service a "A" { replicas: 2 }\nservice b "B" { replicas: 2 }\na -> b : https { timeout: 1s }\n',
            markdownUri: `${folder}/docs/README.md`,
        }), FOLDER) as { svg?: string };
        expect(drawn.svg).toMatch(/^<svg[\s>]/);
        const uri = `${FOLDER}/big/big.arch`;
        const text = `${generateModel(200)}\nservice lonely "Lonely service" { replicas: 2 }\n`;
        await page.evaluate(({ uri, text }) => {
            window.lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
        }, { uri, text });
        const lonelyLine = text.split('\n').findIndex(line => line.startsWith('service lonely'));
        const diagnostics = await diagnosticsOf(page, uri, list => list.some(d => d.code === 'orphan-component' && d.range.start.line === lonelyLine));
        expect(diagnostics.find(d => d.code === 'orphan-component' && d.range.start.line === lonelyLine)!.message).toContain('lonely');
        const hover = await page.evaluate(shop => window.lsp.request('textDocument/hover', {
            textDocument: { uri: shop }, position: { line: 4, character: 10 },
        }), shopUri) as { contents: { value: string } };
        expect(hover.contents.value).toContain('Order service');
        expect(await page.evaluate(() => window.lsp.errors)).toEqual([]);
    }, 60_000);
});
