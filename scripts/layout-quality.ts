/**
 * Layout quality of Archway diagrams: for every view of every model it is given, lays the
 * view out exactly as `archway export` does and prints a table of readability measures:
 *
 * - boxes: drawn boxes (components, topics and queues, collapsed zones), and zones
 *   (expanded zone containers) separately;
 * - edges: drawn edges (after any merging the diagram does);
 * - size: the canvas, width × height in px;
 * - crossings: points where two edges cross (see `countCrossings`);
 * - worst detour: the largest ratio of an edge's drawn length to the Manhattan distance
 *   between the centres of its two end boxes, with the edge it belongs to.
 *
 * Usage (from the repository root):
 *
 *   npm run layout-quality -- [paths…] [--generated 200,600,2000] [--cells 200,600] [--format text|markdown|json] [--time]
 *
 * `paths` are `.arch` files or folders (searched recursively; a file imported by another is
 * measured as part of the model that imports it, not on its own); the default is `examples`.
 * `--generated N,…` also measures the benchmark's generated zoned models of N components
 * (`bench/generate-model.ts`, shape `zoned`: many top-level domain zones, a gateway with a
 * route per domain, one bus with eight topics per domain); `--cells N,…` its side-by-side
 * cells models (the default shape). `--time` adds the wall-clock time of layout + SVG per view,
 * in this one process after one warm-up layout (not deterministic, so off by default). Views are the model's implicit or declared
 * `overview` (marked `*`, the default diagram when it is the first or only one) and every
 * declared view; flows are not measured.
 *
 * The measures themselves (and their exact definitions) are in `layout-metrics.ts`: pure
 * functions of the JSON export (`archway export --format json`), usable on exported files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'langium';
import { generateModel } from '../bench/generate-model.js';
import { discoverArchFiles, loadWorkspace } from '../src/cli/load-workspace.js';
import { clearLayoutCache, configureLayout, disposeLayout, findView, renderDiagram } from '../src/diagram/index.js';
import type { ArchModel } from '../src/model/arch-model.js';
import { checkModel } from '../src/rules/engine.js';
import { measureLayout, type LayoutQuality } from './layout-metrics.js';

// ---------------------------------------------------------------------------- models

/** One measured view of one model. */
interface Row extends LayoutQuality {
    /** The file (or generated model) the model is rooted at. */
    model: string;
    /** Whether this is the view `archway export` draws without `--view`. */
    isDefault: boolean;
    /** Layout + SVG time in ms (with `--time`). */
    ms?: number;
}

/** The views measured for a model: `overview` (implicit or declared) and every declared view. */
function viewsOf(model: ArchModel): string[] {
    const declared = model.views.map(v => v.id);
    return declared.includes('overview') ? declared : ['overview', ...declared];
}

/** Whether ELK already ran once in this process (its first layout is about 2× slower). */
let warm = false;

async function measureModel(name: string, model: ArchModel, timed: boolean): Promise<Row[]> {
    const findings = checkModel(model).findings;
    if (timed && !warm) {
        await renderDiagram(model, { findings });
        clearLayoutCache(); // so the timed render below lays out again
        warm = true;
    }
    const defaultView = findView(model, undefined).id;
    const rows: Row[] = [];
    for (const view of viewsOf(model)) {
        const started = performance.now();
        const result = await renderDiagram(model, { view, findings });
        const ms = performance.now() - started;
        rows.push({ model: name, isDefault: view === defaultView, ...measureLayout(result.layout), ...(timed ? { ms } : {}) });
    }
    return rows;
}

/** Measures every model rooted at one of the files (a file another one imports is not a root). */
async function measureFiles(paths: readonly string[], timed: boolean): Promise<Row[]> {
    const workspace = await loadWorkspace(discoverArchFiles(paths));
    const models = workspace.models().sort((a, b) => a.rootUri.localeCompare(b.rootUri));
    const rows: Row[] = [];
    for (const model of models) rows.push(...await measureModel(relative(process.cwd(), URI.parse(model.rootUri).fsPath), model, timed));
    return rows;
}

