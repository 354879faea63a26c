/**
 * Runs elkjs on an ELK graph and returns a compact, absolute-coordinate result. Used both
 * in-process and inside the layout worker. One ELK instance per thread, warmed once.
 */
import type ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';

/** Position and size: `[x, y, width, height]`. */
export type Box = [number, number, number, number];

/** What layout produces: absolute boxes by node id, polylines and label boxes by edge id. */
export interface ElkLayoutResult {
    width: number;
    height: number;
    nodes: Record<string, Box>;
    edges: Record<string, { points: [number, number][]; label: Box | undefined }>;
}

type ElkInstance = InstanceType<typeof ELK>;
let instance: ElkInstance | undefined;

let warming: Promise<ElkInstance> | undefined;

/**
 * The smallest graph that takes the code paths of real diagrams (a zone, an edge into it and
 * one out of it, edge labels, a cycle). A fresh thread's first layout pays for setting up ELK's
 * layered algorithm and for cold code: this one takes about 60–100 ms and makes the first real
 * layout 20–25 % faster; a bigger warm-up graph costs more than it saves when a real layout
 * follows within a few hundred milliseconds (the command line's export).
 */
function warmUpGraph(): ElkNode {
    const label = (): ElkLabel => ({ text: ' ', width: 20, height: 10 });
    return {
        id: 'warm', layoutOptions: {
            'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.edgeRouting': 'ORTHOGONAL',
            'elk.json.shapeCoords': 'ROOT', 'elk.json.edgeCoords': 'ROOT',
        },
        children: [
            { id: 'zone', layoutOptions: { 'elk.padding': '[top=30,left=10,bottom=10,right=10]' }, children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }] },
            { id: 'c', width: 10, height: 10 },
        ],
        edges: [
            { id: 'ab', sources: ['a'], targets: ['b'], labels: [label()] },
            { id: 'bc', sources: ['b'], targets: ['c'], labels: [label()] },
            { id: 'ca', sources: ['c'], targets: ['a'] },
        ],
    };
}

/**
 * A new ELK engine that leaves the thread's message handler alone. elkjs's bundled engine, when
 * it starts in any Web Worker (no `document`, a `self`), assumes the worker is ELK's own and sets
 * `self.onmessage` to its dispatcher. In the web extension's language server (a Web Worker whose
 * `onmessage` is the LSP connection's reader) that silently cut the server off from the client
 * after the first diagram: no more diagnostics, completions or answers.
 */
function newElk(ELK: typeof import('elkjs/lib/elk.bundled.js').default): ElkInstance {
    const scope = globalThis as { document?: unknown; onmessage?: unknown };
    const inWorker = typeof scope.document === 'undefined' && 'onmessage' in scope;
    const handler = inWorker ? scope.onmessage : undefined;
    try {
        return new ELK({ algorithms: ['layered'] } as ConstructorParameters<typeof ELK>[0]);
    } finally {
        if (inWorker && scope.onmessage !== handler) scope.onmessage = handler;
    }
}

/** Resolves after the tasks already queued (a worker's incoming messages) have run. */
function nextTask(): Promise<void> {
    return new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * The thread's ELK instance, warmed up on one tiny graph (the first layouts in a process run
 * about twice as slow) — but only while no real layout waits for it: a request that arrives
 * early (the command line's main thread parsed faster than the worker started) is laid out at
 * once.
 */
export function elk(): Promise<ElkInstance> {
    warming ??= (async () => {
        // Loaded on first use: elkjs is 1.6 MB, and a thread that hands layouts to a worker (the
        // command line's main thread) never needs it.
        const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
        const engine = newElk(ELK);
        await nextTask();
        if (active === 0) await engine.layout(warmUpGraph());
        instance = engine;
        return engine;
    })();
    return instance ? Promise.resolve(instance) : warming;
}

/** What runs once this thread's ELK has run its first real layout (see `whenFirstLayoutDone`). */
let afterFirstLayout: (() => void) | undefined;

/**
 * Runs `callback` once, right after this thread's first real layout (before its result is
 * handed on; not after the tiny warm-up, which runs too little of ELK): the layout worker
 * writes its code cache entry then, so that the entry holds the functions a real diagram
 * needs compiled. It costs that one layout about 20 ms, once per elkjs bundle and cache.
 */
export function whenFirstLayoutDone(callback: () => void): void {
    afterFirstLayout = callback;
}

function firstLayoutDone(): void {
    const callback = afterFirstLayout;
    afterFirstLayout = undefined;
    callback?.();
}

/** Real layouts in flight on this thread (the background warm-up waits for none). */
let active = 0;
let idleWaiters: (() => void)[] = [];

function idle(): Promise<void> {
    return active === 0 ? new Promise(resolve => setTimeout(resolve, 0)) : new Promise(resolve => idleWaiters.push(resolve));
}

/** Lays out `graph` (not mutated) with ELK and compacts the result. */
export async function runElk(graph: ElkNode): Promise<ElkLayoutResult> {
    active++;
    try {
        const engine = await elk();
        const laid = await engine.layout(structuredClone(graph));
        firstLayoutDone();
        return compact(laid);
    } finally {
        active--;
        if (active === 0) {
            const waiters = idleWaiters;
            idleWaiters = [];
            for (const wake of waiters) setTimeout(wake, 0);
        }
    }
}

/**
 * Lays out `graphs` one after the other so V8 optimises ELK's code before real diagrams
 * need it. Each one starts only while no real layout runs, so a request waits at most for
 * the warm-up layout already under way.
 */
export async function warmUpElk(graphs: readonly ElkNode[]): Promise<void> {
    const engine = await elk();
    for (const graph of graphs) {
        do await idle(); while (active > 0);
        await engine.layout(structuredClone(graph));
    }
}

function round(value: number | undefined): number {
    return Math.round((value ?? 0) * 100) / 100;
}

/** Absolute boxes and polylines (the graph is laid out with ROOT coordinates). */
export function compact(root: ElkNode): ElkLayoutResult {
    const result: ElkLayoutResult = { width: round(root.width), height: round(root.height), nodes: {}, edges: {} };
    const visit = (node: ElkNode): void => {
        for (const child of node.children ?? []) {
            result.nodes[child.id] = [round(child.x), round(child.y), round(child.width), round(child.height)];
            visit(child);
        }
        for (const edge of (node.edges ?? []) as ElkExtendedEdge[]) {
            const points: [number, number][] = [];
            for (const section of edge.sections ?? []) {
                for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
                    const last = points[points.length - 1];
                    const point: [number, number] = [round(p.x), round(p.y)];
                    if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
                }
            }
            const label = edge.labels?.[0];
            result.edges[edge.id] = {
                points,
                label: label ? [round(label.x), round(label.y), round(label.width), round(label.height)] : undefined,
            };
        }
    };
    visit(root);
    return result;
}
