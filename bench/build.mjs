// Bundles the benchmark (`bench/bench.ts` → `out/bench/bench.cjs`) with the same esbuild
// settings as the product bundles. Used by `npm run bench` after `scripts/build.mjs`.
import * as esbuild from 'esbuild';

await esbuild.build({
    entryPoints: ['bench/bench.ts'],
    outfile: 'out/bench/bench.cjs',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    external: ['@resvg/resvg-js'],
    mainFields: ['module', 'main'],
});
