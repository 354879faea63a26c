/**
 * Findings now against findings at a base revision (`archway check --base`, `archway diff`):
 * a finding is the same across revisions when its rule, the element ids it is about and its
 * message are — never its line, so moving a block or adding lines above it changes nothing.
 */
import type { ReportDiagnostic } from './report.js';

/** SARIF's `baselineState` values that `--base` uses. */
export type BaselineState = 'new' | 'unchanged' | 'absent';

/** A diagnostic with the model elements it is about (from the checker's findings). */
export interface KeyedDiagnostic extends ReportDiagnostic {
    elements: string[];
}

/** What identifies a finding across revisions. */
export function findingKey(diagnostic: KeyedDiagnostic): string {
    return JSON.stringify([diagnostic.code, diagnostic.elements, diagnostic.message]);
}

/** The current findings split into new and unchanged, and the base's that are gone (fixed). */
export interface BaselineComparison {
    fresh: KeyedDiagnostic[];
    unchanged: KeyedDiagnostic[];
    fixed: KeyedDiagnostic[];
}

/** Compares as multisets: two equal findings now and one at the base are one unchanged, one new. */
export function compareWithBaseline(current: readonly KeyedDiagnostic[], base: readonly KeyedDiagnostic[]): BaselineComparison {
    const remaining = new Map<string, KeyedDiagnostic[]>();
    for (const diagnostic of base) {
        const key = findingKey(diagnostic);
        const list = remaining.get(key);
        if (list) list.push(diagnostic);
        else remaining.set(key, [diagnostic]);
    }
    const fresh: KeyedDiagnostic[] = [];
    const unchanged: KeyedDiagnostic[] = [];
    for (const diagnostic of current) {
        const match = remaining.get(findingKey(diagnostic));
        if (match && match.length > 0) {
            match.shift();
            unchanged.push(diagnostic);
        } else fresh.push(diagnostic);
    }
    const fixed = base.filter(diagnostic => {
        const left = remaining.get(findingKey(diagnostic));
        if (!left || !left.includes(diagnostic)) return false;
        return true;
    });
    return { fresh, unchanged, fixed };
}
