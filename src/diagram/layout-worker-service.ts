/**
 * The inside of a layout worker, whatever the platform: answers `{ id, graph }` with
 * `{ id, result }` or `{ id, error }`, one layout at a time (the service stops the worker to
 * cancel a running layout); `{ warmUp: true }` starts the background warm-up (see
 * `warm-up.ts`), answered with `{ warm: true }` when it is done.
 */
import { elk, runElk, warmUpElk } from './elk-runner.js';
import type { LayoutWorkerRequest, LayoutWorkerResponse } from './layout-worker-protocol.js';
import { warmUpGraphs } from './warm-up.js';

/** The worker's end of the channel. */
export interface LayoutWorkerPort {
    post(message: LayoutWorkerResponse): void;
    listen(listener: (message: LayoutWorkerRequest) => void): void;
}

/**
 * Serves layout requests on `port`; says `{ ready: true }` at once (a worker that fails before
 * that could not start, and the service lays out in-process instead), and creates ELK (running
 * it once on a tiny graph).
 */
export function serveLayoutRequests(port: LayoutWorkerPort): void {
    void elk();
    let warming: Promise<void> | undefined;
    port.listen(message => {
        if ('warmUp' in message) {
            warming ??= warmUpElk(warmUpGraphs()).catch(() => undefined);
            void warming.then(() => port.post({ warm: true }));
            return;
        }
        runElk(message.graph).then(
            result => port.post({ id: message.id, result }),
            (error: unknown) => port.post({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
    });
    port.post({ ready: true });
}
