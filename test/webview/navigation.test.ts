/**
 * The preview's keyboard and search geometry (pure): reading order, where an arrow key goes,
 * neighbourhoods for dimming, search ranking.
 */
import { describe, expect, it } from 'vitest';
import { arrowTarget, neighbourhood, readingOrder, searchBoxes, type NavBox } from '../../src/webview/diagram-navigation.js';

const box = (id: string, x: number, y: number, label = id, width = 100, height = 50): NavBox => ({ id, label, box: { x, y, width, height } });

// A left-to-right pipeline:  web → api → orders → db, with api → users below orders, and an unconnected box far right.
const web = box('web', 0, 100, 'Web SPA');
const api = box('api', 200, 100, 'API Gateway');
const orders = box('orders', 400, 60, 'Order service');
const users = box('users', 400, 180, 'User service');
const db = box('db', 600, 60, 'Orders DB');
const lone = box('lone', 800, 100, 'Audit log');
const boxes = [db, users, lone, orders, web, api];
const edges = [
    { source: 'web', target: 'api' }, { source: 'api', target: 'orders' }, { source: 'api', target: 'users' }, { source: 'orders', target: 'db' },
];

describe('preview navigation', () => {
    it('orders boxes in rows top to bottom, each left to right, tops within a tolerance sharing a row', () => {
        expect(readingOrder(boxes).map(b => b.id)).toEqual(['orders', 'db', 'web', 'api', 'lone', 'users']);
        expect(readingOrder([box('b', 300, 10), box('a', 0, 30)]).map(b => b.id)).toEqual(['a', 'b']);
    });

    it('moves along edges by direction, either way along the edge', () => {
        // Down from the order service: the gateway it is connected to (below-left) beats the unconnected user service straight below.
        expect(arrowTarget(orders, boxes, edges, 'down')?.id).toBe('api');
        expect(arrowTarget(web, boxes, edges, 'right')?.id).toBe('api');
        // From the gateway, right: both services are connected; the one nearer the straight line wins.
        expect(arrowTarget(api, boxes, edges, 'right')?.id).toBe('orders');
        expect(arrowTarget(api, boxes, edges, 'left')?.id).toBe('web');
        expect(arrowTarget(orders, boxes, edges, 'left')?.id).toBe('api');
        expect(arrowTarget(orders, boxes, edges, 'right')?.id).toBe('db');
    });

    it('falls back to the nearest box in that direction when no connected box is there, and stops at the edge', () => {
        expect(arrowTarget(db, boxes, edges, 'right')?.id).toBe('lone');
        expect(arrowTarget(lone, boxes, edges, 'left')?.id).toBe('db');
        expect(arrowTarget(users, boxes, edges, 'right')?.id).toBe('db');
        expect(arrowTarget(lone, boxes, edges, 'right')).toBeUndefined();
    });

    it('never moves into a container of the box or a box inside it by geometry alone', () => {
        const zone = box('zone', -20, -20, 'Zone', 900, 400);
        expect(arrowTarget(api, [...boxes, zone], edges, 'up')?.id).toBe('orders');
        expect(arrowTarget(lone, [...boxes, zone], edges, 'right')).toBeUndefined();
    });

    it('collects the boxes within one or two hops', () => {
        expect([...neighbourhood('db', edges, 1)].sort()).toEqual(['db', 'orders']);
        expect([...neighbourhood('db', edges, 2)].sort()).toEqual(['api', 'db', 'orders']);
        expect([...neighbourhood('lone', edges, 2)]).toEqual(['lone']);
    });

    it('follows an edge drawn from a zone to the boxes whose calls it stands for', () => {
        // web and lone call db through one edge from their zone `edge-zone`.
        const fromZone = [...edges, { source: 'edge-zone', target: 'db', callers: ['web', 'lone'] }];
        expect([...neighbourhood('lone', fromZone, 1)].sort()).toEqual(['db', 'lone']);
        expect([...neighbourhood('db', fromZone, 1)].sort()).toEqual(['db', 'lone', 'orders', 'web']);
        expect(neighbourhood('db', fromZone, 1).has('edge-zone')).toBe(false);
        expect(arrowTarget(lone, boxes, fromZone, 'left')?.id).toBe('db');
    });

    it('finds boxes by id or label, exact first, then prefix, then substring', () => {
        expect(searchBoxes('orders db', boxes).map(b => b.id)).toEqual(['db']);
        expect(searchBoxes('ORDER', boxes).map(b => b.id)).toEqual(['orders', 'db']);
        expect(searchBoxes('service', boxes).map(b => b.id)).toEqual(['orders', 'users']);
        expect(searchBoxes('api', boxes).map(b => b.id)).toEqual(['api']);
        expect(searchBoxes('  ', boxes)).toEqual([]);
        expect(searchBoxes('nothing', boxes)).toEqual([]);
    });
});
