/**
 * `npm run test:integration` (test/extension/integration/run.mjs), run for real: where no VS Code
 * can be downloaded it says exactly why it skips (the URL and the error) and exits 0; every other
 * problem is a failure (exit 1), never a skip. The download is made impossible the way a network
 * can make it: an HTTPS proxy (npm's `npm_config_https_proxy`, which @vscode/test-electron
 * honours) that refuses connections.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'test/extension/integration/run.mjs');
const cache = mkdtempSync(join(tmpdir(), 'archway-vscode-cache-'));

afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    await new Promise<void>(done => server.close(() => done()));
    return port;
}

function run(env: Record<string, string>) {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) =>
        !/^(VSCODE_EXECUTABLE|ARCHWAY_VSCODE_|npm_config_(https_)?proxy$)/i.test(name)));
    return spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...clean, ...env } });
}

describe('npm run test:integration', () => {
    it('skips with the download URL and the network error, exit 0, when VS Code cannot be downloaded', async () => {
        const port = await closedPort();
        const result = run({ npm_config_https_proxy: `http://127.0.0.1:${port}`, ARCHWAY_VSCODE_CACHE: cache, ARCHWAY_VSCODE_VERSION: '1.100.3' });
        expect(result.status, result.stderr).toBe(0);
        const lines = result.stdout.trim().split('\n');
        expect(lines, 'one line says why').toHaveLength(1);
        expect(lines[0]).toMatch(/^SKIPPED desktop integration tests: VS Code 1\.100\.3 cannot be downloaded: /);
        expect(lines[0]).toContain('GET https://update.code.visualstudio.com/1.100.3/');
        expect(lines[0]).toContain(`through the proxy http://127.0.0.1:${port}`);
        expect(lines[0]).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
        expect(readdirSync(cache), 'nothing half-downloaded is left in the cache').toEqual([]);
    });

    it('fails (exit 1, no SKIPPED) when VSCODE_EXECUTABLE names a file that does not exist', () => {
        const missing = join(cache, 'no-such-code');
        const result = run({ VSCODE_EXECUTABLE: missing });
        expect(result.status).toBe(1);
        expect(result.stdout).not.toContain('SKIPPED');
        expect(result.stderr).toContain(`VSCODE_EXECUTABLE is ${missing}, which does not exist.`);
    });
});
