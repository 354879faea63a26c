/**
 * The command line's layout worker (`out/diagram/layout-worker.cjs`), a `worker_threads`
 * worker: see `layout-worker-service.ts` for what it answers.
 */
// First: elkjs (required by the service below) then compiles with the command line's code cache.
import './worker-compile-cache.js';
import { parentPort } from 'node:worker_threads';
import { whenFirstLayoutDone } from './elk-runner.js';
import { writePendingCompileCache } from './node-compile-cache.js';
import type { LayoutWorkerRequest } from './layout-worker-protocol.js';
import { serveLayoutRequests } from './layout-worker-service.js';

if (parentPort) {
    const port = parentPort;
    serveLayoutRequests({ post: message => port.postMessage(message), listen: listener => port.on('message', (message: LayoutWorkerRequest) => listener(message)) });
    // Once ELK has run its first layout, its compiled code goes to the cache (when the CLI turned it on).
    whenFirstLayoutDone(writePendingCompileCache);
}
