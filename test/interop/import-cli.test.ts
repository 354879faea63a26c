/**
 * `archway import likec4|structurizr` through the built CLI: where it writes, what it says,
 * that it never overwrites without --force, problems with file and line (exit 1, the rest
 * written), usage errors (exit 2), and that the result checks and exports with the CLI.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archway, ensureBuilt } from '../cli/cli-process.js';
import { FIXTURES } from './interop-helpers.js';

describe('archway import (CLI)', () => {
    let dir: string;
    beforeAll(() => {
        ensureBuilt();
        dir = mkdtempSync(join(tmpdir(), 'archway-import-cli-'));
        cpSync(join(FIXTURES, 'structurizr-pharmacy'), join(dir, 'pharmacy'), { recursive: true });
        cpSync(join(FIXTURES, 'likec4-food-delivery'), join(dir, 'food'), { recursive: true });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('imports a Structurizr workspace next to it, and the result checks and exports', () => {
        const result = archway(['import', 'structurizr', 'pharmacy/workspace.dsl'], dir);
        expect(result.stderr).toContain(`Wrote ${join(dir, 'pharmacy/workspace.arch')}: 5 zones, 17 components, 0 channels, 21 connections, 4 views, 1 flow;`);
        expect(result.status).toBe(0);
        const check = archway(['check', 'pharmacy/workspace.arch', '--format', 'json'], dir);
        const report = JSON.parse(check.stdout) as { diagnostics: { code: string; severity: string }[] };
        expect(report.diagnostics.length).toBeGreaterThan(0); // Archway has things to say about it
        expect(report.diagnostics.filter(d => ['syntax-error', 'unresolved-reference', 'unknown-property', 'duplicate-id', 'unknown-kind'].includes(d.code))).toEqual([]);
        const svg = archway(['export', 'pharmacy/workspace.arch', '--view', 'Containers', '-o', '-'], dir);
        expect(svg.stdout).toContain('<svg');
        expect(svg.stdout).toContain('Prescription Service');
    });

    it('imports a LikeC4 folder (every .c4 file in it) and never overwrites without --force', () => {
        const first = archway(['import', 'likec4', 'food'], dir);
        expect(first.status).toBe(0);
        const out = join(dir, 'food/food.arch');
        expect(readFileSync(out, 'utf8')).toMatch(/^\s*broker events "Event Bus" \{$/m);
        writeFileSync(out, '// my edits\n');
        const again = archway(['import', 'likec4', 'food'], dir);
        expect(again.status).toBe(2);
        expect(again.stderr).toContain(`'${out}' exists; choose another file with -o, or add --force to replace it.`);
        expect(readFileSync(out, 'utf8')).toBe('// my edits\n');
        expect(archway(['import', 'likec4', 'food', '--force'], dir).status).toBe(0);
        expect(readFileSync(out, 'utf8')).toContain('// Imported by Archway from');
    });

    it('writes to stdout with -o -', () => {
        const result = archway(['import', 'likec4', 'food/_spec.c4', 'food/model.c4', 'food/dispatch.c4', 'food/views.c4', '-o', '-'], dir);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^zone delivery "Food Delivery Platform" \{$/m);
    });

    it('reports unreadable input with file and line, writes the rest and exits 1', () => {
        writeFileSync(join(dir, 'bad.dsl'), 'workspace {\n  model {\n    a = softwareSystem "A"\n    b = softwareSystem\n    a -> c "calls"\n  }\n}\n');
        const result = archway(['import', 'structurizr', 'bad.dsl'], dir);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain("bad.dsl:4: Cannot read 'b = softwareSystem' here.");
        expect(result.stderr).toContain("bad.dsl:5: Cannot find the element 'c'.");
        expect(result.stderr).toContain('2 problems in the input; the .arch file holds what could be read.');
        expect(readFileSync(join(dir, 'bad.arch'), 'utf8')).toMatch(/^external a "A"$/m);
    });

    it('refuses bad usage with exit 2 and a clear message', () => {
        const none = archway(['import'], dir);
        expect(none.status).toBe(2);
        expect(none.stderr).toContain('Name the source to import from.');
        const unknown = archway(['import', 'visio', 'x.vsdx'], dir);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toContain("Unknown source 'visio'; use likec4, structurizr");
        const missing = archway(['import', 'structurizr', 'nope.dsl'], dir);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain("No such file or folder: 'nope.dsl'.");
        const two = archway(['import', 'structurizr', 'bad.dsl', 'pharmacy/workspace.dsl', '-o', '-'], dir);
        expect(two.status).toBe(2);
        expect(two.stderr).toContain('structurizr imports one workspace file at a time');
        writeFileSync(join(dir, 'binary.dsl'), Buffer.from([0x77, 0, 0x6f]));
        const binary = archway(['import', 'structurizr', 'binary.dsl', '-o', '-'], dir);
        expect(binary.status).toBe(2);
        expect(binary.stderr).toContain('binary.dsl: A binary file, not text.');
        expect(existsSync(join(dir, 'binary.arch'))).toBe(false);
    });
});
