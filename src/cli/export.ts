/**
 * `archway export <file.arch> [--view NAME] [--flow NAME] [--format svg|png|json]
 * [--theme light|dark|high-contrast] [--direction right|down|left|up] [--scale N] [-o OUT]`.
 * Writes the diagram of one view (or flow) of the model rooted at the file: SVG, PNG (via
 * resvg, no browser) or the laid-out graph as JSON. Without `-o` the output goes next to
 * the input (`shop.arch` → `shop.svg`, `shop.ordering.svg` for a view); `-o -` writes to stdout.
 * Rule findings never change the exit code (they are `archway check`'s job; their number is
 * said on stderr): exit 0 when written, 1 when the input leaves the picture incomplete (syntax
 * errors, unresolved references or imports; the diagram is still written), 2 on bad usage or
 * unreadable input.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Direction } from '../model/arch-model.js';
import type { ModelCheck } from '../checking/model-checker.js';
import { bundledLayoutWorker } from '../diagram/node-layout-worker.js';
import { escapeControlCharacters } from '../language/display-text.js';
import { configureLayout, DiagramError, disposeLayout, GROUP_ID_PREFIX, renderDiagram, startLayoutWorker, THEME_NAMES, type ThemeName } from '../diagram/index.js';
import { exportInterop, INTEROP_FORMAT_INFO, isInteropFormat } from '../interop/export/index.js';
import { parseArgs, type CliIo, UsageError } from './args.js';
import { EXPORT_OPTION_KINDS, FORMATS, formatLaysOut, requestedFormat, type Format } from './export-format.js';
import { exportMarkdownFiles } from './export-markdown.js';
import { makesPictureIncomplete } from './incomplete-picture.js';
import { InputError, loadWorkspace } from './load-workspace.js';

export const EXPORT_USAGE = `Usage: archway export <file.arch> [--view NAME] [--flow NAME] [--format ${FORMATS.filter(f => f !== 'markdown').join('|')}] [--theme light|dark|high-contrast] [--direction right|down|left|up] [--collapse auto|always|never] [--expand ZONE|BROKER|group:ZONE,…] [--scale N] [-o OUT]
       archway export --format markdown <file.md> [more.md…] [--theme …] [--direction …] [--collapse …]
         (each \`\`\`arch block becomes an SVG next to the file and an image link to it; the source stays in the file)`;

const DIRECTIONS: readonly Direction[] = ['right', 'down', 'left', 'up'];
const COLLAPSE_MODES = ['auto', 'always', 'never'] as const;
type CollapseMode = typeof COLLAPSE_MODES[number];

/** Renders an SVG string to PNG bytes with resvg, at `scale` × the SVG's size. */
export async function svgToPng(svg: string, scale = 1): Promise<Buffer> {
    const { Resvg } = await import('@resvg/resvg-js');
    const resvg = new Resvg(svg, {
        fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
        shapeRendering: 2,
        textRendering: 1,
    });
    return resvg.render().asPng();
}

function usage(message: string): UsageError {
    return new UsageError(`${message}\n${EXPORT_USAGE}`);
}

/** Runs `archway export`; resolves to the exit code. */
export async function runExport(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, EXPORT_OPTION_KINDS);
    if (args.flags.has('help')) {
        io.stdout(EXPORT_USAGE + '\n');
        return 0;
    }
    if (args.options.format === 'markdown') return runMarkdownExport(args, io);
    if (args.positionals.length !== 1) throw usage(args.positionals.length === 0 ? 'Name one .arch file to export.' : 'Export one file at a time.');
    configureLayout({ worker: bundledLayoutWorker() });
    const output = args.options.output;
    const format = requestedFormat(args) as Format;
    if (!FORMATS.includes(format)) throw usage(`Unknown format '${format}'; use ${FORMATS.join(', ')}.`);
    if (isInteropFormat(format) && INTEROP_FORMAT_INFO[format].scope === 'model') {
        for (const option of ['view', 'flow', 'direction', 'collapse', 'expand', 'theme', 'scale']) {
            if (args.options[option] !== undefined) throw usage(`--${option} does not apply to ${format}: it exports the whole model, with every view and flow.`);
        }
    }
    if (isInteropFormat(format) && (args.options.theme !== undefined || args.options.scale !== undefined)) {
        throw usage(`--theme and --scale apply to svg and png, not ${format}.`);
    }
    const theme = (args.options.theme ?? 'light') as ThemeName;
    if (!THEME_NAMES.includes(theme)) throw usage(`Unknown theme '${theme}'; use ${THEME_NAMES.join(', ')}.`);
    const direction = args.options.direction as Direction | undefined;
    if (direction !== undefined && !DIRECTIONS.includes(direction)) throw usage(`Unknown direction '${direction}'; use ${DIRECTIONS.join(', ')}.`);
    const collapse = (args.options.collapse ?? 'auto') as CollapseMode;
    if (!COLLAPSE_MODES.includes(collapse)) throw usage(`Unknown collapse mode '${collapse}'; use ${COLLAPSE_MODES.join(', ')}.`);
    const expandedZones = (args.options.expand ?? '').split(',').map(zone => zone.trim()).filter(zone => zone.length > 0);
    const scale = args.options.scale === undefined ? 1 : Number(args.options.scale);
    if (!Number.isFinite(scale) || scale <= 0 || scale > 8) throw usage(`--scale needs a number between 0 and 8, not '${args.options.scale}'.`);
    if (format === 'png' && output === '-') throw usage('PNG cannot be written to stdout; name a file with -o.');

    const file = resolve(args.positionals[0]);
    if (extname(file) !== '.arch') throw new InputError(`'${args.positionals[0]}' is not an .arch file.`);
    // The layout worker starts (loads elkjs, runs its tiny warm-up) while this thread parses, unless
    // bin/archway.cjs started it already (then this takes it over).
    if (formatLaysOut(format)) startLayoutWorker();
    try {
        return await exportFile(file, format, { args, output, theme, direction, collapse, expandedZones, scale }, io);
    } finally {
        disposeLayout();
    }
}

