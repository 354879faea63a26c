/**
 * Loads the real preview HTML (from `renderPreviewHtml`, as the extension does) into headless
 * Debian Chromium with a stub `acquireVsCodeApi`, serving the webview script (built from
 * `src/webview/preview.ts` with the same esbuild options as `scripts/build.mjs`) and the real
 * `media/` files from a fake webview origin. Records posted messages, console output, CSP
 * violations and every network request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { URI } from 'langium';
import { registerDiagramHandler, type DiagramConnection } from '../../src/lsp/diagram-handler.js';
import {
    DiagramMethods, type DiagramParams, type DiagramResult, type HostToWebviewMessage, type UpdateMessage,
} from '../../src/protocol/diagram-protocol.js';
import { renderServerDiagram } from '../../src/server/diagram-renderer.js';
import { renderPreviewHtml } from '../../src/extension/preview-html.js';
import { loadWorkspace, testUri } from '../support/services.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ORIGIN = 'https://webview.archway.test';
export const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';
const ROOT = join(import.meta.dirname, '..', '..');

/** True when Debian's chromium is installed (`apt-get install chromium`, done by `.ci/run`). */
export const hasChromium = existsSync(CHROMIUM);
// CI installs Chromium (.ci/run); there a missing browser is a failure, never a silent skip.
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing on CI: .ci/run must install Debian's chromium.`);
if (!hasChromium) console.warn(`SKIPPED the tests in a real browser: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does).`);

let script: string | undefined;

/** The webview bundle, built in memory from source. */
export async function previewScript(): Promise<string> {
    if (!script) {
        const result = await esbuild.build({
            entryPoints: [join(ROOT, 'src/webview/preview.ts')], bundle: true, write: false, platform: 'browser',
            format: 'iife', target: 'chrome120', logLevel: 'silent',
        });
        script = result.outputFiles[0].text;
    }
    return script;
}

export async function launchBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
}

/** An open preview page and what it did. */
export interface PreviewPage {
    page: Page;
    html: string;
    /** Messages the webview posted with `vscode.postMessage`. */
    posted(): Promise<unknown[]>;
    /** `securitypolicyviolation` events (directive + blocked URI). */
    violations(): Promise<string[]>;
    /** Every request the page made. */
    requests: string[];
    console: string[];
    /** Sends a message to the webview as the extension would. */
    send(message: HostToWebviewMessage | Record<string, unknown>): Promise<void>;
    /** Waits until the webview posted a message of `type` (after `after` earlier ones). */
    waitForPosted(type: string, after?: number): Promise<Record<string, unknown>>;
}

/** Opens the preview HTML in a new page of `browser`. */
export async function openPreview(browser: Browser,
    options: { state?: unknown; width?: number; height?: number; motion?: 'reduce' | 'no-preference' } = {}): Promise<PreviewPage> {
    // Reduced motion: layout changes apply at once (no glide), so geometry assertions see final positions.
    const page = await browser.newPage({ viewport: { width: options.width ?? 1000, height: options.height ?? 640 }, reducedMotion: options.motion ?? 'reduce' });
    const html = renderPreviewHtml({
        cspSource: ORIGIN, nonce: NONCE, scriptUri: `${ORIGIN}/media/preview.js`, styleUri: `${ORIGIN}/media/preview.css`,
        title: 'Preview shop.arch',
    });
    const requests: string[] = [];
    const consoleLines: string[] = [];
    page.on('request', request => requests.push(request.url()));
    page.on('console', message => consoleLines.push(`${message.type()}: ${message.text()}`));
    const js = await previewScript();
    await page.route('**/*', async route => {
        const url = route.request().url();
        if (url === `${ORIGIN}/index.html`) return route.fulfill({ status: 200, contentType: 'text/html', body: html });
        if (url === `${ORIGIN}/media/preview.js`) return route.fulfill({ status: 200, contentType: 'text/javascript', body: js });
        if (url === `${ORIGIN}/media/preview.css`) {
            return route.fulfill({ status: 200, contentType: 'text/css', body: readFileSync(join(ROOT, 'media/preview.css'), 'utf8') });
        }
        return route.fulfill({ status: 404, body: '' });
    });
    await page.addInitScript((state: unknown) => {
        const w = window as unknown as Record<string, unknown>;
        const posted: unknown[] = [];
        const violations: string[] = [];
        let saved = state;
        w.__posted = posted;
        w.__violations = violations;
        w.__getSaved = () => saved;
        document.addEventListener('securitypolicyviolation', event => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
        w.acquireVsCodeApi = () => ({
            postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))),
            getState: () => saved,
            setState: (next: unknown) => { saved = next; },
        });
        // VS Code sets the theme class on <body>.
        document.addEventListener('DOMContentLoaded', () => document.body.classList.add('vscode-light'));
    }, options.state);
    await page.goto(`${ORIGIN}/index.html`);
    const posted = () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted.slice());
    const result: PreviewPage = {
        page, html, requests, console: consoleLines, posted,
        violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.slice()),
        send: async message => {
            await page.evaluate(m => window.postMessage(m, '*'), message as Record<string, unknown>);
        },
        waitForPosted: async (type, after = 0) => {
            const handle = await page.waitForFunction(([t, n]) => {
                const list = (window as unknown as { __posted: Array<{ type?: string }> }).__posted;
                return list.slice(n as number).find(m => m.type === t);
            }, [type, after] as const);
            return await handle.jsonValue() as Record<string, unknown>;
        },
    };
    await result.waitForPosted('ready');
    return result;
}

/** A diagram of `files` (name → text) drawn by the real server handler, as the extension receives it. */
export async function diagramOf(files: Record<string, string>, name: string, params: Partial<DiagramParams> = {}): Promise<DiagramResult> {
    const workspace = await loadWorkspace(files);
    const handlers = new Map<string, (params: unknown, token: never) => Promise<unknown>>();
    const connection: DiagramConnection = {
        onRequest: (method, handler) => handlers.set(method, handler as never),
        sendNotification: () => undefined,
    };
    const stop = registerDiagramHandler(connection, workspace.services.shared, {
        render: renderServerDiagram,
    });
    try {
        const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
        return await handlers.get(DiagramMethods.diagram)!({ uri: testUri(name).toString(), ...params }, token as never) as DiagramResult;
    } finally {
        stop();
    }
}

/** The `update` message the extension would send for `result`. */
export function updateMessage(result: DiagramResult, extra: Partial<UpdateMessage> = {}): UpdateMessage {
    return {
        type: 'update', uri: result.uri, fileName: URI.parse(result.uri).path.split('/').pop()!, svg: result.svg,
        view: result.view, flow: result.flow, viewIds: result.viewIds, flowIds: result.flowIds, elements: result.elements,
        hasSyntaxErrors: result.hasSyntaxErrors, error: result.error, locked: false, documentChanged: false, collapse: result.collapse, ...extra,
    };
}

/** The online-shop example (two files). */
export function shopFiles(): Record<string, string> {
    return {
        'shop.arch': readFileSync(join(ROOT, 'examples/online-shop/shop.arch'), 'utf8'),
        'payments.arch': readFileSync(join(ROOT, 'examples/online-shop/payments.arch'), 'utf8'),
    };
}
