/**
 * The layout worker (`out/…/layout-worker.cjs`): receives `{ id, graph }`, answers
 * `{ id, result }` or `{ id, error }`. One layout at a time; the main thread stops the
 * worker to cancel a running layout. `{ warmUp: true }` starts the background warm-up
 * (see `warm-up.ts`), answered with `{ warm: true }` when it is done.
 */
import { parentPort } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { elk, runElk, warmUpElk } from './elk-runner.js';
import { warmUpGraphs } from './warm-up.js';

// Create ELK (and run it once on a tiny graph) as soon as the worker starts.
void elk();

let warming: Promise<void> | undefined;

parentPort?.on('message', (message: { id: number; graph: ElkNode } | { warmUp: true }) => {
    if ('warmUp' in message) {
        warming ??= warmUpElk(warmUpGraphs()).catch(() => undefined);
        void warming.then(() => parentPort!.postMessage({ warm: true }));
        return;
    }
    runElk(message.graph).then(
        result => parentPort!.postMessage({ id: message.id, result }),
        (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
});
