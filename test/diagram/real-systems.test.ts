/**
 * Diagrams of the faithful models of real systems in `test/fixtures/real/` (issue 16): parallel
 * routes merge into one counted edge, a busy broker draws as one box with one edge per
 * publisher and subscriber, the protocol every broker edge shares is said once, relationships
 * stated by properties draw as edges, and feedback edges stay short. Assertions are on the
 * real SVG and the JSON export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureLayout } from '../../scripts/layout-metrics.js';
import type { ArchModel } from '../../src/model/arch-model.js';
import { renderDiagram, type RenderResult } from '../../src/diagram/index.js';
import { loadText } from '../support/services.js';
import { allElements, layoutProblems, parseXml, svgTexts, type XmlElement } from './diagram-helpers.js';

const REAL = join(import.meta.dirname, '..', 'fixtures', 'real');
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

async function load(path: string): Promise<ArchModel> {
    return (await loadText(readFileSync(path, 'utf8'))).model;
}

function edgeGroup(svg: string, id: string): XmlElement {
    const group = allElements(parseXml(svg)).find(e => e.name === 'g' && e.attributes.class === 'aw-edge' && e.attributes['data-id'] === id);
    if (!group) throw new Error(`no edge ${id} in the SVG`);
    return group;
}

function titleOf(group: XmlElement): string {
    return group.children.find(c => c.name === 'title')?.text ?? '';
}

describe('DeathStarBench social network: parallel routes', () => {
    let model: ArchModel;
    let overview: RenderResult;
    beforeAll(async () => {
        model = await load(join(REAL, 'social-network.arch'));
        overview = await renderDiagram(model, { view: 'overview' });
    });

    it('draws the six nginx routes to social-graph-service as one edge labelled "6 routes · thrift", listing each', () => {
        const edges = overview.layout.edges.filter(e => e.source === 'nginx' && e.target === 'socialGraph');
        expect(edges).toHaveLength(1);
        const [edge] = edges;
        expect(edge.label).toBe('6 routes · thrift');
        expect(edge.connections).toHaveLength(6);
        expect(edge.members.map(m => m.label)).toEqual([
            '/api/user/follow', '/api/user/unfollow', '/api/user/get_follower', '/api/user/get_followee',
            '/wrk2-api/user/follow', '/wrk2-api/user/unfollow',
        ].map(path => `${path} · thrift`));
        const title = titleOf(edgeGroup(overview.svg, edge.id));
        expect(title.split('\n')[0]).toBe('6 routes · thrift');
        for (const member of edge.members) expect(title).toContain(member.label);
        expect(edgeGroup(overview.svg, edge.id).attributes['data-connections'].split(' ')).toEqual(edge.connections);
    });

    it('draws one edge per pair of boxes and direction for the gateway (15 routes → 5 edges)', () => {
        const fromGateway = overview.layout.edges.filter(e => e.source === 'nginx' && e.relation === null);
        const targets = fromGateway.map(e => e.target);
        expect(new Set(targets).size).toBe(targets.length);
        expect(fromGateway.reduce((n, e) => n + e.connections.length, 0)).toBe(15);
        expect(svgTexts(parseXml(overview.svg))).not.toContain('/api/user/follow');
    });

    it('keeps the route a flow step follows as its own numbered edge', async () => {
        const flow = await renderDiagram(model, { flow: 'composeFlow' });
        const step = flow.layout.edges.find(e => e.steps.includes(2))!;
        expect(step.source).toBe('nginx');
        expect(step.target).toBe('composePost');
        expect(step.connections).toHaveLength(1);
        expect(step.label).not.toMatch(/routes/);
        expect(layoutProblems(flow.layout)).toEqual([]);
    });
});

describe('eShopOnContainers: a busy event bus', () => {
    let model: ArchModel;
    let overview: RenderResult;
    beforeAll(async () => {
        model = await load(join(REAL, 'eshop-on-containers.arch'));
        overview = await renderDiagram(model, { view: 'overview' });
    });

    it('draws the 14-topic RabbitMQ bus as one box that opens on a click, saying amqp once', () => {
        const bus = overview.layout.nodes.find(n => n.id === 'eventBus')!;
        expect(bus.role).toBe('collapsed-broker');
        expect(overview.layout.nodes.filter(n => n.role === 'channel')).toEqual([]);
        expect(overview.diagram.collapse.zones).toContain('eventBus');
        expect(overview.diagram.collapse.brokers).toEqual(['eventBus']);
        const group = allElements(parseXml(overview.svg)).find(e => e.name === 'g' && e.attributes['data-id'] === 'eventBus')!;
        expect(group.attributes['data-collapsed']).toBe('true');
        const texts = svgTexts(parseXml(overview.svg));
        expect(texts.some(t => t.includes('14 topics') && t.includes('amqp'))).toBe(true);
        // The protocol is on the broker, not on the 30-odd edges around it.
        expect(texts.filter(t => /\bamqp\b/.test(t))).toHaveLength(1);
    });

    it('draws one edge per publisher and per subscriber, labelled with its topic or topic count', () => {
        const busEdges = overview.layout.edges.filter(e => e.source === 'eventBus' || e.target === 'eventBus');
        const pairs = busEdges.map(e => `${e.source}>${e.target}`);
        expect(new Set(pairs).size).toBe(pairs.length);
        const async = model.connections.filter(c => c.style === 'async').length;
        expect(busEdges.reduce((n, e) => n + e.connections.length, 0)).toBeGreaterThanOrEqual(async - 2); // all but the management UI's
        const topicsOf = (ids: readonly string[]) => new Set(ids.map(id => model.connections.find(c => c.id === id)!).map(c => (c.source.startsWith('eventBus.') ? c.source : c.target)));
        for (const edge of busEdges.filter(e => e.style === 'async' && !e.twoWay)) {
            const topics = topicsOf(edge.connections);
            if (topics.size > 1) expect(edge.label).toBe(`${topics.size} topics`);
            else expect(edge.label).toBe(model.elements.get([...topics][0])!.label);
        }
        // A service that publishes and consumes draws one edge, arrowheads at both ends.
        const twoWay = busEdges.filter(e => e.twoWay);
        expect(twoWay.map(e => e.source).sort()).toEqual(['basket', 'catalog', 'ordering', 'payment']);
        const ordering = twoWay.find(e => e.source === 'ordering')!;
        expect(ordering.target).toBe('eventBus');
        const published = ordering.connections.filter(id => id.startsWith('ordering~>'));
        const delivered = ordering.connections.filter(id => id.startsWith('eventBus.'));
        expect(ordering.label).toBe(`publishes ${topicsOf(published).size} · consumes ${topicsOf(delivered).size}`);
        expect(ordering.label).toBe('publishes 7 · consumes 6');
        const group = edgeGroup(overview.svg, ordering.id);
        expect(group.children.filter(c => c.name === 'polyline')).toHaveLength(2); // an open arrowhead at each end
        expect(edgeGroup(overview.svg, 'orderingTasks=>eventBus').children.filter(c => c.name === 'polyline')).toHaveLength(1);
        expect(group.attributes['aria-label']).toContain('async messages both ways between Ordering API and RabbitMQ');
        expect(overview.layout.edges.length).toBeLessThanOrEqual(32); // 77 before issue 16, 54 before the two-way edges, 44 before the fan-ins, 35 before the twin calls
    });

    it('draws the two gateways\' and two aggregators\' calls into each service as one edge from their zone, saying who calls', () => {
        const fanIns = overview.layout.edges.filter(e => e.source === 'bff' && e.label.endsWith(' connections'));
        expect(fanIns.map(e => e.target).sort()).toEqual(['basket', 'catalog', 'ordering']);
        const callers = ['mobileshoppingagg', 'mobileshoppingapigw', 'webshoppingagg', 'webshoppingapigw'];
        for (const edge of fanIns) {
            expect(edge.label).toBe('4 callers · 6 connections');
            expect(edge.style).toBe('sync');
            // Which gateway reaches the service, and through which route: in the members (JSON) and the tooltip.
            expect([...new Set(edge.members.map(m => m.id.split('->')[0]))].sort()).toEqual(callers);
            expect(edge.members.map(m => m.id)).toEqual(edge.connections);
            const tooltip = edgeGroup(overview.svg, edge.id).children.find(c => c.name === 'title')!.text;
            for (const caller of callers) expect(tooltip).toContain(`(${caller}->${edge.target}`);
            expect(edgeGroup(overview.svg, edge.id).attributes['aria-label']).toContain(
                'calls from Web shopping API gateway, Mobile shopping API gateway, Web shopping aggregator, Mobile shopping aggregator');
        }
        expect(fanIns.find(e => e.target === 'catalog')!.members.map(m => m.label)).toContain('/catalog-api/');
    });

    it('draws the same call made by sibling boxes once, from their zone, saying who makes it', () => {
        // The browser's and the Xamarin app's sign-in, the two web apps' token exchange, the two gateways' SignalR route.
        const twins = overview.layout.edges.filter(e => e.label.startsWith('2 callers · '));
        expect(twins.map(e => `${e.source}=>${e.target}: ${e.label}`).sort()).toEqual([
            'bff=>signalrhub: 2 callers · /hub/notificationhub',
            'internet=>identity: 2 callers · http · sign in (5105)',
            'web=>identity: 2 callers · http · OIDC token exchange',
        ]);
        const signIn = twins.find(e => e.source === 'internet')!;
        expect(signIn.members.map(m => m.id.split('->')[0])).toEqual(['browser', 'mobile']);
        expect(signIn.members.map(m => m.id)).toEqual(signIn.connections);
        expect(signIn.connections).toHaveLength(2);
        const group = edgeGroup(overview.svg, signIn.id);
        expect(titleOf(group)).toContain('(browser->identity');
        expect(titleOf(group)).toContain('(mobile->identity');
        expect(group.attributes['aria-label']).toContain('calls from Browser (SPA and MVC), Xamarin app');
        // Each call is drawn exactly once.
        const drawn = overview.layout.edges.flatMap(e => e.connections);
        expect(new Set(drawn).size).toBe(drawn.length);
    });

    it('opens the broker when asked, still without repeating amqp on each edge', async () => {
        const open = await renderDiagram(model, { view: 'overview', expandedZones: ['eventBus'] });
        expect(open.layout.nodes.filter(n => n.role === 'channel')).toHaveLength(14);
        expect(open.diagram.collapse.expanded).toEqual(['eventBus']);
        expect(open.layout.edges.filter(e => e.label.includes('amqp'))).toEqual([]);
        expect(layoutProblems(open.layout)).toEqual([]);
    });

    it('says "trusted by 6" on the identity provider instead of six dotted edges across the services', () => {
        expect(overview.layout.edges.filter(e => e.relation === 'trusts')).toEqual([]);
        const identity = overview.diagram.nodes.find(n => n.id === 'identity')!;
        expect(identity.facts).toContain('trusted by 6');
        expect(svgTexts(parseXml(overview.svg)).some(t => t.includes('trusted by 6'))).toBe(true);
        // Who trusts it is in its tooltip and in what a screen reader says of it.
        const group = allElements(parseXml(overview.svg)).find(e => e.name === 'g' && e.attributes['data-id'] === 'identity')!;
        const tooltip = group.children.find(c => c.name === 'title')!.text;
        expect(tooltip).toContain('trusted by Web shopping aggregator, Mobile shopping aggregator, Basket API, Ordering API');
        expect(group.attributes['aria-label']).toContain('trusted by Web shopping aggregator');
        expect(group.attributes['aria-label']).toContain('Webhooks API');
        // The trusting services still say how they authenticate.
        expect(overview.diagram.nodes.find(n => n.id === 'basket')!.facts).toContain('auth jwt');
    });

    it('reads left to right: clients, web apps, gateways, services, then data and the bus, which every bus edge reaches directly', () => {
        const box = (id: string) => overview.layout.nodes.find(n => n.id === id)!;
        const right = (id: string) => box(id).x + box(id).width;
        // The web apps call the gateways: their zone comes first (it was drawn last, right of the data).
        expect(right('web')).toBeLessThan(box('bff').x);
        expect(right('bff')).toBeLessThan(box('services').x);
        expect(right('services')).toBeLessThan(box('data').x);
        const bus = box('eventBus');
        const busEdges = overview.layout.edges.filter(e => (e.source === 'eventBus' || e.target === 'eventBus') && e.style === 'async');
        for (const edge of busEdges) {
            const other = edge.source === 'eventBus' ? edge.target : edge.source;
            expect(right(other)).toBeLessThan(bus.x);
            // Publishes and deliveries both meet the broker on its side facing the services.
            const end = edge.source === 'eventBus' ? edge.points[0] : edge.points[edge.points.length - 1];
            expect(end[0]).toBeCloseTo(bus.x, 0);
        }
        const quality = measureLayout(overview.layout);
        expect(quality.edges).toBeLessThanOrEqual(32); // 54 before, 44 before the fan-ins, 35 before the twin calls
        expect(quality.crossings).toBeLessThanOrEqual(25); // 109 before, 47 before the fan-ins, 24 before the twin calls, 13 measured
    });

    it('lays out without overlaps or stray ends and with no detour over 2', () => {
        expect(layoutProblems(overview.layout)).toEqual([]);
        expect(measureLayout(overview.layout).worstDetour).toBeLessThanOrEqual(2);
    });
});

describe('what properties say, drawn', () => {
    it('draws a trusts edge to Entra ID, and no origin edge where Front Door already routes to the web app', async () => {
        const model = await load(join(REAL, 'reliable-web-app.arch'));
        const { layout, svg } = await renderDiagram(model, { view: 'overview' });
        const trusts = layout.edges.filter(e => e.relation === 'trusts');
        expect(trusts.map(e => `${e.source}->${e.target}`)).toEqual(['api->entra']);
        const path = edgeGroup(svg, trusts[0].id).children.find(c => c.name === 'path')!;
        expect(path.attributes['stroke-dasharray']).toBe('2 3');
        expect(layout.edges.filter(e => e.relation === 'origin')).toEqual([]);
        // The web app's call back through Front Door is a feedback edge: short, not round the diagram.
        expect(measureLayout(layout).worstDetour).toBeLessThanOrEqual(2); // 3.29 before
    });

    it('draws an ETL\'s from:/to: as edges, and hides them in a view that says implied: false', async () => {
        const path = join(EXAMPLES, 'well-architected', 'system.arch');
        const { layout } = await renderDiagram(await load(path), { view: 'overview' });
        const implied = layout.edges.filter(e => e.relation !== null && e.relation !== 'trusts').map(e => `${e.id} ${e.label}`);
        expect(implied).toEqual(['from:ordersDb->nightly reads', 'to:nightly->warehouse writes']);
        // The CDN's origin: is also the connection cdn -> assets: drawn once, as the connection.
        expect(layout.edges.filter(e => e.source === 'cdn' && e.target === 'assets').map(e => e.relation)).toEqual([null]);
        const text = readFileSync(path, 'utf8') + '\nview quiet "No implied edges" {\n  include *\n  implied: false\n  trusts: false\n}\n';
        const quiet = await renderDiagram((await loadText(text)).model, { view: 'quiet' });
        expect(quiet.layout.edges.filter(e => e.relation !== null)).toEqual([]);
    });

    it('draws a CDN\'s origin: when no connection says it', async () => {
        const { layout, svg } = await renderDiagram(await load(join(EXAMPLES, 'media-site', 'media.arch')), { view: 'overview' });
        const origin = layout.edges.filter(e => e.relation === 'origin');
        expect(origin.map(e => `${e.source}->${e.target}`)).toEqual(['videoEdge->media']);
        expect(svgTexts(parseXml(svg))).toContain('origin');
    });
});
