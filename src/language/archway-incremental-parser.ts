/**
 * Incremental re-parsing: after an edit, only the top-level declarations around the changed
 * text are parsed again, and their new syntax trees are spliced into the previous ones.
 *
 * Langium parses a whole document on every change. On a 100 KB file that is most of the time
 * between a keystroke and its diagnostics, and the new tree makes garbage of the old one. An
 * `.arch` file is a flat list of top-level declarations (zones, components, connections, views,
 * flows), each parsed independently of its neighbours, so an edit inside one of them changes
 * only that one: its text (plus one unchanged neighbour on each side, so that a declaration that
 * now swallows or releases text next to it is caught) is parsed alone, checked, and swapped in.
 * Everything after it moves by the edit's length in offsets and lines.
 *
 * It falls back to a full parse (returns undefined) whenever the result could differ from one:
 * the edit touches the header or the imports, a neighbour did not come back exactly as it was,
 * or a syntax error could reach outside the window. Syntax errors are allowed (in the previous
 * parse and in the new one) only between the two unchanged neighbours, which must themselves
 * parse cleanly: then the parser reaches the first neighbour, and leaves the second, in the
 * same state as a full parse does, and the errors (shifted into place) are the full parse's.
 * That is what keeps typing a new declaration, keystroke by keystroke through the broken
 * states `s`, `se`, … `service foo "F`, on the fast path. The equivalence with a full parse is
 * what `test/language/incremental-parsing.test.ts` checks, for many random edits and for
 * declarations typed at the end of a file and between two declarations.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import type { AstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import { MAX_FILE_BYTES } from './archway-limits.js';
import type { ArchFile, TopElement } from './generated/ast.js';

/** The internal fields of Langium's CST node classes that a splice has to move. */
interface LeafFields {
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}
interface CompositeFields {
    content: CstNode[];
    container?: CstNode;
    _rangeCache?: unknown;
    _astNode?: AstNode;
    _text?: string;
}
type MutableCst = CstNode & Partial<LeafFields> & CompositeFields;

/** Where a text position is, zero-based. */
interface TextPosition {
    line: number;
    character: number;
}

/** Statistics for the benchmark and tests: how often the fast path was taken. */
export const incrementalParseStats = { incremental: 0, full: 0 };

/**
 * The parse result of `newText`, reusing `previous` (the parse of `oldText`) where the text did
 * not change; undefined when only a full parse gives a trustworthy result.
 */
export function reparseIncrementally(
    parser: LangiumParser, previous: ParseResult<AstNode>, oldText: string, newText: string,
): ParseResult<AstNode> | undefined {
    // When the declaration before the edit changes (a closing quote gives it its label, an
    // opening brace a block), the window starts one declaration earlier and is tried again.
    const first = reparseWindow(parser, previous, oldText, newText, 0);
    const result = first === 'widen' ? reparseWindow(parser, previous, oldText, newText, 1) : first;
    return result === 'widen' ? undefined : result;
}

/**
 * `reparseIncrementally` with the window widened by `widen` more declarations before the edit;
 * 'widen' when the first of them did not come back as it was.
 */