/** Measures the benchmark's generated model of `size` components, of one shape. */
async function measureGenerated(size: number, shape: 'zoned' | 'cells', timed: boolean): Promise<Row[]> {
    const dir = mkdtempSync(join(tmpdir(), 'archway-layout-quality-'));
    try {
        for (const [name, text] of Object.entries(generateModel({ components: size, shape }))) writeFileSync(join(dir, name), text);
        const workspace = await loadWorkspace([join(dir, 'main.arch')]);
        const model = workspace.modelsOf(workspace.requested[0])[0];
        return await measureModel(shape === 'zoned' ? `generated ${size} zoned` : `generated ${size} cells`, model, timed);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

// ---------------------------------------------------------------------------- output

const COLUMNS = ['model', 'view', 'boxes', 'zones', 'edges', 'size (px)', 'crossings', 'worst detour', 'worst edge'] as const;

/** Columns aligned right: the measures and the time. */
const isNumeric = (column: number): boolean => (column >= 2 && column <= 7) || column === 9;

function cells(row: Row, timed: boolean): string[] {
    return [
        row.model,
        `${row.view}${row.isDefault ? ' *' : ''}`,
        String(row.boxes),
        String(row.zones),
        String(row.edges),
        `${row.width} × ${row.height}`,
        String(row.crossings),
        row.worstDetour.toFixed(2),
        row.worstDetourEdge ?? '',
        ...(timed ? [String(Math.round(row.ms ?? 0))] : []),
    ];
}

/** A plain-text table with aligned columns. */
function textTable(rows: readonly Row[], timed: boolean): string {
    const header = [...COLUMNS, ...(timed ? ['ms'] : [])];
    const body = rows.map(r => cells(r, timed));
    const widths = header.map((h, i) => Math.max(h.length, ...body.map(b => b[i].length)));
    const line = (values: readonly string[]) => values.map((v, i) => isNumeric(i) ? v.padStart(widths[i]) : v.padEnd(widths[i])).join('  ').trimEnd();
    return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** A Markdown table (for reports). */
function markdownTable(rows: readonly Row[], timed: boolean): string {
    const header = [...COLUMNS, ...(timed ? ['ms'] : [])];
    const align = header.map((_, i) => isNumeric(i) ? '---:' : '---');
    const escape = (s: string) => s.replaceAll('|', '\\|');
    return [header, align, ...rows.map(r => cells(r, timed).map(escape))].map(c => `| ${c.join(' | ')} |`).join('\n');
}

// ---------------------------------------------------------------------------- main

interface Options { paths: string[]; generated: number[]; cells: number[]; format: 'text' | 'markdown' | 'json'; timed: boolean }

function parseOptions(argv: readonly string[]): Options {
    const options: Options = { paths: [], generated: [], cells: [], format: 'text', timed: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--generated' || arg === '--cells') {
            const sizes = (argv[++i] ?? '').split(',').map(Number);
            if (sizes.some(n => !Number.isInteger(n) || n <= 0)) throw new Error(`${arg} needs sizes like 200,600, not '${argv[i]}'.`);
            if (arg === '--cells') options.cells = sizes;
            else options.generated = sizes;
        } else if (arg === '--format') {
            const format = argv[++i];
            if (format !== 'text' && format !== 'markdown' && format !== 'json') throw new Error(`--format is text, markdown or json, not '${format}'.`);
            options.format = format;
        } else if (arg === '--time') options.timed = true;
        else if (arg.startsWith('--')) throw new Error(`Unknown option '${arg}'.`);
        else options.paths.push(arg);
    }
    if (options.paths.length === 0 && options.generated.length === 0 && options.cells.length === 0) options.paths.push('examples');
    return options;
}

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    configureLayout({ worker: false }); // in-process: one thread, comparable times
    try {
        const rows: Row[] = [];
        if (options.paths.length > 0) rows.push(...await measureFiles(options.paths.map(p => resolve(p)), options.timed));
        for (const size of options.generated) rows.push(...await measureGenerated(size, 'zoned', options.timed));
        for (const size of options.cells) rows.push(...await measureGenerated(size, 'cells', options.timed));
        if (options.format === 'json') console.log(JSON.stringify(rows, null, 2));
        else console.log(options.format === 'markdown' ? markdownTable(rows, options.timed) : textTable(rows, options.timed));
    } finally {
        disposeLayout();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
});
