// Bundles the benchmark (`bench/bench.ts` → `out/bench/bench.cjs`) with the same esbuild
// settings as the product bundles. Used by `npm run bench` after `scripts/build.mjs`.
import * as esbuild from 'esbuild';
import { langiumParserPatch } from '../scripts/langium-parser-patch.mjs';

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
    // The same patched Langium parser builder as the product bundles.
    plugins: [langiumParserPatch],
});
