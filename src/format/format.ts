/**
 * The canonical layout of `.arch` text. One pure function used by the language server's
 * formatter and by `archway format`, so the editor and CI agree.
 *
 * Layout: two-space indentation per block; one statement per line in multi-line blocks;
 * `name: value` for properties (values aligned within a run of property lines);
 * `a -> b : proto "label"` for connections; short blocks written on one line stay on one line
 * (`{ a: 1  b: 2 }`), zones are always multi-line; one blank line around multi-line top-level
 * declarations and between the header, the imports and the rest; at most one blank line
 * anywhere; trailing comments of consecutive lines aligned; comments are kept where they are.
 *
 * Text with syntax errors is only re-indented (line structure, tokens and spacing kept), so a
 * half-typed file is never mangled.
 */
import { AstUtils, CstUtils, GrammarUtils, isLeafCstNode, type AstNode, type CstNode } from 'langium';
import type { ArchFile } from '../language/generated/ast.js';
import { inputLimitProblem } from '../language/archway-limits.js';
import { countLineBreaks, tokenize, type Token } from './tokens.js';

/** Containers and the properties that hold their block members. */
const MEMBER_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
    ArchFile: ['header', 'imports', 'elements'],
    Zone: ['members'],
    Component: ['members'],
    Channel: ['properties'],
    Route: ['properties'],
    Connection: ['properties'],
    WordValue: ['properties'],
    BlockValue: ['properties'],
    View: ['includes', 'excludes', 'properties'],
    Flow: ['steps', 'properties'],
};

const OPENERS: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')' };
const CLOSERS = new Set(['}', ']', ')']);
const INDENT = '  ';

/** What the AST says about the layout of each token, by offset. */
interface LayoutInfo {
    /** Offsets of the first token of each block member → offset of the block's `{` (-1: top level). */
    memberStarts: Map<number, number>;
    /** Colons of connections and flow steps (spaced on both sides). */
    connectionColons: Set<number>;
    /** Colons of properties that start a line (aligned). */
    propertyColons: Set<number>;
    /** Optional `,`/`;` after a property: dropped. */
    dropped: Set<number>;
    /** `{` of blocks that are always multi-line (non-empty zones). */
    alwaysExpanded: Set<number>;
    /** Top-level members in order: their range and group (header, import, element). */
    topMembers: { offset: number; end: number; group: string }[];
}

interface Line {
    depth: number;
    text: string;
    blankBefore: boolean;
    /** Index in `text` just after a property's colon, for value alignment. */
    align?: number;
    /** A trailing `// …` comment. */
    comment?: string;
}

interface Frame {
    closer: string;
    expanded: boolean;
    offset: number;
}

