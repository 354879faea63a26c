/**
 * The real preview page in headless Chromium, fed hostile model text through the real server
 * handler: no script runs, no network request is attempted, no CSP violation. The exported
 * SVG opened on its own (an SVG document may run script) is inert too. Messages from the
 * webview are fuzzed: malformed ones are ignored and logged, never acted on.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { PreviewManager } from '../../src/extension/preview-manager.js';
import { parseWebviewMessage } from '../../src/webview/protocol.js';
import { configureLayout, renderDiagram } from '../../src/diagram/index.js';
import { loadText } from '../support/services.js';
import { diagramOf, hasChromium, launchBrowser, openPreview, ORIGIN, updateMessage } from '../extension/webview-harness.js';
import { FakeHost, settle } from '../extension/fakes.js';
import { HOSTILE, hostileModel } from './hostile.js';

const pwned = (page: import('playwright-core').Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

// Chromium comes from Debian (`apt-get install chromium`, done by .ci/run); without it these tests cannot run.
describe.skipIf(!hasChromium)('hostile model text in the real preview (headless Chromium)', () => {
    // Skipped only when /usr/bin/chromium is missing (`apt-get install -y chromium`).
    let browser: Browser;
    beforeAll(async () => {
        configureLayout({ worker: false });
        browser = await launchBrowser();
    }, 60_000);
    afterAll(async () => { await browser?.close(); });

    test('labels, values, messages and file names: nothing runs, nothing is fetched, no CSP violation', async () => {
        const result = await diagramOf({ 'evil.arch': hostileModel() }, 'evil.arch');
        const preview = await openPreview(browser);
        const ids = Object.keys(result.elements);
        expect(ids.length).toBeGreaterThan(5);
        for (const [i, view] of [undefined, 'v1'].entries()) {
            const diagram = view ? await diagramOf({ 'evil.arch': hostileModel() }, 'evil.arch', { view, flow: 'f1' }) : result;
            await preview.send(updateMessage(diagram, {
                fileName: `${HOSTILE[i]}.arch`, error: HOSTILE.join(' '), hasSyntaxErrors: true,
                viewIds: [...diagram.viewIds, HOSTILE[1]], flowIds: [...diagram.flowIds, HOSTILE[0]],
            }));
            await preview.page.waitForSelector('[data-id="svc"]');
        }
        for (const id of ids.slice(0, 8)) {
            const element = await preview.page.$(`[data-id="${id}"]`);
            if (!element) continue;
            // Containers (zones) are covered by their children: force the pointer onto them.
            await element.hover({ force: true, timeout: 2000 });
            await element.click({ force: true, timeout: 2000 });
        }
        await preview.page.waitForTimeout(200);
        expect(await pwned(preview.page)).toBeUndefined();
        const active = await preview.page.$$('script:not([nonce]), #canvas script, #canvas img, #canvas iframe, #canvas foreignObject, #canvas image, #canvas use, #canvas a');
        expect(active).toHaveLength(0);
        const attributes = await preview.page.$$eval('body *', nodes => nodes.flatMap(node => [...node.attributes].map(a => `${a.name}=${a.value}`)));
        // Accessible names are plain text (escaped model text is expected there, and never loaded or run).
        expect(attributes.filter(a => /^on|javascript:|evil\.example/i.test(a) && !a.startsWith('aria-label='))).toEqual([]);
        expect(attributes.some(a => a.startsWith('aria-label=') && a.includes('<script>'))).toBe(true);
        // The banner and the file name show the hostile text as text.
        expect(await preview.page.textContent('#file-name')).toContain('<');
        expect(await preview.violations()).toEqual([]);
        expect(preview.requests.filter(url => !url.startsWith(ORIGIN))).toEqual([]);
        await preview.page.close();
    }, 120_000);

    test('the exported SVG opened as a document of its own runs nothing and fetches nothing', async () => {
        const { model } = await loadText(hostileModel(), 'evil.arch');
        const { svg } = await renderDiagram(model, { flow: 'f1' });
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on('request', request => requests.push(request.url()));
        await page.route('**/*', route => route.request().url() === `${ORIGIN}/export.svg`
            ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: svg })
            : route.fulfill({ status: 404, body: '' }));
        await page.goto(`${ORIGIN}/export.svg`);
        await page.mouse.move(100, 100);
        await page.mouse.click(200, 200);
        expect(await pwned(page)).toBeUndefined();
        // It parsed as SVG (well-formed XML), not as an error page.
        expect(await page.evaluate(() => document.documentElement.localName)).toBe('svg');
        expect(await page.evaluate(() => document.getElementsByTagName('parsererror').length)).toBe(0);
        expect(requests.filter(url => url !== `${ORIGIN}/export.svg`)).toEqual([]);
        await page.close();
    }, 60_000);
});

describe('messages from the webview are validated', () => {
    test('random messages: never throw, never reveal or export unless well formed, malformed ones are logged', async () => {
        const seed = 9090;
        console.log(`webview message fuzz: seed=${seed}`);
        const host = new FakeHost();
        const manager = new PreviewManager(host);
        const preview = manager.open({ uri: 'file:///workspace/shop.arch' }, { column: 'beside' });
        host.panels[0].fromWebview({ type: 'ready' });
        await settle();
        const message = fc.oneof(
            fc.anything(),
            fc.record({ type: fc.constantFrom('reveal', 'selectView', 'selectFlow', 'export', 'editorColours', 'openFile', 'runScript', '__proto__'), id: fc.anything(), uri: fc.anything(), range: fc.anything(), view: fc.anything(), flow: fc.anything(), format: fc.anything(), background: fc.anything(), path: fc.anything() }),
            fc.record({ type: fc.constant('reveal'), id: fc.constantFrom('constructor', '__proto__', 'toString', 'nope', '../../etc/passwd'), uri: fc.constantFrom('file:///etc/passwd', 'https://evil.example/', 'command:workbench.action.terminal.new'), range: fc.constant({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) }),
        );
        let cases = 0;
        await fc.assert(fc.asyncProperty(message, async raw => {
            cases++;
            const parsed = (() => { try { return parseWebviewMessage(raw); } catch (error) { throw new Error(`parseWebviewMessage threw: ${String(error)}`); } })();
            const logs = host.logs.length;
            const reveals = host.revealed.length;
            const exports = host.exports.length;
            await preview.onMessage(raw);
            await settle();
            if (!parsed) {
                expect(host.logs.length, 'a malformed message is logged').toBeGreaterThan(logs);
                expect(host.revealed.length).toBe(reveals);
                expect(host.exports.length).toBe(exports);
            }
            // A reveal goes only to a location the host itself recorded, never one the webview sent.
            for (const location of host.revealed.slice(reveals)) expect(location.uri).toBe('file:///workspace/shop.arch');
        }), { seed, numRuns: 300 });
        console.log(`webview message fuzz: ${cases} messages`);
        manager.dispose();
    });
});
