import { describe, expect, it } from 'vitest';
import type { DiagramLayoutJson } from '../../src/diagram/index.js';
import { countCrossings, measureLayout, polylineLength, segmentIntersection } from '../../scripts/layout-metrics.js';

type P = [number, number];

describe('layout metrics', () => {
    it('finds where two segments meet, and not where they only run side by side', () => {
        expect(segmentIntersection([0, 5], [10, 5], [5, 0], [5, 10])).toEqual([5, 5]);
        expect(segmentIntersection([0, 5], [4, 5], [5, 0], [5, 10])).toBeUndefined(); // stops short
        expect(segmentIntersection([0, 0], [10, 0], [0, 1], [10, 1])).toBeUndefined(); // parallel
        expect(segmentIntersection([0, 0], [10, 0], [5, 0], [15, 0])).toBeUndefined(); // collinear overlap
    });

    it('counts a plus-shaped crossing once, and not the shared ends of edges meeting at a box', () => {
        const horizontal: P[] = [[0, 5], [10, 5]];
        const vertical: P[] = [[5, 0], [5, 10]];
        expect(countCrossings([horizontal, vertical])).toBe(1);
        // Two edges leaving the same port, and an edge ending on another one's start.
        expect(countCrossings([[[0, 0], [10, 0]], [[0, 0], [0, 10]]])).toBe(0);
        expect(countCrossings([[[0, 0], [10, 0]], [[5, 5], [0, 0]]])).toBe(0);
    });

    it('counts a crossing through a bend of one edge once, and every crossing of a zig-zag', () => {
        // A diagonal edge passes exactly through the other edge's bend point (10, 5): both of
        // that edge's segments meet it there, but it is one crossing.
        const bent: P[] = [[0, 5], [10, 5], [10, 20]];
        const through: P[] = [[5, 0], [15, 10]];
        expect(countCrossings([bent, through])).toBe(1);
        const zigzag: P[] = [[0, 2], [20, 2], [20, 8], [0, 8]];
        const pole: P[] = [[10, 0], [10, 10]];
        expect(countCrossings([zigzag, pole])).toBe(2);
    });

    it('measures boxes, zones, edges, size, crossings and the worst detour of an export', () => {
        const layout: DiagramLayoutJson = {
            view: 'overview', flow: null, direction: 'right', collapsed: false, width: 400.4, height: 200,
            nodes: [
                { id: 'z', parent: null, x: 0, y: 0, width: 400, height: 200, label: 'Zone', kind: 'zone', role: 'zone' },
                { id: 'a', parent: 'z', x: 0, y: 0, width: 100, height: 40, label: 'A', kind: 'service', role: 'component' },
                { id: 'b', parent: 'z', x: 300, y: 0, width: 100, height: 40, label: 'B', kind: 'service', role: 'component' },
                { id: 'c', parent: 'z', x: 150, y: 100, width: 100, height: 40, label: 'C', kind: 'database', role: 'component' },
            ],
            edges: [
                // Straight: 200 px drawn for a 300 px Manhattan distance between centres.
                { id: 'a->b', source: 'a', target: 'b', points: [[100, 20], [300, 20]], label: '', style: 'sync', connections: ['a->b'], members: [], relation: null, twoWay: false, steps: [] },
                // A detour over the top: 50 + 300 + 50 = 400 px for the same 300 px.
                { id: 'b->a', source: 'b', target: 'a', points: [[350, 0], [350, -50], [50, -50], [50, 0]], label: '', style: 'sync', connections: ['b->a'], members: [], relation: null, twoWay: false, steps: [] },
                // Runs below a->b: no crossing.
                { id: 'a->c', source: 'a', target: 'c', points: [[80, 40], [80, 60], [200, 60], [200, 100]], label: '', style: 'sync', connections: ['a->c'], members: [], relation: null, twoWay: false, steps: [] },
                // Crosses a->b once, at (120, 20).
                { id: 'x->c', source: 'b', target: 'c', points: [[120, 0], [120, 50], [150, 50]], label: '', style: 'async', connections: ['b~>c'], members: [], relation: null, twoWay: false, steps: [] },
            ],
        };
        const quality = measureLayout(layout);
        expect(quality).toMatchObject({ view: 'overview', boxes: 3, zones: 1, edges: 4, width: 400, height: 200, worstDetourEdge: 'b->a' });
        expect(quality.worstDetour).toBeCloseTo(400 / 300, 6);
        expect(quality.crossings).toBe(1);
        expect(polylineLength(layout.edges[1].points)).toBe(400);
    });
});
