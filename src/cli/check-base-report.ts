/**
 * Output of `archway check --base REF`: the findings that are new since the base revision,
 * and the ones it had that are gone. Text lists only those; JSON and SARIF carry every
 * current finding with its baseline state, and the fixed ones.
 */
import type { BaselineComparison, KeyedDiagnostic } from './baseline.js';
import { formatSarif, type ReportDiagnostic, type ReportSeverity, type ReportSuppressed, type SarifRule } from './report.js';

export interface BaseReport {
    files: number;
    suppressed: ReportSuppressed[];
    comparison: BaselineComparison;
    /** The revision as named, and its commit. */
    ref: string;
    commit: string;
}

function plain({ elements: _elements, ...diagnostic }: KeyedDiagnostic): ReportDiagnostic {
    return diagnostic;
}

function line(d: ReportDiagnostic): string {
    return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}

/** Current findings in file order, each with its state. */
function current(comparison: BaselineComparison): { diagnostic: KeyedDiagnostic; state: 'new' | 'unchanged' }[] {
    const all = [
        ...comparison.fresh.map(diagnostic => ({ diagnostic, state: 'new' as const })),
        ...comparison.unchanged.map(diagnostic => ({ diagnostic, state: 'unchanged' as const })),
    ];
    return all.sort((a, b) => (a.diagnostic.file < b.diagnostic.file ? -1 : a.diagnostic.file > b.diagnostic.file ? 1 : 0)
        || a.diagnostic.line - b.diagnostic.line || a.diagnostic.column - b.diagnostic.column);
}

export function formatBaseReport(format: string, report: BaseReport, rules: () => SarifRule[], version: string): string {
    const { comparison } = report;
    if (format === 'json') {
        return JSON.stringify({
            files: report.files,
            base: { ref: report.ref, commit: report.commit },
            diagnostics: current(comparison).map(({ diagnostic, state }) => ({ ...plain(diagnostic), elements: diagnostic.elements, baselineState: state })),
            fixed: comparison.fixed.map(d => ({ ...plain(d), elements: d.elements, baselineState: 'absent' })),
            suppressed: report.suppressed,
        }, null, 2) + '\n';
    }
    if (format === 'sarif') {
        const ordered = current(comparison);
        return formatSarif({ files: report.files, diagnostics: ordered.map(c => plain(c.diagnostic)), suppressed: report.suppressed, invocationErrors: [] }, rules(), version,
            { states: ordered.map(c => c.state), absent: comparison.fixed.map(plain) });
    }
    const lines = comparison.fresh.map(line);
    if (comparison.fixed.length > 0) {
        lines.push(`Fixed since ${report.ref}:`);
        for (const d of comparison.fixed) lines.push(`  ${line(d)}`);
    }
    const count = (severity: ReportSeverity) => comparison.fresh.filter(d => d.severity === severity).length;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`${plural(report.files, 'file')} checked against ${report.ref}: ${plural(count('error'), 'new error')}, ${plural(count('warning'), 'new warning')}, `
        + `${plural(count('info') + count('hint'), 'new info')}; ${comparison.unchanged.length} unchanged, ${comparison.fixed.length} fixed.`);
    return lines.join('\n') + '\n';
}
