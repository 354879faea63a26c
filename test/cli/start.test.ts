/**
 * `npm start` (scripts/start.mjs): checks the bundled examples and draws the shop.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { ensureBuilt, ROOT } from './cli-process.js';

beforeAll(() => ensureBuilt());

test('npm start reports the examples\' findings, explains the exit code and writes the shop diagram', () => {
    const svg = join(ROOT, 'out/online-shop.svg');
    rmSync(svg, { force: true });
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect({
        status: result.status,
        explains: result.stdout.includes('deliberate design problems'),
        summary: /\d+ files checked: \d+ errors/.test(result.stdout),
        svg: existsSync(svg) && readFileSync(svg, 'utf8').startsWith('<svg'),
    }).toEqual({ status: 0, explains: true, summary: true, svg: true });
});
