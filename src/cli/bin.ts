/** Bundle entry of `out/cli/main.cjs` (run by `bin/archway.cjs`). */
import { main } from './main.js';

// A reader that stops early (`archway check | head`) closes the pipe: stop quietly, as other
// command-line tools do, instead of dying with an unhandled EPIPE and a stack trace.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
    });
}

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
