import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/arch-model.js';
import {
    THEME_NAMES, clearLayoutCache, DiagramError, escapeXml, renderDiagram, selectView, textWidth,
} from '../../src/diagram/index.js';
import { loadText } from '../support/services.js';
import { generateModel, layoutProblems, parseXml, segmentCrossesBox, svgTexts, unsafeParts } from './diagram-helpers.js';

const designExample = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'design-example.arch'), 'utf8');

beforeEach(() => clearLayoutCache());

describe('escaping', () => {
    it('escapes markup, quotes and ampersands in every piece of model text', async () => {
        const { model } = await loadText([
            'architecture "<b>Shop</b> & \\"co\\""',
            'zone z "<img src=x onerror=alert(1)>" { trust: public',
            '  service a "<script>alert(1)</script>" { technology: "\\"&\'" }',
            '}',
            'database b "\\"&\'"',
            'a -> b : sql "</text><script>x</script>"',
        ].join('\n'));
        const { svg } = await renderDiagram(model);
        expect(unsafeParts(svg)).toEqual([]);
        const root = parseXml(svg);
        const texts = svgTexts(root);
        expect(texts).toContain('<script>alert(1)</script>');
        expect(texts).toContain('"&\'');
        expect(texts).toContain('<img src=x onerror=alert(1)>');
        expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(unsafeParts('<svg xmlns="http://www.w3.org/2000/svg"><a href="https://x.org"/><g onclick="x()"/></svg>')).toHaveLength(3);
    });

    it('drops characters that XML forbids', () => {
        expect(escapeXml('a\u0001b\u0000c & d')).toBe('abc &amp; d');
    });
});

describe('determinism', () => {
    it('gives byte-identical SVG for the same text, with and without the layout cache', async () => {
        const first = await renderDiagram((await loadText(designExample)).model);
        clearLayoutCache();
        const second = await renderDiagram((await loadText(designExample)).model);
        const third = await renderDiagram((await loadText(designExample)).model);
        expect(second.svg).toBe(first.svg);
        expect(third.svg).toBe(first.svg);
    });
});

describe('views', () => {
    it('shows only what a view includes, mapped to its zones, with its direction', async () => {
        const { model } = await loadText(designExample);
        const selection = selectView(model, { view: 'ordering' });
        expect(selection.components).toEqual(['browser', 'api', 'orders', 'ordersDb']);
        expect(selection.zones).toEqual(['internet', 'vpc']);
        expect(selection.direction).toBe('down');
        expect(selection.connections.map(c => c.connection.id).sort()).toEqual(['api->orders', 'browser->api', 'orders->ordersDb']);
        const { layout } = await renderDiagram(model, { view: 'ordering' });
        expect(layout.direction).toBe('down');
        expect(layout.nodes.map(n => n.id).sort()).toEqual(['api', 'browser', 'internet', 'orders', 'ordersDb', 'vpc']);
    });

    it('includes whole zones and honours excludes', async () => {
        const { model } = await loadText([
            'zone a { service s1  service s2  zone inner { service s3 } }',
            'service outside',
            's1 -> outside', 's3 -> s2',
            'view v { include a  exclude s2 }',
        ].join('\n'));
        const selection = selectView(model, { view: 'v' });
        expect(selection.components).toEqual(['s1', 's3']);
        expect(selection.zones).toEqual(['a', 'inner']);
        expect(selection.connections).toEqual([]);
    });

    it('names the known views when asked for an unknown one', async () => {
        const { model } = await loadText(designExample);
        await expect(renderDiagram(model, { view: 'nope' })).rejects.toThrow(DiagramError);
        await expect(renderDiagram(model, { view: 'nope' })).rejects.toThrow(/overview, ordering/);
        await expect(renderDiagram(model, { flow: 'nope' })).rejects.toThrow(/checkout/);
    });

    it('draws topics inside their broker so publish and subscribe edges meet at the topic', async () => {
        const { model } = await loadText(designExample);
        const { layout } = await renderDiagram(model);
        const topic = layout.nodes.find(n => n.id === 'bus.orderPlaced')!;
        expect(topic.parent).toBe('bus');
        expect(topic.kind).toBe('topic');
        const publish = layout.edges.find(e => e.id === 'orders~>bus.orderPlaced')!;
        const subscribe = layout.edges.find(e => e.id === 'bus.orderPlaced~>billing')!;
        expect(publish.target).toBe('bus.orderPlaced');
        expect(subscribe.source).toBe('bus.orderPlaced');
        expect(publish.style).toBe('async');
    });

    it('returns the ids of every view and flow', async () => {
        const { model } = await loadText(designExample);
        const result = await renderDiagram(model);
        expect(result.viewIds).toEqual(['overview', 'ordering']);
        expect(result.flowIds).toEqual(['checkout']);
        expect(result.view).toBe('overview');
        expect((await renderDiagram(model, { view: 'ordering' })).view).toBe('ordering');
    });
});

