/**
 * Runs the built `archway` CLI as a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const BIN = join(ROOT, 'bin/archway.cjs');

/** Builds the bundles once if they are missing (`npm test` builds them first). */
export function ensureBuilt(): void {
    if (!existsSync(join(ROOT, 'out/cli/main.cjs'))) {
        const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
        if (build.status !== 0) throw new Error(`Build failed: ${build.stderr}`);
    }
}

export interface CliResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function archway(args: string[], cwd = ROOT): CliResult {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
