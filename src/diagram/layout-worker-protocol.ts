/**
 * What the layout service (`layout.ts`) and a layout worker say to each other, and how the
 * service starts a worker — the same on Node (`worker_threads`, `node-layout-worker.ts`) and in
 * a browser (a Web Worker). Types only.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkLayoutResult } from './elk-runner.js';

/** Service → worker: lay out a graph, or warm ELK up in the background. */
export type LayoutWorkerRequest = { id: number; graph: ElkNode } | { warmUp: true };

/** Worker → service: "started", a layout, its error, or "warm-up done". */
export type LayoutWorkerResponse = { ready: true } | { id: number; result: ElkLayoutResult } | { id: number; error: string } | { warm: true };

/** A running layout worker, whatever the platform. */
export interface LayoutWorkerHandle {
    postMessage(message: LayoutWorkerRequest): void;
    onMessage(listener: (message: LayoutWorkerResponse) => void): void;
    /** Called when the worker fails or exits without being told to. */
    onFailure(listener: (error: Error) => void): void;
    terminate(): void;
    /** Node: whether the worker keeps the process alive (a browser has no such notion). */
    keepAlive?(alive: boolean): void;
}

/** Starts a layout worker (throws when it cannot). */
export type LayoutWorkerFactory = () => LayoutWorkerHandle;
