/**
 * Section 5 of the benchmark, lean diagnostics (issue 21): on a generated model where most
 * components have findings (`findings: 'many'`, about 1.4 per component), the bundled language
 * server over stdio — the bytes of one `publishDiagnostics` message and per diagnostic, and the
 * time from a one-line edit to the last byte of the diagnostics it causes (the client's JSON
 * parse after that byte is a row of its own), with the server's CPU for the edit — for label
 * edits (no rule input changes: the server may reuse its last check) and for timeout edits
 * (the rules run again). Then, between
 * sizes, how the message grows against the number of diagnostics (1.00× is linear).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'langium';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { isDiagnosticsFor, LspClient } from '../test/support/lsp-client.js';
import { editableLines, editLabel } from './edit-split.js';
import { generateModel } from './generate-model.js';
import { now, procCpuMs, stat, type Row } from './stats.js';

/** What section 5 needs of the benchmark's run. */
export interface DiagnosticsBenchContext {
    workDir: string;
    quick: boolean;
    /** Model sizes in components. */
    sizes: number[];
    /** The language server bundle to measure. */
    server: string;
    add(row: Row): void;
}

/** Sizes of section 5 unless `--sizes` says otherwise: the two. */
export const DIAGNOSTICS_SIZES = [1000, 5000];

/** One diagnostics message as it came over stdio. */
interface Received {
    /** Bytes of the JSON-RPC message body. */
    bytes: number;
    count: number;
    /** `performance.now()` of the chunk that completed it, and of its parsed notification. */
    lastByteAt: number;
    parsedAt: number;
}

/** Records when each chunk of the server's stdout arrived, ahead of the JSON-RPC reader. */
function chunkClock(client: LspClient): () => number {
    let last = now();
    client.process.stdout!.prependListener('data', () => { last = now(); });
    return () => last;
}

async function nextDiagnostics(client: LspClient, uri: string, lastChunkAt: () => number): Promise<Received> {
    const notification = await client.nextNotification(isDiagnosticsFor(uri), 600_000);
    const parsedAt = now();
    const params = notification.params as PublishDiagnosticsParams;
    const bytes = Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', method: notification.method, params }));
    return { bytes, count: params.diagnostics.length, lastByteAt: lastChunkAt(), parsedAt };
}

/** What a run of edits measured: per edit, the time to the last byte of its diagnostics, the client's parse, the server's CPU, the message. */
interface EditRun {
    toLastByte: number[];
    parse: number[];
    cpu: number[];
    sizes: Received[];
}

/**
 * Makes `edits` one-line edits (`edit` of a line chosen evenly among `candidates`, versions from
 * `version`), each after the previous one's diagnostics have arrived and settled.
 */
async function timeEdits(
    client: LspClient, uri: string, lines: string[], candidates: number[], edits: number, version: number,
    edit: (line: string, k: number) => string, lastChunkAt: () => number,
): Promise<EditRun> {
    const run: EditRun = { toLastByte: [], parse: [], cpu: [], sizes: [] };
    if (candidates.length === 0) return run;
    for (let k = 0; k < edits; k++) {
        const i = candidates[Math.floor((k * candidates.length) / edits)];
        const oldLine = lines[i];
        lines[i] = edit(oldLine, k);
        const updated = nextDiagnostics(client, uri, lastChunkAt);
        const cpu0 = procCpuMs(client.pid);
        const t0 = now();
        void client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: version + k },
            contentChanges: [{ range: { start: { line: i, character: 0 }, end: { line: i, character: oldLine.length } }, text: lines[i] }],
        });
        const received = await updated;
        run.toLastByte.push(received.lastByteAt - t0);
        run.parse.push(received.parsedAt - received.lastByteAt);
        const cpu1 = procCpuMs(client.pid);
        if (cpu0 !== undefined && cpu1 !== undefined) run.cpu.push(cpu1 - cpu0);
        run.sizes.push(received);
        await client.settle(150);
    }
    return run;
}

