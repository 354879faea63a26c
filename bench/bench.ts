/**
 * `npm run bench`: Archway's benchmark suite. Generates realistic models (see
 * `generate-model.ts`) and measures, per size, the median, min and max of several runs:
 *
 * 1. `archway check` as a whole process: wall time and peak memory;
 * 2. in-process split: parse, index + link, model build, rules (and the slowest rules);
 * 3. the bundled language server over stdio: open → first diagnostics, one-line edit →
 *    updated diagnostics, server memory after opening;
 * 4. diagrams: cold layout + render, after a non-structural edit (cache hit), after a
 *    structural edit, and plain elkjs `layered` on the same ELK graph as a ratio;
 * 5. lean diagnostics over stdio on a model where most components have findings: bytes per
 *    diagnostic and per message, edit → last byte, growth against the diagnostics' count
 *    (`diagnostics-size.ts`; sizes 1,000 and 5,000 unless `--sizes` is given).
 *
 * 6. cold start: `archway check` (2,000 and 10,000 components) and `archway export` (100 and
 *    600) as fresh processes, with and without the code cache; with `--before ROOT`, against
 *    another build, pair by pair.
 *
 * Prints a table and writes JSON (and Markdown) to `bench/results/` (gitignored).
 * Flags: `--quick` (smallest size, one run), `--runs N`, `--sections 1,2,3,4,5,6`,
 * `--sizes 100,1000`, `--out DIR`, `--server PATH` (another server bundle for sections 3 and 5:
 * a build of the code before a change, for before/after rows),
 * `--before ROOT` (section 6: another build's `bin/` and `out/`, run in turn with this one).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { EmptyFileSystem } from 'langium';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { createArchwayCheckServices } from '../src/checking/check-services.js';
import { nodeLayoutWorker } from '../src/diagram/node-layout-worker.js';
import { buildDocumentModel, modelRootsOf } from '../src/model/workspace-models.js';
import type { ArchModel } from '../src/model/arch-model.js';
import { checkModel, resolveOptions } from '../src/rules/engine.js';
import * as diagram from '../src/diagram/index.js';
import * as registry from '../src/rules/registry.js';
import { warmUpGraphs } from '../src/diagram/warm-up.js';
import { editableLines, editLabel, measureEdits } from './edit-split.js';
import { generateModel, type GeneratedFiles } from './generate-model.js';
import { isDiagnosticsFor, LspClient } from '../test/support/lsp-client.js';
import { now, procCpuMs, procMemoryMb, renderMarkdown, renderTable, stat, timeAsync, timeSync, type Row } from './stats.js';
import { DiagramMethods } from '../src/protocol/diagram-protocol.js';
import { DIAGNOSTICS_SIZES, sectionDiagnostics } from './diagnostics-size.js';

/** Options of a benchmark run. */
export interface BenchOptions {
    /** Smallest size only, one run per measure (the smoke test's mode). */
    quick?: boolean;
    /** Runs per measure (default 5; fewer at the largest sizes when noted). */
    runs?: number;
    /** Sections to run (default all). */
    sections?: number[];
    /** Model sizes in components for sections 1–3 (default 100, 1,000, 2,000, 5,000, 10,000, 20,000) and 5 (default 1,000, 5,000). */
    sizes?: number[];
    /** The language server bundle sections 3 and 5 measure (default `out/server/main.cjs`). */
    server?: string;
    /** Where results are written (default `bench/results` under the repository). */
    outDir?: string;
    /** Section 6: a folder with `bin/archway.cjs` and `out/` of another build, run in turn with this one. */
    before?: string;
    /** Repository root (found from this file when omitted). */
    root?: string;
    /** Line printer (default `console.log`). */
    log?: (line: string) => void;
}

/** Everything a run measured, as written to JSON. */
export interface BenchResult {
    date: string;
    quick: boolean;
    machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverageStart: number[]; loadAverageEnd: number[] };
    rows: Row[];
    /** Sections or parts that did not run, and why. */
    notes: string[];
    /** Slowest rules per size (section 2). */
    slowestRules: { size: number; files: number; rules: { id: string; ms: number }[] }[];
}

const DEFAULT_SIZES = [100, 1000, 2000, 5000, 10000, 20000];
const FILE_SPLITS = [1, 20];
const VIEW_SIZES = [20, 50, 200, 500];

/** The repository root: the nearest folder above this file with `package.json` and `bin/archway.cjs`. */
function findRoot(): string {
    let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
    for (let i = 0; i < 6; i++) {
        if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin'))) return dir;
        dir = dirname(dir);
    }
    return process.cwd();
}

