/**
 * `archway export --format mermaid|drawio|d2|likec4|structurizr`: output names and formats,
 * options that do not apply, unknown views (the CLI's `main` in-process), determinism across
 * processes (the built CLI), and that `archway check` does not load the exporters.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { archway as spawnArchway, ensureBuilt, ROOT } from '../cli/cli-process.js';

/** The CLI in-process: exit code and output. */
async function archway(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const status = await main(argv, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
    return { status, stdout, stderr };
}

describe('archway export to other tools', () => {
    let dir: string;
    beforeAll(() => {
        ensureBuilt();
        dir = mkdtempSync(join(tmpdir(), 'archway-interop-cli-'));
        cpSync(join(ROOT, 'examples/online-shop'), dir, { recursive: true });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
        ['mermaid', 'shop.mmd', /^flowchart LR$/m],
        ['drawio', 'shop.drawio', /^<mxfile host="Archway"/m],
        ['d2', 'shop.d2', /^layers: \{$/m],
        ['likec4', 'shop.c4', /^specification \{$/m],
        ['structurizr', 'shop.dsl', /^workspace "Online Shop"/m],
    ])('--format %s writes %s next to the model', async (format, name, content) => {
        const result = await archway(['export', join(dir, 'shop.arch'), '--format', format]);
        expect(result.stderr).toContain(`Wrote ${join(dir, name)}`);
        expect(result.status).toBe(0);
        expect(readFileSync(join(dir, name), 'utf8')).toMatch(content);
    });

    it('names a view in the file name and infers the format from -o', async () => {
        expect((await archway(['export', join(dir, 'shop.arch'), '--format', 'mermaid', '--view', 'ordering'])).status).toBe(0);
        expect(readFileSync(join(dir, 'shop.ordering.mmd'), 'utf8')).toMatch(/^flowchart TB$/m);
        const out = join(dir, 'picked.c4');
        expect((await archway(['export', join(dir, 'shop.arch'), '-o', out])).status).toBe(0);
        expect(readFileSync(out, 'utf8')).toMatch(/^model \{$/m);
    });

    it('writes to stdout with -o - and is byte-identical from one process to the next (built CLI)', () => {
        // draw.io carries the layout (ELK), the part most likely to vary between processes.
        for (const format of ['drawio']) {
            const first = spawnArchway(['export', join(dir, 'shop.arch'), '--format', format, '-o', '-']);
            const second = spawnArchway(['export', join(dir, 'shop.arch'), '--format', format, '-o', '-']);
            expect(first.status).toBe(0);
            expect(first.stdout.length).toBeGreaterThan(500);
            expect(second.stdout).toBe(first.stdout);
        }
    }, 120_000);

    it('refuses view options for whole-model formats, and unknown views, with usage errors', async () => {
        const view = await archway(['export', join(dir, 'shop.arch'), '--format', 'likec4', '--view', 'ordering']);
        expect(view.status).toBe(2);
        expect(view.stderr).toContain('--view does not apply to likec4: it exports the whole model, with every view and flow.');
        const theme = await archway(['export', join(dir, 'shop.arch'), '--format', 'mermaid', '--theme', 'dark']);
        expect(theme.status).toBe(2);
        expect(theme.stderr).toContain('--theme and --scale apply to svg and png, not mermaid.');
        const unknown = await archway(['export', join(dir, 'shop.arch'), '--format', 'drawio', '--view', 'nope']);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toContain("No view named 'nope'. Views: overview, ordering.");
        const format = await archway(['export', join(dir, 'shop.arch'), '--format', 'visio']);
        expect(format.status).toBe(2);
        expect(format.stderr).toContain("Unknown format 'visio'; use svg, png, json, mermaid, drawio, d2, likec4, structurizr, markdown.");
        expect(existsSync(join(dir, 'shop.nope.drawio'))).toBe(false);
    });

    it('keeps the exporters, importers and the MCP server out of the bundle `archway check` loads', () => {
        const check = readFileSync(join(ROOT, 'out/cli/main.cjs'), 'utf8');
        for (const name of ['modelToLikeC4', 'modelToStructurizr', 'diagramToMermaid', 'diagramToDrawio', 'modelToD2', 'readLikeC4', 'readStructurizr', 'createArchwayMcpServer']) {
            expect(check).not.toContain(name);
        }
        expect(readFileSync(join(ROOT, 'out/cli/export.cjs'), 'utf8')).toContain('modelToLikeC4');
        expect(readFileSync(join(ROOT, 'out/cli/import.cjs'), 'utf8')).toContain('readStructurizr');
        expect(readFileSync(join(ROOT, 'out/cli/mcp.cjs'), 'utf8')).toContain('createArchwayMcpServer');
    });
});
