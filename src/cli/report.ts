/**
 * CLI report formats for `archway check`: text (like other linters), JSON and SARIF 2.1.0.
 */
import { relative } from 'node:path';
import { URI } from 'langium';
import { escapeControlCharacters } from '../language/display-text.js';

export type ReportSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic with 1-based positions, as printed by the CLI. */
export interface ReportDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: ReportSeverity;
    code: string;
    message: string;
}

/** A finding an `@allow` suppressed, with the reason given. */
export interface ReportSuppressed extends ReportDiagnostic {
    reason: string | undefined;
}

/** Why a run could not check anything (a usage error: bad option, missing path, broken configuration). */
export interface InvocationError {
    message: string;
}

export interface Report {
    files: number;
    diagnostics: ReportDiagnostic[];
    suppressed: ReportSuppressed[];
    /** Every flow's availability and latency against its SLO (docs/numbers.md); JSON only. */
    figures?: unknown[];
    /** Empty when the run checked the files; otherwise why it could not (the exit code is 2). */
    invocationErrors: InvocationError[];
}

/** A path for output: relative to the working directory when inside it. */
export function displayPath(uri: string, cwd = process.cwd()): string {
    const path = URI.parse(uri).fsPath;
    const rel = relative(cwd, path);
    return rel && !rel.startsWith('..') ? rel : path;
}

export function formatText(report: Report): string {
    const lines = report.diagnostics.map(d => `${escapeControlCharacters(d.file)}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    const count = (severity: ReportSeverity) => report.diagnostics.filter(d => d.severity === severity).length;
    const errors = count('error');
    const warnings = count('warning');
    const infos = count('info') + count('hint');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`${plural(report.files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`
        + (report.suppressed.length > 0 ? `, ${report.suppressed.length} suppressed by @allow.` : '.'));
    return lines.join('\n') + '\n';
}

export function formatJson(report: Report): string {
    return JSON.stringify(report, null, 2) + '\n';
}

/** Rule metadata for SARIF's `tool.driver.rules`. */
export interface SarifRule {
    id: string;
    title: string;
    helpUri: string;
}

/** Baseline states of `report.diagnostics` (same order) and the base's findings that are gone. */
export interface SarifBaseline {
    states: readonly ('new' | 'unchanged')[];
    absent: readonly ReportDiagnostic[];
}

const SARIF_LEVEL: Record<ReportSeverity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0. With a baseline (`archway check --base`), each result carries its
 * `baselineState` (`new`, `unchanged`), and the base's findings that are gone are added as
 * `absent` results.
 */
export function formatSarif(report: Report, rules: readonly SarifRule[], version: string, baseline?: SarifBaseline): string {
    const used = new Set([...report.diagnostics, ...(baseline?.absent ?? [])].map(d => d.code));
    const ruleList = [...rules.filter(r => used.has(r.id))];
    for (const code of used) {
        if (!ruleList.some(r => r.id === code)) ruleList.push({ id: code, title: code, helpUri: '' });
    }
    const index = new Map(ruleList.map((r, i) => [r.id, i]));
    const location = (d: ReportDiagnostic) => ({
        physicalLocation: {
            artifactLocation: { uri: d.file.split('\\').join('/') },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
    });
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'archway',
                    version,
                    informationUri: 'https://github.com/archway-dev/archway',
                    rules: ruleList.map(r => ({
                        id: r.id,
                        shortDescription: { text: r.title },
                        ...(r.helpUri ? { helpUri: r.helpUri } : {}),
                    })),
                },
            },
            results: [
                ...report.diagnostics.map((d, i) => ({
                    ruleId: d.code, ruleIndex: index.get(d.code), level: SARIF_LEVEL[d.severity],
                    message: { text: d.message }, locations: [location(d)],
                    ...(baseline ? { baselineState: baseline.states[i] } : {}),
                })),
                ...(baseline?.absent ?? []).map(d => ({
                    ruleId: d.code, ruleIndex: index.get(d.code), level: SARIF_LEVEL[d.severity],
                    message: { text: d.message }, locations: [location(d)], baselineState: 'absent',
                })),
                ...report.suppressed.map(d => ({
                    ruleId: d.code, ruleIndex: index.get(d.code) ?? 0, level: SARIF_LEVEL[d.severity],
                    message: { text: d.message }, locations: [location(d)],
                    suppressions: [{ kind: 'inSource', justification: d.reason ?? '' }],
                })).filter(r => index.has(r.ruleId)),
            ],
            invocations: [{
                executionSuccessful: report.invocationErrors.length === 0,
                toolExecutionNotifications: report.invocationErrors.map(e => ({ level: 'error', message: { text: e.message } })),
            }],
        }],
    };
    return JSON.stringify(sarif, null, 2) + '\n';
}
