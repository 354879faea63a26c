/**
 * draw.io export, checked by mxGraph (the library draw.io is built on; npm `mxgraph` 4.2.2) in
 * headless Chromium: the file decodes with mxCodec into a graph model whose cells are the
 * diagram's nodes and edges — containers as parents with child geometry relative to them,
 * absolute positions equal to Archway's layout, edges between the right cells with the
 * layout's waypoints, labels that read as the model's texts — and the graph displays.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutDiagram, disposeLayout } from '../../src/diagram/index.js';
import { diagramToDrawio } from '../../src/interop/export/index.js';
import { hasChromium, launchBrowser } from '../extension/webview-harness.js';
import { loadModel, MODEL_FILES, ROOT } from './interop-helpers.js';

interface DecodedCell {
    id: string;
    parent: string | null;
    vertex: boolean;
    edge: boolean;
    source: string | null;
    target: string | null;
    label: string;
    archwayId: string | null;
    geometry: { x: number; y: number; width: number; height: number; points: [number, number][] } | null;
    /** Absolute position from the displayed graph's view (cell state), when drawn. */
    shown: boolean;
}

/** Decodes a .drawio file with mxCodec and displays it in an mxGraph; returns the cells. */
async function decode(page: Page, xml: string): Promise<{ error?: string; cells: DecodedCell[] }> {
    return page.evaluate((source) => {
        const w = window as unknown as Record<string, any>;
        try {
            const doc = w.mxUtils.parseXml(source);
            if (doc.getElementsByTagName('parsererror').length > 0) return { error: 'XML parser error', cells: [] };
            const modelNode = doc.documentElement.getElementsByTagName('mxGraphModel')[0];
            const container = document.createElement('div');
            container.style.cssText = 'position:absolute;left:0;top:0;width:3000px;height:3000px';
            document.body.replaceChildren(container);
            const graph = new w.mxGraph(container);
            graph.setHtmlLabels(true);
            // As draw.io does: a cell whose value is an <object> shows its `label` attribute.
            graph.convertValueToString = (cell: any) =>
                cell.value != null && typeof cell.value === 'object' ? cell.value.getAttribute('label') ?? '' : String(cell.value ?? '');
            new w.mxCodec(doc).decode(modelNode, graph.getModel());
            graph.refresh();
            const html = (value: string): string => {
                const parsed = new DOMParser().parseFromString(`<div>${value.replace(/<br>/g, '\n')}</div>`, 'text/html');
                return parsed.body.textContent ?? '';
            };
            const cells: DecodedCell[] = [];
            for (const cell of Object.values(graph.getModel().cells) as any[]) {
                const value = cell.value;
                const isNode = value != null && typeof value === 'object' && value.nodeType === 1;
                const label = isNode ? value.getAttribute('label') ?? '' : String(value ?? '');
                const g = cell.geometry;
                cells.push({
                    id: cell.id, parent: cell.parent?.id ?? null, vertex: Boolean(cell.vertex), edge: Boolean(cell.edge),
                    source: cell.source?.id ?? null, target: cell.target?.id ?? null,
                    label: html(label), archwayId: isNode ? value.getAttribute('archway_id') : null,
                    geometry: g ? { x: g.x, y: g.y, width: g.width, height: g.height, points: (g.points ?? []).map((p: any) => [p.x, p.y]) } : null,
                    shown: graph.getView().getState(cell) != null,
                });
            }
            return { cells };
        } catch (error) {
            return { error: String((error as Error).stack ?? error), cells: [] };
        }
    }, xml);
}

