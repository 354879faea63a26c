/**
 * `archway check [paths…] [--format text|json|sarif] [--max-warnings N] [--config FILE]`.
 * Exit 0 when clean, 1 on errors (a file that cannot be read is one: `unreadable-file`) or too
 * many warnings, 2 on bad usage (a path that does not exist, a broken configuration).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { ruleDocsUrl } from '../checking/diagnostics.js';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { URI } from 'langium';
import { formatConfigError } from '../rules/config.js';
import { configErrors, findConfigFile, loadConfig } from '../rules/config-files.js';
import { listRules } from '../rules/registry.js';
import { workspaceFlowFigures } from './flow-figures.js';
import { escapeControlCharacters } from '../language/display-text.js';
import { unreadableFile } from '../rules/model/model-problems.js';
import { discoverArchInputs, InputError, loadWorkspace, type LoadedWorkspace, type LoadOptions, type UnreadableFile } from './load-workspace.js';
import { displayPath, formatJson, formatSarif, formatText, type Report, type ReportDiagnostic, type ReportSeverity, type ReportSuppressed } from './report.js';
import { isErrorNamed, parseArgs, type CliIo, UsageError } from './args.js';
import { compareWithBaseline, type KeyedDiagnostic } from './baseline.js';
import { formatBaseReport } from './check-base-report.js';
import { openRevision, type Revision } from './git-revision.js';

const SEVERITY: Record<number, ReportSeverity> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint',
};

export const CHECK_USAGE = 'Usage: archway check [paths…] [--format text|json|sarif] [--max-warnings N] [--config archway.json] [--base GIT-REF] [--list-rules]';

/**
 * Runs `archway check`; resolves to the exit code. With `--format json` or `sarif`, stdout is
 * always one complete report, also when the run fails (the reason is in the report, and on
 * stderr as text).
 */
export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
    const format = requestedFormat(argv);
    try {
        return await check(argv, io);
    } catch (error) {
        if ((format === 'json' || format === 'sarif') && (isErrorNamed(error, 'UsageError') || isErrorNamed(error, 'InputError'))) {
            writeReport(io, format, { files: 0, diagnostics: [], suppressed: [], invocationErrors: [{ message: error.message }] });
        }
        throw error;
    }
}

/** The `--format` asked for, read before the arguments are parsed (which may fail). */
function requestedFormat(argv: readonly string[]): string | undefined {
    let format: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--') break;
        if (argv[i] === '--format') format = argv[++i];
        else if (argv[i].startsWith('--format=')) format = argv[i].slice('--format='.length);
    }
    return format;
}

function writeReport(io: CliIo, format: string, report: Report): void {
    if (format === 'json') io.stdout(formatJson(report));
    else if (format === 'sarif') io.stdout(formatSarif(report, listRules().map(r => ({ id: r.id, title: r.title, helpUri: ruleDocsUrl(r.id) })), CLI_VERSION));
    else io.stdout(formatText(report));
}

