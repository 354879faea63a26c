/**
 * The Markdown-preview plugin rendered by markdown-it (the library VS Code's preview uses),
 * with diagrams drawn by Archway's real pipeline (check services, rules, ELK layout, SVG).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawArchBlock } from '../../src/cli/export-markdown.js';
import { configureLayout, disposeLayout } from '../../src/diagram/index.js';
import { archwayMarkdownIt, isSafeSvg, type BlockDiagram } from '../../src/extension/markdown-arch-plugin.js';
import { BlockDiagramCache } from '../../src/extension/markdown-block-cache.js';

/** Renders until no block is pending: the first pass starts the drawings, the refresh shows them. */
async function renderSettled(md: MarkdownIt, cache: { refreshed: Promise<void> }, text: string, env: object): Promise<{ first: string; settled: string }> {
    const first = md.render(text, env);
    await cache.refreshed;
    return { first, settled: md.render(text, env) };
}

describe('markdown-it plugin for arch blocks', () => {
    let dir: string;
    let markdownUri: string;
    beforeAll(() => {
        configureLayout({});
        dir = mkdtempSync(join(tmpdir(), 'archway-md-plugin-'));
        writeFileSync(join(dir, 'backend.arch'), 'service api "Orders API" { replicas: 2  public: true }\ndatabase db "Orders <DB>"\napi -> db "stores orders"\n');
        markdownUri = pathToFileURL(join(dir, 'README.md')).toString();
    });
    afterAll(() => {
        disposeLayout();
        rmSync(dir, { recursive: true, force: true });
    });

    /** A markdown-it with the plugin, whose drawings come from the real pipeline; `refreshed` resolves when every drawing started is done. */
    function setup(): { md: MarkdownIt; cache: { refreshed: Promise<void> }; draws: string[] } {
        const draws: string[] = [];
        let pending = 0;
        let resolveRefreshed: () => void = () => {};
        const state = { refreshed: new Promise<void>(resolve => { resolveRefreshed = resolve; }) };
        const draw = async (source: string, uri: string | undefined): Promise<BlockDiagram> => {
            pending++;
            draws.push(source);
            const file = uri ? fileURLToPath(uri) : join(dir, 'untitled.md');
            const drawn = await drawArchBlock(file, source, 'README.preview', { theme: 'light', collapse: 'auto' });
            return { svg: drawn.svg, problems: drawn.problems };
        };
        const cache = new BlockDiagramCache(draw, () => {
            if (--pending === 0) resolveRefreshed();
        });
        return { md: archwayMarkdownIt(new MarkdownIt(), cache), cache: state, draws };
    }

    it('shows the source while drawing, then the SVG with imports resolved next to the Markdown file', async () => {
        const { md, cache, draws } = setup();
        const text = '# Shop\n\n```arch\narchitecture "Shop"\nimport "./backend.arch"\nclient web "Web"\nweb -> api "orders"\n```\n\n```js\nlet x = "<b>";\n```\n';
        const { first, settled } = await renderSettled(md, cache, text, { currentDocument: { toString: () => markdownUri } });
        expect(first).toContain('Drawing the Archway diagram');
        expect(first).toContain('import &quot;./backend.arch&quot;');
        expect(settled).toContain('<div class="archway-md archway-md-diagram"><svg');
        expect(settled).toContain('Orders API');
        expect(settled).toContain('Orders &lt;DB&gt;');
        expect(settled).not.toContain('Orders <DB>');
        // Other fences render as markdown-it renders them.
        expect(settled).toContain('<pre><code class="language-js">let x = &quot;&lt;b&gt;&quot;;\n</code></pre>');
        expect(settled).not.toMatch(/<script/i);
        // Drawn once, then served from the cache.
        md.render(text, { currentDocument: { toString: () => markdownUri } });
        expect(draws).toHaveLength(1);
    }, 60_000);

    it('shows the block\'s own findings as badges, escaped', async () => {
        const { md, cache } = setup();
        const text = '```arch\nclient web "Web"\nservice api "API <b>x</b>"\nweb -> api "calls"\n```\n';
        const { settled } = await renderSettled(md, cache, text, { currentDocument: { toString: () => markdownUri } });
        expect(settled).toContain('<ul class="archway-md-findings">');
        expect(settled).toMatch(/<li class="archway-md-badge archway-md-badge-(error|warning)"[^>]*><span class="archway-md-severity">(error|warning)<\/span> line \d+: /);
        expect(settled).toContain('API &lt;b&gt;x&lt;/b&gt;');
        expect(settled).not.toContain('<b>x</b>');
    }, 60_000);

    it('says clearly, inline, when a block does not parse, with its line', async () => {
        const { md, cache } = setup();
        const text = 'Before.\n\n```arch\nservice a "A"\nservice b "B" {{\n```\n\nAfter.\n';
        const { settled } = await renderSettled(md, cache, text, { currentDocument: { toString: () => markdownUri } });
        expect(settled).toMatch(/<p class="archway-md-error" role="alert">This arch block does not parse \(line 2: [^<]+\)\.<\/p>/);
        expect(settled).toContain('service b &quot;B&quot; {{');
        expect(settled).toContain('<p>After.</p>');
        expect(settled).not.toContain('<svg');
    }, 60_000);

    it('refuses to show an SVG that could run or load anything', () => {
        expect(isSafeSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')).toBe(true);
        for (const unsafe of ['<svg><script>alert(1)</script></svg>', '<svg onload="x()"></svg>', '<svg><a href="javascript:x">t</a></svg>',
            '<svg><foreignObject><div/></foreignObject></svg>', '<div></div>', '<svg></svg><script>x</script>']) {
            expect(isSafeSvg(unsafe)).toBe(false);
        }
        const md = archwayMarkdownIt(new MarkdownIt(), { get: () => ({ svg: '<svg onload="steal()"></svg>', problems: [] }) });
        const html = md.render('```arch\nservice a "A"\n```\n');
        expect(html).not.toContain('onload');
        expect(html).toContain('it is not a plain SVG');
    });
});