// Skipped only where Chromium is not installed (.ci/run installs it, so CI always runs this).
describe.skipIf(!hasChromium)('draw.io export decoded by mxGraph', () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
        browser = await launchBrowser();
        page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await page.setContent('<!doctype html><html><body></body></html>');
        await page.evaluate(() => {
            const w = window as unknown as Record<string, unknown>;
            w.mxLoadResources = false;
            w.mxLoadStylesheets = false;
            w.mxBasePath = '.';
            w.mxImageBasePath = '.';
        });
        await page.addScriptTag({ content: readFileSync(join(ROOT, 'node_modules/mxgraph/javascript/mxClient.min.js'), 'utf8') });
    });
    afterAll(async () => {
        await browser?.close();
        disposeLayout();
    });

    for (const file of MODEL_FILES) {
        it(`${file}: cells, containers, geometry, edges and labels match the layout`, async () => {
            const model = await loadModel(file);
            const options = [...(model.views.length > 0 ? model.views.map(view => ({ view: view.id })) : [{}]), ...model.flows.map(flow => ({ flow: flow.id }))];
            for (const option of options) {
                const diagram = await layoutDiagram(model, option);
                const xml = diagramToDrawio(diagram, model);
                const { error, cells } = await decode(page, xml);
                expect(error, xml.slice(0, 2000)).toBeUndefined();
                const byId = new Map(cells.map(cell => [cell.id, cell]));
                expect(byId.get('0')?.parent).toBeNull();
                expect(byId.get('1')?.parent).toBe('0');
                const vertices = cells.filter(cell => cell.vertex);
                expect(vertices.map(cell => cell.archwayId).sort()).toEqual(diagram.nodes.map(node => node.id).sort());
                const absolute = (cell: DecodedCell): [number, number] => {
                    const parent = cell.parent === null ? undefined : byId.get(cell.parent);
                    const [px, py] = parent && parent.vertex ? absolute(parent) : [0, 0];
                    return [px + cell.geometry!.x, py + cell.geometry!.y];
                };
                for (const node of diagram.nodes) {
                    const cell = vertices.find(c => c.archwayId === node.id)!;
                    expect(cell.parent, node.id).toBe(node.parent === undefined ? '1' : `arch:${node.parent}`);
                    const [x, y] = absolute(cell);
                    expect(x).toBeCloseTo(node.x, 1);
                    expect(y).toBeCloseTo(node.y, 1);
                    expect(cell.geometry!.width).toBeCloseTo(node.width, 1);
                    expect(cell.geometry!.height).toBeCloseTo(node.height, 1);
                    expect(cell.label.replace(/\s+/g, '')).toBe([node.label, ...(node.compound ? [] : [node.subtitle, node.facts])].join('').replace(/\s+/g, ''));
                    expect(cell.shown, `${node.id} is displayed`).toBe(true);
                }
                const edges = cells.filter(cell => cell.edge);
                expect(edges).toHaveLength(diagram.edges.length);
                for (const edge of diagram.edges) {
                    const cell = byId.get(`arch:${edge.id}`)!;
                    expect(cell, edge.id).toBeDefined();
                    expect(cell.source).toBe(`arch:${edge.source}`);
                    expect(cell.target).toBe(`arch:${edge.target}`);
                    const inner = edge.points.slice(1, -1);
                    expect(cell.geometry!.points).toHaveLength(inner.length);
                    cell.geometry!.points.forEach(([x, y], i) => {
                        expect(x).toBeCloseTo(inner[i][0], 1);
                        expect(y).toBeCloseTo(inner[i][1], 1);
                    });
                    const steps = edge.steps.length > 0 ? `${edge.steps.join(', ')}. ` : '';
                    expect(cell.label).toBe(steps + edge.label);
                    expect(cell.shown, `${edge.id} is displayed`).toBe(true);
                }
            }
        });
    }

    it('gives a two-way broker edge an arrowhead at each end (eShopOnContainers)', async () => {
        const model = await loadModel('test/fixtures/real/eshop-on-containers.arch');
        const xml = diagramToDrawio(await layoutDiagram(model, { view: 'overview' }), model);
        expect(xml.match(/startArrow=open/g)).toHaveLength(4);
        const { cells } = await decode(page, xml);
        expect(cells.filter(cell => cell.edge && cell.label.includes('publishes 7 · consumes 6')).map(cell => cell.shown)).toEqual([true]);
    });

    it('is deterministic and keeps markup in names as text', async () => {
        const model = await loadModel('test/interop/fixtures/hostile.arch');
        const first = diagramToDrawio(await layoutDiagram(model), model);
        const second = diagramToDrawio(await layoutDiagram(model), model);
        expect(second).toBe(first);
        const { cells } = await decode(page, first);
        const ring = cells.find(cell => cell.archwayId === 'o-ring')!;
        expect(ring.label).toContain('o-ring <script>alert(1)</script> & co');
        expect(await page.locator('body div script').count()).toBe(0); // nothing from a label became an element
        // Look at it: a screenshot of the shop as mxGraph draws it.
        const shop = await loadModel('examples/online-shop/shop.arch');
        await decode(page, diagramToDrawio(await layoutDiagram(shop), shop));
        mkdirSync(join(ROOT, 'test-results'), { recursive: true });
        writeFileSync(join(ROOT, 'test-results/drawio-shop.png'), await page.screenshot({ fullPage: false }));
    });

    it('reports a file that is not a graph model (the check can fail)', async () => {
        const { error, cells } = await decode(page, '<mxfile><diagram><mxGraphModel><root><mxCell id="0"/>');
        expect(error !== undefined || cells.length <= 1).toBe(true);
    });
});
