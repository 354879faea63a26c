/**
 * Which edges go against the main direction of the layout (replies, callbacks, consumers
 * upstream of their producers), decided before ELK runs so ELK sees an acyclic graph at every
 * level of nesting and routes every edge from one box's outgoing side to the other's incoming
 * side. Left to itself, ELK reverses such edges inside its own cycle breaking, and with
 * `INCLUDE_CHILDREN` the reversed ones leave their zone on the outgoing side and come back
 * round the whole diagram; laid out forward and drawn with the arrow at the other end, they
 * stay short.
 *
 * The order is decided per container (the root, each zone, each broker): its children, with
 * the edges between their contents as weighted super-edges, are ordered by the greedy
 * feedback-arc-set heuristic of Eades, Lin and Smyth; ties go to model order, so the result
 * is deterministic. Calls weigh most (they set the main direction), publishes next,
 * deliveries and implied relations least: when a service both calls and is called back, the
 * call points forward and the callback back.
 */
import type { Diagram, DiagramEdge, DiagramNode } from './diagram-model.js';
import { peerBands } from './peer-bands.js';

/** How strongly an edge wants to point forward. */
export function edgeWeight(edge: Pick<DiagramEdge, 'style' | 'relation'>, source: DiagramNode | undefined): number {
    if (edge.relation === 'trusts') return 0.5;
    if (edge.relation !== undefined) return 2;
    if (edge.style === 'sync') return 4;
    // A delivery out of a topic, queue or broker yields to the publish into it.
    return source?.role === 'channel' || source?.kind === 'broker' ? 1 : 2;
}

/** Ids of the edges to lay out backwards (target before source). */
export function feedbackEdges(diagram: Pick<Diagram, 'nodes' | 'edges'>): Set<string> {
    const byId = new Map(diagram.nodes.map(node => [node.id, node]));
    const order = new Map(diagram.nodes.map((node, i) => [node.id, i]));
    const chainOf = (id: string): string[] => {
        const chain: string[] = [];
        for (let current: string | undefined = id; current !== undefined; current = byId.get(current)?.parent) chain.push(current);
        return chain;
    };
    /** Per container ('' is the root): the super-edges between its children. */
    const levels = new Map<string, { children: string[]; edges: [string, string, number][] }>();
    const level = (container: string) => {
        let entry = levels.get(container);
        if (!entry) {
            entry = { children: [], edges: [] };
            levels.set(container, entry);
        }
        return entry;
    };
    for (const node of diagram.nodes) level(node.parent ?? '').children.push(node.id);
    /** For each edge, the two children of the lowest common container holding its ends. */
    const split = new Map<string, [string, string, string]>();
    for (const edge of diagram.edges) {
        if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
        const sourceChain = chainOf(edge.source);
        const targetChain = chainOf(edge.target);
        const targetSet = new Set(targetChain);
        let i = 0;
        while (i < sourceChain.length && !targetSet.has(sourceChain[i])) i++;
        const common = sourceChain[i]; // undefined: the root
        if (common === edge.source || common === edge.target) continue; // an edge into its own container
        const from = sourceChain[i - 1];
        const to = targetChain[(common === undefined ? targetChain.length : targetChain.indexOf(common)) - 1];
        const container = common ?? '';
        split.set(edge.id, [container, from, to]);
        level(container).edges.push([from, to, edgeWeight(edge, byId.get(edge.source))]);
    }
    const position = new Map<string, number>();
    /** Bands of collapsed zones that would otherwise draw as a long staircase (see `peer-bands.ts`). */
    const bands = new Map<string, number>();
    const isPeer = (id: string) => byId.get(id)?.role === 'collapsed-zone' || byId.get(id)?.role === 'zone';
    for (const { children, edges } of levels.values()) {
        const ordered = children.length <= EXACT_ORDER_LIMIT ? exactOrder(children, edges, order) : greedyOrder(children, edges, order);
        ordered.forEach((id, i) => position.set(id, i));
        for (const [id, band] of peerBands(children, edges, position, isPeer) ?? []) bands.set(id, band);
    }
    const reversed = new Set<string>();
    for (const [id, [, from, to]] of split) {
        const banded = bands.has(from) && bands.has(to);
        if (banded ? bands.get(from)! > bands.get(to)! : position.get(from)! > position.get(to)!) reversed.add(id);
    }
    return reversed;
}

/** Containers with at most this many children are ordered exactly (2^n subsets). */
export const EXACT_ORDER_LIMIT = 12;

