import { describe, expect, it } from 'vitest';
import {
    breadthFirst, condense, digraph, dominators, longestPaths, pathTo, reverse, stronglyConnectedComponents, topologicalOrder,
} from '../../src/rules/graph/digraph.js';

const sorted = (groups: number[][]): number[][] => groups.map(g => [...g].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);

describe('stronglyConnectedComponents', () => {
    it('finds a two-node cycle and leaves the other nodes alone', () => {
        const g = digraph(4, [[0, 1], [1, 0], [1, 2], [2, 3]]);
        expect(sorted(stronglyConnectedComponents(g).members)).toEqual([[0, 1], [2], [3]]);
    });
    it('numbers components sinks first', () => {
        const g = digraph(3, [[0, 1], [1, 2]]);
        const { componentOf } = stronglyConnectedComponents(g);
        expect(componentOf[0] > componentOf[1] && componentOf[1] > componentOf[2]).toBe(true);
    });
    it('puts a self-loop in its own component', () => {
        const g = digraph(2, [[0, 0], [0, 1]]);
        expect(sorted(stronglyConnectedComponents(g).members)).toEqual([[0], [1]]);
    });
    it('handles a 200,000-node chain without overflowing the stack', () => {
        const n = 200_000;
        const edges: [number, number][] = [];
        for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1]);
        edges.push([n - 1, 0]);
        expect(stronglyConnectedComponents(digraph(n, edges)).members.length).toBe(1);
    });
    it('separates two cycles joined by one edge', () => {
        const g = digraph(6, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 5], [5, 3]]);
        expect(sorted(stronglyConnectedComponents(g).members)).toEqual([[0, 1, 2], [3, 4, 5]]);
    });
});

describe('condense and longestPaths', () => {
    it('condenses a cycle into one node with deduplicated edges', () => {
        const g = digraph(4, [[0, 1], [1, 0], [0, 2], [1, 2], [2, 3]]);
        const scc = stronglyConnectedComponents(g);
        const dag = condense(g, scc);
        expect(dag.size).toBe(3);
        expect(dag.successors[scc.componentOf[0]]).toEqual([scc.componentOf[2]]);
    });
    it('finds the longest path in a diamond with a tail', () => {
        const g = digraph(5, [[0, 1], [0, 2], [1, 3], [2, 3], [3, 4], [0, 4]]);
        const { length } = longestPaths(g);
        expect(Array.from(length)).toEqual([0, 1, 1, 2, 3]);
    });
    it('measures only paths from the given starts', () => {
        const g = digraph(4, [[0, 1], [2, 3], [3, 1]]);
        expect(Array.from(longestPaths(g, [2]).length)).toEqual([-1, 2, 0, 1]);
    });
    it('reconstructs the longest path', () => {
        const g = digraph(4, [[0, 1], [1, 2], [0, 2], [2, 3]]);
        expect(pathTo(longestPaths(g, [0]), 3)).toEqual([0, 1, 2, 3]);
    });
    it('refuses a cyclic graph', () => {
        expect(() => longestPaths(digraph(2, [[0, 1], [1, 0]]))).toThrow(/acyclic/);
    });
    it('orders a DAG topologically', () => {
        const order = topologicalOrder(digraph(3, [[2, 1], [1, 0]]))!;
        expect(order).toEqual([2, 1, 0]);
    });
});

describe('breadthFirst', () => {
    it('finds hop distances from several sources', () => {
        const g = digraph(5, [[0, 1], [1, 2], [3, 2], [2, 4]]);
        expect(Array.from(breadthFirst(g, [0, 3]).distance)).toEqual([0, 1, 1, 0, 2]);
    });
    it('does not expand past a barrier node', () => {
        const g = digraph(3, [[0, 1], [1, 2]]);
        expect(Array.from(breadthFirst(g, [0], v => v !== 1).distance)).toEqual([0, 1, -1]);
    });
    it('gives a path back to its source', () => {
        const g = digraph(4, [[0, 1], [1, 2], [2, 3]]);
        expect(pathTo(breadthFirst(g, [0]), 3)).toEqual([0, 1, 2, 3]);
    });
    it('reverses a graph', () => {
        expect(reverse(digraph(2, [[0, 1]])).successors).toEqual([[], [0]]);
    });
});

describe('dominators', () => {
    it('finds the node every path from the roots passes', () => {
        // 0 → 1 → {2, 3} → 4: 1 dominates everything below it.
        const idom = dominators(digraph(5, [[0, 1], [1, 2], [1, 3], [2, 4], [3, 4]]), [0]);
        expect(Array.from(idom)).toEqual([-1, 0, 1, 1, 1]);
    });
    it('treats several roots as children of one virtual root', () => {
        // Two entry points 0 and 1 both reach 2, which leads to 3.
        const idom = dominators(digraph(4, [[0, 2], [1, 2], [2, 3]]), [0, 1]);
        expect(Array.from(idom)).toEqual([-1, -1, -1, 2]);
    });
    it('marks unreachable nodes', () => {
        const idom = dominators(digraph(3, [[0, 1]]), [0]);
        expect(idom[2]).toBe(-2);
    });
    it('handles loops', () => {
        const idom = dominators(digraph(4, [[0, 1], [1, 2], [2, 1], [2, 3]]), [0]);
        expect(Array.from(idom)).toEqual([-1, 0, 1, 2]);
    });
});
