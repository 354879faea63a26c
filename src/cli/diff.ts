/**
 * `archway diff <git-ref> [paths…] [--format text|json|markdown|svg|png]`: what changed in the
 * architecture between a git revision and the working tree — components, zones, connections
 * and their properties added, removed, renamed and changed — and the findings that are new or
 * fixed. `markdown` is a pull-request comment; `svg`/`png` draw the current view with added
 * elements highlighted, changed ones marked and removed ones faded. Exit 0 when written,
 * 2 on bad usage or unreadable input.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArchModel, Direction } from '../model/arch-model.js';
import { DiagramError, disposeLayout, renderDiagram, THEME_NAMES, type ThemeName } from '../diagram/index.js';
import { markChanges } from '../diagram/change-marks.js';
import { diffModels, mergeParts } from '../review/model-diff.js';
import { modelForDiffDrawing } from '../review/diff-drawing.js';
import { formatDiffJson, formatDiffMarkdown, formatDiffText, type DiffFinding, type DiffReport } from '../review/diff-report.js';
import { parseArgs, UsageError, type CliIo } from './args.js';
import { compareWithBaseline, type KeyedDiagnostic } from './baseline.js';
import { deploymentReaderFor, ruleDocsUrl, workspaceDiagnostics } from './check.js';
import { svgToPng } from './export.js';
import { openRevision } from './git-revision.js';
import { discoverArchFiles, InputError, loadWorkspace, type LoadedWorkspace } from './load-workspace.js';
import { displayPath } from './report.js';

export const DIFF_USAGE = 'Usage: archway diff <git-ref> [paths…] [--format text|json|markdown|svg|png] [--view NAME] [--theme light|dark|high-contrast] [--direction right|down|left|up] [--config archway.json] [-o OUT]';

const FORMATS = ['text', 'json', 'markdown', 'svg', 'png'] as const;
type Format = typeof FORMATS[number];
const DIRECTIONS: readonly Direction[] = ['right', 'down', 'left', 'up'];

function usage(message: string): UsageError {
    return new UsageError(`${message}\n${DIFF_USAGE}`);
}

/** Runs `archway diff`; resolves to the exit code. */
export async function runDiff(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { format: 'string', view: 'string', theme: 'string', direction: 'string', config: 'string', output: 'string', help: 'boolean' });
    if (args.flags.has('help')) {
        io.stdout(DIFF_USAGE + '\n');
        return 0;
    }
    const [ref, ...rest] = args.positionals;
    if (ref === undefined) throw usage('Name the git revision to compare with (e.g. main, HEAD~1, origin/main).');
    const format = (args.options.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw usage(`Unknown format '${format}'; use ${FORMATS.join(', ')}.`);
    const theme = (args.options.theme ?? 'light') as ThemeName;
    if (!THEME_NAMES.includes(theme)) throw usage(`Unknown theme '${theme}'; use ${THEME_NAMES.join(', ')}.`);
    const direction = args.options.direction as Direction | undefined;
    if (direction !== undefined && !DIRECTIONS.includes(direction)) throw usage(`Unknown direction '${direction}'; use ${DIRECTIONS.join(', ')}.`);
    const output = args.options.output;
    if (format === 'png' && (output === undefined || output === '-')) throw usage('PNG cannot be written to stdout; name a file with -o.');
    const paths = rest.length > 0 ? rest : ['.'];

    const revision = openRevision(ref);
    const files = discoverArchFiles(paths);
    if (files.length === 0) throw new InputError(`No .arch files found in ${paths.map(p => `'${p}'`).join(', ')}.`);
    const deploymentReader = await deploymentReaderFor(files, args.options.config);
    const current = await loadWorkspace(files, { configFile: args.options.config, deploymentReader });
    const baseFiles = revision.archFiles(paths.map(path => resolve(path)));
    const base = baseFiles.length > 0 ? await loadWorkspace(baseFiles, { configFile: args.options.config, source: revision, deploymentReader }) : undefined;

    if (format === 'svg' || format === 'png') {
        return drawDiff(current, base, { format, theme, direction, view: args.options.view, output }, io);
    }
    const currentModels = current.models();
    const baseModels = base?.models() ?? [];
    const comparison = compareWithBaseline(workspaceDiagnostics(current), base ? workspaceDiagnostics(base) : []);
    const report: DiffReport = {
        ref,
        commit: revision.commit,
        files: current.requested.map(d => displayPath(d.uri.toString())),
        diff: diffModels(mergeParts(baseModels), mergeParts(currentModels)),
        findings: { new: comparison.fresh.map(toFinding), fixed: comparison.fixed.map(toFinding) },
    };
    const text = format === 'json' ? formatDiffJson(report) : format === 'markdown' ? formatDiffMarkdown(report) : formatDiffText(report);
    write(text, output, io);
    return 0;
}

function toFinding(d: KeyedDiagnostic): DiffFinding {
    return { file: d.file, line: d.line, severity: d.severity, code: d.code, message: d.message, helpUri: d.code === 'syntax-error' ? undefined : ruleDocsUrl(d.code) };
}

function write(bytes: string | Buffer, output: string | undefined, io: CliIo): void {
    if (output === undefined || output === '-') {
        io.stdout(bytes as string);
        return;
    }
    try {
        writeFileSync(output, bytes);
    } catch (error) {
        throw new InputError(`Cannot write '${output}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    io.stderr(`Wrote ${output}\n`);
}

interface DrawOptions {
    format: 'svg' | 'png';
    theme: ThemeName;
    direction: Direction | undefined;
    view: string | undefined;
    output: string | undefined;
}

/** Draws one model's view with its changes marked. */
async function drawDiff(current: LoadedWorkspace, base: LoadedWorkspace | undefined, options: DrawOptions, io: CliIo): Promise<number> {
    const roots = current.models();
    const requested = current.requested.length === 1 ? current.modelsOf(current.requested[0]) : roots;
    const model = requested.find(m => current.requested.length === 1 && m.rootUri === current.requested[0].uri.toString()) ?? (requested.length === 1 ? requested[0] : undefined);
    if (!model) throw usage(`The paths hold ${roots.length} models; name the .arch file whose diagram to draw.`);
    const baseModel: ArchModel | undefined = base?.models().find(m => m.rootUri === model.rootUri);
    const empty = { components: [], channels: [], zones: [], connections: [] };
    const diff = diffModels(baseModel ?? empty, model);
    const drawing = baseModel ? modelForDiffDrawing(model, baseModel, diff) : modelForDiffDrawing(model, { ...model, components: [], zones: [], channels: [], connections: [] }, diff);
    let result;
    try {
        result = await renderDiagram(drawing.model, { view: options.view, theme: options.theme, direction: options.direction, findings: [] });
    } catch (error) {
        if (error instanceof DiagramError) throw usage(error.message);
        throw error;
    } finally {
        disposeLayout();
    }
    const svg = markChanges(result.svg, result.diagram, drawing.marks, options.theme);
    write(options.format === 'svg' ? svg : await svgToPng(svg), options.output, io);
    return 0;
}