/** Writes a generated model into `dir` (emptied first); returns the file paths. */
function writeModel(dir: string, files: GeneratedFiles): string[] {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return Object.entries(files).map(([name, text]) => {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
    });
}

function componentCount(files: GeneratedFiles): number {
    const match = /Generated: (\d+) components/.exec(files['main.arch']);
    return match ? Number(match[1]) : 0;
}

// ------------------------------------------------------------------ section 1

interface ProcessRun {
    wallMs: number;
    peakMb: number | undefined;
    /** User + system CPU time of the process (GNU time only). */
    cpuMs: number | undefined;
    status: number | null;
    stdout: string;
}

/** Runs `node args…` and measures wall time and peak RSS (GNU time when present, else /proc polling). */
function runProcess(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<ProcessRun> {
    const gnuTime = existsSync('/usr/bin/time');
    const command = gnuTime ? '/usr/bin/time' : process.execPath;
    const argv = gnuTime ? ['-f', '__PEAK_KB__ %M %U %S', process.execPath, ...args] : args;
    return new Promise((resolvePromise, reject) => {
        const start = now();
        const child = spawn(command, argv, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let polledPeak: number | undefined;
        const poll = gnuTime ? undefined : setInterval(() => {
            const hwm = procMemoryMb(child.pid!, 'VmHWM');
            if (hwm !== undefined) polledPeak = Math.max(polledPeak ?? 0, hwm);
        }, 10);
        child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        child.on('error', reject);
        child.on('close', status => {
            const wallMs = now() - start;
            if (poll) clearInterval(poll);
            const peak = /__PEAK_KB__ (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
            resolvePromise({
                wallMs, peakMb: peak ? Number(peak[1]) / 1024 : polledPeak,
                cpuMs: peak ? (Number(peak[2]) + Number(peak[3])) * 1000 : undefined, status, stdout,
            });
        });
    });
}

async function sectionCheck(ctx: Context): Promise<void> {
    const cli = join(ctx.root, 'bin/archway.cjs');
    if (!existsSync(join(ctx.root, 'out/cli/main.cjs'))) {
        ctx.note('Section 1 skipped: out/cli/main.cjs is missing (run `node scripts/build.mjs`).');
        return;
    }
    for (const size of ctx.sizes) {
        for (const split of ctx.splits) {
            const files = generateModel({ components: size, files: split });
            const fileCount = Object.keys(files).length;
            const dir = join(ctx.workDir, `check-${size}-${split}`);
            writeModel(dir, files);
            const runs = ctx.runsFor(size);
            const walls: number[] = [];
            const peaks: number[] = [];
            const cpus: number[] = [];
            let diagnostics = 0;
            for (let i = 0; i < runs; i++) {
                const run = await runProcess([cli, 'check', dir, '--format', 'json'], ctx.root);
                if (run.status !== 0 && run.status !== 1) throw new Error(`archway check exited with ${run.status} at ${size}/${split}`);
                walls.push(run.wallMs);
                if (run.peakMb !== undefined) peaks.push(run.peakMb);
                if (run.cpuMs !== undefined) cpus.push(run.cpuMs);
                try {
                    diagnostics = (JSON.parse(run.stdout) as { diagnostics: unknown[] }).diagnostics.length;
                } catch {
                    diagnostics = -1;
                }
            }
            const actual = componentCount(files);
            ctx.add({ section: 1, measure: 'check wall', size: actual, files: fileCount, unit: 'ms', stat: stat(walls), note: `${diagnostics} diagnostics` });
            if (cpus.length > 0) ctx.add({ section: 1, measure: 'check CPU (user+sys)', size: actual, files: fileCount, unit: 'ms', stat: stat(cpus) });
            if (peaks.length > 0) ctx.add({ section: 1, measure: 'check peak RSS', size: actual, files: fileCount, unit: 'MB', stat: stat(peaks) });
        }
    }
}

// ------------------------------------------------------------------ section 2

/** Parses, links and (optionally) validates generated files in memory; returns the services and documents. */
async function loadInMemory(files: GeneratedFiles, validation: boolean) {
    const { shared, Archway } = createArchwayCheckServices(EmptyFileSystem);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = shared.workspace.LangiumDocuments;
    const base = URI.file('/bench-model');
    const [docs, parseMs] = timeSync(() => Object.entries(files).map(([name, text]) => {
        const document = factory.fromString(text, URI.file(`${base.fsPath}/${name}`));
        documents.addDocument(document);
        return document;
    }));
    const [, linkMs] = await timeAsync(() => shared.workspace.DocumentBuilder.build(docs, { validation }));
    const main = docs.find(d => d.uri.path.endsWith('/main.arch'))!;
    return { shared, Archway, docs, main, parseMs, linkMs };
}

/** The model rooted at the generated `main.arch`. */
function modelOf(loaded: { docs: LangiumDocument[]; main: LangiumDocument; shared: ReturnType<typeof createArchwayCheckServices>['shared'] }): ArchModel {
    const documents = loaded.shared.workspace.LangiumDocuments;
    const [root] = modelRootsOf(loaded.main, documents);
    return buildDocumentModel(root, documents);
}

async function sectionSplit(ctx: Context): Promise<void> {
    for (const size of ctx.sizes) {
        for (const split of ctx.splits) {
            const files = generateModel({ components: size, files: split });
            const fileCount = Object.keys(files).length;
            const actual = componentCount(files);
            const runs = ctx.runsFor(size);
            const samples: Record<string, number[]> = { parse: [], 'index + link': [], 'model roots + build': [], rules: [], 'validate (Langium, all docs)': [] };
            const perRule = new Map<string, number[]>();
            for (let i = 0; i < runs; i++) {
                const loaded = await loadInMemory(files, false);
                samples.parse.push(loaded.parseMs);
                samples['index + link'].push(loaded.linkMs);
                const [model, buildMs] = timeSync(() => modelOf(loaded));
                samples['model roots + build'].push(buildMs);
                const [, rulesMs] = timeSync(() => checkModel(model));
                samples.rules.push(rulesMs);
                for (const rule of registry.RULES) {
                    const [, ms] = timeSync(() => rule.check(model, resolveOptions(rule.meta)));
                    const list = perRule.get(rule.meta.id) ?? [];
                    list.push(ms);
                    perRule.set(rule.meta.id, list);
                }
                // Langium's validation phase over every document (model roots, model, rules, diagnostics).
                const [, validateMs] = await timeAsync(() => loaded.shared.workspace.DocumentBuilder.build(loaded.docs, { validation: true }));
                samples['validate (Langium, all docs)'].push(validateMs);
            }
            for (const [measure, values] of Object.entries(samples)) {
                ctx.add({ section: 2, measure, size: actual, files: fileCount, unit: 'ms', stat: stat(values) });
            }
            // One editor change, in process: label edits through the file an editor would have open.
            const names = Object.keys(files).filter(n => n !== 'main.arch').sort();
            const edited = split === 1 || names.length === 0 ? 'main.arch' : names[Math.floor(names.length / 2)];
            const edits = await measureEdits(files, edited, ctx.quick ? 3 : size >= 10000 ? 10 : 20);
            const editRows: [keyof typeof edits, string][] = [
                ['reparse', 'edit: re-parse'], ['index', 'edit: index'], ['link', 'edit: link'],
                ['validate', 'edit: validate (model, rules, diagnostics)'], ['gc', 'edit: GC inside the edit'], ['total', 'edit: total, in process'],
            ];
            for (const [key, measure] of editRows) {
                ctx.add({ section: 2, measure, size: actual, files: fileCount, unit: 'ms', stat: stat(edits[key]), note: `${edits.total.length} label edits through ${edited}` });
            }
            const slowest = [...perRule.entries()].map(([id, values]) => ({ id, ms: stat(values).median }))
                .sort((a, b) => b.ms - a.ms).slice(0, 3);
            ctx.result.slowestRules.push({ size: actual, files: fileCount, rules: slowest });
            for (const rule of slowest) {
                ctx.add({ section: 2, measure: `rule ${rule.id}`, size: actual, files: fileCount, unit: 'ms', stat: stat(perRule.get(rule.id)!) });
            }
        }
    }
}

// ------------------------------------------------------------------ section 3

async function sectionServer(ctx: Context): Promise<void> {
    const server = ctx.server;
    if (!existsSync(server)) {
        ctx.note(`Section 3 skipped: ${server} is missing (run \`node scripts/build.mjs\`).`);
        return;
    }
    for (const size of ctx.sizes) {
        for (const split of ctx.splits) {
            const files = generateModel({ components: size, files: split });
            const fileCount = Object.keys(files).length;
            const actual = componentCount(files);
            const dir = join(ctx.workDir, `lsp-${size}-${split}`);
            writeModel(dir, files);
            // The file opened and edited: main.arch, or the middle part of a split model.
            const names = Object.keys(files).filter(n => n !== 'main.arch').sort();
            const name = split === 1 || names.length === 0 ? 'main.arch' : names[Math.floor(names.length / 2)];
            const path = join(dir, name);
            const uri = URI.file(path).toString();
            const text = files[name];
            const runs = ctx.runsFor(size);
            const opens: number[] = [];
            const starts: number[] = [];
            const rss: number[] = [];
            const edits: number[] = [];
            const editCpu: number[] = [];
            const openCpu: number[] = [];
            const firstDiagrams: number[] = [];
            const editDiagrams: number[] = [];
            const editCount = ctx.quick ? 3 : 20;
            for (let run = 0; run < runs; run++) {
                const started = now();
                const client = new LspClient({ nodeArgs: (process.env.ARCHWAY_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), command: [server, '--stdio'] });
                try {
                    await client.connection.sendRequest('initialize', {
                        processId: process.pid, rootUri: URI.file(dir).toString(), capabilities: {},
                        workspaceFolders: [{ uri: URI.file(dir).toString(), name: 'bench' }],
                    });
                    void client.connection.sendNotification('initialized', {});
                    const opened = now();
                    const first = client.nextNotification(isDiagnosticsFor(uri), 600_000);
                    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
                    await first;
                    const done = now();
                    opens.push(done - opened);
                    starts.push(done - started);
                    const cpuAtOpen = procCpuMs(client.pid);
                    if (cpuAtOpen !== undefined) openCpu.push(cpuAtOpen);
                    await client.settle(300);
                    const memory = procMemoryMb(client.pid, 'VmRSS');
                    if (memory !== undefined) rss.push(memory);
                    // Edits: only in the first server of the series (they dominate the run time).
                    if (run === 0) {
                        // The preview's first picture (layout worker start-up included), then one per edit.
                        const d0 = now();
                        await client.connection.sendRequest(DiagramMethods.diagram, { uri });
                        firstDiagrams.push(now() - d0);
                        const lines = text.split('\n');
                        const candidates = editableLines(lines);
                        let version = 1;
                        for (let k = 0; k < editCount; k++) {
                            const i = candidates[Math.floor((k * candidates.length) / editCount)];
                            const oldLine = lines[i];
                            const newLine = editLabel(oldLine, k);
                            lines[i] = newLine;
                            version++;
                            const updated = client.nextNotification(isDiagnosticsFor(uri), 600_000);
                            const t0 = now();
                            const cpu0 = procCpuMs(client.pid);
                            void client.connection.sendNotification('textDocument/didChange', {
                                textDocument: { uri, version },
                                contentChanges: [{ range: { start: { line: i, character: 0 }, end: { line: i, character: oldLine.length } }, text: newLine }],
                            });
                            await updated;
                            edits.push(now() - t0);
                            const cpu1 = procCpuMs(client.pid);
                            if (cpu0 !== undefined && cpu1 !== undefined) editCpu.push(cpu1 - cpu0);
                            // What the preview asks for once the edit is validated (it waits for a debounced notification first).
                            const d1 = now();
                            await client.connection.sendRequest(DiagramMethods.diagram, { uri });
                            editDiagrams.push(now() - d1);
                            await client.settle(150);
                        }
                    }
                } finally {
                    await client.shutdown();
                }
            }
            ctx.add({ section: 3, measure: 'server open → diagnostics', size: actual, files: fileCount, unit: 'ms', stat: stat(opens), note: `opened ${name}` });
            ctx.add({ section: 3, measure: 'server spawn → diagnostics', size: actual, files: fileCount, unit: 'ms', stat: stat(starts) });
            ctx.add({ section: 3, measure: 'edit → diagnostics', size: actual, files: fileCount, unit: 'ms', stat: stat(edits), note: `${edits.length} label edits through ${name}` });
            if (editCpu.length > 0) ctx.add({ section: 3, measure: 'edit → diagnostics (server CPU)', size: actual, files: fileCount, unit: 'ms', stat: stat(editCpu), note: 'user+sys of the server process, 10 ms ticks' });
            if (openCpu.length > 0) ctx.add({ section: 3, measure: 'spawn → diagnostics (server CPU)', size: actual, files: fileCount, unit: 'ms', stat: stat(openCpu) });
            if (firstDiagrams.length > 0) ctx.add({ section: 3, measure: 'server first diagram', size: actual, files: fileCount, unit: 'ms', stat: stat(firstDiagrams), note: 'archway/diagram of the default view, layout worker starting' });
            if (editDiagrams.length > 0) ctx.add({ section: 3, measure: 'edit → diagram (after diagnostics)', size: actual, files: fileCount, unit: 'ms', stat: stat(editDiagrams), note: 'archway/diagram after each edit: model, rules, layout (cached when the graph is unchanged), SVG' });
            if (rss.length > 0) ctx.add({ section: 3, measure: 'server RSS after open', size: actual, files: fileCount, unit: 'MB', stat: stat(rss) });
        }
    }
}

// ------------------------------------------------------------------ section 4

/** Strips every layout option and keeps ELK's defaults, plus what nested groups need. */
function plainElkGraph(graph: ElkNode): ElkNode {
    const copy = structuredClone(graph) as ElkNode & Record<string, unknown>;
    const strip = (node: ElkNode): void => {
        delete node.layoutOptions;
        for (const label of node.labels ?? []) delete label.layoutOptions;
        for (const edge of node.edges ?? []) {
            delete edge.layoutOptions;
            for (const label of edge.labels ?? []) delete label.layoutOptions;
        }
        for (const child of node.children ?? []) strip(child);
    };
    strip(copy);
    copy.layoutOptions = { 'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' };
    return copy;
}

/** Plain-ELK versions of the worker's warm-up graphs, so plain elkjs is as warm as the worker. */
function plainWarmUpGraphs(): ElkNode[] {
    return warmUpGraphs().map(plainElkGraph);
}

function countNodes(graph: ElkNode): number {
    return (graph.children ?? []).reduce((sum, child) => sum + 1 + countNodes(child), 0);
}

async function sectionDiagram(ctx: Context): Promise<void> {
    const workerPath = join(ctx.root, 'out/diagram/layout-worker.cjs');
    diagram.configureLayout({ worker: existsSync(workerPath) ? nodeLayoutWorker(workerPath) : false });
    if (!existsSync(workerPath)) ctx.note('Section 4: out/diagram/layout-worker.cjs is missing; layouts ran in-process.');
    const plainElk = new ELK({ algorithms: ['layered'] } as ConstructorParameters<typeof ELK>[0]);
    // "Cold" below means the first layout of a never-seen graph in a running process: the worker
    // has started and finished its background warm-up (as in a language server whose preview is
    // open). The first layout in a fresh worker is a row of its own. Plain ELK is warmed alike.
    const warmWorker = (): Promise<void> => diagram.warmUpLayout();
    {
        const warm = generateModel({ components: 24 });
        const model = modelOf(await loadInMemory(warm, false));
        await diagram.renderDiagram(model, { collapse: 'never' });
        await warmWorker();
        const plainWarm = plainElkGraph(diagram.toElkGraph(diagram.buildDiagram(model, diagram.selectView(model), { collapse: 'never' })));
        for (const graph of [plainWarm, plainWarm, ...plainWarmUpGraphs()]) await plainElk.layout(structuredClone(graph));
    }
    const sizes = ctx.quick ? [VIEW_SIZES[0]] : VIEW_SIZES;
    for (const size of sizes) {
        const files = generateModel({ components: size });
        const text = files['main.arch'];
        const model = modelOf(await loadInMemory(files, false));
        // Non-structural: a property the diagram does not draw; structural: one more component and connection.
        const quiet = modelOf(await loadInMemory({ 'main.arch': text.replace('rateLimit: 100/s', 'rateLimit: 250/s') }, false));
        const structural = modelOf(await loadInMemory({ 'main.arch': `${text}service benchExtra "Bench extra" { replicas: 2 }\nsvcA0 -> benchExtra : grpcs { timeout: 1s }\n` }, false));
        const selection = diagram.selectView(model);
        const components = selection.components.length;
        const runs = ctx.runsFor(size * 10);
        for (const collapse of ['never', 'auto'] as const) {
            const built = diagram.buildDiagram(model, selection, { collapse });
            if (collapse === 'auto' && !built.collapsed) continue; // same as 'never'
            const suffix = collapse === 'auto' ? ' (zones collapsed, auto)' : '';
            const fresh: number[] = [];
            for (let i = 0; i < Math.min(runs, 3); i++) {
                diagram.disposeLayout();
                diagram.clearLayoutCache();
                fresh.push((await timeAsync(() => diagram.renderDiagram(model, { collapse })))[1]);
            }
            await warmWorker();
            const cold: number[] = [];
            const coldCpu: number[] = [];
            const hit: number[] = [];
            const edited: number[] = [];
            let misses = 0;
            for (let i = 0; i < runs; i++) {
                diagram.clearLayoutCache();
                const cpuBefore = process.cpuUsage();
                cold.push((await timeAsync(() => diagram.renderDiagram(model, { collapse })))[1]);
                const cpu = process.cpuUsage(cpuBefore);
                coldCpu.push((cpu.user + cpu.system) / 1000);
                const before = diagram.layoutStats().cacheMisses;
                hit.push((await timeAsync(() => diagram.renderDiagram(quiet, { collapse })))[1]);
                if (diagram.layoutStats().cacheMisses !== before) misses++;
                edited.push((await timeAsync(() => diagram.renderDiagram(structural, { collapse })))[1]);
            }
            const nodes = built.nodes.length;
            ctx.add({ section: 4, measure: `diagram cold${suffix}`, size: components, files: 1, unit: 'ms', stat: stat(cold), note: `${nodes} nodes, ${built.edges.length} edges` });
            ctx.add({ section: 4, measure: `diagram cold, process CPU${suffix}`, size: components, files: 1, unit: 'ms', stat: stat(coldCpu), note: 'user+sys of all threads (worker and V8 compilers included)' });
            ctx.add({ section: 4, measure: `diagram first layout in a fresh worker${suffix}`, size: components, files: 1, unit: 'ms', stat: stat(fresh), note: 'worker start-up, no warm-up (as the CLI)' });
            ctx.add({ section: 4, measure: `diagram non-structural edit${suffix}`, size: components, files: 1, unit: 'ms', stat: stat(hit), note: misses > 0 ? `${misses} cache misses!` : 'no layout (render memo)' });
            ctx.add({ section: 4, measure: `diagram structural edit${suffix}`, size: components, files: 1, unit: 'ms', stat: stat(edited) });
            if (collapse === 'never') {
                const graph = diagram.toElkGraph(built);
                const plain = plainElkGraph(graph);
                const plainRuns = Math.max(1, Math.min(runs, size >= 500 ? 3 : runs));
                const plainTimes: number[] = [];
                for (let i = 0; i < plainRuns; i++) plainTimes.push((await timeAsync(() => plainElk.layout(structuredClone(plain))))[1]);
                const plainStat = stat(plainTimes);
                ctx.add({ section: 4, measure: 'plain elkjs layered (defaults)', size: components, files: 1, unit: 'ms', stat: plainStat, note: `${countNodes(plain)} ELK nodes, in-process` });
                const coldStat = stat(cold);
                ctx.add({
                    section: 4, measure: 'archway cold / plain elkjs', size: components, files: 1, unit: 'x',
                    stat: { median: coldStat.median / plainStat.median, min: coldStat.min / plainStat.median, max: coldStat.max / plainStat.median, runs: coldStat.runs },
                    note: 'below 1 = faster than plain elkjs',
                });
            }
        }
    }
    diagram.disposeLayout();
}

// ------------------------------------------------------------------ section 6

/** One whole-process command of section 6, at one model size. */
interface ColdCase {
    measure: string;
    size: number;
    args: (cli: string, dir: string) => string[];
    note: string;
}

/**
 * What a CI job pays: `archway check` and `archway export` as fresh processes, with the code
 * cache the first command of a job leaves (filled by one unmeasured run) and without any
 * (`ARCHWAY_COMPILE_CACHE=0`: the very first run on a machine). With `--before ROOT` (a folder
 * holding `bin/archway.cjs` and `out/` of another build), that build runs in turn with this one
 * and each row gets a `before` row and an after/before ratio taken pair by pair.
 */
async function sectionCold(ctx: Context): Promise<void> {
    const cli = join(ctx.root, 'bin/archway.cjs');
    if (!existsSync(join(ctx.root, 'out/cli/main.cjs'))) {
        ctx.note('Section 6 skipped: out/cli/main.cjs is missing (run `node scripts/build.mjs`).');
        return;
    }
    const beforeCli = ctx.before ? join(ctx.before, 'bin/archway.cjs') : undefined;
    if (beforeCli && !existsSync(beforeCli)) throw new Error(`--before: no bin/archway.cjs in '${ctx.before}'.`);
    const cases: ColdCase[] = [
        ...(ctx.quick ? [100] : [2000, 10000]).map(size => ({
            measure: 'cold check', size, args: (bin: string, dir: string) => [bin, 'check', join(dir, 'main.arch'), '--format', 'json'], note: 'one file, JSON report',
        })),
        ...(ctx.quick ? [100] : [100, 600]).map(size => ({
            measure: 'cold export', size, args: (bin: string, dir: string) => [bin, 'export', join(dir, 'main.arch'), '-o', join(dir, 'out.svg')], note: 'default view, SVG',
        })),
    ];
    // One cache folder per build: entries are per bundle name, and writing one deletes the entries
    // of the same bundle's other texts, so two builds sharing a folder would each find theirs gone.
    const variants: { suffix: string; env: NodeJS.ProcessEnv; beforeEnv: NodeJS.ProcessEnv }[] = [
        {
            suffix: '',
            env: { ...process.env, ARCHWAY_CACHE_DIR: join(ctx.workDir, 'code-cache'), ARCHWAY_COMPILE_CACHE: '1' },
            beforeEnv: { ...process.env, ARCHWAY_CACHE_DIR: join(ctx.workDir, 'code-cache-before'), ARCHWAY_COMPILE_CACHE: '1' },
        },
        { suffix: ', no code cache', env: { ...process.env, ARCHWAY_COMPILE_CACHE: '0' }, beforeEnv: { ...process.env, ARCHWAY_COMPILE_CACHE: '0' } },
    ];
    for (const c of cases) {
        const files = generateModel({ components: c.size });
        const dir = join(ctx.workDir, `cold-${c.size}`);
        writeModel(dir, files);
        const actual = componentCount(files);
        const runs = ctx.runsFor(c.size);
        for (const { suffix, env, beforeEnv } of variants) {
            // Fills the code cache (and the file system's), not measured.
            await runProcess(c.args(cli, dir), ctx.root, env);
            if (beforeCli) await runProcess(c.args(beforeCli, dir), ctx.root, beforeEnv);
            const after: ProcessRun[] = [];
            const before: ProcessRun[] = [];
            for (let i = 0; i < runs; i++) {
                after.push(await runProcess(c.args(cli, dir), ctx.root, env));
                if (beforeCli) before.push(await runProcess(c.args(beforeCli, dir), ctx.root, beforeEnv));
            }
            for (const run of [...after, ...before]) {
                if (run.status !== 0 && run.status !== 1) throw new Error(`${c.measure} exited with ${run.status} at ${c.size} components`);
            }
            const add = (label: string, values: ProcessRun[], unit: 'ms', pick: (r: ProcessRun) => number | undefined) => {
                const picked = values.map(pick).filter((v): v is number => v !== undefined);
                if (picked.length > 0) ctx.add({ section: 6, measure: `${c.measure} ${label}${suffix}`, size: actual, files: 1, unit, stat: stat(picked), note: c.note });
            };
            add('wall', after, 'ms', r => r.wallMs);
            add('CPU (user+sys)', after, 'ms', r => r.cpuMs);
            if (beforeCli) {
                add('wall, before', before, 'ms', r => r.wallMs);
                add('CPU (user+sys), before', before, 'ms', r => r.cpuMs);
                const ratio = (label: string, pick: (r: ProcessRun) => number | undefined) => {
                    const ratios = after.map((r, i) => [pick(r), pick(before[i])]).filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined && p[1] > 0).map(([a, b]) => a / b);
                    if (ratios.length > 0) ctx.add({ section: 6, measure: `${c.measure} ${label} after/before${suffix}`, size: actual, files: 1, unit: 'x', stat: stat(ratios), note: 'pair by pair; below 1 = faster' });
                };
                ratio('wall', r => r.wallMs);
                ratio('CPU', r => r.cpuMs);
            }
        }
    }
}

// ------------------------------------------------------------------ driver

interface Context {
    root: string;
    workDir: string;
    quick: boolean;
    sizes: number[];
    /** Sizes of section 5. */
    diagnosticSizes: number[];
    /** The language server bundle sections 3 and 5 measure. */
    server: string;
    splits: number[];
    runsFor(size: number): number;
    /** Section 6's other build (`--before ROOT`). */
    before?: string;
    add(row: Row): void;
    note(text: string): void;
    result: BenchResult;
}

/** Runs the benchmark and writes its results; returns them. */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
    const log = options.log ?? ((line: string) => console.log(line));
    const root = options.root ?? findRoot();
    const quick = options.quick ?? false;
    const runs = options.runs ?? (quick ? 1 : 5);
    const sections = options.sections ?? [1, 2, 3, 4, 5, 6];
    const result: BenchResult = {
        date: new Date().toISOString(),
        quick,
        machine: {
            cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30),
            node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageStart: os.loadavg(), loadAverageEnd: [],
        },
        rows: [],
        notes: [],
        slowestRules: [],
    };
    const workDir = join(os.tmpdir(), `archway-bench-${process.pid}`);
    const ctx: Context = {
        root,
        workDir,
        quick,
        sizes: quick ? [100] : options.sizes ?? DEFAULT_SIZES,
        diagnosticSizes: quick ? [100] : options.sizes ?? DIAGNOSTICS_SIZES,
        server: resolve(options.server ?? join(root, 'out/server/main.cjs')),
        splits: quick ? [1] : FILE_SPLITS,
        runsFor: size => quick ? 1 : size >= 20000 ? Math.min(runs, 3) : runs,
        before: options.before ? resolve(options.before) : undefined,
        add: row => {
            result.rows.push(row);
            const digits = row.unit === 'x' ? 2 : 1;
            log(`  ${row.measure} @ ${row.size}/${row.files}f: ${row.stat.median.toFixed(digits)} ${row.unit} (min ${row.stat.min.toFixed(digits)}, max ${row.stat.max.toFixed(digits)}, n=${row.stat.runs})`);
        },
        note: text => {
            result.notes.push(text);
            log(`  note: ${text}`);
        },
        result,
    };
    const parts: [number, string, (c: Context) => Promise<void>][] = [
        [1, 'archway check, whole process', sectionCheck],
        [2, 'in-process split', sectionSplit],
        [3, 'language server over stdio', sectionServer],
        [4, 'diagrams', sectionDiagram],
        [5, 'lean diagnostics over stdio (a finding-heavy model)', async c => {
            if (!existsSync(c.server)) c.note(`Section 5 skipped: ${c.server} is missing (run \`node scripts/build.mjs\`).`);
            else await sectionDiagnostics({ ...c, sizes: c.diagnosticSizes });
        }],
        [6, 'cold start, whole process (check, export)', sectionCold],
    ];
    try {
        for (const [n, title, run] of parts) {
            if (!sections.includes(n)) continue;
            log(`§${n} ${title}`);
            await run(ctx);
        }
    } finally {
        rmSync(workDir, { recursive: true, force: true });
    }
    result.machine.loadAverageEnd = os.loadavg();
    if (!quick && sections.includes(1)) {
        for (const files of ctx.splits) {
            const walls = result.rows.filter(r => r.section === 1 && r.measure === 'check wall' && r.files >= files && (files === 1 ? r.files === 1 : r.files > 1))
                .sort((x, y) => x.size - y.size);
            for (let i = 1; i < walls.length; i++) {
                const a = walls[i - 1];
                const b = walls[i];
                const sizeRatio = b.size / a.size;
                if (sizeRatio < 1.8 || sizeRatio > 2.2) continue;
                result.rows.push({
                    section: 1, measure: 'check growth (2× components)', size: b.size, files: b.files, unit: 'x',
                    stat: { median: b.stat.median / a.stat.median, min: b.stat.min / a.stat.max, max: b.stat.max / a.stat.min, runs: b.stat.runs },
                    note: `wall ${b.size} vs ${a.size} components`,
                });
            }
        }
    }
    const table = renderTable(result.rows);
    log('');
    log(table);
    for (const note of result.notes) log(`note: ${note}`);
    log(`machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGb} GB, Node ${result.machine.node}, load ${result.machine.loadAverageStart.map(l => l.toFixed(2)).join(' ')} → ${result.machine.loadAverageEnd.map(l => l.toFixed(2)).join(' ')}`);
    const outDir = options.outDir ?? join(root, 'bench/results');
    mkdirSync(outDir, { recursive: true });
    const stamp = result.date.replace(/[:.]/g, '-');
    const name = quick ? `quick-${stamp}` : `bench-${stamp}`;
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(outDir, `${name}.md`), renderMarkdown(result.rows) + '\n');
    writeFileSync(join(outDir, quick ? 'quick-latest.json' : 'latest.json'), JSON.stringify(result, null, 2) + '\n');
    log(`results: ${resolve(outDir, `${name}.json`)}`);
    return result;
}

function parseArgs(argv: readonly string[]): BenchOptions {
    const options: BenchOptions = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const list = () => argv[++i].split(',').map(Number).filter(Number.isFinite);
        if (arg === '--quick') options.quick = true;
        else if (arg === '--runs') options.runs = Number(argv[++i]);
        else if (arg === '--sections') options.sections = list();
        else if (arg === '--sizes') options.sizes = list();
        else if (arg === '--out') options.outDir = argv[++i];
        else if (arg === '--server') options.server = argv[++i];
        else if (arg === '--before') options.before = argv[++i];
        else throw new Error(`Unknown argument '${arg}'. Usage: bench [--quick] [--runs N] [--sections 1,2,3,4,5,6] [--sizes 100,1000] [--out DIR] [--server PATH] [--before ROOT]`);
    }
    return options;
}

if (typeof require !== 'undefined' && require.main === module) {
    runBench(parseArgs(process.argv.slice(2))).then(
        () => process.exit(0),
        (error: unknown) => {
            console.error(error instanceof Error ? error.stack ?? error.message : String(error));
            process.exit(1);
        },
    );
}
