/**
 * The `data` of a quick fix resolved lazily (`codeAction/resolve`): which fix of which finding in
 * which version of which document — a few dozen bytes instead of the fix's changes riding on
 * every diagnostic. It comes back from the client, so it is checked before use.
 */
import type { LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver';
import type { Finding } from '../model/arch-model.js';

/** True when a finding is the one of rule `code` reported at `range`. */
export function sameFinding(finding: Finding, code: string, range: Range): boolean {
    const a = finding.location.range;
    return finding.code === code && a.start.line === range.start.line && a.start.character === range.start.character
        && a.end.line === range.end.line && a.end.character === range.end.character;
}

/**
 * What a lazily resolved quick fix carries in its `data`: which fix (by index, checked against
 * the title) of which finding (rule and range) in which version of which document.
 */
export interface FixHandle {
    uri: string;
    version: number;
    code: string;
    range: Range;
    fix: number;
}

/** The handle of fix number `fix` of the finding of `code` at `range` in the document as it is now. */
export function fixHandle(document: LangiumDocument, code: string, range: Range, fix: number): FixHandle {
    return { uri: document.uri.toString(), version: document.textDocument.version, code, range, fix };
}

/** The handle in an action's data as the client sent it back (checked: it comes from outside), else undefined. */
export function parseFixHandle(data: unknown): FixHandle | undefined {
    const d = data as Partial<FixHandle> | undefined;
    const position = (p: unknown): boolean => Number.isInteger((p as Range['start'] | undefined)?.line) && Number.isInteger((p as Range['start']).character);
    if (typeof d !== 'object' || d === null || typeof d.uri !== 'string' || !Number.isInteger(d.version) || typeof d.code !== 'string'
        || !Number.isInteger(d.fix) || d.fix! < 0 || typeof d.range !== 'object' || d.range === null || !position(d.range.start) || !position(d.range.end)) return undefined;
    return { uri: d.uri, version: d.version!, code: d.code, fix: d.fix!, range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } } };
}
