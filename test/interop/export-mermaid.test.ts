/**
 * Mermaid export, checked by the real Mermaid library (the version GitHub-style renderers
 * use, 11.x) in headless Chromium: every export parses and renders, and the rendered SVG
 * shows every node, subgraph and edge label exactly as the model says — so no escaping
 * mistake can hide behind a diagram that merely renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramToMermaid, viewDiagram } from '../../src/interop/export/index.js';
import type { Diagram } from '../../src/diagram/diagram-model.js';
import { hasChromium, launchBrowser } from '../extension/webview-harness.js';
import { loadModel, MODEL_FILES, ROOT } from './interop-helpers.js';

interface Rendered {
    error?: string;
    nodes: string[];
    clusters: string[];
    edges: number;
    dashed: number;
    edgeLabels: string[];
}

/** Renders with Mermaid in the page; returns what the SVG shows. */
async function render(page: Page, text: string): Promise<Rendered> {
    return page.evaluate(async (source) => {
        const mermaid = (window as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
        try {
            await mermaid.parse(source);
            const { svg } = await mermaid.render(`m${Math.random().toString(36).slice(2)}`, source);
            const host = document.createElement('div');
            host.innerHTML = svg;
            document.body.replaceChildren(host);
            const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, '');
            return {
                nodes: [...host.querySelectorAll('g.node')].map(text),
                clusters: [...host.querySelectorAll('g.cluster .cluster-label')].map(text),
                edges: host.querySelectorAll('path.flowchart-link').length,
                dashed: host.querySelectorAll('path.flowchart-link.edge-pattern-dotted').length,
                edgeLabels: [...host.querySelectorAll('g.edgeLabel')].map(text).filter(t => t.length > 0),
            };
        } catch (error) {
            return { error: String((error as Error).message ?? error), nodes: [], clusters: [], edges: 0, dashed: 0, edgeLabels: [] };
        }
    }, text);
}

/** Text without whitespace: line breaks in labels render as separate lines, without spaces between them. */
const squash = (text: string): string => text.replace(/\s+/g, '');

/** What Mermaid should show for a diagram. */
function expected(diagram: Diagram) {
    const leaves = diagram.nodes.filter(node => !node.compound);
    return {
        nodes: leaves.map(node => squash([node.label, node.subtitle, node.facts].filter(Boolean).join(' '))).sort(),
        clusters: diagram.nodes.filter(node => node.compound).map(node => squash(node.role === 'zone' ? `${node.label} (${node.trust})` : node.label)).sort(),
        edges: diagram.edges.length,
        dashed: diagram.edges.filter(edge => edge.style === 'async').length,
        edgeLabels: diagram.edges.map(edge => squash((edge.steps.length > 0 ? `${edge.steps.join(', ')}. ` : '') + edge.label)).filter(label => label.length > 0).sort(),
    };
}

// Skipped only where Chromium is not installed (.ci/run installs it, so CI always runs this).
describe.skipIf(!hasChromium)('Mermaid export in the real Mermaid renderer', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
        browser = await launchBrowser();
        page = await browser.newPage();
        await page.setContent('<!doctype html><html><body></body></html>');
        await page.addScriptTag({ content: readFileSync(join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js'), 'utf8') });
        await page.evaluate(() => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    });
    afterAll(async () => {
        await browser?.close();
    });

    for (const file of MODEL_FILES) {
        it(`renders every view and flow of ${file} with the model's texts`, async () => {
            const model = await loadModel(file);
            const selections = [
                ...(model.views.length > 0 ? model.views.map(view => ({ view: view.id })) : [{}]),
                ...model.flows.map(flow => ({ flow: flow.id })),
            ];
            for (const options of selections) {
                const diagram = viewDiagram(model, options);
                const text = diagramToMermaid(diagram, 'test');
                const shown = await render(page, text);
                expect(shown.error, `${JSON.stringify(options)}:\n${text}`).toBeUndefined();
                const want = expected(diagram);
                expect(shown.nodes.sort()).toEqual(want.nodes);
                expect(shown.clusters.sort()).toEqual(want.clusters);
                expect(shown.edges).toBe(want.edges);
                expect(shown.dashed).toBe(want.dashed);
                expect(shown.edgeLabels.sort()).toEqual(want.edgeLabels);
            }
        });
    }

    it('draws a service that publishes and consumes through a collapsed broker as one <-.-> edge (eShopOnContainers)', async () => {
        const diagram = viewDiagram(await loadModel('test/fixtures/real/eshop-on-containers.arch'), { view: 'overview' });
        const text = diagramToMermaid(diagram, 'test');
        expect(diagram.edges.filter(edge => edge.twoWay)).toHaveLength(4);
        expect(text.match(/<-\.->/g)).toHaveLength(4);
        const shown = await render(page, text);
        expect(shown.error, text).toBeUndefined();
        expect(shown.edges).toBe(diagram.edges.length);
        expect(shown.dashed).toBe(expected(diagram).dashed);
    });

    it('keeps markup in names as text: no element from a label reaches the SVG', async () => {
        const model = await loadModel('test/interop/fixtures/hostile.arch');
        const text = diagramToMermaid(viewDiagram(model, {}));
        await render(page, text);
        expect(await page.locator('body div script').count()).toBe(0);
        expect(await page.locator('body div b').count()).toBe(0);
        expect(await page.locator('text=o-ring <script>alert(1)</script> & co').count()).toBeGreaterThan(0);
    });

    it('reports a broken flowchart (the check can fail)', async () => {
        const shown = await render(page, 'flowchart LR\n  a["unclosed] --> b\n');
        expect(shown.error).toBeDefined();
    });
});
