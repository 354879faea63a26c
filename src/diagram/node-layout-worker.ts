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

/** A factory of workers running `script` (given `workerData`, which tells a shared bundle its role). */
export function nodeLayoutWorker(script: string, workerData?: unknown): LayoutWorkerFactory {
    return () => {
        const worker = new Worker(script, workerData === undefined ? {} : { workerData });
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
            onMessage: listener => { worker.on('message', (message: LayoutWorkerResponse) => listener(message)); },
            onFailure: listener => { failures.push(listener); },
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
