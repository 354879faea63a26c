/**
 * Graph algorithms the rules share, on compact integer-indexed directed graphs.
 * Every function here is iterative (no recursion, so 20,000-node models cannot overflow
 * the stack) and linear or near-linear in nodes + edges.
 */

/** A directed graph over nodes `0 … size-1`; `successors[v]` lists the targets of `v`'s edges. */
export interface Digraph {
    size: number;
    successors: readonly (readonly number[])[];
}

/** Builds a graph from an edge list (parallel edges are kept). */
export function digraph(size: number, edges: Iterable<readonly [number, number]>): Digraph {
    const successors: number[][] = Array.from({ length: size }, () => []);
    for (const [from, to] of edges) successors[from].push(to);
    return { size, successors };
}

/** The graph with every edge reversed. */
export function reverse(graph: Digraph): Digraph {
    const successors: number[][] = Array.from({ length: graph.size }, () => []);
    graph.successors.forEach((targets, from) => { for (const to of targets) successors[to].push(from); });
    return { size: graph.size, successors };
}

/** Strongly connected components. */
export interface Components {
    /** Component index of each node. Components are numbered in reverse topological order (sinks first). */
    componentOf: Int32Array;
    /** Nodes of each component. */
    members: number[][];
}

/**
 * Tarjan's strongly connected components, iterative. O(V + E).
 * Components come out sinks first: an edge `a → b` between components has `componentOf[a] > componentOf[b]`.
 */
export function stronglyConnectedComponents(graph: Digraph): Components {
    const n = graph.size;
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const componentOf = new Int32Array(n).fill(-1);
    const members: number[][] = [];
    const stack: number[] = [];
    const callNode: number[] = [];
    const callEdge: number[] = [];
    let counter = 0;
    for (let root = 0; root < n; root++) {
        if (index[root] !== -1) continue;
        callNode.push(root);
        callEdge.push(0);
        index[root] = low[root] = counter++;
        stack.push(root);
        onStack[root] = 1;
        while (callNode.length > 0) {
            const top = callNode.length - 1;
            const v = callNode[top];
            const targets = graph.successors[v];
            if (callEdge[top] < targets.length) {
                const w = targets[callEdge[top]++];
                if (index[w] === -1) {
                    index[w] = low[w] = counter++;
                    stack.push(w);
                    onStack[w] = 1;
                    callNode.push(w);
                    callEdge.push(0);
                } else if (onStack[w]) {
                    if (index[w] < low[v]) low[v] = index[w];
                }
                continue;
            }
            callNode.pop();
            callEdge.pop();
            if (callNode.length > 0) {
                const parent = callNode[callNode.length - 1];
                if (low[v] < low[parent]) low[parent] = low[v];
            }
            if (low[v] === index[v]) {
                const component: number[] = [];
                let w: number;
                do {
                    w = stack.pop()!;
                    onStack[w] = 0;
                    componentOf[w] = members.length;
                    component.push(w);
                } while (w !== v);
                members.push(component.reverse());
            }
        }
    }
    return { componentOf, members };
}

/** The condensation: one node per strongly connected component, edges between distinct components (deduplicated). */
export function condense(graph: Digraph, components: Components): Digraph {
    const size = components.members.length;
    const successors: number[][] = Array.from({ length: size }, () => []);
    const lastSeen = new Int32Array(size).fill(-1);
    for (let c = 0; c < size; c++) {
        for (const v of components.members[c]) {
            for (const w of graph.successors[v]) {
                const d = components.componentOf[w];
                if (d !== c && lastSeen[d] !== c) {
                    lastSeen[d] = c;
                    successors[c].push(d);
                }
            }
        }
    }
    return { size, successors };
}

/** Nodes in topological order (Kahn); undefined when the graph has a cycle. O(V + E). */
export function topologicalOrder(graph: Digraph): number[] | undefined {
    const indegree = new Int32Array(graph.size);
    for (const targets of graph.successors) for (const w of targets) indegree[w]++;
    const order: number[] = [];
    for (let v = 0; v < graph.size; v++) if (indegree[v] === 0) order.push(v);
    for (let i = 0; i < order.length; i++) {
        for (const w of graph.successors[order[i]]) if (--indegree[w] === 0) order.push(w);
    }
    return order.length === graph.size ? order : undefined;
}

/** Longest paths in a DAG: `length[v]` edges on the longest path ending at `v`, `previous[v]` its predecessor (-1 at a start). */
export interface LongestPaths {
    length: Int32Array;
    previous: Int32Array;
}

/**
 * Longest path (counted in edges) ending at each node of a DAG, over paths that start at any
 * node of `starts` (every node when omitted). Nodes no start reaches get length -1. O(V + E).
 * Throws when the graph has a cycle: condense it first.
 */
