/**
 * `archway diff` as text, JSON and Markdown (a pull-request comment: what changed in the
 * architecture, and the findings that are new or fixed). Pure.
 */
import type { ChangedEntry, DiffSection, FieldChange, ModelDiff } from './model-diff.js';

/** A finding as the diff report lists it. */
export interface DiffFinding {
    file: string;
    line: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
    /** Link to the rule's documentation. */
    helpUri?: string;
}

export interface DiffReport {
    /** The base revision as named, and its commit. */
    ref: string;
    commit: string;
    /** Files compared (display paths). */
    files: string[];
    diff: ModelDiff;
    findings: { new: DiffFinding[]; fixed: DiffFinding[] };
}

/** Marks the pull-request comment, so a workflow can update its own comment instead of adding one. */
export const MARKDOWN_MARKER = '<!-- archway-diff -->';

const SECTIONS = [['components', 'Components'], ['zones', 'Zones'], ['connections', 'Connections']] as const;

function changeText(change: FieldChange): string {
    if (change.before === undefined) return `${change.field}: ${change.after} (added)`;
    if (change.after === undefined) return `${change.field}: ${change.before} (removed)`;
    return `${change.field}: ${change.before} → ${change.after}`;
}

function changedLine(entry: ChangedEntry): string {
    return `${entry.text}: ${entry.changes.map(changeText).join('; ')}`;
}

function sectionCount(section: DiffSection): number {
    return section.added.length + section.removed.length + section.changed.length + section.renamed.length;
}

export function formatDiffText(report: DiffReport): string {
    const lines: string[] = [];
    const total = SECTIONS.reduce((n, [key]) => n + sectionCount(report.diff[key]), 0);
    lines.push(total === 0 ? `No architecture changes since ${report.ref}.` : `Architecture changes since ${report.ref}:`);
    for (const [key, title] of SECTIONS) {
        const section = report.diff[key];
        if (sectionCount(section) === 0) continue;
        lines.push('', `${title}:`);
        for (const e of section.added) lines.push(`  + ${e.text}`);
        for (const e of section.removed) lines.push(`  - ${e.text}`);
        for (const r of section.renamed) lines.push(`  ~ ${r.kind} ${r.from} renamed to ${r.to}`);
        for (const e of section.changed) lines.push(`  ~ ${changedLine(e)}`);
    }
    const { new: fresh, fixed } = report.findings;
    if (fresh.length + fixed.length > 0) {
        lines.push('', `Findings: ${fresh.length} new, ${fixed.length} fixed.`);
        for (const f of fresh) lines.push(`  new   ${f.file}:${f.line} ${f.severity} ${f.code} ${f.message}`);
        for (const f of fixed) lines.push(`  fixed ${f.file}:${f.line} ${f.severity} ${f.code} ${f.message}`);
    }
    return lines.join('\n') + '\n';
}

export function formatDiffJson(report: DiffReport): string {
    return JSON.stringify({ base: { ref: report.ref, commit: report.commit }, files: report.files, ...report.diff, findings: report.findings }, null, 2) + '\n';
}

/** Text for a Markdown list item: one line; characters that start markup or HTML escaped. */
function md(text: string): string {
    return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<|~])/g, '\\$1');
}

/** Inline code; text with a backtick gets a double-backtick fence. */
function code(text: string): string {
    const clean = text.replace(/[\r\n]+/g, ' ');
    return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

const SEVERITY_ICON: Record<DiffFinding['severity'], string> = { error: '🔴', warning: '🟠', info: '🔵', hint: '🔵' };

function findingItem(f: DiffFinding): string {
    const rule = f.helpUri ? `[${code(f.code)}](${f.helpUri})` : code(f.code);
    return `- ${SEVERITY_ICON[f.severity]} ${f.severity} ${rule} ${code(`${f.file}:${f.line}`)}: ${md(f.message)}`;
}

/** A pull-request comment: a summary table, the changes by kind, new and fixed findings. */
export function formatDiffMarkdown(report: DiffReport): string {
    const out: string[] = [MARKDOWN_MARKER, `### Architecture changes since ${code(report.ref)}`, ''];
    const total = SECTIONS.reduce((n, [key]) => n + sectionCount(report.diff[key]), 0);
    const { new: fresh, fixed } = report.findings;
    if (total === 0) out.push('No components, zones or connections changed.', '');
    else {
        out.push('| | Added | Removed | Renamed | Changed |', '|---|---:|---:|---:|---:|');
        for (const [key, title] of SECTIONS) {
            const s = report.diff[key];
            if (sectionCount(s) === 0) continue;
            out.push(`| ${title} | ${s.added.length} | ${s.removed.length} | ${s.renamed.length} | ${s.changed.length} |`);
        }
        out.push('');
        for (const [key, title] of SECTIONS) {
            const s = report.diff[key];
            if (sectionCount(s) === 0) continue;
            out.push(`**${title}**`, '');
            for (const e of s.added) out.push(`- ➕ ${code(e.text)}`);
            for (const e of s.removed) out.push(`- ➖ ${code(e.text)}`);
            for (const r of s.renamed) out.push(`- ✏️ ${md(r.kind)} ${code(r.from)} renamed to ${code(r.to)}`);
            for (const e of s.changed) out.push(`- ✏️ ${code(e.text)}: ${e.changes.map(c => md(changeText(c))).join('; ')}`);
            out.push('');
        }
    }
    const errors = fresh.filter(f => f.severity === 'error').length;
    out.push(`**Findings:** ${fresh.length} new${errors > 0 ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}, ${fixed.length} fixed.`, '');
    if (fresh.length > 0) {
        out.push(`<details${errors > 0 ? ' open' : ''}><summary>New findings (${fresh.length})</summary>`, '', ...fresh.map(findingItem), '', '</details>', '');
    }
    if (fixed.length > 0) {
        out.push(`<details><summary>Fixed findings (${fixed.length})</summary>`, '', ...fixed.map(findingItem), '', '</details>', '');
    }
    out.push(`<sub>${md(report.files.join(', '))} compared with ${code(report.commit.slice(0, 12))} by archway diff.</sub>`);
    return out.join('\n') + '\n';
}
