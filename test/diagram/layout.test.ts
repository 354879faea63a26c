import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
    LayoutCancelledError, buildDiagram, clearLayoutCache, configureLayout, disposeLayout, layoutGraph, layoutStats,
    renderCacheStats, renderDiagram, resolveWorkerPath, selectView, toElkGraph, warmUpLayout,
} from '../../src/diagram/index.js';
import { loadText, loadWorkspace } from '../support/services.js';
import { exampleFolders, generateModel, layoutProblems } from './diagram-helpers.js';

const base = [
    'zone vpc { trust: private',
    '  gateway api "API" { rateLimit: 100/s }',
    '  service orders "Orders" { replicas: 3 }',
    '  database db "Orders DB"',
    '}',
    'client web "Web"',
    'web -> api : https',
    'api -> orders',
    'orders -> db : sql { timeout: 2s }',
].join('\n');

async function elkGraphOf(text: string) {
    const { model } = await loadText(text);
    return toElkGraph(buildDiagram(model, selectView(model)));
}

beforeEach(() => {
    configureLayout({ workerPath: false });
    clearLayoutCache();
});

describe('layout cache', () => {
    it('skips ELK after an edit that does not change the picture', async () => {
        const before = layoutStats();
        await renderDiagram((await loadText(base)).model);
        await renderDiagram((await loadText(base.replace('timeout: 2s', 'timeout: 5s'))).model);
        await renderDiagram((await loadText(`// a comment\n${base}`)).model);
        expect(layoutStats().cacheMisses - before.cacheMisses).toBe(1);
    });

    it('lays out again after a structural edit', async () => {
        const before = layoutStats();
        await renderDiagram((await loadText(base)).model);
        await renderDiagram((await loadText(`${base}\nweb -> db`)).model);
        expect(layoutStats().cacheMisses - before.cacheMisses).toBe(2);
    });

    it('lays out again after the layout cache is cleared', async () => {
        const { model } = await loadText(base);
        await renderDiagram(model);
        clearLayoutCache();
        const before = layoutStats();
        await renderDiagram(model);
        expect(layoutStats().cacheMisses - before.cacheMisses).toBe(1);
    });

    it('keys the cache by the graph content, node sizes included', async () => {
        const a = await elkGraphOf(base);
        const b = await elkGraphOf(base.replace('"Orders DB"', '"The orders database of the whole shop"'));
        expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
        expect(JSON.stringify(await elkGraphOf(base))).toBe(JSON.stringify(a));
    });
});

describe('render memo', () => {
    it('reuses the whole render after edits the diagram does not draw', async () => {
        const before = renderCacheStats();
        await renderDiagram((await loadText(base)).model);
        await renderDiagram((await loadText(base.replace('timeout: 2s', 'timeout: 5s'))).model);
        await renderDiagram((await loadText(`// a comment\n${base}`)).model);
        expect(renderCacheStats().hits - before.hits).toBe(2);
    });

    it('returns the identical SVG after an edit the diagram does not draw', async () => {
        const first = await renderDiagram((await loadText(base)).model);
        const second = await renderDiagram((await loadText(base.replace('timeout: 2s', 'timeout: 5s'))).model);
        expect(second.svg).toBe(first.svg);
    });

    it('draws a different SVG after a structural edit', async () => {
        const first = await renderDiagram((await loadText(base)).model);
        const second = await renderDiagram((await loadText(`${base}\nweb -> db`)).model);
        expect(second.svg).not.toBe(first.svg);
    });

    it('draws a different SVG after a label edit', async () => {
        const first = await renderDiagram((await loadText(base)).model);
        const second = await renderDiagram((await loadText(base.replace('"Orders DB"', '"Order store"'))).model);
        expect(second.svg).not.toBe(first.svg);
    });

    it('draws a different SVG when a finding appears', async () => {
        const { model } = await loadText(base);
        const first = await renderDiagram(model);
        const second = await renderDiagram(model, { findings: [{ code: 'x', severity: 'warning', message: 'm', elements: ['db'] } as never] });
        expect(second.svg).not.toBe(first.svg);
    });

    it('renders a new theme without laying out again', async () => {
        const { model } = await loadText(base);
        await renderDiagram(model);
        const before = layoutStats();
        const dark = await renderDiagram(model, { theme: 'dark' });
        expect([layoutStats().cacheMisses - before.cacheMisses, dark.svg.includes('data-theme="dark"')]).toEqual([0, true]);
    });

    it('reports the view and flow ids of the model it was asked about, not of the memoised one', async () => {
        const first = await renderDiagram((await loadText(base)).model);
        const result = await renderDiagram((await loadText(`${base}\nflow visit {\n  web -> api\n}`)).model);
        expect([result.svg === first.svg, result.flowIds]).toEqual([true, ['visit']]);
    });
});

