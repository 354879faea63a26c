import { defineConfig } from 'vitest/config';

// End-to-end suite in a real VS Code (code-server + headless Chromium): `npm run test:e2e`.
// Kept apart from vitest.config.ts so `npm test` never starts a browser.
export default defineConfig({
    test: {
        include: ['test/e2e/**/*.e2e.ts'],
        testTimeout: 180_000,
        hookTimeout: 25 * 60_000,
        pool: 'forks',
        fileParallelism: false,
        reporters: ['verbose', './test/e2e/summary-reporter.ts'],
    },
});