export function longestPaths(dag: Digraph, starts?: Iterable<number>): LongestPaths {
    const order = topologicalOrder(dag);
    if (!order) throw new Error('longestPaths needs an acyclic graph; condense it first.');
    const length = new Int32Array(dag.size).fill(-1);
    const previous = new Int32Array(dag.size).fill(-1);
    if (starts) for (const s of starts) length[s] = 0;
    else length.fill(0);
    for (const v of order) {
        if (length[v] < 0) continue;
        for (const w of dag.successors[v]) {
            if (length[v] + 1 > length[w]) {
                length[w] = length[v] + 1;
                previous[w] = v;
            }
        }
    }
    return { length, previous };
}

/** Breadth-first search result: hop distance from the nearest source (-1 when unreached) and the BFS parent. */
export interface Reachability {
    distance: Int32Array;
    parent: Int32Array;
}

/**
 * Multi-source BFS. `canExpand(v)` (default: always) says whether the search continues past a
 * reached node, so callers can stop at barriers (a WAF, a gateway). O(V + E).
 */
export function breadthFirst(graph: Digraph, sources: Iterable<number>, canExpand?: (node: number) => boolean): Reachability {
    const distance = new Int32Array(graph.size).fill(-1);
    const parent = new Int32Array(graph.size).fill(-1);
    const queue: number[] = [];
    for (const s of sources) {
        if (distance[s] === -1) {
            distance[s] = 0;
            queue.push(s);
        }
    }
    for (let i = 0; i < queue.length; i++) {
        const v = queue[i];
        if (canExpand && !canExpand(v)) continue;
        for (const w of graph.successors[v]) {
            if (distance[w] === -1) {
                distance[w] = distance[v] + 1;
                parent[w] = v;
                queue.push(w);
            }
        }
    }
    return { distance, parent };
}

/** The path from a BFS source to `node` (inclusive), or [] when unreached. */
export function pathTo(reach: Reachability | LongestPaths, node: number): number[] {
    const parent = 'parent' in reach ? reach.parent : reach.previous;
    const reached = 'distance' in reach ? reach.distance[node] >= 0 : reach.length[node] >= 0;
    if (!reached) return [];
    const path: number[] = [];
    for (let v = node; v !== -1; v = parent[v]) path.push(v);
    return path.reverse();
}

/**
 * Immediate dominators from a virtual root that has an edge to every node of `roots`
 * (Cooper–Harvey–Kennedy, iterative over reverse postorder; near-linear on real topologies).
 * `idom[v]` is the immediate dominator of `v`, `-1` when it is the virtual root itself
 * (v is a root, or paths from different roots meet only at v), `-2` when v is unreachable.
 */
export function dominators(graph: Digraph, roots: Iterable<number>): Int32Array {
    const n = graph.size;
    const virtual = n;
    // Reverse postorder by iterative DFS from the virtual root.
    const postIndex = new Int32Array(n + 1).fill(-1);
    const order: number[] = [];
    const visited = new Uint8Array(n + 1);
    const rootList = [...new Set(roots)];
    const succ = (v: number): readonly number[] => v === virtual ? rootList : graph.successors[v];
    const stackNode: number[] = [virtual];
    const stackEdge: number[] = [0];
    visited[virtual] = 1;
    while (stackNode.length > 0) {
        const top = stackNode.length - 1;
        const v = stackNode[top];
        const targets = succ(v);
        if (stackEdge[top] < targets.length) {
            const w = targets[stackEdge[top]++];
            if (!visited[w]) {
                visited[w] = 1;
                stackNode.push(w);
                stackEdge.push(0);
            }
            continue;
        }
        stackNode.pop();
        stackEdge.pop();
        postIndex[v] = order.length;
        order.push(v);
    }
    const predecessors: number[][] = Array.from({ length: n + 1 }, () => []);
    for (const r of rootList) predecessors[r].push(virtual);
    for (let v = 0; v < n; v++) {
        if (!visited[v]) continue;
        for (const w of graph.successors[v]) predecessors[w].push(v);
    }
    const idom = new Int32Array(n + 1).fill(-2);
    idom[virtual] = virtual;
    const intersect = (a: number, b: number): number => {
        while (a !== b) {
            while (postIndex[a] < postIndex[b]) a = idom[a];
            while (postIndex[b] < postIndex[a]) b = idom[b];
        }
        return a;
    };
    let changed = true;
    while (changed) {
        changed = false;
        for (let i = order.length - 2; i >= 0; i--) {
            const v = order[i];
            let candidate = -2;
            for (const p of predecessors[v]) {
                if (idom[p] === -2) continue;
                candidate = candidate === -2 ? p : intersect(p, candidate);
            }
            if (candidate !== -2 && idom[v] !== candidate) {
                idom[v] = candidate;
                changed = true;
            }
        }
    }
    const result = new Int32Array(n);
    for (let v = 0; v < n; v++) result[v] = idom[v] === virtual ? -1 : idom[v];
    return result;
}