/** Runs section 5: one server per size, a few label edits and a few timeout edits through the one file. */
export async function sectionDiagnostics(ctx: DiagnosticsBenchContext): Promise<void> {
    const bySize: { size: number; bytes: number; count: number }[] = [];
    for (const size of ctx.sizes) {
        const files = generateModel({ components: size, findings: 'many' });
        const dir = join(ctx.workDir, `diagnostics-${size}`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const path = join(dir, 'main.arch');
        const text = files['main.arch'];
        writeFileSync(path, text);
        const actual = Number(/Generated: (\d+) components/.exec(text)?.[1] ?? size);
        const uri = URI.file(path).toString();
        const client = new LspClient({ nodeArgs: (process.env.ARCHWAY_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), command: [ctx.server, '--stdio'] });
        const lastChunkAt = chunkClock(client);
        const toLastByte: number[] = [];
        const parse: number[] = [];
        const cpu: number[] = [];
        const sizes: Received[] = [];
        const timeoutEdits: number[] = [];
        const timeoutCpu: number[] = [];
        try {
            await client.connection.sendRequest('initialize', {
                processId: process.pid, rootUri: URI.file(dir).toString(), workspaceFolders: [{ uri: URI.file(dir).toString(), name: 'bench' }],
                // As VS Code: related information shown, code actions resolved lazily.
                capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: { resolveSupport: { properties: ['edit'] } } } },
            });
            void client.connection.sendNotification('initialized', {});
            const first = nextDiagnostics(client, uri, lastChunkAt);
            void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
            sizes.push(await first);
            await client.settle(300);
            const lines = text.split('\n');
            const edits = ctx.quick ? 3 : 10;
            // Label edits change no rule input (the server may reuse its last check); timeout edits do.
            const timeoutLines = lines.flatMap((line, i) => /timeout: \d+s\b/.test(line) ? [i] : []);
            const editTimeout = (line: string, k: number): string => line.replace(/timeout: \d+s\b/, `timeout: ${3 + (k % 5)}s`);
            // Not measured: runs the rules a few times first, so that neither measured kind of edit meets code the
            // other one warmed up (label edits that reuse the last check leave the rules as cold as the first open).
            const warmUp = ctx.quick ? 1 : 5;
            await timeEdits(client, uri, lines, timeoutLines, warmUp, 2, editTimeout, lastChunkAt);
            const labels = await timeEdits(client, uri, lines, editableLines(lines), edits, 2 + warmUp, editLabel, lastChunkAt);
            const timeouts = await timeEdits(client, uri, lines, timeoutLines, edits, 2 + warmUp + edits, editTimeout, lastChunkAt);
            toLastByte.push(...labels.toLastByte);
            parse.push(...labels.parse);
            cpu.push(...labels.cpu);
            sizes.push(...labels.sizes);
            timeoutEdits.push(...timeouts.toLastByte);
            timeoutCpu.push(...timeouts.cpu);
        } finally {
            await client.shutdown();
        }
        const count = sizes[0].count;
        const note = `${count} diagnostics (${(count / actual).toFixed(2)} per component)`;
        ctx.add({ section: 5, measure: 'diagnostics: bytes per diagnostic', size: actual, files: 1, unit: 'B', stat: stat(sizes.map(s => s.bytes / s.count)), note });
        ctx.add({ section: 5, measure: 'diagnostics: publishDiagnostics message', size: actual, files: 1, unit: 'KB', stat: stat(sizes.map(s => s.bytes / 1024)), note });
        ctx.add({ section: 5, measure: 'edit → last byte of diagnostics', size: actual, files: 1, unit: 'ms', stat: stat(toLastByte), note: `${toLastByte.length} label edits` });
        if (cpu.length > 0) ctx.add({ section: 5, measure: 'edit → last byte (server CPU)', size: actual, files: 1, unit: 'ms', stat: stat(cpu), note: 'user+sys of the server process, 10 ms ticks' });
        ctx.add({ section: 5, measure: 'client JSON parse after last byte', size: actual, files: 1, unit: 'ms', stat: stat(parse) });
        if (timeoutEdits.length > 0) ctx.add({ section: 5, measure: 'edit → last byte (a timeout changed)', size: actual, files: 1, unit: 'ms', stat: stat(timeoutEdits), note: `${timeoutEdits.length} timeout edits: the rules run again` });
        if (timeoutCpu.length > 0) ctx.add({ section: 5, measure: 'edit → last byte (a timeout changed, server CPU)', size: actual, files: 1, unit: 'ms', stat: stat(timeoutCpu), note: 'user+sys of the server process, 10 ms ticks' });
        bySize.push({ size: actual, bytes: stat(sizes.map(s => s.bytes)).median, count });
    }
    for (let i = 1; i < bySize.length; i++) {
        const a = bySize[i - 1];
        const b = bySize[i];
        const ratio = (b.bytes / a.bytes) / (b.count / a.count);
        ctx.add({
            section: 5, measure: 'diagnostics growth (bytes ÷ diagnostics)', size: b.size, files: 1, unit: 'x', stat: { median: ratio, min: ratio, max: ratio, runs: 1 },
            note: `message ${(b.bytes / a.bytes).toFixed(2)}× for ${(b.count / a.count).toFixed(2)}× diagnostics, ${b.size} vs ${a.size} components; 1.00× is linear`,
        });
    }
}
