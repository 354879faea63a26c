/**
 * The preview webview in headless Chromium: the real HTML, the real script, a real diagram of
 * the online-shop example drawn by the server's diagram handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DiagramResult } from '../../src/protocol/diagram-protocol.js';
import { generateModel } from '../diagram/diagram-helpers.js';
import { diagramOf, hasChromium, launchBrowser, NONCE, openPreview, ORIGIN, shopFiles, updateMessage } from './webview-harness.js';

const viewBoxOf = (page: import('playwright-core').Page) =>
    page.evaluate(() => document.querySelector('#canvas > svg')?.getAttribute('viewBox') ?? '');

// Chromium comes from Debian (`apt-get install chromium`, done by .ci/run); without it these tests cannot run.
describe.skipIf(!hasChromium)('the preview webview in Chromium', () => {
    let browser: Browser;
    let shop: DiagramResult;
    /** A 200-component model: over the threshold, so its zones are collapsed. */
    let big: DiagramResult;

    beforeAll(async () => {
        browser = await launchBrowser();
        shop = await diagramOf(shopFiles(), 'shop.arch');
        big = await diagramOf({ 'big.arch': generateModel(200) }, 'big.arch');
    });
    afterAll(async () => {
        await browser?.close();
    });

    it('declares a strict CSP with a nonce, and its script carries that nonce', async () => {
        const preview = await openPreview(browser);
        const csp = await preview.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain(`script-src 'nonce-${NONCE}'`);
        expect(csp).toContain(`style-src ${ORIGIN}`);
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(await preview.page.getAttribute('script', 'nonce')).toBe(NONCE);
        await preview.page.close();
    });

    it('renders the nodes of a real diagram without CSP violations or network requests', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('#canvas > svg [data-id="orders"]');
        const ids = await preview.page.$$eval('#canvas [data-id]', nodes => nodes.map(node => node.getAttribute('data-id')));
        expect(ids).toEqual(expect.arrayContaining(['browser', 'api', 'orders', 'ordersDb', 'bus.orderPlaced']));
        expect(await preview.page.textContent('#file-name')).toBe('shop.arch');
        expect(await preview.page.isHidden('#banner')).toBe(true);
        expect(await preview.violations()).toEqual([]);
        expect(preview.requests.every(url => url.startsWith(ORIGIN))).toBe(true);
        await preview.page.close();
    });

    it('posts a reveal message with the declaration range when a node is clicked', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        const before = (await preview.posted()).length;
        await preview.page.click('[data-id="orders"]');
        const reveal = await preview.waitForPosted('reveal', before);
        expect(reveal).toEqual({ type: 'reveal', id: 'orders', uri: shop.elements.orders.uri, range: shop.elements.orders.range });
        // `service orders "Order service" { replicas: 3 }` is on line 32 (0-based) of shop.arch.
        expect(shop.elements.orders.range.start.line).toBe(shopFiles()['shop.arch'].split('\n').findIndex(line => line.includes('service orders')));
        await preview.page.close();
    });

    it('does not post a reveal when the diagram is dragged', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        const box = (await preview.page.locator('[data-id="orders"]').boundingBox())!;
        const before = await viewBoxOf(preview.page);
        await preview.page.mouse.move(box.x + 10, box.y + 10);
        await preview.page.mouse.down();
        await preview.page.mouse.move(box.x + 80, box.y + 60, { steps: 5 });
        await preview.page.mouse.up();
        expect(await viewBoxOf(preview.page)).not.toBe(before);
        expect((await preview.posted()).some(message => (message as { type: string }).type === 'reveal')).toBe(false);
        await preview.page.close();
    });

    it('highlights the innermost element declared at the editor cursor', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        const orders = shop.elements.orders;
        await preview.send({ type: 'cursor', uri: orders.uri, position: { line: orders.range.start.line, character: orders.range.start.character + 10 } });
        await preview.page.waitForSelector('[data-id="orders"].archway-highlight');
        // Inside the zone but on no component: the zone is highlighted instead.
        const vpc = shop.elements.vpc;
        await preview.send({ type: 'cursor', uri: vpc.uri, position: vpc.range.start });
        await preview.page.waitForSelector('[data-id="vpc"].archway-highlight');
        expect(await preview.page.$$eval('.archway-highlight', nodes => nodes.map(node => node.getAttribute('data-id')))).toEqual(['vpc']);
        // A position in another file highlights nothing there.
        await preview.send({ type: 'cursor', uri: 'file:///elsewhere.arch', position: { line: 0, character: 0 } });
        await preview.page.waitForFunction(() => document.querySelectorAll('.archway-highlight').length === 0);
        await preview.page.close();
    });

    it('keeps the selected element in place on screen when the diagram is laid out again', async () => {
        const ordering = await diagramOf(shopFiles(), 'shop.arch', { view: 'ordering' });
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        const orders = shop.elements.orders;
        await preview.send({ type: 'cursor', uri: orders.uri, position: orders.range.start });
        await preview.page.waitForSelector('[data-id="orders"].archway-highlight');
        const before = (await preview.page.locator('[data-id="orders"] > rect').first().boundingBox())!;
        await preview.send(updateMessage(ordering));
        await preview.page.waitForSelector('#canvas > svg[data-view="ordering"] [data-id="orders"].archway-highlight');
        const after = (await preview.page.locator('[data-id="orders"] > rect').first().boundingBox())!;
        expect(Math.abs(after.x + after.width / 2 - (before.x + before.width / 2))).toBeLessThan(2);
        expect(Math.abs(after.y + after.height / 2 - (before.y + before.height / 2))).toBeLessThan(2);
        await preview.page.close();
    });

    it('glides moved nodes to their new places when motion is welcome', async () => {
        const ordering = await diagramOf(shopFiles(), 'shop.arch', { view: 'ordering' });
        const preview = await openPreview(browser, { motion: 'no-preference' });
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="ordersDb"]');
        await preview.send(updateMessage(ordering));
        await preview.page.waitForSelector('#canvas > svg[data-view="ordering"]');
        const transition = await preview.page.$eval('[data-id="ordersDb"]', node => (node as SVGElement).style.transition);
        expect(transition).toContain('transform');
        expect(await preview.violations()).toEqual([]);
        await preview.page.close();
    });

    it('changes the view box when zooming with buttons and the wheel, and fits back', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        const fitted = await viewBoxOf(preview.page);
        await preview.page.click('button[data-command="zoomIn"]');
        const zoomed = await viewBoxOf(preview.page);
        expect(zoomed).not.toBe(fitted);
        expect(Number(zoomed.split(' ')[2])).toBeLessThan(Number(fitted.split(' ')[2]));
        await preview.page.mouse.move(500, 300);
        await preview.page.mouse.wheel(0, 300);
        const wheeled = await viewBoxOf(preview.page);
        expect(Number(wheeled.split(' ')[2])).toBeGreaterThan(Number(zoomed.split(' ')[2]));
        await preview.page.click('button[data-command="fit"]');
        expect(await viewBoxOf(preview.page)).toBe(fitted);
        expect(await preview.page.textContent('#zoom-level')).toMatch(/^\d+%$/);
        await preview.page.close();
    });

    it('keeps the viewport in its saved state and restores it after a reload', async () => {
        const state = { uri: shop.uri, viewport: { x: 100, y: 50, scale: 2 } };
        const preview = await openPreview(browser, { state });
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        expect(await viewBoxOf(preview.page)).toBe('100 50 500 ' + String((await preview.page.evaluate(() => document.getElementById('canvas')!.clientHeight)) / 2));
        await preview.page.click('button[data-command="zoomOut"]');
        const saved = await preview.page.evaluate(() => (window as unknown as { __getSaved(): { uri: string; viewport: { scale: number } } }).__getSaved());
        expect(saved.uri).toBe(shop.uri);
        expect(saved.viewport.scale).toBeCloseTo(1.6);
        await preview.page.close();
    });

    it('shows a banner while the text has syntax errors, and offers the views and flows', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage({ ...shop, hasSyntaxErrors: true }));
        await preview.page.waitForSelector('#banner:not([hidden])');
        expect(await preview.page.textContent('#banner')).toContain('syntax errors');
        expect(await preview.page.isVisible('[data-id="orders"]')).toBe(true);
        expect(await preview.page.$$eval('#view-select option', options => options.map(option => (option as HTMLOptionElement).value)))
            .toEqual(['overview', 'ordering']);
        const before = (await preview.posted()).length;
        await preview.page.selectOption('#view-select', 'ordering');
        expect(await preview.waitForPosted('selectView', before)).toEqual({ type: 'selectView', view: 'ordering' });
        await preview.page.selectOption('#flow-select', 'checkout');
        expect(await preview.waitForPosted('selectFlow', before)).toEqual({ type: 'selectFlow', flow: 'checkout' });
        await preview.page.close();
    });

    it('reports the editor background when VS Code switches the theme', async () => {
        const preview = await openPreview(browser);
        await preview.page.evaluate(() => {
            document.body.style.setProperty('--vscode-editor-background', '#1e1e1e');
            document.body.classList.replace('vscode-light', 'vscode-dark');
        });
        expect(await preview.waitForPosted('editorColours')).toEqual({ type: 'editorColours', background: '#1e1e1e' });
        await preview.page.close();
    });

    it('posts export and lock requests from the toolbar', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        await preview.page.click('button[data-command="exportSvg"]');
        expect(await preview.waitForPosted('export')).toEqual({ type: 'export', format: 'svg' });
        await preview.page.click('button[data-command="toggleLock"]');
        await preview.waitForPosted('toggleLock');
        await preview.send({ type: 'locked', locked: true });
        await preview.page.waitForSelector('button[data-command="toggleLock"][aria-pressed="true"]');
        await preview.page.close();
    });

    it('says why the zones of a big view are collapsed', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(big));
        await preview.page.waitForSelector('[data-collapsed="true"][data-id]');
        expect(await preview.page.textContent('#collapse-notice')).toContain('This view has 200 components (more than 150), so its zones are drawn collapsed. Click a zone to open it.');
        expect(await preview.page.isHidden('#collapse-all')).toBe(true);
        await preview.page.close();
    });

    it('posts expandZone, not reveal, when a collapsed zone is clicked', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(big));
        const zone = big.collapse!.zones[0];
        await preview.page.waitForSelector(`[data-id="${zone}"]`);
        const before = (await preview.posted()).length;
        await preview.page.click(`[data-id="${zone}"]`);
        expect(await preview.waitForPosted('expandZone', before)).toEqual({ type: 'expandZone', zone });
        expect((await preview.posted()).slice(before).some(message => (message as { type?: string }).type === 'reveal')).toBe(false);
        await preview.page.close();
    });

    it('offers to collapse the zones the user opened', async () => {
        const preview = await openPreview(browser);
        const zone = big.collapse!.zones[0];
        const opened = await diagramOf({ 'big.arch': generateModel(200) }, 'big.arch', { expandedZones: [zone] });
        await preview.send(updateMessage(opened));
        await preview.page.waitForSelector('#collapse-all:not([hidden])');
        expect(await preview.page.textContent('#collapse-notice')).toContain('1 zone opened.');
        await preview.page.click('#collapse-all');
        expect(await preview.waitForPosted('collapseZones')).toEqual({ type: 'collapseZones' });
        await preview.page.close();
    });

    it('shows no collapse notice for a diagram drawn fully open', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        expect(await preview.page.isHidden('#collapse-notice')).toBe(true);
        await preview.page.close();
    });

    it('ignores and logs unknown or malformed messages', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        await preview.send({ type: 'runScript', code: 'window.__pwned = 1' });
        await preview.send({ type: 'update', svg: 42 });
        await preview.send({ type: 'cursor', uri: shop.uri, position: { line: -1, character: 'x' } });
        await preview.page.waitForFunction(() => true);
        await expect.poll(() => preview.console.filter(line => line.includes('[archway] ignored')).length).toBe(3);
        expect(await preview.page.isVisible('[data-id="orders"]')).toBe(true);
        expect(await preview.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        await preview.page.close();
    });

    it('never runs script from hostile labels drawn by the renderer', async () => {
        const hostile = [
            'architecture "<script>window.__pwned=1</script>"',
            'service evil "<img src=x onerror=window.__pwned=2>"',
            'service evil2 "</svg><script>window.__pwned=3</script>"',
            'service evil3 "javascript:window.__pwned=4" { technology: "url(https://evil.example/x.png)" }',
            'evil -> evil2 : https "<a href=\'javascript:window.__pwned=5\'>x</a>"',
            'evil2 -> evil3',
        ].join('\n');
        const result = await diagramOf({ 'evil.arch': hostile }, 'evil.arch');
        expect(result.svg).toContain('data-id="evil"');
        const preview = await openPreview(browser);
        await preview.send(updateMessage(result));
        await preview.page.waitForSelector('[data-id="evil"]');
        await preview.page.click('[data-id="evil"]');
        expect(await preview.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(await preview.page.$$('#canvas script, #canvas img, #canvas foreignObject')).toHaveLength(0);
        expect(await preview.violations()).toEqual([]);
        expect(preview.requests.filter(url => !url.startsWith(ORIGIN))).toEqual([]);
        await preview.page.close();
    });

    it('strips active content from an SVG that did not come from the renderer', async () => {
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 100">'
            + '<script>window.__pwned=1</script>'
            + '<g data-id="a" onclick="window.__pwned=2" onmouseover="window.__pwned=3"><rect width="50" height="50" fill="red"/></g>'
            + '<a href="javascript:window.__pwned=4"><text y="80">link</text></a>'
            + '<image href="https://evil.example/track.png" width="10" height="10"/>'
            + '<foreignObject width="100" height="100"><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="window.__pwned=5"/></foreignObject>'
            + '<use xlink:href="https://evil.example/sprite.svg#x"/>'
            + '<animate attributeName="href" to="javascript:window.__pwned=6"/>'
            + '</svg>';
        const preview = await openPreview(browser);
        await preview.send(updateMessage({ ...shop, svg, elements: { a: shop.elements.orders } }));
        await preview.page.waitForSelector('[data-id="a"]');
        await preview.page.click('[data-id="a"]');
        await preview.page.click('text=link');
        await preview.page.hover('[data-id="a"]');
        expect(await preview.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        const attributes = await preview.page.$$eval('#canvas *', nodes => nodes.flatMap(node => [...node.attributes].map(a => `${a.name}=${a.value}`)));
        expect(attributes.filter(a => /^on|javascript:|evil\.example/i.test(a))).toEqual([]);
        expect(preview.requests.filter(url => !url.startsWith(ORIGIN))).toEqual([]);
        await preview.page.close();
    });

    it('keeps the previous diagram when an update carries markup that is not SVG', async () => {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('[data-id="orders"]');
        await preview.send(updateMessage({ ...shop, svg: '<html><body><script>window.__pwned=1</script></body></html>' }));
        await preview.send(updateMessage({ ...shop, svg: '<svg xmlns="http://www.w3.org/2000/svg"><g>' }));
        await expect.poll(() => preview.page.isVisible('[data-id="orders"]')).toBe(true);
        expect(await preview.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        await preview.page.close();
    });
});