/** What `runExport` read from its arguments, for one file. */
interface ExportSettings {
    args: ReturnType<typeof parseArgs>;
    output: string | undefined;
    theme: ThemeName;
    direction: Direction | undefined;
    collapse: CollapseMode;
    expandedZones: string[];
    scale: number;
}

/** Loads `file`, draws (or converts) the model rooted at it and writes the result; resolves to the exit code. */
async function exportFile(file: string, format: Format, settings: ExportSettings, io: CliIo): Promise<number> {
    const { args, output, theme, direction, collapse, expandedZones, scale } = settings;
    let workspace;
    try {
        workspace = await loadWorkspace([file]);
    } catch (error) {
        if (error instanceof InputError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(code === 'ENOENT' ? `No such file: '${args.positionals[0]}'.` : `Cannot read '${args.positionals[0]}': ${code ?? String(error)}.`);
    }
    const document = workspace.requested[0];
    if (!document) throw new InputError(`Cannot read '${args.positionals[0]}'.`);
    // The model and findings the validation already built and checked (with the model's archway.json), not a second build.
    const { model, result: { findings } } = pickModel(workspace.services.archway.ModelChecker.checksFor(document), document);

    const problems = inputProblems(workspace.all);
    // Zones open, and so do brokers drawn as one box for their many topics.
    const openable = (id: string) => {
        // `group:ZONE` opens the group of top-level zones that ZONE is drawn in (when the overview groups zones).
        if (id.startsWith(GROUP_ID_PREFIX)) { const zone = model.elements.get(id.slice(GROUP_ID_PREFIX.length)); return zone?.type === 'zone' && zone.parent === undefined; }
        const e = model.elements.get(id);
        return e?.type === 'zone' || (e?.type === 'component' && e.kind === 'broker');
    };
    const unknownZone = expandedZones.find(zone => !openable(zone));
    if (unknownZone !== undefined) {
        const zones = [...model.elements.values()].filter(element => element.type === 'zone').map(zone => zone.id);
        throw usage(`--expand: no zone, broker or group of top-level zones named '${unknownZone}'. Zones: ${zones.slice(0, 20).join(', ') || 'none'}${zones.length > 20 ? ', …' : ''}.`);
    }

    if (isInteropFormat(format)) {
        let text: string;
        try {
            text = await exportInterop(model, format, { view: args.options.view, flow: args.options.flow, direction, collapse, expandedZones });
        } catch (error) {
            if (error instanceof DiagramError) throw usage(error.message);
            throw error;
        } finally {
            disposeLayout();
        }
        return finish(text, format, file, output, args.options.view, args.options.flow, problems, io);
    }

    let result;
    try {
        result = await renderDiagram(model, { view: args.options.view, flow: args.options.flow, theme, direction, findings, collapse, expandedZones });
    } catch (error) {
        if (error instanceof DiagramError) throw usage(error.message);
        throw error;
    } finally {
        disposeLayout();
    }

    let bytes: string | Buffer;
    if (format === 'svg') bytes = result.svg;
    else if (format === 'json') bytes = JSON.stringify(result.layout, null, 2) + '\n';
    else bytes = await svgToPng(result.svg, scale);

    return finish(bytes, format, file, output, args.options.view, args.options.flow, problems, io);
}

/** `archway export --format markdown <file.md>…`: the blocks of each file, with the options that apply to them. */
async function runMarkdownExport(args: ReturnType<typeof parseArgs>, io: CliIo): Promise<number> {
    for (const option of ['view', 'flow', 'output', 'scale', 'expand']) {
        if (args.options[option] !== undefined) throw usage(`--${option === 'output' ? 'output (-o)' : option} does not apply to markdown: each block's diagram is written next to its Markdown file.`);
    }
    if (args.positionals.length === 0) throw usage('Name one or more Markdown files (.md) to export.');
    const theme = (args.options.theme ?? 'light') as ThemeName;
    if (!THEME_NAMES.includes(theme)) throw usage(`Unknown theme '${theme}'; use ${THEME_NAMES.join(', ')}.`);
    const direction = args.options.direction as Direction | undefined;
    if (direction !== undefined && !DIRECTIONS.includes(direction)) throw usage(`Unknown direction '${direction}'; use ${DIRECTIONS.join(', ')}.`);
    const collapse = (args.options.collapse ?? 'auto') as CollapseMode;
    if (!COLLAPSE_MODES.includes(collapse)) throw usage(`Unknown collapse mode '${collapse}'; use ${COLLAPSE_MODES.join(', ')}.`);
    configureLayout({ worker: bundledLayoutWorker() });
    try {
        return await exportMarkdownFiles(args.positionals, { theme, direction, collapse }, io);
    } finally {
        disposeLayout();
    }
}



/** What export says about its input: the places that leave the picture incomplete, and how many rule findings there are. */
interface InputProblems {
    incomplete: { d: LangiumDocument; x: Diagnostic }[];
    /** Rule findings by severity (`notes`: info and hint). */
    findings: { errors: number; warnings: number; notes: number };
}

function inputProblems(documents: readonly LangiumDocument[]): InputProblems {
    const problems: InputProblems = { incomplete: [], findings: { errors: 0, warnings: 0, notes: 0 } };
    for (const d of documents) {
        for (const x of d.diagnostics ?? []) {
            if (makesPictureIncomplete(x)) problems.incomplete.push({ d, x });
            else if (x.severity === DiagnosticSeverity.Error) problems.findings.errors++;
            else if (x.severity === DiagnosticSeverity.Warning) problems.findings.warnings++;
            else problems.findings.notes++;
        }
    }
    return problems;
}

/**
 * Writes the export (to stdout for `-o -`), lists what leaves the picture incomplete and counts
 * the rule findings; resolves to the exit code (1 only for an incomplete picture).
 */
function finish(bytes: string | Buffer, format: Format, file: string, output: string | undefined, view: string | undefined, flow: string | undefined,
    problems: InputProblems, io: CliIo): number {
    if (output === '-') io.stdout(bytes as string);
    else {
        const target = output ?? defaultOutput(file, view, flow, format);
        try {
            writeFileSync(target, bytes);
        } catch (error) {
            throw new InputError(`Cannot write '${target}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
        }
        io.stderr(`Wrote ${target}\n`);
    }
    const { errors, warnings, notes } = problems.findings;
    const total = errors + warnings + notes;
    if (total > 0) {
        const parts = [plural(errors, 'error'), plural(warnings, 'warning'), plural(notes, 'note')].filter(part => !part.startsWith('0 '));
        io.stderr(`The model has ${plural(total, 'rule finding')} (${parts.join(', ')}); run 'archway check ${shownPath(file)}' to see them.\n`);
    }
    const { incomplete } = problems;
    if (incomplete.length === 0) return 0;
    for (const { d, x } of incomplete.slice(0, 20)) {
        io.stderr(`${d.uri.fsPath}:${x.range.start.line + 1}:${x.range.start.character + 1} error ${escapeControlCharacters(typeof x.message === 'string' ? x.message : x.message.value)}\n`);
    }
    if (incomplete.length > 20) io.stderr(`… and ${incomplete.length - 20} more.\n`);
    io.stderr(`The diagram may be incomplete: the input has ${plural(incomplete.length, 'syntax error or unresolved reference', 'syntax errors or unresolved references')}.\n`);
    return 1;
}

/** The path relative to the working directory when it lies below it, else absolute. */
function shownPath(file: string): string {
    const shown = relative(process.cwd(), file);
    return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : file;
}

function plural(count: number, one: string, many = `${one}s`): string {
    return `${count} ${count === 1 ? one : many}`;
}

/** The checked model rooted at the file when there is one, else the first model it belongs to. */
function pickModel(checks: ModelCheck[], document: LangiumDocument): ModelCheck {
    const uri = document.uri.toString();
    const check = checks.find(c => c.model.rootUri === uri) ?? checks[0];
    if (!check) throw new InputError(`No model in '${document.uri.fsPath}'.`);
    return check;
}

/** `dir/shop.arch` → `dir/shop.svg`, or `dir/shop.<view>.svg` for a view or flow. */
export function defaultOutput(file: string, view: string | undefined, flow: string | undefined, format: Format): string {
    const base = basename(file, extname(file));
    const suffix = [view, flow].filter(Boolean).join('.');
    const extension = isInteropFormat(format) ? INTEROP_FORMAT_INFO[format].extension : format;
    return join(dirname(file), `${base}${suffix ? `.${suffix}` : ''}.${extension}`);
}
