import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
    applyLayout, buildDiagram, clearLayoutCache, configureLayout, disposeLayout, layoutStats, renderDiagram, renderSvg,
    selectView, toElkGraph, toLayoutJson, warmUpLayout,
} from '../../src/diagram/index.js';
import { FAST_LAYOUT_NODE_LIMIT } from '../../src/diagram/elk-graph.js';
import { runElk } from '../../src/diagram/elk-runner.js';
import { warmUpDiagram } from '../../src/diagram/warm-up.js';
import { loadText } from '../support/services.js';
import { generateModel, layoutProblems } from './diagram-helpers.js';

beforeEach(() => {
    configureLayout({ workerPath: false });
    clearLayoutCache();
});

describe('SVG fragment memo', () => {
    const text = [
        'zone vpc { trust: private',
        '  service orders "Orders" { replicas: 3 }',
        '  database db "Orders DB"',
        '}',
        'orders -> db : sql',
    ].join('\n');

    it('draws the same SVG from memoised fragments as when drawing afresh', async () => {
        const { model } = await loadText(text);
        const { diagram, svg } = await renderDiagram(model);
        expect(renderSvg(diagram, 'light')).toBe(svg);
    });

    it('draws a changed fact when the rest of the picture comes from the memo', async () => {
        await renderDiagram((await loadText(text)).model);
        const { svg } = await renderDiagram((await loadText(text.replace('replicas: 3', 'replicas: 5'))).model);
        expect(svg).toContain('×5');
    });

    it('keeps the fragments of one theme out of another', async () => {
        const { model } = await loadText(text);
        await renderDiagram(model, { theme: 'light' });
        const dark = await renderDiagram(model, { theme: 'dark' });
        expect(dark.svg).toBe(renderSvg(dark.diagram, 'dark'));
    });
});

describe('big layouts', () => {
    it('lays out a view above the fast-layout threshold without overlaps or edges through nodes', async () => {
        const { model } = await loadText(generateModel(110));
        const diagram = buildDiagram(model, selectView(model), { collapse: 'never' });
        const { layout } = await renderDiagram(model, { collapse: 'never' });
        expect({ big: diagram.nodes.length > FAST_LAYOUT_NODE_LIMIT, problems: layoutProblems(layout) }).toEqual({ big: true, problems: [] });
    });

    it('lays out the warm-up diagram without overlaps or edges through nodes', async () => {
        const diagram = warmUpDiagram(36);
        const laid = applyLayout(diagram, await runElk(toElkGraph(diagram)));
        expect(layoutProblems(toLayoutJson(laid))).toEqual([]);
    });
});

describe('worker warm-up', () => {
    let dir: string;
    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'archway-warm-'));
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

    it('finishes the background warm-up in a worker that already laid out a diagram', async () => {
        configureLayout({ workerPath: join(dir, 'layout-worker.cjs') });
        const { model } = await loadText(generateModel(20));
        await renderDiagram(model);
        await expect(warmUpLayout()).resolves.toBeUndefined();
    });

    it('lays out requests that arrive while the worker warms up', async () => {
        disposeLayout();
        configureLayout({ workerPath: join(dir, 'layout-worker.cjs') });
        void warmUpLayout();
        const before = layoutStats();
        const { layout } = await renderDiagram((await loadText(generateModel(24))).model, { layoutKey: 'doc' });
        expect({ worker: layoutStats().workerLayouts - before.workerLayouts, problems: layoutProblems(layout) }).toEqual({ worker: 1, problems: [] });
    });
});
