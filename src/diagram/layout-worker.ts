/**
 * The command line's layout worker (`out/diagram/layout-worker.cjs`), a `worker_threads`
 * worker: see `layout-worker-service.ts` for what it answers.
 */
import { parentPort } from 'node:worker_threads';
import type { LayoutWorkerRequest } from './layout-worker-protocol.js';
import { serveLayoutRequests } from './layout-worker-service.js';

if (parentPort) {
    const port = parentPort;
    serveLayoutRequests({ post: message => port.postMessage(message), listen: listener => port.on('message', (message: LayoutWorkerRequest) => listener(message)) });
}