function reparseWindow(
    parser: LangiumParser, previous: ParseResult<AstNode>, oldText: string, newText: string, widen: number,
): ParseResult<AstNode> | 'widen' | undefined {
    // A file that may be over the size limit is parsed in full (which refuses it).
    if (newText.length * 3 > MAX_FILE_BYTES) return undefined;
    if ((previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    const oldErrors = errorSpan(previous);
    if (!oldErrors) return undefined;
    const oldRoot = previous.value as ArchFile;
    const oldRootCst = oldRoot.$cstNode as MutableCst | undefined;
    if (!oldRootCst || oldRoot.$type !== 'ArchFile' || (oldRootCst.root as CstNode) !== oldRootCst) return undefined;
    const elements = oldRoot.elements;
    if (elements.length === 0) return undefined;

    // The changed region: [start, oldEnd) in the old text is [start, newEnd) in the new one.
    const { start, oldEnd } = changedRegion(oldText, newText);
    if (start === oldText.length && oldText.length === newText.length) return undefined; // unchanged

    // The header and imports are not re-parsed: the edit must lie after them.
    const preambleEnd = Math.max(oldRoot.header?.$cstNode?.end ?? -1, ...oldRoot.imports.map(i => i.$cstNode?.end ?? -1));
    if (start <= preambleEnd) return undefined;

    // Declarations touching the change, widened by one unchanged neighbour on each side.
    const first = firstIndex(elements.length, i => cstOf(elements[i]).end >= start);
    const last = firstIndex(elements.length, i => cstOf(elements[i]).offset > oldEnd) - 1;
    const before = first - 1 - widen; // the unchanged neighbour before, or -1
    const after = Math.max(last, first - 1) + 1; // the unchanged neighbour after, or elements.length
    const lo = Math.max(0, before);
    const hi = Math.min(elements.length - 1, after);
    const toEndOfFile = after >= elements.length;
    const windowStart = cstOf(elements[lo]).offset;
    if (windowStart > start) return undefined; // the edit is before the first declaration
    const windowOldEnd = toEndOfFile ? oldText.length : cstOf(elements[hi]).end;
    if (windowOldEnd < oldEnd) return undefined;
    const delta = newText.length - oldText.length;
    const windowNewEnd = windowOldEnd + delta;

    // The previous parse's errors must lie between the neighbours (which parsed cleanly).
    if (!oldErrors.clean) {
        if (before < 0 || oldErrors.first < cstOf(elements[before]).end) return undefined;
        if (!toEndOfFile && oldErrors.last >= cstOf(elements[hi]).offset) return undefined;
    }

    const window = parser.parse(newText.slice(windowStart, windowNewEnd));
    if ((window.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    const newErrors = errorSpan(window);
    if (!newErrors) return undefined;
    const windowRoot = window.value as ArchFile;
    const windowRootCst = windowRoot.$cstNode as MutableCst | undefined;
    if (!windowRootCst || windowRoot.header || windowRoot.imports.length > 0 || windowRoot.elements.length === 0) return undefined;
    const fresh = windowRoot.elements;
    // The neighbours must come back exactly as they were: same length, same place.
    if (before >= 0) {
        const old = cstOf(elements[before]);
        const now = cstOf(fresh[0]);
        if (now.offset !== 0 || now.end !== old.end - old.offset) return before > 0 ? 'widen' : undefined;
    }
    if (!toEndOfFile) {
        const old = cstOf(elements[hi]);
        const now = cstOf(fresh[fresh.length - 1]);
        if (now.end !== windowNewEnd - windowStart || now.end - now.offset !== old.end - old.offset) return undefined;
    }
    // The new errors, likewise, must lie between the neighbours.
    if (!newErrors.clean) {
        if (before < 0 || newErrors.first < cstOf(fresh[0]).end) return undefined;
        if (!toEndOfFile && (fresh.length < 2 || newErrors.last >= cstOf(fresh[fresh.length - 1]).offset)) return undefined;
    }

    // Positions: the window's text starts where the old declaration `lo` started.
    const windowStartPosition = cstOf(elements[lo]).range.start;
    const oldWindowEndPosition = toEndOfFile ? undefined : cstOf(elements[hi]).range.end;
    const newWindowEndPosition = toEndOfFile ? undefined : shiftPosition(cstOf(fresh[fresh.length - 1]).range.end, windowStartPosition);

    // The new root: the old top-level CST children outside the window, the window's inside it.
    const rootContent = oldRootCst.content;
    const cut = firstIndex(rootContent.length, i => spanStart(rootContent[i]) >= windowStart);
    const resume = firstIndex(rootContent.length, i => spanStart(rootContent[i]) >= windowOldEnd);
    const newRootCst: MutableCst = Object.create(Object.getPrototypeOf(oldRootCst));
    Object.assign(newRootCst, oldRootCst);
    newRootCst._text = newText;
    newRootCst._rangeCache = undefined;
    newRootCst.container = undefined;
    for (const node of windowRootCst.content) shiftSubtree(node as MutableCst, windowStart, windowStartPosition);
    const tail = rootContent.slice(resume);
    if (oldWindowEndPosition && newWindowEndPosition) {
        for (const node of tail) moveSubtree(node as MutableCst, delta, oldWindowEndPosition, newWindowEndPosition);
    }
    newRootCst.content = [...rootContent.slice(0, cut), ...windowRootCst.content, ...tail];
    for (const node of newRootCst.content) (node as { container?: unknown }).container = newRootCst;

    // The new AST root: the same header and imports, the spliced declarations.
    const newRoot = Object.create(Object.getPrototypeOf(oldRoot)) as ArchFile & { $document?: unknown };
    Object.assign(newRoot, oldRoot);
    newRoot.$document = undefined;
    newRoot.elements = [...elements.slice(0, lo), ...fresh, ...elements.slice(hi + 1)];
    (newRoot as { $cstNode?: CstNode }).$cstNode = newRootCst;
    newRootCst._astNode = newRoot;
    if (newRoot.header) (newRoot.header as { $container: AstNode }).$container = newRoot;
    for (const imported of newRoot.imports) (imported as { $container: AstNode }).$container = newRoot;
    newRoot.elements.forEach((element, index) => {
        const node = element as Partial<{ $container: AstNode; $containerProperty: string; $containerIndex: number }>;
        node.$container = newRoot;
        node.$containerProperty = 'elements';
        node.$containerIndex = index;
    });
    shiftErrors(window, windowStart, windowStartPosition);
    incrementalParseStats.incremental++;
    return { value: newRoot, lexerErrors: window.lexerErrors, parserErrors: window.parserErrors, lexerReport: window.lexerReport };
}

/** Where a parse's syntax errors are: clean, or the first and last offsets any of them names. */
type ErrorSpan = { clean: true } | { clean: false; first: number; last: number };

/** The span of a parse's errors; undefined when an error has no usable position. */
function errorSpan(result: ParseResult<AstNode>): ErrorSpan | undefined {
    if (result.lexerErrors.length === 0 && result.parserErrors.length === 0) return { clean: true };
    let first = Infinity;
    let last = -Infinity;
    const note = (offset: number) => {
        first = Math.min(first, offset);
        last = Math.max(last, offset);
    };
    for (const error of result.lexerErrors) {
        if (!Number.isFinite(error.offset) || error.offset < 0) return undefined;
        note(error.offset);
        note(error.offset + Math.max(0, error.length));
    }
    for (const error of result.parserErrors) {
        // Where the error is reported: its token, or the end of the token before an inserted one.
        const token = hasPosition(error.token) ? error.token : undefined;
        const previousToken = (error as { previousToken?: IToken }).previousToken;
        if (token) note(token.startOffset);
        else if (hasPosition(previousToken)) note((previousToken.endOffset ?? previousToken.startOffset) + 1);
        else return undefined;
        for (const skipped of [token, ...(error.resyncedTokens ?? [])]) {
            if (hasPosition(skipped)) note((skipped.endOffset ?? skipped.startOffset) + 1);
        }
    }
    return { clean: false, first, last };
}

/** The tokens with real positions that a parser error names (an inserted token has none). */
function errorTokens(error: IRecognitionException): IToken[] {
    const candidates = [error.token, (error as { previousToken?: IToken }).previousToken, ...(error.resyncedTokens ?? [])];
    return candidates.filter(hasPosition);
}

function hasPosition(token: IToken | undefined): token is IToken {
    return !!token && Number.isFinite(token.startOffset) && token.startOffset >= 0;
}

/** Moves a window's errors (parsed from offset 0, line 1) to `offset`/`origin` in the file. */
function shiftErrors(window: ParseResult<AstNode>, offset: number, origin: TextPosition): void {
    for (const error of window.lexerErrors) {
        const mutable = error as { offset: number; line: number | undefined; column: number | undefined };
        mutable.offset += offset;
        if (mutable.line === 1 && mutable.column !== undefined) mutable.column += origin.character;
        if (mutable.line !== undefined) mutable.line += origin.line;
    }
    const seen = new Set<IToken>();
    for (const error of window.parserErrors) {
        for (const token of errorTokens(error)) {
            if (seen.has(token)) continue;
            seen.add(token);
            token.startOffset += offset;
            if (token.endOffset !== undefined) token.endOffset += offset;
            if (token.startLine === 1 && token.startColumn !== undefined) token.startColumn += origin.character;
            if (token.endLine === 1 && token.endColumn !== undefined) token.endColumn += origin.character;
            if (token.startLine !== undefined) token.startLine += origin.line;
            if (token.endLine !== undefined) token.endLine += origin.line;
        }
    }
}

/**
 * The first index in [0, length) where `test` holds, or `length`: a binary search, as `test`
 * fails then holds along a file's declarations in source order (a big file has thousands).
 */
function firstIndex(length: number, test: (index: number) => boolean): number {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (test(mid)) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

function cstOf(element: TopElement): CstNode {
    return element.$cstNode!;
}

/** Offset where a node's text begins, hidden or not. */
function spanStart(node: CstNode): number {
    const composite = node as MutableCst;
    return composite.content ? (composite.content.length > 0 ? spanStart(composite.content[0]) : node.offset) : node.offset;
}

/** The common prefix and suffix of the two texts leave this changed region. */
function changedRegion(oldText: string, newText: string): { start: number; oldEnd: number } {
    const limit = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < limit && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    const maxSuffix = limit - start;
    while (suffix < maxSuffix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix };
}

function shiftPosition(position: TextPosition, origin: TextPosition): TextPosition {
    return position.line === 0
        ? { line: origin.line, character: origin.character + position.character }
        : { line: origin.line + position.line, character: position.character };
}

/** Moves a subtree parsed on its own (from offset 0, line 0) to `offset`/`origin` in the file. */
function shiftSubtree(root: MutableCst, offset: number, origin: TextPosition): void {
    forEachNode(root, node => {
        if (node.content) {
            node._rangeCache = undefined;
            return;
        }
        const leaf = node as unknown as LeafFields;
        leaf._offset += offset;
        if (leaf._startLine === 0) leaf._startColumn += origin.character;
        if (leaf._endLine === 0) leaf._endColumn += origin.character;
        leaf._startLine += origin.line;
        leaf._endLine += origin.line;
    });
}

/** Moves a subtree after the edit: by `delta` in offsets, and from `oldEnd` to `newEnd` in lines. */
function moveSubtree(root: MutableCst, delta: number, oldEnd: TextPosition, newEnd: TextPosition): void {
    const lines = newEnd.line - oldEnd.line;
    const columns = newEnd.character - oldEnd.character;
    if (delta === 0 && lines === 0 && columns === 0) return;
    // Edits within lines (a changed label, say) move offsets only: the composite nodes' cached
    // ranges (lines and columns) stay right, and recomputing them is most of a model build.
    const positionsMove = lines !== 0 || columns !== 0;
    forEachNode(root, node => {
        if (node.content) {
            if (positionsMove) node._rangeCache = undefined;
            return;
        }
        const leaf = node as unknown as LeafFields;
        leaf._offset += delta;
        if (leaf._startLine === oldEnd.line) leaf._startColumn += columns;
        if (leaf._endLine === oldEnd.line) leaf._endColumn += columns;
        leaf._startLine += lines;
        leaf._endLine += lines;
    });
}

/** Visits every node of a CST subtree, without recursion (blocks may nest deeply). */
function forEachNode(root: MutableCst, visit: (node: MutableCst) => void): void {
    const stack: MutableCst[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        visit(node);
        if (node.content) for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i] as MutableCst);
    }
}
