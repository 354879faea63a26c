/**
 * The layout worker (`out/…/layout-worker.cjs`): receives `{ id, graph }`, answers
 * `{ id, result }` or `{ id, error }`. One layout at a time; the main thread stops the
 * worker to cancel a running layout.
 */
import { parentPort } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { elk, runElk } from './elk-runner.js';

// Warm ELK up as soon as the worker starts, before the first request arrives.
void elk();

parentPort?.on('message', (message: { id: number; graph: ElkNode }) => {
    runElk(message.graph).then(
        result => parentPort!.postMessage({ id: message.id, result }),
        (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
});
