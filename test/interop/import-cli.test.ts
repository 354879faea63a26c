/**
 * `archway import likec4|structurizr`: stdout or `-o`, the summary, never overwriting without
 * --force, the canonical layout, problems with file and line (exit 1, the rest written), usage
 * errors (exit 2) — the CLI's `main` in-process — and, through the built CLI, that the result
 * checks and exports.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { archway as spawnArchway, ensureBuilt } from '../cli/cli-process.js';
import { FIXTURES } from './interop-helpers.js';

describe('archway import (CLI)', () => {
    let dir: string;
    /** The CLI in-process, with paths relative to the test folder made absolute. */
    const archway = async (argv: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> => {
        let stdout = '';
        let stderr = '';
        const absolute = argv.map((arg, i) => (i >= 2 && !arg.startsWith('-') && argv[i - 1] !== '-o' ? join(cwd, arg) : argv[i - 1] === '-o' && arg !== '-' ? join(cwd, arg) : arg));
        const status = await main(absolute, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
        return { status, stdout, stderr };
    };
    beforeAll(() => {
        ensureBuilt();
        dir = mkdtempSync(join(tmpdir(), 'archway-import-cli-'));
        cpSync(join(FIXTURES, 'structurizr-pharmacy'), join(dir, 'pharmacy'), { recursive: true });
        cpSync(join(FIXTURES, 'likec4-food-delivery'), join(dir, 'food'), { recursive: true });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('imports a Structurizr workspace into a file, and the result checks and exports (built CLI)', () => {
        const result = spawnArchway(['import', 'structurizr', 'pharmacy/workspace.dsl', '-o', 'pharmacy/workspace.arch'], dir);
        expect(result.stderr).toContain('Imported 5 zones, 17 components, 0 channels, 21 connections, 4 views and 1 flow into pharmacy/workspace.arch;');
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('');
        // Already in the canonical layout.
        expect(spawnArchway(['format', '--check', 'pharmacy/workspace.arch'], dir).status).toBe(0);
        const check = spawnArchway(['check', 'pharmacy/workspace.arch', '--format', 'json'], dir);
        const report = JSON.parse(check.stdout) as { diagnostics: { code: string; severity: string }[] };
        expect(report.diagnostics.length).toBeGreaterThan(0); // Archway has things to say about it
        expect(report.diagnostics.filter(d => ['syntax-error', 'unresolved-reference', 'unknown-property', 'duplicate-id', 'unknown-kind'].includes(d.code))).toEqual([]);
        const svg = spawnArchway(['export', 'pharmacy/workspace.arch', '--view', 'Containers', '-o', '-'], dir);
        expect(svg.stdout).toContain('<svg');
        expect(svg.stdout).toContain('Prescription Service');
    });

    it('imports a LikeC4 folder (every .c4 file in it) and never overwrites without --force', async () => {
        const out = join(dir, 'food/food.arch');
        const first = await archway(['import', 'likec4', 'food', '-o', 'food/food.arch'], dir);
        expect(first.status).toBe(0);
        expect(readFileSync(out, 'utf8')).toMatch(/^\s*broker events "Event Bus" \{$/m);
        writeFileSync(out, '// my edits\n');
        const again = await archway(['import', 'likec4', 'food', '-o', 'food/food.arch'], dir);
        expect(again.status).toBe(2);
        expect(again.stderr).toContain(`'${out}' exists; use --force to overwrite it.`);
        expect(readFileSync(out, 'utf8')).toBe('// my edits\n');
        expect((await archway(['import', 'likec4', 'food', '-o', 'food/food.arch', '--force'], dir)).status).toBe(0);
        expect(readFileSync(out, 'utf8')).toContain('// Imported by Archway from');
    });

    it('writes to stdout without -o (or with -o -)', async () => {
        const result = await archway(['import', 'likec4', 'food/_spec.c4', 'food/dispatch.c4', 'food/model.c4', 'food/views.c4'], dir);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^zone delivery "Food Delivery Platform" \{$/m);
        expect((await archway(['import', 'likec4', 'food', '-o', '-'], dir)).stdout).toBe(result.stdout);
    });

    it('reports unreadable input with file and line, writes the rest and exits 1', async () => {
        writeFileSync(join(dir, 'bad.dsl'), 'workspace {\n  model {\n    a = softwareSystem "A"\n    b = softwareSystem\n    a -> c "calls"\n  }\n}\n');
        const result = await archway(['import', 'structurizr', 'bad.dsl', '-o', 'bad.arch'], dir);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(`${join(dir, 'bad.dsl')}:4: Cannot read 'b = softwareSystem' here.`);
        expect(result.stderr).toContain(`${join(dir, 'bad.dsl')}:5: Cannot find the element 'c'.`);
        expect(result.stderr).toContain('2 problems in the input; the model holds what could be read.');
        expect(readFileSync(join(dir, 'bad.arch'), 'utf8')).toMatch(/^external a "A"$/m);
    });

    it('refuses bad usage with exit 2 and a clear message', async () => {
        const none = await archway(['import'], dir);
        expect(none.status).toBe(2);
        expect(none.stderr).toContain('Name the source to import from.');
        const unknown = await archway(['import', 'visio', 'x.vsdx'], dir);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toContain("Unknown source 'visio'; use likec4, structurizr");
        const missing = await archway(['import', 'structurizr', 'nope.dsl'], dir);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain(`No such file or folder: '${join(dir, 'nope.dsl')}'.`);
        const two = await archway(['import', 'structurizr', 'bad.dsl', 'pharmacy/workspace.dsl', '-o', '-'], dir);
        expect(two.status).toBe(2);
        expect(two.stderr).toContain('structurizr imports one workspace file at a time');
        writeFileSync(join(dir, 'binary.dsl'), Buffer.from([0x77, 0, 0x6f]));
        const binary = await archway(['import', 'structurizr', 'binary.dsl', '-o', '-'], dir);
        expect(binary.status).toBe(2);
        expect(binary.stderr).toContain(`${join(dir, 'binary.dsl')}: A binary file, not text.`);
        expect(binary.stderr).toContain('Nothing could be imported.');
        expect(existsSync(join(dir, 'binary.arch'))).toBe(false);
    });
});
