/**
 * Imported first by the layout worker's bundle: turns on the code cache of the process that
 * started the worker (see `node-compile-cache.ts`) before elkjs is loaded. The bundle lies in
 * `out/diagram/`; the cache covers the bundles below `out/`.
 */
import { dirname } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { enableWorkerCompileCache } from './node-compile-cache.js';

if (typeof __dirname === 'string') enableWorkerCompileCache(dirname(__dirname), isMainThread);
