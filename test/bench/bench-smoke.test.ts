/**
 * Keeps `npm run bench` working: the quick mode (smallest size, one run of every section)
 * runs and writes its JSON. No timing assertions: benchmarks are not tests.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench, type BenchResult } from '../../bench/bench.js';
import { ensureBuilt } from '../cli/cli-process.js';

describe('npm run bench --quick', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'archway-bench-smoke-'));
    beforeAll(() => ensureBuilt());
    afterAll(() => rmSync(outDir, { recursive: true, force: true }));

    it('measures every section at the smallest size and writes JSON', async () => {
        const lines: string[] = [];
        const result = await runBench({ quick: true, outDir, log: line => lines.push(line) });
        const sections = new Set(result.rows.map(row => row.section));
        // Sections whose bundles are missing are skipped with a note instead.
        for (const section of [1, 2, 3, 4, 5, 6]) {
            expect(sections.has(section) || result.notes.some(note => note.startsWith(`Section ${section}`))).toBe(true);
        }
        for (const row of result.rows) {
            expect(row.stat.runs).toBeGreaterThan(0);
            expect(Number.isFinite(row.stat.median)).toBe(true);
            expect(row.stat.min).toBeLessThanOrEqual(row.stat.max);
        }
        const written = join(outDir, 'quick-latest.json');
        expect(existsSync(written)).toBe(true);
        const json = JSON.parse(readFileSync(written, 'utf8')) as BenchResult;
        expect(json.quick).toBe(true);
        expect(json.rows.length).toBe(result.rows.length);
        expect(lines.join('\n')).toContain('measure');
    }, 600_000);
});
