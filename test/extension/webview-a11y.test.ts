/**
 * The preview for the keyboard and screen readers, and finding one's way in it, in headless
 * Chromium: the real HTML and script, the online-shop example drawn by the server's handler.
 * Focus moves with real key presses; what a screen reader hears is read from Chromium's
 * accessibility tree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DiagramResult } from '../../src/protocol/diagram-protocol.js';
import { diagramOf, hasChromium, launchBrowser, openPreview, shopFiles, updateMessage, type PreviewPage } from './webview-harness.js';

/** The model id of the focused box ('' when focus is elsewhere). */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? '');

/** Centres (SVG units) of the focusable boxes and the drawn edges' ends. */
async function geometry(page: Page) {
    return page.evaluate(() => {
        const centres: Record<string, { x: number; y: number }> = {};
        for (const node of document.querySelectorAll<SVGGraphicsElement>('#canvas [data-kind][data-id]')) {
            const box = node.getBBox();
            centres[node.getAttribute('data-id')!] = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }
        const edges = [...document.querySelectorAll('#canvas .aw-edge')].map(e => [e.getAttribute('data-source')!, e.getAttribute('data-target')!]);
        return { centres, edges };
    });
}

// Skipped only where Chromium is not installed (.ci/run installs it, so CI always runs this).
describe.skipIf(!hasChromium)('the preview for the keyboard and screen readers (Chromium)', () => {
    let browser: Browser;
    let shop: DiagramResult;

    beforeAll(async () => {
        browser = await launchBrowser();
        shop = await diagramOf(shopFiles(), 'shop.arch');
    });
    afterAll(async () => {
        await browser?.close();
    });

    async function open(): Promise<PreviewPage> {
        const preview = await openPreview(browser);
        await preview.send(updateMessage(shop));
        await preview.page.waitForSelector('#canvas [data-id="orders"][role="button"]');
        return preview;
    }

    it('names every box by kind, label, zone and findings, and every edge by its ends, protocol and count', async () => {
        const preview = await open();
        const snapshot = await preview.page.locator('#canvas').ariaSnapshot();
        // The diagram is a group named by the view's title; boxes are buttons, edges images.
        expect(snapshot).toContain('group "Architecture diagram: Online Shop — view: Everything"');
        // Its findings (the count and each finding with its rule), whatever other rules add.
        expect(snapshot).toMatch(/button "service Order service \(3 replicas\), in zone Platform VPC, \d+ warnings?: [^"]*missing-identity-propagation The gateway ''api''/);
        expect(snapshot).toContain('button "client Web SPA, in zone Internet"');
        expect(snapshot).toContain('img "async message from Order service to topic orderPlaced"');
        expect(snapshot).toContain('img "trusts from API Gateway to Keycloak"');
        expect(snapshot).toContain("button \"gateway API Gateway (auth jwt, rate 100/s, cache 30s), in zone Platform VPC, 2 warnings: single-point-of-failure The gateway ''api''");
        expect(snapshot).toMatch(/button "public zone Internet"/);
        expect(snapshot).toMatch(/img "call from Orders DB|img "call from Order service to Orders DB, sql/);
        expect(snapshot).toContain('img "call from Web SPA to API Gateway, https with TLS"');
        // Two routes of the gateway merge into one edge per target; a merged edge says its count.
        const names = await preview.page.$$eval('#canvas .aw-edge', edges => edges.map(e => e.getAttribute('aria-label') ?? ''));
        expect(names.every(name => / from .+ to /.test(name))).toBe(true);
        // Every focusable box has a name; exactly one is in the tab order (roving tabindex).
        const tabStops = await preview.page.$$eval('#canvas [data-kind]', nodes => nodes.map(n => [n.getAttribute('aria-label') ?? '', n.getAttribute('tabindex')]));
        expect(tabStops.every(([name]) => (name ?? '').length > 0)).toBe(true);
        expect(tabStops.filter(([, tabindex]) => tabindex === '0')).toHaveLength(1);
        // The view's summary describes the group.
        const description = await preview.page.evaluate(() => {
            const svg = document.querySelector('#canvas > svg')!;
            return document.getElementById(svg.getAttribute('aria-describedby')!)?.textContent ?? '';
        });
        expect(description).toMatch(/^\d+ boxes and 2 topics in \d+ zones, joined by \d+ edges/);
        expect(description).toContain('Platform VPC (private');
        await preview.page.close();
    });

    it('reaches the boxes with Tab in reading order, follows edges with the arrow keys, and reveals with Enter', async () => {
        const preview = await open();
        const { page } = preview;
        await page.focus('#canvas');
        await page.keyboard.press('Tab');
        const first = await focusedId(page);
        const { centres, edges } = await geometry(page);
        // The first tab stop is the topmost box (reading order starts at the top).
        expect(first).not.toBe('');
        expect(await page.evaluate(id => document.querySelector(`[data-id="${id}"]`)!.getBoundingClientRect().top, first))
            .toBeLessThanOrEqual(await page.evaluate(() => Math.min(...[...document.querySelectorAll('#canvas [data-kind]')].map(n => n.getBoundingClientRect().top))) + 1);

        // From the order service, every arrow that moves lands on a box it is connected to, in that direction.
        await page.focus('#canvas [data-id="orders"]');
        const connectedTo = (id: string) => new Set(edges.flatMap(([s, t]) => (s === id ? [t] : t === id ? [s] : [])));
        const visited = new Set<string>();
        for (const [key, axis, sign] of [['ArrowRight', 'x', 1], ['ArrowLeft', 'x', -1], ['ArrowDown', 'y', 1], ['ArrowUp', 'y', -1]] as const) {
            await page.focus('#canvas [data-id="orders"]');
            await page.keyboard.press(key);
            const to = await focusedId(page);
            if (to === 'orders') continue;
            visited.add(to);
            expect(connectedTo('orders').has(to) || !Object.keys(centres).some(id => connectedTo('orders').has(id)
                && (centres[id][axis] - centres.orders[axis]) * sign > 0.5)).toBe(true);
            expect((centres[to][axis] - centres.orders[axis]) * sign).toBeGreaterThan(0);
        }
        expect([...visited].some(id => connectedTo('orders').has(id))).toBe(true);
        // The focused box is the only tab stop and it is highlighted.
        const last = await focusedId(page);
        expect(await page.getAttribute(`#canvas [data-id="${last}"]`, 'tabindex')).toBe('0');
        expect(await page.$$eval('#canvas [data-kind][tabindex="0"]', n => n.length)).toBe(1);
        expect(await page.getAttribute(`#canvas [data-id="${last}"]`, 'class')).toContain('archway-highlight');

        // Enter reveals the declaration: the same message as a click.
        await page.focus('#canvas [data-id="orders"]');
        const before = (await preview.posted()).length;
        await page.keyboard.press('Enter');
        expect(await preview.waitForPosted('reveal', before)).toEqual({ type: 'reveal', id: 'orders', uri: shop.elements.orders.uri, range: shop.elements.orders.range });
        // Escape gives the focus back to the editor.
        const beforeEscape = (await preview.posted()).length;
        await page.keyboard.press('Escape');
        expect(await preview.waitForPosted('focusEditor', beforeEscape)).toEqual({ type: 'focusEditor' });
        await page.close();
    });

    it('visits every box with Page Down in reading order, and keeps the focus on its box across a re-layout', async () => {
        const preview = await open();
        const { page } = preview;
        const all = await page.$$eval('#canvas [data-kind][data-id]', nodes => nodes.map(n => n.getAttribute('data-id')!));
        await page.focus('#canvas');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Home');
        const visited = [await focusedId(page)];
        for (let i = 1; i < all.length; i++) {
            await page.keyboard.press('PageDown');
            visited.push(await focusedId(page));
        }
        expect([...visited].sort()).toEqual([...all].sort());
        // Reading order: each box starts no higher than a row (24 units) above the previous one.
        const tops = await page.evaluate(ids => ids.map(id => (document.querySelector(`#canvas [data-id="${id}"]`) as SVGGraphicsElement).getBBox().y), visited);
        expect(tops.every((top, i) => i === 0 || top >= tops[i - 1] - 24)).toBe(true);
        expect(tops[tops.length - 1]).toBeGreaterThan(tops[0]);
        await page.keyboard.press('PageDown');
        expect(await focusedId(page)).toBe(visited[0]);
        await page.keyboard.press('PageUp');
        expect(await focusedId(page)).toBe(visited[visited.length - 1]);
        await page.keyboard.press('End');
        const end = await focusedId(page);
        expect(all).toContain(end);

        await page.focus('#canvas [data-id="users"]');
        await preview.send(updateMessage(shop, { documentChanged: false }));
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'users');
        expect(await page.getAttribute('#canvas [data-id="users"]', 'tabindex')).toBe('0');
        await page.close();
    });

    it('finds a box by id or label from the toolbar, centres it, and steps through the matches', async () => {
        const preview = await openPreview(browser, { width: 500, height: 400 });
        await preview.send(updateMessage(shop));
        const { page } = preview;
        await page.waitForSelector('#canvas [data-id="orders"]');
        // Fitted, the whole shop is far below 100%: a match is centred at a readable zoom.
        expect(Number.parseInt(await page.textContent('#zoom-level') ?? '', 10)).toBeLessThan(100);
        await page.fill('#find-input', 'redis');
        expect(Number.parseInt(await page.textContent('#zoom-level') ?? '', 10)).toBeGreaterThanOrEqual(100);
        expect(await page.textContent('#find-status')).toBe('1 of 1');
        expect(await page.getAttribute('#canvas [data-id="sessions"]', 'class')).toContain('archway-highlight');
        const centred = await page.evaluate(() => {
            const canvas = document.getElementById('canvas')!.getBoundingClientRect();
            const box = document.querySelector('#canvas [data-id="sessions"]')!.getBoundingClientRect();
            return { dx: box.left + box.width / 2 - (canvas.left + canvas.width / 2), dy: box.top + box.height / 2 - (canvas.top + canvas.height / 2) };
        });
        expect(Math.abs(centred.dx)).toBeLessThan(25);
        expect(Math.abs(centred.dy)).toBeLessThan(25);
        // By id, several matches: Enter steps through them.
        await page.fill('#find-input', 'order');
        expect(await page.textContent('#find-status')).toMatch(/^1 of [2-9]$/);
        const firstMatch = await page.$eval('#canvas .archway-highlight[data-kind]', n => n.getAttribute('data-id'));
        await page.press('#find-input', 'Enter');
        expect(await page.textContent('#find-status')).toMatch(/^2 of /);
        const secondMatch = await page.$eval('#canvas .archway-highlight[data-kind]', n => n.getAttribute('data-id'));
        expect(secondMatch).not.toBe(firstMatch);
        expect([firstMatch, secondMatch].every(id => /order/i.test(id!) || /order/i.test(shop.svg.match(new RegExp(`data-id="${id}"[^>]*aria-label="([^"]*)"`))?.[1] ?? ''))).toBe(true);
        await page.fill('#find-input', 'no such thing');
        expect(await page.textContent('#find-status')).toBe('No match');
        await page.close();
    });

    it('dims everything but the selection and its neighbours, one or two hops, toggled', async () => {
        const preview = await open();
        const { page } = preview;
        const { edges } = await geometry(page);
        const toggle = 'button[data-command="neighbours"]';
        expect(await page.getAttribute(toggle, 'aria-pressed')).toBe('false');
        await page.click(toggle);
        expect(await page.getAttribute(toggle, 'aria-pressed')).toBe('true');
        await page.focus('#canvas [data-id="ordersDb"]');
        const dimmed = () => page.$$eval('#canvas .aw-nodes [data-kind].archway-dimmed', n => n.map(e => e.getAttribute('data-id')!));
        const leaves = await page.$$eval('#canvas .aw-nodes [data-kind]', n => n.map(e => e.getAttribute('data-id')!));
        const near = (ids: Set<string>) => new Set([...ids, ...edges.flatMap(([s, t]) => (ids.has(s) ? [t] : ids.has(t) ? [s] : []))]);
        const oneHop = near(new Set(['ordersDb']));
        expect((await dimmed()).sort()).toEqual(leaves.filter(id => !oneHop.has(id)).sort());
        expect(oneHop.has('orders')).toBe(true);
        await page.click(toggle);
        const twoHops = near(oneHop);
        expect((await dimmed()).sort()).toEqual(leaves.filter(id => !twoHops.has(id)).sort());
        expect((await dimmed()).length).toBeLessThan(leaves.filter(id => !oneHop.has(id)).length);
        // An edge stays clear only between two kept boxes.
        const clearEdges = await page.$$eval('#canvas .aw-edge:not(.archway-dimmed)', n => n.map(e => [e.getAttribute('data-source')!, e.getAttribute('data-target')!]));
        expect(clearEdges.every(([s, t]) => twoHops.has(s) && twoHops.has(t))).toBe(true);
        await page.click(toggle);
        expect(await page.getAttribute(toggle, 'aria-pressed')).toBe('false');
        expect(await dimmed()).toEqual([]);
        await page.close();
    });

    it('follows an edge drawn from a zone from each box whose calls it stands for, when dimming and with the arrow keys', async () => {
        // eShop's overview draws the browser's and the Xamarin app's sign-in as one edge from their zone.
        const eshop = await diagramOf({ 'eshop.arch': readFileSync(join(import.meta.dirname, '..', 'fixtures', 'real', 'eshop-on-containers.arch'), 'utf8') }, 'eshop.arch');
        const preview = await openPreview(browser);
        const { page } = preview;
        await preview.send(updateMessage(eshop));
        await page.waitForSelector('#canvas [data-id="mobile"][role="button"]');
        expect(await page.getAttribute('#canvas .aw-edge[data-source="internet"][data-target="identity"]', 'data-callers')).toBe('browser mobile');
        await page.click('button[data-command="neighbours"]');
        await page.focus('#canvas [data-id="mobile"]');
        const lit = await page.$$eval('#canvas .aw-nodes [data-kind]:not(.archway-dimmed)', n => n.map(e => e.getAttribute('data-id')!));
        expect(lit.sort()).toEqual(['identity', 'mobile', 'mobileshoppingapigw']);
        expect(await page.$eval('#canvas .aw-edge[data-source="internet"][data-target="identity"]', e => e.classList.contains('archway-dimmed'))).toBe(false);
        // From the Xamarin app, the arrow key toward the identity provider (its other callee lies the other way) reaches it along that edge.
        const { centres } = await geometry(page);
        const below = centres.identity.y > centres.mobile.y;
        expect(centres.mobileshoppingapigw.y > centres.mobile.y).toBe(!below);
        await page.keyboard.press(below ? 'ArrowDown' : 'ArrowUp');
        expect(await focusedId(page)).toBe('identity');
        await page.close();
    });

    it('keeps only the roles and ARIA attributes the renderer writes from a foreign SVG, and the focus its own', async () => {
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" role="img">'
            + '<g data-id="a" data-kind="service" role="button" tabindex="0" autofocus="" accesskey="x" aria-live="assertive" aria-owns="toolbar" aria-label="service A"><rect width="50" height="50"/><text>A</text></g>'
            + '<g data-id="b" role="alert" aria-hidden="true"><rect x="100" width="50" height="50"/></g>'
            + '</svg>';
        const preview = await openPreview(browser);
        await preview.send(updateMessage({ ...shop, svg, elements: { a: shop.elements.orders } }));
        await preview.page.waitForSelector('#canvas [data-id="a"]');
        const attributes = await preview.page.$$eval('#canvas [data-id]', nodes => nodes.map(n => Object.fromEntries([...n.attributes].map(a => [a.name, a.value]))));
        // The preview's own: a button in the roving tab order, named by the kept aria-label.
        expect(attributes[0]).toMatchObject({ role: 'button', tabindex: '0', 'aria-label': 'service A' });
        expect(Object.keys(attributes[0])).not.toEqual(expect.arrayContaining(['aria-live']));
        expect(attributes[0]['aria-owns']).toBeUndefined();
        expect(attributes[0].autofocus).toBeUndefined();
        expect(attributes[0].accesskey).toBeUndefined();
        expect(attributes[1].role).toBeUndefined();
        expect(attributes[1]['aria-hidden']).toBe('true');
        await preview.page.close();
    });
});