describe('flow view', () => {
    it('numbers the steps on their connections and dims everything off the flow', async () => {
        const { model } = await loadText(designExample);
        const { svg, layout } = await renderDiagram(model, { flow: 'checkout' });
        const steps = Object.fromEntries(layout.edges.filter(e => e.steps.length > 0).map(e => [e.id, e.steps]));
        expect(steps).toEqual({
            'browser->api': [1], 'api->orders': [2], 'orders->ordersDb': [3], 'orders~>bus.orderPlaced': [4],
        });
        const root = parseXml(svg);
        expect(root.attributes['data-flow']).toBe('checkout');
        const groups = new Map<string, Record<string, string>>();
        const walk = (e: ReturnType<typeof parseXml>): void => {
            if (e.attributes['data-id']) groups.set(e.attributes['data-id'], e.attributes);
            e.children.forEach(walk);
        };
        walk(root);
        expect(groups.get('browser->api')!.opacity).toBeUndefined();
        expect(groups.get('dns->edge')!.opacity).toBeDefined();
        expect(groups.get('users')!.opacity).toBeDefined();
        expect(groups.get('orders')!.opacity).toBeUndefined();
        expect(svgTexts(root)).toEqual(expect.arrayContaining(['1', '2', '3', '4']));
        expect(layoutProblems(layout)).toEqual([]);
    });

    it('labels each step with its latency and the title with the flow\'s availability and latency (docs/numbers.md)', async () => {
        const text = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'checkout-numbers', 'checkout.arch'), 'utf8');
        const { model } = await loadText(text);
        const { svg, layout } = await renderDiagram(model, { flow: 'placeOrder' });
        const labels = Object.fromEntries(layout.edges.filter(e => e.steps.length > 0).map(e => [e.id, e.label]));
        // The hop and the callee's own latency: 30ms + 5ms into the gateway, 2ms + 30ms into payments.
        expect(labels).toMatchObject({ 'browser->api': expect.stringMatching(/^POST \/checkout · 35ms/), 'checkout->payments': expect.stringMatching(/^32ms · grpcs · charge/), 'payments->psp': expect.stringMatching(/^270ms/) });
        // Asynchronous steps are not on the request: no latency.
        expect(labels['checkout~>bus.orderPlaced']).not.toMatch(/ms/);
        expect(svgTexts(parseXml(svg))).toContain('Checkout with SLOs — flow: Place an order — 99.98 % · 398ms');
        expect(layoutProblems(layout)).toEqual([]);
    });

    it('adds a step whose connection is not declared as its own edge', async () => {
        const { model } = await loadText('service a\nservice b\nflow f { a -> b "ask" }');
        const { layout } = await renderDiagram(model, { flow: 'f' });
        expect(layout.edges).toEqual([expect.objectContaining({ id: 'flow:f:1', source: 'a', target: 'b', steps: [1] })]);
    });
});

