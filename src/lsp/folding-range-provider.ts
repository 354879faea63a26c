/**
 * Folding ranges: blocks, block comments and runs of `//` comment lines.
 */
import type { AstNode, LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver-protocol';
import { tokenize } from '../format/tokens.js';

/** Folding: Langium's block folding plus block comments and runs of `//` comment lines. */
export class ArchwayFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectCommentFolding(document: LangiumDocument, _node: AstNode, acceptor: FoldingRangeAcceptor): void {
        const text = document.textDocument.getText();
        let run: { start: number; end: number } | undefined;
        const flush = (): void => {
            if (run && run.end > run.start) acceptor({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
            run = undefined;
        };
        for (const token of tokenize(text)) {
            if (token.type !== 'comment') continue;
            const start = document.textDocument.positionAt(token.offset).line;
            const end = document.textDocument.positionAt(token.end).line;
            if (!token.lineComment) {
                flush();
                if (end > start) acceptor({ startLine: start, endLine: end, kind: FoldingRangeKind.Comment });
                continue;
            }
            const lineStart = text.lastIndexOf('\n', token.offset - 1) + 1;
            const ownLine = text.slice(lineStart, token.offset).trim() === '';
            if (ownLine && run && run.end === start - 1) run.end = start;
            else {
                flush();
                if (ownLine) run = { start, end: start };
            }
        }
        flush();
    }
}
