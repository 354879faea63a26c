/**
 * Measures (does not assert) keystroke → diagnostics latency of the bundled server over stdio
 * on a generated 1,000-component file: one-line edits, each introducing a new unresolved id,
 * timed from `didChange` to the diagnostics that mention it. Prints the median.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generateModel } from '../../bench/generate-model.js';
import { startStdioServer } from './stdio-client.js';

const EDITS = 20;

beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}, 120_000);

test('keystroke to diagnostics latency on a 1,000-component file is measured', async () => {
    const generated = generateModel({ components: 1000 })['main.arch'];
    const base = `${generated}client typist "Typist"\n`;
    const editLine = base.split('\n').length - 1; // the line after the last one
    const text = `${base}typist -> ghost0 : https\n`;
    const components = (text.match(/^\s*(client|dns|cdn|loadbalancer|gateway|service|function|database|cache|storage|broker|eventstore|etl|batch|stream|orchestrator|peer|idp|external)\s/gm) ?? []).length;
    const dir = mkdtempSync(join(tmpdir(), 'archway-latency-'));
    const path = join(dir, 'main.arch');
    writeFileSync(path, text);
    const uri = pathToFileURL(path).toString();
    const server = startStdioServer();
    const { connection } = server;
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
    await connection.sendNotification('initialized', {});
    const mentions = (name: string) => (diagnostics: Diagnostic[]) => diagnostics.some(d => (typeof d.message === 'string' ? d.message : '').includes(name));
    const firstDiagnostics = server.diagnostics(uri, mentions('ghost0'), 120_000);
    const opened = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
    await firstDiagnostics;
    const initial = performance.now() - opened;

    const latencies: number[] = [];
    let previous = 'ghost0';
    for (let i = 1; i <= EDITS; i++) {
        const name = `ghost${i}`;
        const arrived = server.diagnostics(uri, mentions(name), 60_000);
        const start = performance.now();
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: i + 1 },
            contentChanges: [{ range: { start: { line: editLine, character: 10 }, end: { line: editLine, character: 10 + previous.length } }, text: name }],
        });
        await arrived;
        latencies.push(performance.now() - start);
        previous = name;
    }
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await server.exited;
    connection.dispose();

    const sorted = [...latencies].sort((a, b) => a - b);
    const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
    console.log(`[latency] ${components} components, ${text.split('\n').length} lines: first diagnostics ${initial.toFixed(0)} ms; `
        + `one-line edit → diagnostics over stdio: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (${EDITS} edits; load average ${loadavg()[0].toFixed(1)})`);
    expect(latencies).toHaveLength(EDITS);
}, 600_000);
