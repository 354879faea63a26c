/** Bundle entry of `out/cli/main.cjs` (run by `bin/archway.cjs`). */
import { main } from './main.js';

main(process.argv.slice(2)).then(
    (code) => {
        // `lsp` never resolves; everything else exits with its code once output is flushed.
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`archway: ${String(error)}\n`);
        process.exitCode = 2;
    },
);
