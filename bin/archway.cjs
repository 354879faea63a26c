#!/usr/bin/env node
// The `archway` command: see `archway --help`. Built by `npm run build`.
// The bundles compile with a V8 code cache (see src/diagram/node-compile-cache.ts; off with
// ARCHWAY_COMPILE_CACHE=0): a fresh process then skips most of parsing and compiling them.
const { join } = require('node:path');
try {
    require('../out/cli/compile-cache.cjs').enableCompileCache(join(__dirname, '..', 'out'));
} catch {
    // no cache: the bundles compile as usual
}
// An export that lays out starts its layout worker now, while the rest loads (see src/cli/early-layout-worker.ts).
if (process.argv[2] === 'export') {
    try {
        require('../out/cli/early-layout-worker.cjs').startLayoutWorkerForCommand(process.argv.slice(2));
    } catch {
        // the export starts its worker itself
    }
}
require('../out/cli/main.cjs');
