/**
 * The LSP formatter: `formatArch` (`src/format/`) over the document, as one minimal text edit.
 */
import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentOnTypeFormattingOptions, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver-protocol';
import { formatDocumentText } from '../format/format-text.js';

/** The smallest single edit turning `before` into `after` (none when equal). */
export function minimalEdit(document: LangiumDocument, before: string, after: string): TextEdit[] {
    if (before === after) return [];
    let start = 0;
    const max = Math.min(before.length, after.length);
    while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
        endBefore--;
        endAfter--;
    }
    // Do not split a \r\n pair.
    if (start > 0 && before[start - 1] === '\r' && before[start] === '\n') start--;
    if (endBefore < before.length && before[endBefore - 1] === '\r' && before[endBefore] === '\n') {
        endBefore++;
        endAfter++;
    }
    return [{
        range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(endBefore) },
        newText: after.slice(start, endAfter),
    }];
}

/** Whole-document formatting; range formatting applies it when the change stays inside the range. */
export class ArchwayFormatter implements Formatter {
    formatDocument(document: LangiumDocument): TextEdit[] {
        return this.edits(document);
    }

    /** Formats the document but only returns the change when it lies within the range's lines. */
    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const edits = this.edits(document);
        const { start, end } = params.range;
        return edits.every(e => e.range.start.line >= start.line && e.range.end.line <= end.line + 1) ? edits : [];
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private edits(document: LangiumDocument): TextEdit[] {
        try {
            const before = document.textDocument.getText();
            return minimalEdit(document, before, formatDocumentText(document));
        } catch {
            return [];
        }
    }
}
