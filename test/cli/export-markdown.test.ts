/**
 * `archway export --format markdown`: real Markdown files in a temporary folder, through the
 * CLI's `main` in-process and once through the built CLI; the SVGs are parsed by resvg.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { findArchBlocks } from '../../src/cli/markdown-blocks.js';
import { archway as spawnArchway, ensureBuilt } from './cli-process.js';

async function archway(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const status = await main(argv, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
    return { status, stdout, stderr };
}

/** The SVG parsed and rendered by resvg: its pixel size (throws on malformed SVG). */
function parseSvg(svg: string): { width: number; height: number } {
    const rendered = new Resvg(svg).render();
    return { width: rendered.width, height: rendered.height };
}

const SHOP = `architecture "Tiny Shop"
import "./backend.arch"

client web "Web app"
web -> api "places orders" { protocol: https }
`;
const BACKEND = `service api "Orders API" { replicas: 2  public: true }
database db "Orders DB"
api -> db "stores orders"
`;
const README = (block: string) => `# Tiny shop

Some prose.

\`\`\`arch
${block}\`\`\`

More prose.

\`\`\`ts
const notArch = 1;
\`\`\`
`;

describe('archway export --format markdown', () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'archway-md-'));
        writeFileSync(join(dir, 'backend.arch'), BACKEND);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the SVG next to the file, links it, keeps the source, and a second run changes nothing', async () => {
        const md = join(dir, 'README.md');
        writeFileSync(md, README(SHOP));
        const first = await archway(['export', '--format', 'markdown', md]);
        expect(first.stderr).toContain(`Wrote ${join(dir, 'README.arch-1.svg')}`);
        expect(first.status).toBe(0);
        const svg = readFileSync(join(dir, 'README.arch-1.svg'), 'utf8');
        expect(parseSvg(svg).width).toBeGreaterThan(100);
        // The imported file's components are drawn: the import resolved relative to the Markdown file.
        for (const label of ['Web app', 'Orders API', 'Orders DB']) expect(svg).toContain(label);
        const rewritten = readFileSync(md, 'utf8');
        expect(rewritten).toContain('![Architecture diagram: Tiny Shop](README.arch-1.svg)');
        expect(rewritten).toContain('<summary>Diagram source</summary>');
        expect(rewritten).toContain(SHOP);
        expect(rewritten).toContain('const notArch = 1;');
        expect(rewritten.startsWith('# Tiny shop\n\nSome prose.\n\n<!-- archway-diagram: README.arch-1.svg')).toBe(true);

        const second = await archway(['export', '--format', 'markdown', md]);
        expect(second.status).toBe(0);
        expect(second.stderr).toContain('Unchanged');
        expect(second.stderr).not.toContain('Rewrote');
        expect(readFileSync(md, 'utf8')).toBe(rewritten);
        expect(readFileSync(join(dir, 'README.arch-1.svg'), 'utf8')).toBe(svg);
        expect(readdirSync(dir).filter(name => name.endsWith('.svg'))).toEqual(['README.arch-1.svg']);
        expect(readdirSync(dir).filter(name => name.endsWith('.arch'))).toEqual(['backend.arch']);
    }, 60_000);

    it('re-renders after the source in the rewritten file is edited, keeping one region and its SVG name', async () => {
        const md = join(dir, 'README.md');
        writeFileSync(md, README(SHOP));
        expect((await archway(['export', '--format', 'markdown', md])).status).toBe(0);
        const edited = readFileSync(md, 'utf8').replace('client web "Web app"', 'client web "Mobile app"');
        writeFileSync(md, edited);
        const rerun = await archway(['export', '--format', 'markdown', md]);
        expect(rerun.status).toBe(0);
        expect(rerun.stderr).toContain(`Wrote ${join(dir, 'README.arch-1.svg')}`);
        const svg = readFileSync(join(dir, 'README.arch-1.svg'), 'utf8');
        expect(svg).toContain('Mobile app');
        expect(svg).not.toContain('Web app');
        const after = readFileSync(md, 'utf8');
        expect(after.match(/<!-- archway-diagram:/g)).toHaveLength(1);
        expect(after.match(/<\/details>/g)).toHaveLength(1);
        expect(after).toBe(edited);
        expect(findArchBlocks(after)[0].region?.svgName).toBe('README.arch-1.svg');
    }, 60_000);

    it('names a block from its info string and keeps names apart', async () => {
        const md = join(dir, 'design.md');
        writeFileSync(md, `\`\`\`arch overview\n${SHOP}\`\`\`\n\n\`\`\`arch\nservice solo "Solo"\n\`\`\`\n`);
        expect((await archway(['export', '--format', 'markdown', md])).status).toBe(0);
        expect(parseSvg(readFileSync(join(dir, 'design.overview.svg'), 'utf8')).width).toBeGreaterThan(50);
        expect(readFileSync(join(dir, 'design.arch-2.svg'), 'utf8')).toContain('Solo');
        expect(readFileSync(md, 'utf8')).toContain('](design.overview.svg)');
    }, 60_000);

    it('reports a block that does not parse at its Markdown line, renders the others, and exits 1', async () => {
        const md = join(dir, 'notes.md');
        const broken = 'service a "A"\nservice b "B" {{\n';
        writeFileSync(md, `# Notes\n\n\`\`\`arch\n${broken}\`\`\`\n\n\`\`\`arch\nservice ok "Fine"\n\`\`\`\n`);
        const result = await archway(['export', '--format', 'markdown', md]);
        expect(result.status).toBe(1);
        // The broken block's second line is line 5 of the Markdown file.
        expect(result.stderr).toMatch(new RegExp(`${md.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+ error `));
        expect(result.stderr).toContain(`${md}:3 error The arch block does not parse`);
        const after = readFileSync(md, 'utf8');
        expect(after).toContain(`\`\`\`arch\n${broken}\`\`\``);
        expect(after.match(/<!-- archway-diagram:/g)).toHaveLength(1);
        expect(readFileSync(join(dir, 'notes.arch-2.svg'), 'utf8')).toContain('Fine');
        expect(readdirSync(dir)).not.toContain('notes.arch-1.svg');
    }, 60_000);

    it('reports an import that is missing at the block line, still draws, and exits 1', async () => {
        const md = join(dir, 'missing.md');
        writeFileSync(md, '\n```arch\nimport "./nowhere.arch"\nservice a "A"\n```\n');
        const result = await archway(['export', '--format', 'markdown', md]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/missing\.md:3:\d+ error .*nowhere\.arch/);
        expect(readFileSync(join(dir, 'missing.arch-1.svg'), 'utf8')).toContain('>A<');
    }, 60_000);

    it('one unreadable file does not hide the others; usage errors are explained', async () => {
        const md = join(dir, 'ok.md');
        writeFileSync(md, '```arch\nservice a "Alpha"\n```\n');
        const result = await archway(['export', '--format', 'markdown', join(dir, 'absent.md'), md]);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain('No such file');
        expect(readFileSync(join(dir, 'ok.arch-1.svg'), 'utf8')).toContain('Alpha');
        const usage = await archway(['export', '--format', 'markdown', md, '--view', 'x']);
        expect(usage.status).toBe(2);
        expect(usage.stderr).toContain('--view does not apply to markdown');
        const none = await archway(['export', '--format', 'markdown']);
        expect(none.status).toBe(2);
        expect(none.stderr).toContain('Name one or more Markdown files');
    }, 60_000);

    it('leaves a fence inside a list alone with a warning', () => {
        const blocks = findArchBlocks('- item\n\n  ```arch\n  service a "A"\n  ```\n\n```arch\nservice b "B"\n```\n');
        expect(blocks).toHaveLength(2);
        expect(blocks[0].skipped).toContain('inside a list');
        expect(blocks[1].skipped).toBeUndefined();
    });

    it('keeps CRLF line endings and a file without a final newline, and is idempotent on them', async () => {
        const md = join(dir, 'crlf.md');
        writeFileSync(md, '# T\r\n\r\n```arch\r\nservice a "A"\r\n```');
        expect((await archway(['export', '--format', 'markdown', md])).status).toBe(0);
        const once = readFileSync(md, 'utf8');
        expect(once.split('\r\n').length).toBeGreaterThan(10);
        expect(once.replace(/\r\n/g, '')).not.toContain('\n');
        expect(once.endsWith('<!-- /archway-diagram -->')).toBe(true);
        expect((await archway(['export', '--format', 'markdown', md])).stderr).not.toContain('Rewrote');
        expect(readFileSync(md, 'utf8')).toBe(once);
    }, 60_000);

    it('the built CLI writes byte-identical files on a second run', () => {
        ensureBuilt();
        const md = join(dir, 'README.md');
        writeFileSync(md, README(SHOP));
        expect(spawnArchway(['export', '--format', 'markdown', md]).status).toBe(0);
        const svg = readFileSync(join(dir, 'README.arch-1.svg'), 'utf8');
        const text = readFileSync(md, 'utf8');
        const second = spawnArchway(['export', '--format', 'markdown', md]);
        expect(second.status).toBe(0);
        expect(readFileSync(join(dir, 'README.arch-1.svg'), 'utf8')).toBe(svg);
        expect(readFileSync(md, 'utf8')).toBe(text);
    }, 120_000);
});
