/**
 * Layout off the hot path: ELK runs in a worker when one is configured (a `worker_threads`
 * worker on Node, see `node-layout-worker.ts`; a Web Worker in a browser), else in-process;
 * newer requests with the same key cancel older ones, and results are cached by the ELK input
 * so edits that do not change the graph (node sizes included) skip ELK entirely. No platform
 * API here: the worker comes in through `configureLayout`.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { elk, runElk, type ElkLayoutResult } from './elk-runner.js';
import type { LayoutWorkerFactory, LayoutWorkerHandle, LayoutWorkerResponse } from './layout-worker-protocol.js';

export type { LayoutWorkerFactory, LayoutWorkerHandle } from './layout-worker-protocol.js';

/** A layout request that a newer request with the same key replaced. */
export class LayoutCancelledError extends Error {
    constructor() {
        super('Layout cancelled by a newer request.');
        this.name = 'LayoutCancelledError';
    }
}

/** Settings of the layout service. */
export interface LayoutSettings {
    /** Starts a layout worker; `false` or undefined lays out in-process. */
    worker?: LayoutWorkerFactory | false;
    /** Number of layouts kept in the cache. */
    cacheSize?: number;
}

/** Options of one layout request. */
export interface LayoutRequestOptions {
    /**
     * Requests with the same key replace each other: a pending older one is cancelled
     * (rejects with `LayoutCancelledError`), a running one is stopped.
     */
    key?: string;
}

/** Counters for tests and benchmarks. */
export interface LayoutStats {
    cacheHits: number;
    cacheMisses: number;
    cancelled: number;
    workerLayouts: number;
    inProcessLayouts: number;
}

let settings: LayoutSettings = {};
const cache = new Map<string, ElkLayoutResult>();
const stats: LayoutStats = { cacheHits: 0, cacheMisses: 0, cancelled: 0, workerLayouts: 0, inProcessLayouts: 0 };

/** Changes the layout settings (stops the current worker when the worker changes). */
export function configureLayout(next: LayoutSettings): void {
    if ('worker' in next && next.worker !== settings.worker) {
        stopWorker();
        brokenFactory = undefined;
    }
    settings = { ...settings, ...next };
}

/** Current counters (a copy). */
export function layoutStats(): LayoutStats {
    return { ...stats };
}

/** Empties the layout cache (`clearLayoutCache` in `index.ts` also empties the render memo). */
export function clearLayoutResults(): void {
    cache.clear();
}

/** Set once someone asked for a warm worker: workers started later (after a cancellation) warm up too. */
let warmWanted = false;
/** Resolves when a worker reports its background warm-up done (or layout is disposed). */
let warmDone: { promise: Promise<void>; resolve: () => void; settled: boolean } | undefined;

/**
 * Starts the layout worker ahead of the first request, and in it a background warm-up
 * (about 1.5–2 s of CPU off the main thread, paused while real layouts run) after which
 * first layouts of new graphs run 2–4× faster than in a fresh worker. Call it when a
 * preview opens. Without a worker, only creates in-process ELK (no long warm-up on the
 * caller's thread). The promise resolves when the warm-up is done (or its worker was stopped);
 * nothing needs to await it.
 */
export function warmUpLayout(): Promise<void> {
    const factory = settings.worker;
    if (!factory) return elk().then(() => undefined);
    const asked = warmWanted;
    warmWanted = true;
    if (!warmDone) {
        let resolve!: () => void;
        const promise = new Promise<void>(r => { resolve = r; });
        warmDone = { promise, resolve, settled: false };
    }
    const existing = worker;
    let w: LayoutWorkerHandle;
    try {
        w = ensureWorker(factory);
    } catch {
        settleWarm();
        return Promise.resolve();
    }
    // A worker started before warm-up was asked for (a new one is told by `ensureWorker`).
    if (w === existing && !asked) w.postMessage({ warmUp: true });
    if (!warmDone.settled) w.keepAlive?.(true); // kept alive until warm (then let go when idle)
    return warmDone.promise;
}

/**
 * Starts the layout worker now, without the background warm-up, so that its start-up (loading
 * and compiling elkjs, its tiny warm-up layout) overlaps the caller's own work: the command line
 * starts it before parsing. Nothing when layouts run in-process; a worker that cannot start is
 * noticed by the first request, which then lays out in-process.
 */
export function startLayoutWorker(): void {
    const factory = settings.worker;
    if (!factory || worker) return;
    try {
        ensureWorker(factory);
    } catch {
        // laid out in-process by the first request
    }
}

function settleWarm(): void {
    if (warmDone && !warmDone.settled) {
        warmDone.settled = true;
        warmDone.resolve();
    }
}

/** Stops the worker (it is restarted on the next request, without warm-up until asked again). */
export function disposeLayout(): void {
    warmWanted = false;
    settleWarm();
    warmDone = undefined;
    stopWorker();
}

// ---------------------------------------------------------------- the queue

interface Job {
    id: number;
    key: string | undefined;
    graph: ElkNode;
    hash: string;
    resolve: (result: ElkLayoutResult) => void;
    reject: (error: Error) => void;
}