/** The end-of-line sequence a text mostly uses. */
export function detectEol(text: string): string {
    const index = text.indexOf('\n');
    return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Formats `.arch` text. Pass the parsed root when `text` parsed without errors; without it
 * (or when the text has syntax errors) the text is only re-indented.
 */
export function formatArch(text: string, root: ArchFile | undefined): string {
    // Text the parser refuses (too large, nested too deep) is left alone: re-indenting
    // thousands of nested levels would make the output quadratic in size.
    if (inputLimitProblem(text)) return text;
    const eol = detectEol(text);
    if (!root?.$cstNode) return reindent(text, eol);
    try {
        const tokens = tokenize(text);
        const info = layoutInfo(root);
        const formatted = printTokens(text, tokens, info, eol);
        // Insurance: the formatter may only change whitespace (and drop optional separators).
        // Comments may lose trailing whitespace (and have their line breaks normalised).
        const same = (t: Token) => t.type === 'comment' ? t.text.replace(/\r\n?/g, '\n').replace(/[^\S\r\n]+$/gm, '') : t.text;
        const before = tokens.filter(t => !info.dropped.has(t.offset)).map(same);
        const after = tokenize(formatted).map(same);
        if (before.length !== after.length || before.some((t, i) => t !== after[i])) return reindent(text, eol);
        return formatted;
    } catch {
        return reindent(text, eol);
    }
}

function layoutInfo(root: ArchFile): LayoutInfo {
    const info: LayoutInfo = {
        memberStarts: new Map(), connectionColons: new Set(), propertyColons: new Set(),
        dropped: new Set(), alwaysExpanded: new Set(), topMembers: [],
    };
    const blockOf = (node: AstNode): number => node === root ? -1 : GrammarUtils.findNodeForKeyword(node.$cstNode, '{')?.offset ?? -2;
    for (const node of AstUtils.streamAst(root)) {
        const cst = node.$cstNode;
        if (!cst) continue;
        const container = node.$container;
        const isMember = container && node.$containerProperty && MEMBER_PROPERTIES[container.$type]?.includes(node.$containerProperty);
        if (isMember) {
            const block = blockOf(container);
            info.memberStarts.set(cst.offset, block);
            if (container === root) {
                const group = node.$containerProperty === 'elements' ? 'element' : node.$containerProperty!;
                info.topMembers.push({ offset: cst.offset, end: cst.end, group });
            }
            const annotations = (node as { annotations?: AstNode[] }).annotations;
            if (annotations && annotations.length > 0) {
                const last = annotations[annotations.length - 1].$cstNode;
                if (last) info.memberStarts.set(nextLeafOffset(cst, last.end), block);
            }
        }
        if (node.$type === 'Connection' || node.$type === 'FlowStep' || node.$type === 'Route') {
            const colon = GrammarUtils.findNodeForKeyword(cst, ':');
            if (colon) info.connectionColons.add(colon.offset);
        }
        if (node.$type === 'Property') {
            const colon = GrammarUtils.findNodeForKeyword(cst, ':');
            if (colon && isMember) info.propertyColons.add(colon.offset);
            for (const sep of [',', ';']) {
                const node = GrammarUtils.findNodeForKeyword(cst, sep);
                if (node && node.end === cst.end) info.dropped.add(node.offset);
            }
        }
        if (node.$type === 'Zone' && (node as unknown as { members: unknown[] }).members.length > 0) {
            const brace = GrammarUtils.findNodeForKeyword(cst, '{');
            if (brace) info.alwaysExpanded.add(brace.offset);
        }
    }
    info.topMembers.sort((a, b) => a.offset - b.offset);
    return info;
}

/** Offset of the first non-hidden leaf of `cst` that starts at or after `offset`. */
function nextLeafOffset(cst: CstNode, offset: number): number {
    for (const leaf of CstUtils.streamCst(cst)) {
        if (isLeafCstNode(leaf) && !leaf.hidden && leaf.offset >= offset) return leaf.offset;
    }
    return offset;
}

/** Index of the matching closer of each opener (by token index). */
function matchBrackets(tokens: readonly Token[]): Map<number, number> {
    const matches = new Map<number, number>();
    const stack: number[] = [];
    tokens.forEach((token, i) => {
        if (token.type !== 'punct') return;
        if (OPENERS[token.text]) stack.push(i);
        else if (CLOSERS.has(token.text)) {
            const open = stack.pop();
            if (open !== undefined) matches.set(open, i);
        }
    });
    return matches;
}

function printTokens(text: string, tokens: readonly Token[], info: LayoutInfo, eol: string): string {
    const matches = matchBrackets(tokens);
    const lines: Line[] = [];
    const stack: Frame[] = [];
    let line: Line | undefined;
    let prev: Token | undefined;
    let sourceEnd = 0;
    const topStartLine = new Map<number, number>();
    const topEndLine = new Map<number, number>();
    const topByEnd = new Map<number, number>();
    info.topMembers.forEach((m, i) => topByEnd.set(m.end, i));
    const topByStart = new Map<number, number>();
    info.topMembers.forEach((m, i) => topByStart.set(m.offset, i));

    tokens.forEach((token, index) => {
        const gap = text.slice(sourceEnd, token.offset);
        sourceEnd = token.end;
        if (info.dropped.has(token.offset)) return;
        const breaks = countLineBreaks(gap);
        const isCloser = token.type === 'punct' && CLOSERS.has(token.text) && stack.length > 0 && stack[stack.length - 1].closer === token.text;
        const closed = isCloser ? stack.pop() : undefined;
        const memberBlock = info.memberStarts.get(token.offset);
        const frame = stack[stack.length - 1];
        const isMember = memberBlock !== undefined && (memberBlock === -1 ? stack.length === 0 : frame?.offset === memberBlock);
        const memberExpanded = isMember && (memberBlock === -1 || frame.expanded);
        const isComment = token.type === 'comment';

        let breakBefore = false;
        if (!line || !prev) breakBefore = true;
        else if (prev.type === 'comment' && prev.lineComment) breakBefore = true;
        else if (isComment && breaks > 0) breakBefore = true;
        else if (memberExpanded) breakBefore = true;
        else if (closed?.expanded) breakBefore = true;

        if (breakBefore) {
            if (line) lines.push(line);
            const continuation = !isCloser && !isComment && !isMember && prev !== undefined;
            const depth = stack.length + (continuation ? 1 : 0);
            const afterOpen = prev !== undefined && OPENERS[prev.text] !== undefined && prev.type === 'punct';
            line = { depth, text: token.text, blankBefore: lines.length > 0 && breaks >= 2 && !isCloser && !afterOpen };
        } else if (isComment && token.lineComment) {
            line!.comment = token.text;
        } else {
            line!.text += separator(prev!, token, info, isMember && !memberExpanded) + token.text;
        }
        const lineIndex = lines.length;
        const top = topByStart.get(token.offset);
        if (top !== undefined && stack.length === 0) topStartLine.set(top, lineIndex);
        const topEnd = topByEnd.get(token.end);
        if (topEnd !== undefined && stack.length === 0) topEndLine.set(topEnd, lineIndex);

        if (info.propertyColons.has(token.offset) && line!.text.indexOf(':') === line!.text.length - 1 && !line!.text.slice(0, -1).includes(' ')) {
            line!.align = line!.text.length;
        }
        if (token.type === 'punct' && OPENERS[token.text]) {
            const close = matches.get(index);
            const inner = close !== undefined ? text.slice(token.end, tokens[close].offset) : '';
            const expanded = token.text === '{' && (info.alwaysExpanded.has(token.offset) || countLineBreaks(inner) > 0);
            stack.push({ closer: OPENERS[token.text], expanded, offset: token.offset });
        }
        prev = token;
    });
    if (line) lines.push(line);

    separateTopLevel(lines, info, topStartLine, topEndLine);
    alignValues(lines);
    return render(lines, eol);
}

function separator(prev: Token, token: Token, info: LayoutInfo, inlineMember: boolean): string {
    const t = token.text;
    const p = prev.text;
    if (token.type === 'comment') return ' ';
    if (token.type === 'punct' && (t === ',' || t === ';' || t === ')' || t === ']')) return '';
    if (prev.type === 'punct' && (p === '(' || p === '[' || p === '@' || p === '.' || p === '+')) return '';
    if (token.type === 'punct' && (t === '.' || t === '+')) return '';
    if (t === '(' && prev.type === 'name') return '';
    if (t === ':') return info.connectionColons.has(token.offset) ? ' ' : '';
    if (p === '{' && t === '}') return '';
    if (inlineMember && p !== '{' && p !== ',' && p !== ';') return '  ';
    return ' ';
}

/** One blank line around multi-line top-level declarations and between header, imports and the rest. */
function separateTopLevel(lines: Line[], info: LayoutInfo, startLine: Map<number, number>, endLine: Map<number, number>): void {
    const members = info.topMembers;
    for (let k = 1; k < members.length; k++) {
        const start = startLine.get(k);
        const prevStart = startLine.get(k - 1);
        if (start === undefined || prevStart === undefined) continue;
        const multi = (i: number) => (endLine.get(i) ?? startLine.get(i)!) > startLine.get(i)!;
        const needed = members[k].group !== members[k - 1].group || multi(k) || multi(k - 1);
        if (!needed) continue;
        // Leading own-line comments stay attached to the declaration below them.
        let s = start;
        while (s - 1 > (endLine.get(k - 1) ?? prevStart) && lines[s - 1].depth === 0 && isCommentLine(lines[s - 1]) && !lines[s].blankBefore) s--;
        if (s > 0) lines[s].blankBefore = true;
    }
}

function isCommentLine(line: Line): boolean {
    return line.text.startsWith('//') || line.text.startsWith('/*');
}

/** Aligns the values of consecutive property lines at the same depth. */
function alignValues(lines: Line[]): void {
    let i = 0;
    while (i < lines.length) {
        if (lines[i].align === undefined) {
            i++;
            continue;
        }
        let j = i + 1;
        while (j < lines.length && lines[j].align !== undefined && lines[j].depth === lines[i].depth && !lines[j].blankBefore) j++;
        const width = Math.max(...lines.slice(i, j).map(l => l.align!));
        for (let k = i; k < j; k++) {
            const l = lines[k];
            l.text = l.text.slice(0, l.align) + ' '.repeat(width - l.align!) + l.text.slice(l.align);
        }
        i = j;
    }
}

function render(lines: readonly Line[], eol: string): string {
    if (lines.length === 0) return '';
    const codes = lines.map(l => INDENT.repeat(l.depth) + l.text.trimEnd());
    // Trailing comments of consecutive lines share a column.
    const columns: number[] = new Array(lines.length).fill(0);
    let i = 0;
    while (i < lines.length) {
        if (lines[i].comment === undefined) {
            i++;
            continue;
        }
        let j = i + 1;
        while (j < lines.length && lines[j].comment !== undefined && !lines[j].blankBefore) j++;
        const column = Math.max(...codes.slice(i, j).map(c => lastLineLength(c))) + 2;
        for (let k = i; k < j; k++) columns[k] = column;
        i = j;
    }
    const out: string[] = [];
    lines.forEach((l, k) => {
        if (l.blankBefore && out.length > 0) out.push('');
        let code = codes[k];
        if (l.comment !== undefined) code += ' '.repeat(Math.max(1, columns[k] - lastLineLength(code))) + l.comment;
        out.push(code.trimEnd());
    });
    return out.join(eol) + eol;
}

function lastLineLength(text: string): number {
    const index = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    return text.length - index - 1;
}

/**
 * Whitespace-only clean-up for text that does not parse: re-indents each line by bracket
 * depth, trims trailing whitespace and collapses blank lines. Tokens and line breaks are kept.
 */
export function reindent(text: string, eol = detectEol(text)): string {
    const tokens = tokenize(text);
    const lines = text.split(/\r\n|\r|\n/);
    const out: string[] = [];
    let offset = 0;
    let depth = 0;
    let t = 0;
    for (const raw of lines) {
        const lineStart = offset;
        const lineEnd = offset + raw.length;
        offset = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
        // Inside a multi-line block comment: keep the line as it is.
        while (t < tokens.length && tokens[t].end <= lineStart) t++;
        const spanning = t < tokens.length && tokens[t].offset < lineStart && tokens[t].end > lineStart;
        const lineTokens: Token[] = [];
        for (let k = t; k < tokens.length && tokens[k].offset < lineEnd; k++) if (tokens[k].offset >= lineStart) lineTokens.push(tokens[k]);
        if (spanning) {
            out.push(raw.trimEnd());
        } else {
            const content = raw.trim();
            const first = lineTokens[0];
            const lead = first && first.type === 'punct' && CLOSERS.has(first.text) ? 1 : 0;
            out.push(content.length === 0 ? '' : INDENT.repeat(Math.max(0, depth - lead)) + content);
        }
        for (const token of lineTokens) {
            if (token.type !== 'punct') continue;
            if (OPENERS[token.text]) depth++;
            else if (CLOSERS.has(token.text)) depth = Math.max(0, depth - 1);
        }
    }
    const collapsed: string[] = [];
    for (const l of out) {
        if (l === '' && (collapsed.length === 0 || collapsed[collapsed.length - 1] === '')) continue;
        collapsed.push(l);
    }
    while (collapsed.length > 0 && collapsed[collapsed.length - 1] === '') collapsed.pop();
    return collapsed.length === 0 ? '' : collapsed.join(eol) + eol;
}
