/**
 * The layout thread's tiny ELK warm-up runs only while no real layout waits: a request that
 * arrives first (the command line's main thread parsed faster than its worker started) is laid
 * out at once. The worker writes its code cache after the first real layout, not the warm-up.
 * Each test loads `elk-runner.ts` afresh (its ELK instance is per thread and made once).
 */
import { afterEach, expect, test, vi } from 'vitest';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

/** Ids of the graphs ELK laid out, in order (the warm-up graph's id is `warm`). */
const laidOut: string[] = [];

vi.mock('elkjs/lib/elk.bundled.js', async (importOriginal) => {
    const real = (await importOriginal()) as { default: new (options?: object) => { layout(graph: ElkNode, options?: object): Promise<ElkNode> } };
    class CountingElk extends real.default {
        override layout(graph: ElkNode, options?: object): Promise<ElkNode> {
            laidOut.push(graph.id);
            return super.layout(graph, options);
        }
    }
    return { default: CountingElk };
});

afterEach(() => {
    laidOut.length = 0;
    vi.resetModules();
});

const graph: ElkNode = {
    id: 'real',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.json.shapeCoords': 'ROOT', 'elk.json.edgeCoords': 'ROOT' },
    children: [{ id: 'a', width: 150, height: 48 }, { id: 'b', width: 150, height: 48 }],
    edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
};

test('a layout requested before ELK is warm skips the warm-up, and the first-layout hook runs before its result', async () => {
    const runner = await import('../../src/diagram/elk-runner.js');
    const events: string[] = [];
    runner.whenFirstLayoutDone(() => events.push(`first layout done after ${laidOut.join(',')}`));
    const result = await runner.runElk(graph);
    events.push('result');
    expect(laidOut).toEqual(['real']);
    expect(events).toEqual(['first layout done after real', 'result']);
    expect(Object.keys(result.nodes).sort()).toEqual(['a', 'b']);
    // Later layouts do not run the hook again.
    await runner.runElk({ ...graph, id: 'again' });
    expect(events).toHaveLength(2);
});

test('with no layout waiting, the warm-up runs first, and the hook runs after the first real layout only', async () => {
    const runner = await import('../../src/diagram/elk-runner.js');
    const events: string[] = [];
    runner.whenFirstLayoutDone(() => events.push(`first layout done after ${laidOut.join(',')}`));
    await runner.elk();
    expect(laidOut).toEqual(['warm']);
    expect(events).toEqual([]);
    await runner.runElk(graph);
    expect(laidOut).toEqual(['warm', 'real']);
    expect(events).toEqual(['first layout done after warm,real']);
});

test('a layout requested while the warm-up runs waits for it', async () => {
    const runner = await import('../../src/diagram/elk-runner.js');
    const warming = runner.elk();
    // The first warm-up starts once the module and ELK are loaded; ask for a real layout then.
    await vi.waitFor(() => expect(laidOut).toEqual(['warm']), { interval: 1, timeout: 10_000 });
    await Promise.all([warming, runner.runElk(graph)]);
    expect(laidOut).toEqual(['warm', 'real']);
});
