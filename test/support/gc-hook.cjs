// Test-only preload for the language server (node --expose-gc -r gc-hook.cjs out/server/main.cjs):
// on SIGUSR2 it collects garbage and reports memory on stderr, so memory tests compare live
// memory rather than the garbage collector's timing.
process.on('SIGUSR2', () => {
    if (typeof global.gc === 'function') {
        global.gc();
        global.gc();
    }
    process.stderr.write(`archway-test-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