let nextId = 1;
const queue: Job[] = [];
let running: Job | undefined;
let worker: LayoutWorkerHandle | undefined;

/**
 * Lays out an ELK graph: from the cache when the same graph was laid out before, else in
 * the worker (or in-process). Rejects with `LayoutCancelledError` when superseded.
 */
export function layoutGraph(graph: ElkNode, options: LayoutRequestOptions = {}): Promise<ElkLayoutResult> {
    // The JSON text itself is the key: comparing it costs less than hashing it.
    const hash = JSON.stringify(graph);
    const cached = cache.get(hash);
    if (options.key !== undefined) cancelLayouts(options.key);
    if (cached) {
        stats.cacheHits++;
        cache.delete(hash);
        cache.set(hash, cached); // most recently used last
        return Promise.resolve(cached);
    }
    stats.cacheMisses++;
    return new Promise<ElkLayoutResult>((resolve, reject) => {
        queue.push({ id: nextId++, key: options.key, graph, hash, resolve, reject });
        pump();
    });
}

/**
 * Cancels the pending and running layouts requested with `key` (they reject with
 * `LayoutCancelledError`), as a newer request with the same key does.
 */
export function cancelLayouts(key: string): void {
    for (let i = queue.length - 1; i >= 0; i--) {
        if (queue[i].key === key) {
            const [job] = queue.splice(i, 1);
            stats.cancelled++;
            job.reject(new LayoutCancelledError());
        }
    }
    if (running?.key === key) {
        // ELK cannot be interrupted: stop the worker (the next job starts a fresh one);
        // in-process, the running layout finishes but its result is dropped.
        const job = running;
        running = undefined;
        if (pendingWorkerJob?.id === job.id) stopWorker();
        stats.cancelled++;
        job.reject(new LayoutCancelledError());
        queueMicrotask(pump);
    }
}

function remember(hash: string, result: ElkLayoutResult): void {
    cache.set(hash, result);
    const limit = settings.cacheSize ?? 32;
    while (cache.size > limit) cache.delete(cache.keys().next().value as string);
}

function pump(): void {
    if (running || queue.length === 0) return;
    const job = queue.shift()!;
    running = job;
    const finish = (error: Error | undefined, result?: ElkLayoutResult): void => {
        if (running !== job) return; // cancelled meanwhile
        running = undefined;
        if (error) job.reject(error);
        else {
            remember(job.hash, result!);
            job.resolve(result!);
        }
        if (worker && queue.length === 0 && (!warmWanted || warmDone?.settled !== false)) worker.keepAlive?.(false);
        pump();
    };
    const factory = settings.worker;
    let w: LayoutWorkerHandle | undefined;
    if (factory) {
        try {
            w = ensureWorker(factory);
        } catch {
            w = undefined; // a worker that cannot start: lay out in-process instead
        }
    }
    const inProcess = (): void => {
        stats.inProcessLayouts++;
        runElk(job.graph).then(result => finish(undefined, result), (error: unknown) => finish(toError(error)));
    };
    if (w) {
        stats.workerLayouts++;
        w.keepAlive?.(true);
        pendingWorkerJob = { id: job.id, finish, retryInProcess: () => { stats.workerLayouts--; inProcess(); } };
        w.postMessage({ id: job.id, graph: job.graph });
    } else {
        inProcess();
    }
}

let pendingWorkerJob: { id: number; finish: (error: Error | undefined, result?: ElkLayoutResult) => void; retryInProcess: () => void } | undefined;

/** A worker factory whose worker failed before it started: layouts run in-process until another is configured. */
let brokenFactory: LayoutWorkerFactory | undefined;

function ensureWorker(factory: LayoutWorkerFactory): LayoutWorkerHandle {
    if (worker) return worker;
    if (factory === brokenFactory) throw new Error('The layout worker could not start.');
    const w = factory();
    let started = false;
    w.onMessage((message: LayoutWorkerResponse) => {
        if ('ready' in message) {
            started = true;
            return;
        }
        if ('warm' in message) {
            settleWarm();
            if (worker === w && !running) w.keepAlive?.(false);
            return;
        }
        const pending = pendingWorkerJob;
        if (!pending || pending.id !== message.id) return;
        pendingWorkerJob = undefined;
        pending.finish('error' in message ? new Error(message.error) : undefined, 'result' in message ? message.result : undefined);
    });
    w.onFailure(error => {
        if (worker !== w) return; // an old worker, stopped on purpose
        worker = undefined;
        settleWarm();
        const pending = pendingWorkerJob;
        pendingWorkerJob = undefined;
        if (!started) {
            // It never started (a missing script, a browser that refuses workers): in-process from now on.
            brokenFactory = factory;
            pending?.retryInProcess();
        } else {
            pending?.finish(error);
        }
    });
    worker = w;
    if (warmWanted) w.postMessage({ warmUp: true });
    return w;
}

function stopWorker(): void {
    settleWarm(); // an interrupted warm-up counts as done: nobody waits for a stopped worker
    const w = worker;
    worker = undefined;
    pendingWorkerJob = undefined;
    if (w) w.terminate();
}

function toError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}