describe('cancellation in-process', () => {
    it('rejects an older request when a newer one with the same key arrives', async () => {
        const graph = await elkGraphOf(generateModel(40));
        const newer = await elkGraphOf(base);
        const first = layoutGraph(graph, { key: 'doc' });
        const second = layoutGraph(newer, { key: 'doc' });
        const other = layoutGraph(newer, { key: 'other' });
        await expect(first).rejects.toBeInstanceOf(LayoutCancelledError);
        await expect(second).resolves.toHaveProperty('nodes');
        await expect(other).resolves.toHaveProperty('nodes');
    });
});

describe('layout worker', () => {
    let dir: string;
    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'archway-worker-'));
        await build({
            entryPoints: [join(import.meta.dirname, '..', '..', 'src', 'diagram', 'layout-worker.ts')],
            outfile: join(dir, 'layout-worker.cjs'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
        });
    });
    afterAll(() => {
        disposeLayout();
        configureLayout({ workerPath: undefined });
        rmSync(dir, { recursive: true, force: true });
    });

    it('falls back to in-process layout when no worker file is found', () => {
        configureLayout({ workerPath: join(dir, 'missing.cjs') });
        expect(resolveWorkerPath()).toBeUndefined();
    });

    it('gives the same picture as in-process layout', async () => {
        const { model } = await loadText(generateModel(30));
        const inProcess = await renderDiagram(model);
        clearLayoutCache();
        configureLayout({ workerPath: join(dir, 'layout-worker.cjs') });
        warmUpLayout();
        const before = layoutStats();
        const inWorker = await renderDiagram(model);
        expect(layoutStats().workerLayouts - before.workerLayouts).toBe(1);
        expect(inWorker.svg).toBe(inProcess.svg);
        expect(layoutProblems(inWorker.layout)).toEqual([]);
    });

    it('stops a running layout when a newer request with the same key arrives', async () => {
        configureLayout({ workerPath: join(dir, 'layout-worker.cjs') });
        const big = await elkGraphOf(generateModel(120));
        const small = await elkGraphOf(base);
        const first = layoutGraph(big, { key: 'doc' });
        const second = layoutGraph(small, { key: 'doc' });
        await expect(first).rejects.toBeInstanceOf(LayoutCancelledError);
        const result = await second;
        expect(Object.keys(result.nodes)).toEqual(expect.arrayContaining(['api', 'orders', 'db', 'web', 'vpc']));
        // The worker restarts for later requests.
        await expect(layoutGraph(await elkGraphOf(`${base}\nweb -> db`))).resolves.toHaveProperty('nodes');
    });
});

describe('cycles', () => {
    it('lets the shop\'s checkout call point forward and the settled-payment message take the way back', async () => {
        const files = exampleFolders().get('online-shop')!;
        const model = (await loadWorkspace(files)).model('shop.arch');
        const { layout } = await renderDiagram(model);
        const x = (id: string) => layout.nodes.find(n => n.id === id)!.x;
        expect(x('orders')).toBeLessThan(x('payments'));
    });
});
