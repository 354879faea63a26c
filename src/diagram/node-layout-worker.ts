/**
 * Layout workers on Node: a `worker_threads` worker running a bundle that serves layout
 * requests (`layout-worker.cjs` for the command line; the language server's own bundle, started
 * in its worker role, for the extension). Node-only: browser bundles never import this file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LayoutWorkerFactory, LayoutWorkerHandle, LayoutWorkerRequest, LayoutWorkerResponse } from './layout-worker-protocol.js';

const WORKER_FILE = 'layout-worker.cjs';

/**
 * The handle on a worker. What the worker says before anyone listens is kept: the first message
 * listener gets the messages so far, and a failure so far reaches each failure listener once the
 * caller's setup is done (it registers its listeners before it records the worker). That is what
 * lets a worker start before the code that uses it is loaded (`startLayoutWorkerEarly`).
 */
function workerHandle(worker: Worker): LayoutWorkerHandle {
    const listeners: ((message: LayoutWorkerResponse) => void)[] = [];
    const held: LayoutWorkerResponse[] = [];
    worker.on('message', (message: LayoutWorkerResponse) => {
        if (listeners.length === 0) held.push(message);
        for (const listener of listeners) listener(message);
    });
    let stopped = false;
    let failure: Error | undefined;
    const failures: ((error: Error) => void)[] = [];
    const fail = (error: Error): void => {
        if (stopped) return;
        stopped = true;
        failure = error;
        for (const listener of failures) listener(error);
    };
    worker.on('error', fail);
    worker.on('exit', code => fail(new Error(`Layout worker exited with code ${code}.`)));
    return {
        postMessage: (message: LayoutWorkerRequest) => worker.postMessage(message),
        onMessage: listener => {
            listeners.push(listener);
            for (const message of held.splice(0)) listener(message);
        },
        onFailure: listener => {
            failures.push(listener);
            const failed = failure;
            if (failed) queueMicrotask(() => listener(failed));
        },
        terminate: () => {
            stopped = true;
            void worker.terminate();
        },
        keepAlive: alive => { if (alive) worker.ref(); else worker.unref(); },
    };
}

/**
 * A worker started before the bundle that uses it was loaded (see `startLayoutWorkerEarly`).
 * Kept on `globalThis`: the command line's bundles each have their own copy of this module.
 */
interface EarlyWorker {
    script: string;
    worker: Worker;
    handle: LayoutWorkerHandle;
}

const EARLY_WORKER = Symbol.for('archway.earlyLayoutWorker');
type EarlyWorkerSlot = { [EARLY_WORKER]?: EarlyWorker };

/**
 * Starts the layout worker of `script` now, ahead of the code that will use it (the command
 * line starts it before loading the export bundle, so that loading elkjs overlaps loading and
 * parsing). The first `nodeLayoutWorker(script)` takes it over with everything it said
 * meanwhile. Until then it does not keep the process alive: an export that stops early (bad
 * usage) exits at once. Returns the worker, or undefined when one was already started.
 */
export function startLayoutWorkerEarly(script: string): Worker | undefined {
    const slot = globalThis as EarlyWorkerSlot;
    if (slot[EARLY_WORKER]) return undefined;
    const worker = new Worker(script);
    const handle = workerHandle(worker);
    handle.keepAlive?.(false);
    slot[EARLY_WORKER] = { script, worker, handle };
    return worker;
}

/** The early worker's handle for `script`, now taken (and keeping the process alive, as a new worker does). */
function takeEarlyWorker(script: string): LayoutWorkerHandle | undefined {
    const slot = globalThis as EarlyWorkerSlot;
    const early = slot[EARLY_WORKER];
    if (!early || early.script !== script) return undefined;
    delete slot[EARLY_WORKER];
    early.handle.keepAlive?.(true);
    return early.handle;
}

/**
 * A factory of workers running `script` (given `workerData`, which tells a shared bundle its
 * role). Its first worker is the one `startLayoutWorkerEarly(script)` started, if any.
 */
export function nodeLayoutWorker(script: string, workerData?: unknown): LayoutWorkerFactory {
    return () => (workerData === undefined ? takeEarlyWorker(script) : undefined)
        ?? workerHandle(new Worker(script, workerData === undefined ? {} : { workerData }));
}

/** `layout-worker.cjs` beside (or near) the running bundle, if there is one. */
export function findLayoutWorkerFile(): string | undefined {
    if (typeof __dirname !== 'string') return undefined;
    for (const candidate of [join(__dirname, WORKER_FILE), join(__dirname, '..', 'diagram', WORKER_FILE), join(__dirname, '..', WORKER_FILE)]) {
        if (existsSync(candidate)) return candidate;
    }
    return undefined;
}

/** The worker of `layout-worker.cjs` near the running bundle, or `false` (in-process) when there is none. */
export function bundledLayoutWorker(): LayoutWorkerFactory | false {
    const file = findLayoutWorkerFile();
    return file ? nodeLayoutWorker(file) : false;
}
