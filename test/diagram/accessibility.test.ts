/**
 * What a screen reader gets from a rendered SVG: the document is an image with a title and a
 * description of the view; every box and edge carries its accessible name. Rendered from a
 * real `.arch` file, read with an XML parser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearFragmentCache } from '../../src/diagram/render-svg.js';
import { clearLayoutCache, renderDiagram } from '../../src/diagram/index.js';
import { loadText } from '../support/services.js';
import { allElements, generateModel, parseXml, type XmlElement } from './diagram-helpers.js';

const designExample = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'design-example.arch'), 'utf8');

beforeEach(() => clearLayoutCache());

function rootOf(svg: string): XmlElement {
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    return root;
}

describe('accessible SVG', () => {
    it('is an image titled by the view and described by a summary of it', async () => {
        const { model } = await loadText(designExample);
        const { svg } = await renderDiagram(model, { view: 'overview' });
        const root = rootOf(svg);
        expect(root.attributes.role).toBe('img');
        const title = root.children.find(c => c.name === 'title')!;
        const desc = root.children.find(c => c.name === 'desc')!;
        expect(root.attributes['aria-labelledby']).toBe(title.attributes.id);
        expect(root.attributes['aria-describedby']).toBe(desc.attributes.id);
        expect(title.text).toBe('Architecture diagram: Online Shop — view: Everything');
        const elements = allElements(root);
        const boxes = elements.filter(e => e.attributes['data-kind'] && e.attributes['data-kind'] !== 'zone' && !/^(topic|queue)$/.test(e.attributes['data-kind']));
        const edges = elements.filter(e => e.attributes.class === 'aw-edge');
        const zones = elements.filter(e => e.attributes.class === 'aw-zone');
        expect(desc.text).toMatch(new RegExp(`^${boxes.length} boxes and \\d+ topics in ${zones.length} zones, joined by ${edges.length} edges`));
        expect(desc.text).toContain('Zones: Internet (public, 2 boxes)');
        // Rendered without findings here (the preview's test reads them from the real server).
        expect(desc.text).toMatch(/No errors or warnings are drawn\.$/);
    });

    it('names every box by kind, label, zone and findings, and every edge by its ends and protocol', async () => {
        const { model } = await loadText(designExample);
        const { svg } = await renderDiagram(model, { view: 'overview' });
        const elements = allElements(rootOf(svg));
        const named = elements.filter(e => e.attributes['data-id'] && e.attributes['data-kind']);
        expect(named.length).toBeGreaterThan(10);
        for (const node of named) expect(node.attributes['aria-label'], node.attributes['data-id']).toMatch(/\S/);
        const byId = new Map(named.map(n => [n.attributes['data-id'], n]));
        expect(byId.get('browser')!.attributes['aria-label']).toBe('client Web SPA, in zone Internet');
        expect(byId.get('orders')!.attributes['aria-label']).toBe('service Order service (3 replicas), in zone Platform VPC');
        expect(byId.get('ordersDb')!.attributes['aria-label']).toBe('database Orders DB (postgres, 2 replicas), in zone Platform VPC');
        const edges = elements.filter(e => e.attributes.class === 'aw-edge');
        for (const edge of edges) expect(edge.attributes['aria-label']).toMatch(/ from .+ to /);
        const byEnds = (s: string, t: string) => edges.find(e => e.attributes['data-source'] === s && e.attributes['data-target'] === t)!.attributes['aria-label'];
        expect(byEnds('orders', 'ordersDb')).toBe('call from Order service to Orders DB, sql in plaintext');
        expect(byEnds('browser', 'api')).toBe('call from Web SPA to API Gateway, https with TLS');
        expect(byEnds('orders', 'bus.orderPlaced')).toBe('async message from Order service to topic orderPlaced');
    });

    it('says how many connections a merged or aggregated edge stands for, and the flow it shows', async () => {
        const { model } = await loadText(generateModel(200));
        const { svg } = await renderDiagram(model);
        const edges = allElements(rootOf(svg)).filter(e => e.attributes.class === 'aw-edge');
        const merged = edges.filter(e => (e.attributes['data-connections'] ?? '').split(' ').length > 1);
        expect(merged.length).toBeGreaterThan(0);
        for (const edge of merged) {
            const count = edge.attributes['data-connections'].split(' ').length;
            expect(edge.attributes['aria-label']).toContain(`, ${count} connections`);
        }
        expect(rootOf(svg).children.find(c => c.name === 'desc')!.text).toContain('drawn collapsed');

        const shop = await loadText(designExample);
        const flow = await renderDiagram(shop.model, { flow: 'checkout' });
        expect(rootOf(flow.svg).children.find(c => c.name === 'title')!.text).toMatch(/, flow checkout$/);
        expect(flow.svg).toMatch(/aria-label="call from Web SPA to API Gateway, [^"]*, flow step 1"/);
    });

    it('stays deterministic: the same text gives the same bytes, with or without memoised fragments', async () => {
        const { model } = await loadText(designExample);
        const first = (await renderDiagram(model)).svg;
        clearLayoutCache();
        clearFragmentCache();
        const { model: again } = await loadText(designExample);
        expect((await renderDiagram(again)).svg).toBe(first);
        // Two diagrams of the same view id inlined in one page (Markdown) name their own title and description.
        const other = (await renderDiagram((await loadText(designExample.replace('"Online Shop"', '"Other Shop"'))).model)).svg;
        const idsOf = (svg: string) => [rootOf(svg).attributes['aria-labelledby'], rootOf(svg).attributes['aria-describedby']];
        expect(rootOf(other).attributes['data-view']).toBe(rootOf(first).attributes['data-view']);
        expect(idsOf(other).filter(id => idsOf(first).includes(id))).toEqual([]);
    });
    it('speaks a long label cut to 120 characters with an ellipsis, in boxes, edges and the zone list', async () => {
        const long = 'Very long name '.repeat(40);
        const { model } = await loadText(`zone z "${long}" {\n  service a "${long}"\n  service b { -> a : https { timeout: 1s } }\n}\n`);
        const { svg } = await renderDiagram(model);
        const elements = allElements(rootOf(svg));
        const box = elements.find(e => e.attributes['data-id'] === 'a' && e.attributes['aria-label'])!;
        const cut = `${long.slice(0, 119)}…`;
        expect(box.attributes['aria-label']).toBe(`service ${cut}, in zone ${cut}`);
        const edge = elements.find(e => e.attributes.class === 'aw-edge')!;
        expect(edge.attributes['aria-label']).toContain(`to ${cut},`);
        expect(rootOf(svg).children.find(c => c.name === 'desc')!.text).toContain(`Zones: ${cut} (`);
    });
});