describe('findings', () => {
    it('puts a badge and a title with the messages on the elements a finding names', async () => {
        const { model } = await loadText(designExample);
        const location = model.components[0].location;
        const findings: Finding[] = [
            { code: 'gateway-bypass', severity: 'error', message: 'mobile calls <orders> directly', location, related: [], elements: ['orders'] },
            { code: 'plaintext', severity: 'warning', message: 'grpc is plaintext', location, related: [], elements: ['orders->users'] },
            { code: 'hint-only', severity: 'hint', message: 'ignored', location, related: [], elements: ['users'] },
        ];
        const { svg } = await renderDiagram(model, { findings });
        const root = parseXml(svg);
        const byId = new Map<string, ReturnType<typeof parseXml>>();
        const walk = (e: ReturnType<typeof parseXml>): void => {
            if (e.attributes['data-id']) byId.set(e.attributes['data-id'], e);
            e.children.forEach(walk);
        };
        walk(root);
        const orders = byId.get('orders')!;
        expect(orders.children.find(c => c.name === 'title')!.text).toContain('error gateway-bypass: mobile calls <orders> directly');
        expect(orders.children.some(c => c.attributes['data-badge'] === 'error')).toBe(true);
        const edge = byId.get('orders->users')!;
        expect(edge.children.some(c => c.attributes['data-badge'] === 'warning')).toBe(true);
        expect(byId.get('users')!.children.some(c => c.attributes['data-badge'])).toBe(false);
    });
});

describe('themes', () => {
    it('resolves every colour in every built-in theme', async () => {
        const { model } = await loadText(designExample);
        const svgs = new Set<string>();
        for (const theme of THEME_NAMES) {
            const { svg } = await renderDiagram(model, { theme, flow: 'checkout' });
            expect(unsafeParts(svg)).toEqual([]);
            parseXml(svg);
            expect(svg).not.toMatch(/currentColor/);
            svgs.add(svg);
        }
        expect(svgs.size).toBe(THEME_NAMES.length);
    });

    it('marks TLS and plaintext edges differently', async () => {
        const { model } = await loadText(designExample);
        const { svg } = await renderDiagram(model);
        expect(svg).toMatch(/data-id="browser-&gt;api"[^>]*data-tls="true"/);
        expect(svg).toMatch(/data-id="orders-&gt;users"[^>]*data-tls="false"/);
        expect(svg).toMatch(/data-id="orders~&gt;bus.orderPlaced"[^>]*data-style="async"/);
    });
});