/**
 * The order of `nodes` whose backward edges weigh least (a minimum feedback arc set), by
 * dynamic programming over subsets: best[S] is the lightest backward weight of an order that
 * starts with the nodes of S. When the greedy order is as light, it is kept (it follows model
 * order on ties), so the result is deterministic and changes nothing where the heuristic was
 * already optimal. Small containers only: the greedy heuristic can put a zone of web apps
 * after the gateways they call, because the gateways' many outgoing calls outweigh the web
 * apps' few.
 */
export function exactOrder(nodes: readonly string[], edges: readonly [string, string, number][], order: ReadonlyMap<string, number>): string[] {
    const sorted = [...nodes].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const n = sorted.length;
    const greedy = greedyOrder(sorted, edges, order);
    if (n <= 2) return greedy;
    const index = new Map(sorted.map((id, i) => [id, i]));
    /** weight[v][u]: total weight of the edges v → u. */
    const weight = sorted.map(() => new Array<number>(n).fill(0));
    for (const [from, to, w] of edges) {
        const f = index.get(from), t = index.get(to);
        if (f === undefined || t === undefined || f === t) continue;
        weight[f][t] += w;
    }
    const full = (1 << n) - 1;
    const best = new Float64Array(1 << n).fill(Infinity);
    const choice = new Int8Array(1 << n).fill(-1);
    best[0] = 0;
    for (let mask = 0; mask < full; mask++) {
        const base = best[mask];
        if (base === Infinity) continue;
        for (let v = 0; v < n; v++) {
            if (mask & (1 << v)) continue;
            // Placing v after the nodes of mask: its edges into them point backwards.
            let cost = base;
            for (let u = 0; u < n; u++) if (mask & (1 << u)) cost += weight[v][u];
            const next = mask | (1 << v);
            if (cost < best[next] - 1e-9) {
                best[next] = cost;
                choice[next] = v;
            }
        }
    }
    let greedyWeight = 0;
    for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) greedyWeight += weight[index.get(greedy[i])!][index.get(greedy[j])!];
    }
    if (greedyWeight <= best[full] + 1e-9) return greedy;
    const result: string[] = [];
    for (let mask = full; mask !== 0; mask &= ~(1 << choice[mask])) result.push(sorted[choice[mask]]);
    return result.reverse();
}

/**
 * Eades–Lin–Smyth: repeatedly take sinks to the end and sources to the front; otherwise move
 * the node with the largest (outgoing − incoming) weight to the front. Ties: model order.
 */
export function greedyOrder(nodes: readonly string[], edges: readonly [string, string, number][], order: ReadonlyMap<string, number>): string[] {
    const out = new Map<string, Map<string, number>>();
    const inc = new Map<string, Map<string, number>>();
    for (const id of nodes) {
        out.set(id, new Map());
        inc.set(id, new Map());
    }
    for (const [from, to, weight] of edges) {
        if (from === to || !out.has(from) || !out.has(to)) continue;
        out.get(from)!.set(to, (out.get(from)!.get(to) ?? 0) + weight);
        inc.get(to)!.set(from, (inc.get(to)!.get(from) ?? 0) + weight);
    }
    const sum = (m: Map<string, number>) => {
        let total = 0;
        for (const w of m.values()) total += w;
        return total;
    };
    const remaining = [...nodes].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const alive = new Set(remaining);
    const front: string[] = [];
    const back: string[] = [];
    const remove = (id: string) => {
        alive.delete(id);
        for (const to of out.get(id)!.keys()) inc.get(to)!.delete(id);
        for (const from of inc.get(id)!.keys()) out.get(from)!.delete(id);
    };
    while (alive.size > 0) {
        let changed = true;
        while (changed) {
            changed = false;
            for (const id of remaining) {
                if (!alive.has(id)) continue;
                if (out.get(id)!.size === 0) {
                    back.push(id);
                    remove(id);
                    changed = true;
                } else if (inc.get(id)!.size === 0) {
                    front.push(id);
                    remove(id);
                    changed = true;
                }
            }
        }
        if (alive.size === 0) break;
        let best: string | undefined;
        let bestScore = -Infinity;
        for (const id of remaining) {
            if (!alive.has(id)) continue;
            const score = sum(out.get(id)!) - sum(inc.get(id)!);
            if (score > bestScore) {
                bestScore = score;
                best = id;
            }
        }
        front.push(best!);
        remove(best!);
    }
    return [...front, ...back.reverse()];
}
