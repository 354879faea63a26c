/**
 * Which edges are laid out backwards (`src/diagram/edge-orientation.ts`): calls set the main
 * direction, callbacks and deliveries yield, and the decision is made per container.
 */
import { describe, expect, it } from 'vitest';
import { exactOrder, feedbackEdges, greedyOrder } from '../../src/diagram/edge-orientation.js';
import { selectView } from '../../src/diagram/index.js';
import { buildDiagram } from '../../src/diagram/build-diagram.js';
import { loadText } from '../support/services.js';

describe('edge orientation', () => {
    it('orders an acyclic graph topologically and breaks a cycle at its lightest edge', () => {
        const order = new Map(['a', 'b', 'c'].map((id, i) => [id, i]));
        expect(greedyOrder(['c', 'b', 'a'], [['a', 'b', 4], ['b', 'c', 4]], order)).toEqual(['a', 'b', 'c']);
        // a -> b -> c -> a: the light c -> a (a callback) points back.
        expect(greedyOrder(['a', 'b', 'c'], [['a', 'b', 4], ['b', 'c', 4], ['c', 'a', 1]], order)).toEqual(['a', 'b', 'c']);
    });

    it('orders small containers exactly where the greedy heuristic lets a busy zone jump ahead of its callers', () => {
        // eShop's compose network: the web apps call the gateways (4) and the services (12) and
        // get one callback (4); the gateways make many calls (56). Greedy takes the gateways first.
        const nodes = ['web', 'bff', 'services', 'data'];
        const order = new Map(nodes.map((id, i) => [id, i]));
        const edges: [string, string, number][] = [
            ['web', 'bff', 4], ['web', 'services', 12], ['services', 'web', 4], ['bff', 'services', 56],
            ['services', 'data', 20], ['data', 'services', 6],
        ];
        const backward = (ids: string[]) => edges.filter(([a, b]) => ids.indexOf(a) > ids.indexOf(b)).reduce((sum, [, , w]) => sum + w, 0);
        const greedy = greedyOrder(nodes, edges, order);
        const exact = exactOrder(nodes, edges, order);
        expect(exact).toEqual(['web', 'bff', 'services', 'data']);
        expect(backward(exact)).toBe(10);
        expect(backward(greedy)).toBeGreaterThan(backward(exact));
        // Where greedy is optimal, the exact order is the greedy one (model order on ties).
        expect(exactOrder(['c', 'b', 'a'], [['a', 'b', 4], ['b', 'c', 4]], new Map([['a', 0], ['b', 1], ['c', 2]]))).toEqual(['a', 'b', 'c']);
    });

    it('lays a callback out backwards and the call forwards, also across zones', async () => {
        const { model } = await loadText([
            'zone front "Front" { trust: public  service web "Web" { -> api : https { timeout: 1s } } }',
            'zone back "Back" { trust: private  service api "API" { -> web : https "callback" { timeout: 1s } } }',
        ].join('\n'));
        const diagram = buildDiagram(model, selectView(model));
        const reversed = feedbackEdges(diagram);
        const ids = diagram.edges.map(e => `${e.id}${reversed.has(e.id) ? ' (back)' : ''}`);
        expect(ids).toEqual(['web->api', 'api->web (back)']);
    });

    it('lets the delivery out of a topic yield to the publish into it', async () => {
        const { model } = await loadText([
            'service orders "Orders" { ~> bus.placed : amqp }',
            'broker bus "Bus" { topic placed }',
            'bus.placed ~> orders : amqp',
        ].join('\n'));
        const diagram = buildDiagram(model, selectView(model));
        const reversed = feedbackEdges(diagram);
        expect(diagram.edges.filter(e => reversed.has(e.id)).map(e => e.id)).toEqual(['bus.placed~>orders']);
    });
});
