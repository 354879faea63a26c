/**
 * The layout worker an export starts before the command line is loaded (`bin/archway.cjs` →
 * `out/cli/early-layout-worker.cjs`): which command lines start it, the handover to the layout
 * service with what the worker said meanwhile, and that one nobody takes never holds the
 * process up. Runs the built worker bundle (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, expect, test } from 'vitest';
import { exportLaysOut } from '../../src/cli/export-format.js';
import { configureLayout, disposeLayout, layoutGraph, layoutStats } from '../../src/diagram/layout.js';
import { nodeLayoutWorker, startLayoutWorkerEarly } from '../../src/diagram/node-layout-worker.js';
import type { LayoutWorkerResponse } from '../../src/diagram/layout-worker-protocol.js';
import { ensureBuilt, ROOT } from './cli-process.js';

const WORKER = join(ROOT, 'out/diagram/layout-worker.cjs');

afterEach(() => {
    configureLayout({ worker: false });
    disposeLayout();
});

test.each([
    [['export', 'shop.arch'], true],
    [['export', 'shop.arch', '-o', 'shop.png'], true],
    [['export', 'shop.arch', '--format', 'json'], true],
    [['export', 'shop.arch', '--format=mermaid'], true],
    [['export', '--format', 'markdown', 'README.md'], true],
    [['export', 'shop.arch', '-o', 'shop.drawio'], true],
    [['export', 'shop.arch', '--format', 'd2'], false],
    [['export', 'shop.arch', '-o', 'model.c4'], false],
    [['export', 'shop.arch', '-o', 'workspace.dsl'], false],
    [['export', '--help'], false],
    [['export', 'shop.arch', '--no-such-option'], false],
    [['export', 'shop.arch', '--format'], false],
    [['check', 'shop.arch'], false],
    [[], false],
] as const)('%j lays out a diagram: %s', (argv, expected) => {
    expect(exportLaysOut(argv)).toBe(expected);
});

/** Takes the early worker of `script` (as the layout service would) and stops it. */
function takeAndStop(script: string): void {
    nodeLayoutWorker(script)().terminate();
}

/** Resolves with the first message the worker posts (the early worker holds it too). */
function firstMessage(worker: Worker): Promise<LayoutWorkerResponse> {
    return new Promise(resolve => worker.once('message', resolve));
}

test('the factory takes the early worker over, with the messages it posted before anyone listened', async () => {
    ensureBuilt();
    const worker = startLayoutWorkerEarly(WORKER);
    expect(worker).toBeDefined();
    // A second early start is refused while the first waits to be taken.
    expect(startLayoutWorkerEarly(WORKER)).toBeUndefined();
    expect(await firstMessage(worker!)).toEqual({ ready: true });

    const handle = nodeLayoutWorker(WORKER)();
    const seen: LayoutWorkerResponse[] = [];
    handle.onMessage(message => seen.push(message));
    // Posted before this listener existed, and handed on to it.
    expect(seen).toEqual([{ ready: true }]);
    const answered = new Promise<LayoutWorkerResponse>(resolve => handle.onMessage(message => { if ('id' in message) resolve(message); }));
    handle.postMessage({ id: 7, graph: { id: 'g', children: [{ id: 'a', width: 40, height: 20 }] } });
    const answer = await answered;
    expect(answer).toMatchObject({ id: 7, result: { nodes: { a: [expect.any(Number), expect.any(Number), 40, 20] } } });
    handle.terminate();

    // Taken once: the next worker of the factory is a new one, and a new early start is possible.
    expect(startLayoutWorkerEarly(WORKER)).toBeDefined();
    takeAndStop(WORKER);
});

test('the layout service lays out in the early worker it was handed, not in a second one', async () => {
    ensureBuilt();
    const worker = startLayoutWorkerEarly(WORKER)!;
    const threads: number[] = [worker.threadId];
    configureLayout({ worker: nodeLayoutWorker(WORKER) });
    const before = layoutStats();
    const result = await layoutGraph({ id: 'early-worker-test', layoutOptions: { 'elk.algorithm': 'layered' }, children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['b'] }] });
    expect(Object.keys(result.nodes).sort()).toEqual(['a', 'b']);
    expect(layoutStats().workerLayouts - before.workerLayouts).toBe(1);
    expect(layoutStats().inProcessLayouts - before.inProcessLayouts).toBe(0);
    // The early worker was the one used: taking it emptied the slot, so a new early start succeeds.
    const next = startLayoutWorkerEarly(WORKER);
    expect(next).toBeDefined();
    expect(next!.threadId).not.toBe(threads[0]);
    takeAndStop(WORKER);
});

test('an early worker that nobody takes does not keep the process alive', () => {
    ensureBuilt();
    const script = `const started = require(${JSON.stringify(join(ROOT, 'out/cli/early-layout-worker.cjs'))}).startLayoutWorkerForCommand(['export', 'shop.arch']);
process.stdout.write(String(started));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('true');
});

test('an early worker that failed before it was taken fails the handle, after its listeners are set up', async () => {
    const worker = startLayoutWorkerEarly(join(ROOT, 'out/diagram/no-such-layout-worker.cjs'))!;
    await new Promise(resolve => worker.once('error', resolve));
    const handle = nodeLayoutWorker(join(ROOT, 'out/diagram/no-such-layout-worker.cjs'))();
    const failures: string[] = [];
    handle.onMessage(() => undefined);
    handle.onFailure(error => failures.push(error.message));
    expect(failures).toEqual([]); // not while the caller is still setting up
    await Promise.resolve();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/no-such-layout-worker|Cannot find module/);
    handle.terminate();
});