describe('big views', () => {
    it('collapses zones into one box each with counts above the threshold', async () => {
        const { model } = await loadText(generateModel(200));
        const { layout, svg } = await renderDiagram(model);
        expect(layout.collapsed).toBe(true);
        const zones = layout.nodes.filter(n => n.role === 'collapsed-zone');
        expect(zones.length).toBeGreaterThan(2);
        expect(svg).toMatch(/\d+ components/);
        expect(layoutProblems(layout)).toEqual([]);
        expect(layout.edges.every(e => e.connections.length >= 1)).toBe(true);
    });

    it('keeps a zone expanded when asked', async () => {
        const { model } = await loadText(generateModel(200));
        const { layout } = await renderDiagram(model, { expandedZones: ['z1'] });
        expect(layout.nodes.find(n => n.id === 'z1')!.role).toBe('zone');
        expect(layout.nodes.find(n => n.id === 'z1i')!.role).toBe('collapsed-zone');
        expect(layout.nodes.find(n => n.id === 'z2')!.role).toBe('collapsed-zone');
        expect(layoutProblems(layout)).toEqual([]);
    });

    it('says why zones are collapsed: the view is over the threshold', async () => {
        const { model } = await loadText(generateModel(200));
        const { diagram } = await renderDiagram(model, { expandedZones: ['z1'] });
        expect(diagram.collapse).toMatchObject({ components: 200, threshold: 150, bySize: true, expanded: ['z1'] });
    });

    it('lists every zone drawn as a box in the collapse summary', async () => {
        const { model } = await loadText(generateModel(200));
        const { diagram, layout } = await renderDiagram(model);
        expect(diagram.collapse.zones).toEqual(layout.nodes.filter(n => n.role === 'collapsed-zone').map(n => n.id));
    });

    it('draws everything open with collapse "never", however big the view', async () => {
        const { model } = await loadText(generateModel(200));
        const { layout } = await renderDiagram(model, { collapse: 'never' });
        expect(layout.nodes.some(n => n.role === 'collapsed-zone')).toBe(false);
    });

    it('collapses the zones a small view lists under "collapse:"', async () => {
        const { model } = await loadText([
            'zone edge { trust: edge',
            '  gateway gw',
            '}',
            'zone core {',
            '  service a',
            '  service b',
            '  database db',
            '}',
            'gw -> a : https',
            'a -> b : grpc+tls',
            'b -> db : sql+tls',
            'view main { include *  collapse: [core] }',
        ].join('\n'));
        const { layout, diagram } = await renderDiagram(model, { view: 'main' });
        expect(layout.nodes.filter(n => n.role === 'collapsed-zone').map(n => n.id)).toEqual(['core']);
        expect(diagram.collapse).toMatchObject({ bySize: false, zones: ['core'] });
    });

    it('opens a zone the view lists under "collapse:" when it is expanded', async () => {
        const { model } = await loadText([
            'zone core {',
            '  service a',
            '  database db',
            '}',
            'a -> db : sql+tls',
            'view main { include *  collapse: [core] }',
        ].join('\n'));
        const { layout, diagram } = await renderDiagram(model, { view: 'main', expandedZones: ['core'] });
        expect(layout.nodes.find(n => n.id === 'core')!.role).toBe('zone');
        expect(diagram.collapse).toMatchObject({ zones: [], expanded: ['core'] });
    });

    it('lays out a 60-component model with nested zones without overlaps or edges through nodes', async () => {
        const { model } = await loadText(generateModel(60));
        const { layout, svg } = await renderDiagram(model);
        expect(layout.collapsed).toBe(false);
        expect(layoutProblems(layout)).toEqual([]);
        parseXml(svg);
    });
});

describe('test helpers', () => {
    it('detect overlaps, stray endpoints and edges through nodes', () => {
        const node = (id: string, x: number, y: number) => ({ id, parent: null, x, y, width: 100, height: 40, label: id, kind: 'service', role: 'component' });
        const problems = layoutProblems({
            view: 'v', flow: null, direction: 'right', collapsed: false, width: 500, height: 200,
            nodes: [node('a', 0, 0), node('b', 50, 10), node('c', 300, 0), node('d', 150, 100)],
            edges: [{ id: 'e', source: 'a', target: 'c', points: [[100, 120], [300, 120]], label: '', style: 'sync', connections: [], members: [], relation: null, twoWay: false, steps: [] }],
        });
        expect(problems).toEqual(expect.arrayContaining([
            'a overlaps b', expect.stringMatching(/^e: starts/), expect.stringMatching(/^e: ends/), 'e: segment 0 crosses d',
        ]));
        expect(segmentCrossesBox([0, 5], [10, 5], { x: 20, y: 0, width: 10, height: 10 })).toBe(false);
        expect(() => parseXml('<svg><text>a</svg>')).toThrow();
        expect(() => parseXml('<svg a="1" a="2"/>')).toThrow();
        expect(() => parseXml('<svg>&bogus;</svg>')).toThrow();
    });

    it('measure text from the fixed width table', () => {
        expect(textWidth('', 13)).toBe(0);
        expect(textWidth('mm', 10)).toBeCloseTo(19.48, 1);
        expect(textWidth('A', 10, true)).toBeGreaterThan(textWidth('A', 10));
    });
});
