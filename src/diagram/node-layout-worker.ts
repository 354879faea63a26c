/**
 * Layout workers on Node: a `worker_threads` worker running a bundle that serves layout
 * requests (`layout-worker.cjs` for the command line; the language server's own bundle, started
 * in its worker role, for the extension). Node-only: browser bundles never import this file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LayoutWorkerFactory, LayoutWorkerRequest, LayoutWorkerResponse } from './layout-worker-protocol.js';

const WORKER_FILE = 'layout-worker.cjs';

/**
 * A worker started before the bundle that uses it was loaded (see `startLayoutWorkerEarly`),
 * with what it said meanwhile. Kept on `globalThis`: the command line's bundles each have their
 * own copy of this module.
 */
interface EarlyWorker {
    script: string;
    worker: Worker;
    /** Messages, errors and exits seen before the worker was taken, in order. */
    held: EarlyEvent[];
}

type EarlyEvent = { kind: 'message'; message: LayoutWorkerResponse } | { kind: 'failure'; error: Error };

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
    const early: EarlyWorker = { script, worker, held: [] };
    const hold = (event: EarlyEvent): void => {
        if (slot[EARLY_WORKER] === early) early.held.push(event);
    };
    worker.on('message', (message: LayoutWorkerResponse) => hold({ kind: 'message', message }));
    worker.on('error', error => hold({ kind: 'failure', error }));
    worker.on('exit', code => hold({ kind: 'failure', error: new Error(`Layout worker exited with code ${code}.`) }));
    worker.unref();
    slot[EARLY_WORKER] = early;
    return worker;
}

/** The early worker of `script`, now taken (and keeping the process alive, as a new worker does). */
function takeEarlyWorker(script: string): EarlyWorker | undefined {
    const slot = globalThis as EarlyWorkerSlot;
    const early = slot[EARLY_WORKER];
    if (!early || early.script !== script) return undefined;
    delete slot[EARLY_WORKER];
    early.worker.ref();
    return early;
}

/**
 * A factory of workers running `script` (given `workerData`, which tells a shared bundle its
 * role). Its first worker is the one `startLayoutWorkerEarly(script)` started, if any.
 */
export function nodeLayoutWorker(script: string, workerData?: unknown): LayoutWorkerFactory {
    return () => {
        const early = workerData === undefined ? takeEarlyWorker(script) : undefined;
        const worker = early?.worker ?? new Worker(script, workerData === undefined ? {} : { workerData });
        const held = early?.held ?? [];
        let stopped = false;
        const failures: ((error: Error) => void)[] = [];
        const fail = (error: Error): void => {
            if (stopped) return;
            stopped = true;
            for (const listener of failures) listener(error);
        };
        worker.on('error', fail);
        worker.on('exit', code => fail(new Error(`Layout worker exited with code ${code}.`)));
        return {
            postMessage: (message: LayoutWorkerRequest) => worker.postMessage(message),
            onMessage: listener => {
                for (const event of held) if (event.kind === 'message') listener(event.message);
                worker.on('message', (message: LayoutWorkerResponse) => listener(message));
            },
            onFailure: listener => {
                failures.push(listener);
                // After the caller's setup (it registers its listeners before it records the worker).
                const failure = held.find(event => event.kind === 'failure');
                if (failure?.kind === 'failure') queueMicrotask(() => fail(failure.error));
            },
            terminate: () => {
                stopped = true;
                void worker.terminate();
            },
            keepAlive: alive => { if (alive) worker.ref(); else worker.unref(); },
        };
    };
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
