/**
 * What is at the cursor, for completion: the word being typed, the `{ … }` blocks open around
 * it and what each belongs to (a zone, a component of some kind, a connection, a view, a
 * property's block or mode, …), the tokens of the statement being typed, and the property table
 * that applies there. Read from the tokens before the cursor, not from the parse tree, so it
 * works on half-typed text.
 */
import type { LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { isComponentKind, type ComponentKind } from '../model/component-kinds.js';
import {
    CHANNEL_PROPERTIES, COMPONENT_PROPERTIES, CONNECTION_PROPERTIES, ROUTE_PROPERTIES, VIEW_PROPERTIES, ZONE_PROPERTIES,
    type PropertyTable,
} from '../model/schema/property-schema.js';
import { blockTable, modeTable } from './schema-lookup.js';
import { tokenize, type Token } from '../format/tokens.js';

/** What a `{ … }` block around the cursor belongs to. */
export type BlockContext =
    | { type: 'top' }
    | { type: 'zone' }
    | { type: 'component'; kind: ComponentKind; name: string | undefined }
    | { type: 'channel' }
    | { type: 'connection' }
    | { type: 'route' }
    | { type: 'view' }
    | { type: 'flow' }
    | { type: 'mode'; property: string; mode: string }
    | { type: 'block'; property: string }
    | { type: 'unknown' };

/** A `{` block open before the cursor. */
export interface Frame {
    context: BlockContext;
    /** Index of the `{` token. */
    open: number;
}

/** The cursor's surroundings, as completion reads them. */
export interface CompletionContext {
    /** The whole document text. */
    text: string;
    /** The range of the word being typed (what every item replaces). */
    range: Range;
    /** The tokens before the word being typed. */
    before: Token[];
    /** The blocks open around the cursor, outermost first. */
    frames: Frame[];
    /** What the innermost block belongs to (`top` outside any block). */
    context: BlockContext;
    /** The tokens of the statement being typed, comments left out. */
    statement: Token[];
    /** The statement's token texts. */
    tail: string[];
    /** The last of them (undefined at the start of a statement). */
    lastText: string | undefined;
}

/** Where an `import "…"` path is being typed: the range of the path typed so far. */
export interface ImportPathContext {
    start: number;
    end: number;
}

/**
 * What is at `offset`: an import path being typed, nothing to complete (inside a comment or a
 * string: undefined), or the completion context.
 */
export function completionContextAt(document: LangiumDocument, offset: number): CompletionContext | ImportPathContext | undefined {
    const text = document.textDocument.getText();
    const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    const importMatch = /^\s*import\s+(["'])([^"']*)$/.exec(text.slice(lineStart, offset));
    if (importMatch) return { start: offset - importMatch[2].length, end: offset };
    // The word being typed (ids may contain hyphens).
    let prefixStart = offset;
    while (prefixStart > 0 && /[\w-]/.test(text[prefixStart - 1])) prefixStart--;
    const before = tokenize(text.slice(0, prefixStart));
    // Inside a comment or a string: nothing.
    const last = before[before.length - 1];
    if (last && last.type === 'comment' && last.lineComment && !/[\r\n]/.test(text.slice(last.end, prefixStart))) return undefined;
    if (insideString(text, prefixStart)) return undefined;

    const range: Range = { start: document.textDocument.positionAt(prefixStart), end: document.textDocument.positionAt(offset) };
    const frames = blockFrames(before, text);
    const context = frames.length > 0 ? frames[frames.length - 1].context : { type: 'top' } as BlockContext;
    const statement = currentStatement(before, text, prefixStart).filter(t => t.type !== 'comment');
    const tail = statement.map(t => t.text);
    return { text, range, before, frames, context, statement, tail, lastText: tail[tail.length - 1] };
}

/** The `{` blocks open before the cursor, outermost first, with what each belongs to. */
export function blockFrames(tokens: readonly Token[], text: string): Frame[] {
    const frames: Frame[] = [];
    const brackets: string[] = [];
    tokens.forEach((token, index) => {
        if (token.type !== 'punct') return;
        if (token.text === '{') {
            frames.push({ context: classifyHeader(headerTokens(tokens, index, text)), open: index });
            brackets.push('{');
        } else if (token.text === '}') {
            if (brackets.lastIndexOf('{') >= 0) {
                while (brackets.length > 0 && brackets.pop() !== '{') { /* unwind */ }
                frames.pop();
            }
        } else if (token.text === '[' || token.text === '(') {
            brackets.push(token.text);
        } else if ((token.text === ']' || token.text === ')') && brackets[brackets.length - 1] === (token.text === ']' ? '[' : '(')) {
            brackets.pop();
        }
    });
    return frames;
}

/** Tokens of the statement that opens the block at `open`: the same line, after the last brace. */
function headerTokens(tokens: readonly Token[], open: number, text: string): Token[] {
    const result: Token[] = [];
    let lineBreakSeen = false;
    for (let i = open - 1; i >= 0; i--) {
        const token = tokens[i];
        const between = text.slice(token.end, (tokens[i + 1] ?? token).offset);
        if (/[\r\n]/.test(between)) {
            if (result.length > 0 || lineBreakSeen) break;
            lineBreakSeen = true; // `{` alone on its line: the header is on the line above
        }
        if (token.type === 'punct' && (token.text === '{' || token.text === '}')) break;
        if (token.type === 'comment') continue;
        result.unshift(token);
    }
    // Drop annotations: `@name(…)`.
    while (result[0]?.text === '@') {
        let end = 2;
        if (result[end]?.text === '(') {
            while (end < result.length && result[end].text !== ')') end++;
            end++;
        }
        result.splice(0, end);
    }
    return result;
}

/** What a block belongs to, from the statement that opens it. */
function classifyHeader(header: readonly Token[]): BlockContext {
    const words = header.map(t => t.text);
    const n = words.length;
    if (n >= 2 && words[n - 1] === ':') return { type: 'block', property: words[n - 2] };
    if (n >= 3 && words[n - 2] === ':' && header[n - 1].type === 'name' && !words.includes('->') && !words.includes('~>')) {
        return { type: 'mode', property: words[n - 3], mode: words[n - 1] };
    }
    if (words.includes('->') || words.includes('~>')) return words[0] === 'route' ? { type: 'route' } : { type: 'connection' };
    const first = words[0];
    if (first === 'zone' && n >= 2) return { type: 'zone' };
    if (first === 'view' && n >= 2) return { type: 'view' };
    if (first === 'flow' && n >= 2) return { type: 'flow' };
    if ((first === 'topic' || first === 'queue') && n >= 2) return { type: 'channel' };
    if (first && isComponentKind(first) && n >= 2) return { type: 'component', kind: first, name: words[1] };
    return { type: 'unknown' };
}

/** The property table that applies inside the innermost frame. */
export function tableFor(frames: readonly Frame[]): PropertyTable | undefined {
    let table: PropertyTable | undefined;
    for (const { context } of frames) {
        switch (context.type) {
            case 'component': table = COMPONENT_PROPERTIES[context.kind]; break;
            case 'zone': table = ZONE_PROPERTIES; break;
            case 'channel': table = CHANNEL_PROPERTIES; break;
            case 'connection': table = CONNECTION_PROPERTIES; break;
            case 'route': table = ROUTE_PROPERTIES; break;
            case 'view': table = VIEW_PROPERTIES; break;
            case 'mode': table = modeTable(table?.[context.property]?.type, context.mode); break;
            case 'block': table = blockTable(table?.[context.property]?.type); break;
            default: table = undefined;
        }
    }
    return table;
}

/** Tokens of the statement being typed: on the cursor's line, after the last brace. */
function currentStatement(tokens: readonly Token[], text: string, offset: number): Token[] {
    const result: Token[] = [];
    for (let i = tokens.length - 1; i >= 0; i--) {
        const token = tokens[i];
        const after = text.slice(token.end, i + 1 < tokens.length ? tokens[i + 1].offset : offset);
        if (/[\r\n]/.test(after)) break;
        if (token.type === 'punct' && (token.text === '{' || token.text === '}')) break;
        result.unshift(token);
    }
    // Drop a complete leading annotation: `@allow(x, "y") a -> <|>`.
    while (result[0]?.text === '@' && result.some(t => t.text === ')')) result.splice(0, result.findIndex(t => t.text === ')') + 1);
    return result;
}

/** Property names already written in the innermost block (before and after the cursor). */
export function presentProperties(before: readonly Token[], frames: readonly Frame[], text: string): Set<string> {
    const names = new Set<string>();
    const open = frames.length > 0 ? frames[frames.length - 1].open : -1;
    const all = tokenize(text);
    const start = open >= 0 ? before[open].offset : -1;
    let depth = 0;
    for (let i = 0; i < all.length; i++) {
        const token = all[i];
        if (token.offset <= start) continue;
        if (token.text === '{' || token.text === '[') depth++;
        else if (token.text === '}' || token.text === ']') {
            if (depth === 0) break;
            depth--;
        } else if (depth === 0 && token.text === ':' && i > 0 && all[i - 1].type === 'name') {
            const previous = all[i - 2]?.text;
            if (previous !== '->' && previous !== '~>') names.add(all[i - 1].text);
        }
    }
    return names;
}

/** The id that ends just before index `end` of `words` (`bus . topic` → `bus.topic`). */
export function joinedIdBefore(words: readonly string[], end: number): string | undefined {
    const last = words[end - 1];
    if (last === undefined) return undefined;
    if (words[end - 2] === '.' && words[end - 3] !== undefined) return `${words[end - 3]}.${last}`;
    return last;
}

/** True when `offset` is inside a string on its line. */
function insideString(text: string, offset: number): boolean {
    const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    const tokens = tokenize(text.slice(lineStart, offset));
    return tokens.some(t => t.type === 'punct' && (t.text === '"' || t.text === '\''));
}
