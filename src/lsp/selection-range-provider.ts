/**
 * Selection ranges (expand selection): the word, then each enclosing syntax node.
 */
import { CstUtils, type CstNode, type LangiumDocument } from 'langium';
import type { Position, Range, SelectionRange } from 'vscode-languageserver-protocol';

/** Selection ranges: the word, then each enclosing syntax node up to the file. */
export function selectionRanges(document: LangiumDocument, positions: readonly Position[]): SelectionRange[] {
    const root = document.parseResult.value.$cstNode;
    return positions.map(position => {
        const offset = document.textDocument.offsetAt(position);
        const ranges: Range[] = [];
        let node: CstNode | undefined = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
        while (node) {
            const range = node.range;
            const last = ranges[ranges.length - 1];
            if (!last || !sameRange(last, range)) ranges.push(range);
            node = node.container;
        }
        if (ranges.length === 0) ranges.push({ start: position, end: position });
        let result: SelectionRange | undefined;
        for (let i = ranges.length - 1; i >= 0; i--) result = { range: ranges[i], parent: result };
        return result!;
    });
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