async function check(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { format: 'string', 'max-warnings': 'string', config: 'string', base: 'string', 'list-rules': 'boolean' });
    const format = args.options.format ?? 'text';
    if (args.flags.has('list-rules')) {
        io.stdout(format === 'json' ? JSON.stringify(listRules(), null, 2) + '\n' : formatRuleList());
        return 0;
    }
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`Unknown format '${format}'; use text, json or sarif.`);
    let maxWarnings = Infinity;
    if (args.options['max-warnings'] !== undefined) {
        maxWarnings = Number(args.options['max-warnings']);
        if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, not '${args.options['max-warnings']}'.`);
    }
    const paths = args.positionals.length > 0 ? args.positionals : ['.'];
    const configFile = args.options.config;
    if (configFile !== undefined) {
        if (!existsSync(configFile)) throw new InputError(`The configuration file '${configFile}' does not exist.`);
        const errors = configErrors(configFile);
        if (errors.length > 0) throw new InputError(errors.map(formatConfigError).join('\n'));
    }
    // An unknown revision fails before the (slower) loading.
    const revision = args.options.base !== undefined ? openRevision(args.options.base) : undefined;
    const inputs = discoverArchInputs(paths);
    if (inputs.files.length === 0 && inputs.unreadable.length === 0) throw new InputError(`No .arch files found in ${paths.map(p => `'${p}'`).join(', ')}.`);
    const deploymentReader = await deploymentReaderFor(inputs.files, configFile);
    const workspace = await loadWorkspace(inputs.files, { configFile, deploymentReader });
    for (const { file, problems } of workspace.services.archway.RuleConfiguration.deploymentProblems()) {
        for (const problem of problems) io.stderr(`archway check: warning: a deployment file named in ${displayPath(URI.file(file).toString())} could not be read: ${problem}\n`);
    }
    // Problems in an archway.json found by walking up from the files are usage errors too.
    const configProblems = [...new Set(workspace.services.archway.RuleConfiguration.loaded().flatMap(c => c.errors).map(formatConfigError))];
    if (configProblems.length > 0) throw new InputError(configProblems.join('\n'));

    const unreadableFiles = unreadableFindings([...inputs.unreadable, ...workspace.unreadable], workspace);
    const diagnostics: KeyedDiagnostic[] = [...workspaceDiagnostics(workspace), ...unreadableFiles.map(d => ({ ...d, elements: [] }))];
    // The workspace's own are sorted already.
    if (unreadableFiles.length > 0) diagnostics.sort(compareDiagnostics);
    const suppressed = suppressedFindings(workspace);
    const files = workspace.all.length + new Set(unreadableFiles.map(d => d.file)).size;
    if (revision) {
        const base = await baseDiagnostics(revision, paths, configFile);
        const comparison = compareWithBaseline(diagnostics, base.diagnostics);
        const rules = () => listRules().map(r => ({ id: r.id, title: r.title, helpUri: ruleDocsUrl(r.id) }));
        io.stdout(formatBaseReport(format, { files, suppressed, comparison, ref: base.ref, commit: base.commit }, rules, CLI_VERSION));
        return exitCode(comparison.fresh, maxWarnings, format, io, 'new ');
    }
    const report: Report = { files, diagnostics: diagnostics.map(stripElements), suppressed, invocationErrors: [] };
    writeReport(io, format, format === 'json' ? { ...report, figures: workspaceFlowFigures(workspace) } : report);

    return exitCode(diagnostics, maxWarnings, format, io, '');
}

/** 1 on errors or more warnings than allowed, else 0. */
function exitCode(diagnostics: readonly ReportDiagnostic[], maxWarnings: number, format: string, io: CliIo, which: string): number {
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.filter(d => d.severity === 'warning').length;
    if (errors > 0) return 1;
    if (warnings > maxWarnings) {
        if (format === 'text') io.stderr(`Too many ${which}warnings: ${warnings} (at most ${maxWarnings} allowed).\n`);
        return 1;
    }
    return 0;
}

/** `unreadable-file` findings, once per path, at the severity the configuration gives the rule (none when it is off). */
function unreadableFindings(problems: readonly UnreadableFile[], workspace: LoadedWorkspace): ReportDiagnostic[] {
    const byPath = new Map(problems.map(problem => [problem.path, problem]));
    const result: ReportDiagnostic[] = [];
    for (const problem of byPath.values()) {
        const setting = workspace.services.archway.RuleConfiguration.settingsFor(URI.file(problem.path).toString())[unreadableFile.meta.id];
        if (setting?.severity === 'off') continue;
        result.push({
            file: displayPath(URI.file(problem.path).toString()), line: problem.line, column: problem.column, endLine: problem.line, endColumn: problem.column,
            severity: setting?.severity ?? unreadableFile.meta.severity, code: unreadableFile.meta.id, message: escapeControlCharacters(problem.message),
        });
    }
    return result;
}

/** Every diagnostic of the loaded documents, sorted by file and position. */
export function workspaceDiagnostics(workspace: LoadedWorkspace): KeyedDiagnostic[] {
    const diagnostics: KeyedDiagnostic[] = [];
    for (const document of workspace.all) {
        const file = displayPath(document.uri.toString()); // once per file, not per finding
        for (const diagnostic of document.diagnostics ?? []) diagnostics.push(toReport(file, diagnostic));
    }
    return diagnostics.sort(compareDiagnostics);
}

/** Report order: by file, line, column and rule. */
function compareDiagnostics(a: KeyedDiagnostic, b: KeyedDiagnostic): number {
    return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareCodes(a.code, b.code);
}

/** The findings of the same paths at a git revision (with the current configuration). */
export async function baseDiagnostics(revision: Revision, paths: readonly string[], configFile: string | undefined): Promise<{ ref: string; commit: string; diagnostics: KeyedDiagnostic[] }> {
    const { ref, commit } = revision;
    const files = revision.archFiles(paths.map(path => resolve(path)));
    if (files.length === 0) return { ref, commit, diagnostics: [] };
    const workspace = await loadWorkspace(files, { configFile, source: revision, deploymentReader: await deploymentReaderFor(files, configFile) });
    return { ref, commit, diagnostics: workspaceDiagnostics(workspace) };
}

function stripElements({ elements: _elements, ...diagnostic }: KeyedDiagnostic): ReportDiagnostic {
    return diagnostic;
}

/**
 * The deployment reader, when a configuration that applies to `files` names deployment files
 * (the drift rules need it); loaded only then, from a bundle of its own (it brings a YAML parser).
 */
export async function deploymentReaderFor(files: readonly string[], configFile: string | undefined): Promise<LoadOptions['deploymentReader']> {
    const configs = new Set<string>();
    if (configFile) configs.add(resolve(configFile));
    else for (const file of files) { const found = findConfigFile(dirname(file)); if (found) configs.add(found); }
    if (![...configs].some(file => loadConfig({ file }).deployment !== undefined)) return undefined;
    return (await import('../import/drift-source.js')).readDeploymentSources;
}

/** Set by the bundler from package.json. */
export const CLI_VERSION = '0.1.0';

/** Findings an `@allow` suppressed, once each, with the reason given. */
function suppressedFindings(workspace: LoadedWorkspace): ReportSuppressed[] {
    const checker = workspace.services.archway.ModelChecker;
    const seen = new Set<string>();
    const result: ReportSuppressed[] = [];
    for (const document of workspace.all) {
        for (const check of checker.resultsFor(document)) {
            for (const { finding, allow } of check.suppressed) {
                const { start, end } = finding.location.range;
                const entry: ReportSuppressed = {
                    file: displayPath(finding.location.uri), line: start.line + 1, column: start.character + 1,
                    endLine: end.line + 1, endColumn: end.character + 1, severity: finding.severity, code: finding.code,
                    message: escapeControlCharacters(finding.message), reason: allow.reason,
                };
                const key = JSON.stringify(entry);
                if (seen.has(key)) continue;
                seen.add(key);
                result.push(entry);
            }
        }
    }
    return result.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
}

/** `localeCompare`, without asking the collator about equal strings (most pairs: the same file). */
function compareText(a: string, b: string): number {
    return a === b ? 0 : a.localeCompare(b);
}

/** Rule ids and other codes: kebab-case ASCII. */
const KEBAB = /^[a-z0-9-]*$/;

/**
 * `compareText` for codes. For kebab-case ASCII, the collator's order is the order of the code
 * units (`-` before digits before letters), so they are compared without it: setting up the
 * collator (ICU) costs a fresh process about 7 ms, more than sorting thousands of findings.
 */
function compareCodes(a: string, b: string): number {
    if (a === b) return 0;
    if (KEBAB.test(a) && KEBAB.test(b)) return a < b ? -1 : 1;
    return a.localeCompare(b);
}

/** `archway check --list-rules`: one line per rule. */
function formatRuleList(): string {
    const rules = listRules();
    const width = Math.max(...rules.map(r => r.id.length));
    return rules.map(r => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.area.padEnd(18)}  ${r.title}`).join('\n') + '\n';
}

/** A diagnostic of the file shown as `file` (see `displayPath`), as a report row. */
function toReport(file: string, diagnostic: Diagnostic): KeyedDiagnostic {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : diagnostic.code !== undefined ? String(diagnostic.code) : 'syntax-error';
    const data = diagnostic.data as { elements?: unknown } | undefined;
    const elements = Array.isArray(data?.elements) ? data.elements.filter((e): e is string => typeof e === 'string') : [];
    return {
        elements,
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITY[diagnostic.severity ?? DiagnosticSeverity.Error],
        code,
        message: escapeControlCharacters(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value),
    };
}

export { ruleDocsUrl };
