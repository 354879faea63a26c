/**
 * `archway check [paths…] [--format text|json|sarif] [--max-warnings N] [--config FILE]`.
 * Exit 0 when clean, 1 on errors or too many warnings, 2 on bad usage or unreadable input.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LangiumDocument } from 'langium';
import { ruleDocsUrl } from '../lsp/diagnostics.js';
import { discoverArchFiles, InputError, loadWorkspace } from './load-workspace.js';
import { displayPath, formatJson, formatSarif, formatText, type Report, type ReportDiagnostic, type ReportSeverity } from './report.js';
import { parseArgs, type CliIo, UsageError } from './args.js';

const SEVERITY: Record<number, ReportSeverity> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint',
};

export const CHECK_USAGE = 'Usage: archway check [paths…] [--format text|json|sarif] [--max-warnings N] [--config archway.json]';

export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { format: 'string', 'max-warnings': 'string', config: 'string' });
    const format = args.options.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`Unknown format '${format}'; use text, json or sarif.`);
    let maxWarnings = Infinity;
    if (args.options['max-warnings'] !== undefined) {
        maxWarnings = Number(args.options['max-warnings']);
        if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, not '${args.options['max-warnings']}'.`);
    }
    const paths = args.positionals.length > 0 ? args.positionals : ['.'];
    const files = discoverArchFiles(paths);
    if (files.length === 0) throw new InputError(`No .arch files found in ${paths.map(p => `'${p}'`).join(', ')}.`);
    const workspace = await loadWorkspace(files);

    const diagnostics: ReportDiagnostic[] = [];
    for (const document of workspace.all) {
        for (const diagnostic of document.diagnostics ?? []) diagnostics.push(toReport(document, diagnostic));
    }
    diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
    const report: Report = { files: workspace.all.length, diagnostics, suppressed: [] };

    if (format === 'json') io.stdout(formatJson(report));
    else if (format === 'sarif') io.stdout(formatSarif(report, [], CLI_VERSION));
    else io.stdout(formatText(report));

    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.filter(d => d.severity === 'warning').length;
    if (errors > 0) return 1;
    if (warnings > maxWarnings) {
        if (format === 'text') io.stderr(`Too many warnings: ${warnings} (at most ${maxWarnings} allowed).\n`);
        return 1;
    }
    return 0;
}

/** Set by the bundler from package.json. */
export const CLI_VERSION = '0.1.0';

function toReport(document: LangiumDocument, diagnostic: Diagnostic): ReportDiagnostic {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : diagnostic.code !== undefined ? String(diagnostic.code) : 'syntax-error';
    return {
        file: displayPath(document.uri.toString()),
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITY[diagnostic.severity ?? DiagnosticSeverity.Error],
        code,
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    };
}

export { ruleDocsUrl };
