/**
 * D2 export, checked by D2's own compiler (the WASM build on npm, `@terrastruct/d2`): every
 * export compiles, the top board holds every zone, component and channel with its label and
 * every connection (async ones dashed), and every declared view and flow is a layer.
 */
import { D2 } from '@terrastruct/d2';
import { afterAll, describe, expect, it } from 'vitest';
import { modelToD2 } from '../../src/interop/export/index.js';
import { loadModel } from './interop-helpers.js';

const d2 = new D2();

interface Shape { id: string; label: string }
interface Connection { src: string; dst: string; label: string; strokeDash: number }
interface Board { shapes: Shape[]; connections: Connection[]; layers?: (Board & { name: string })[] }

async function compile(text: string): Promise<Board> {
    const result = await d2.compile(text);
    return result.diagram as unknown as Board;
}

/** Models compiled (each compile lays out every board: a few seconds each). */
const FILES = ['examples/online-shop/shop.arch', 'examples/media-site/media.arch', 'examples/event-ledger/ledger.arch', 'test/interop/fixtures/hostile.arch'];
const compiled = new Map<string, Promise<Board>>();
/** Each file's export, compiled once. */
async function compiledModel(file: string) {
    const model = await loadModel(file);
    const text = modelToD2(model);
    if (!compiled.has(file)) compiled.set(file, compile(text));
    return { model, text, board: await compiled.get(file)! };
}

describe('D2 export compiled by D2', () => {
    afterAll(() => {
        // The WASM worker would keep the fork alive.
        (d2 as unknown as { worker?: { terminate(): void } }).worker?.terminate?.();
    });

    for (const file of FILES) {
        it(`${file}: compiles with every element, label, connection, view and flow`, async () => {
            const { model, text, board } = await compiledModel(file);
            const labels = new Map(board.shapes.map(shape => [shape.id.split('.').map(part => part.replace(/^"|"$/g, '')).pop(), shape.label]));
            for (const component of model.components) {
                const label = labels.get(component.id);
                expect(label, `${component.id} in\n${text}`).toBeDefined();
                expect(label!.split('\n')[0]).toBe(component.label ?? component.id);
            }
            for (const channel of model.channels) expect(labels.get(channel.name)?.split('\n')[0]).toBe(channel.label ?? channel.name);
            for (const zone of model.zones) expect(labels.get(zone.id)).toBe(zone.label ?? zone.id);
            expect(board.shapes).toHaveLength(model.components.length + model.channels.length + model.zones.length);
            const drawn = model.connections.filter(c => model.elements.get(c.source)?.type !== 'zone' && model.elements.get(c.target)?.type !== 'zone');
            expect(board.connections).toHaveLength(drawn.length);
            expect(board.connections.filter(c => c.strokeDash > 0)).toHaveLength(drawn.filter(c => c.style === 'async').length);
            const layerNames = (board.layers ?? []).map(layer => layer.name).sort();
            const views = model.views.filter(v => !(v.includeAll && v.excludes.length === 0 && v.collapse.length === 0 && v.direction === undefined)).map(v => v.id);
            expect(layerNames).toEqual([...views, ...model.flows.map(f => `flow ${f.id}`)].sort());
        }, 120_000);
    }

    it('keeps hostile texts exactly: quotes, backslashes, $ and line breaks', async () => {
        const { board } = await compiledModel('test/interop/fixtures/hostile.arch');
        const byId = new Map(board.shapes.map(shape => [shape.id, shape.label]));
        expect(byId.get('end.style')).toBe('Browser "quoted" \'single\' `tick`\nclient');
        expect(byId.get('model.class')).toBe('Class | pipe [brackets] (parens)\nservice · C:\\path\\ "quoted"');
        expect(byId.get('x_ray')).toBe('X-ray \\ backslash\nexternal');
        const tooltip = (board.shapes.find(shape => shape.id === 'end.style') as unknown as { tooltip: string }).tooltip;
        expect(tooltip).toContain('Line one\nline two with tab; } { --> %% # ${HOME} $x');
    }, 120_000);

    it('rejects broken D2 (the check can fail)', async () => {
        await expect(compile('a -> {\n')).rejects.toBeDefined();
    }, 120_000);
});
