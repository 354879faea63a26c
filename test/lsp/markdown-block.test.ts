/**
 * `archway/drawMarkdownBlock` on the bundled language server over stdio: a Markdown file's arch
 * block drawn with imports beside the Markdown file (an open editor's unsaved text wins over
 * the disk), its own findings, a parse error at the block's line, and a block that never joins
 * the workspace (no diagnostics published for it, no effect on the open files).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DrawMarkdownBlockResult } from '../../src/protocol/diagram-protocol.js';
import { ensureServerBuilt, LspClient } from '../support/lsp-client.js';

describe('archway/drawMarkdownBlock', () => {
    let dir: string;
    let server: LspClient;
    beforeAll(async () => {
        ensureServerBuilt();
        dir = mkdtempSync(join(tmpdir(), 'archway-md-block-'));
        writeFileSync(join(dir, 'backend.arch'), 'service api "Orders API" { replicas: 2  public: true }\n');
        server = new LspClient();
        await server.initialize(dir);
    }, 120_000);
    afterAll(async () => {
        await server.shutdown();
        rmSync(dir, { recursive: true, force: true });
    });

    const draw = (source: string) => server.connection.sendRequest<DrawMarkdownBlockResult>('archway/drawMarkdownBlock', {
        source, markdownUri: pathToFileURL(join(dir, 'docs.md')).toString(), theme: 'dark',
    });

    test('draws the block with its import resolved beside the Markdown file, and its own findings', async () => {
        const result = await draw('import "./backend.arch"\nclient web "Web <app>"\nweb -> api "orders"\nservice lonely "Lonely"\n');
        expect(result.svg).toMatch(/^<svg[\s>]/);
        expect(result.svg).toContain('Orders API');
        expect(result.svg).toContain('Web &lt;app&gt;');
        const orphan = result.problems.find(problem => problem.code === 'orphan-component');
        expect(orphan?.line).toBe(4);
        // Only the block's own findings: nothing located in backend.arch.
        expect(result.problems.every(problem => problem.line <= 4)).toBe(true);
    }, 60_000);

    test('reads an open editor\'s unsaved text for an import', async () => {
        const uri = pathToFileURL(join(dir, 'backend.arch')).toString();
        await server.open(uri, 'service api "Edited API" { replicas: 2  public: true }\n');
        const result = await draw('import "./backend.arch"\nclient web "Web"\nweb -> api "orders"\n');
        expect(result.svg).toContain('Edited API');
        await server.close(uri);
    }, 60_000);

    test('a block that does not parse: no SVG, the error at the block\'s line', async () => {
        const result = await draw('service a "A"\nservice b "B" {{\n');
        expect(result.svg).toBeUndefined();
        expect(result.problems[0]).toMatchObject({ severity: 'error', line: 2 });
    }, 60_000);

    test('rejects malformed parameters with an error, not a crash', async () => {
        await expect(server.connection.sendRequest('archway/drawMarkdownBlock', { source: 1 })).rejects.toThrow(/expected/);
        const result = await draw('service ok "Still fine"\n');
        expect(result.svg).toContain('Still fine');
    }, 60_000);
});
