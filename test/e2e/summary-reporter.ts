/**
 * Prints one plain closing line for CI logs: `e2e: N passed, N failed[, N skipped]`.
 * A hook failure (e.g. code-server would not start) counts as a failure even when vitest
 * marks the tests themselves as skipped.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
        let passed = 0;
        let failed = 0;
        let skipped = 0;
        for (const mod of testModules) {
            for (const test of mod.children.allTests()) {
                const state = test.result().state;
                if (state === 'passed') passed++;
                else if (state === 'failed') failed++;
                else skipped++;
            }
            if (failed === 0 && (mod.state() === 'failed' || mod.errors().length > 0)) failed++;
        }
        if (unhandledErrors.length && failed === 0) failed++;
        console.log(`\ne2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    }
}
