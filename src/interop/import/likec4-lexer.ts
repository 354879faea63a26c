/**
 * Tokens of the LikeC4 language: identifiers (with inner dashes), strings (single, double and
 * triple quoted, backslash escapes), arrows (`->`, `<->`, `<-`, `-[kind]->` as parts), and
 * punctuation; comments and whitespace skipped, each token knowing its line and column and
 * whether a line break came before it. Unknown characters are reported, never thrown.
 */
import type { ImportProblem } from './imported-model.js';

/** What a token is: an identifier, a string, a number, punctuation, an arrow (or part of one), or the end of the file. */
export type TokenType = 'id' | 'string' | 'number' | 'punct' | 'arrow' | 'raw' | 'eof';

/** One token of a LikeC4 file, with where it starts. */
export interface Token {
    type: TokenType;
    /** The identifier, punctuation or arrow as written; a string's value without quotes. */
    value: string;
    line: number;
    column: number;
    /** True when a line break (or the start of the file) separates this token from the previous one. */
    newline: boolean;
}

const PUNCT = new Set(['{', '}', '(', ')', '[', ']', ',', ';', ':', '=', '.', '*', '#', '@', '%', '/', '|', '&', '!', '?', '<', '>', '-', '+', '_', '~', '$', '^']);

/** Arrows and their parts, longest first where one starts another (`<->` before `<-`). */
const ARROWS = ['<->', '->', '<-', '-[', ']->'];

/** Splits LikeC4 source into tokens. Problems (unterminated strings, stray characters) go to `problems`. */
export function tokenizeLikeC4(text: string, file: string, problems: ImportProblem[]): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    let line = 1;
    let lineStart = 0;
    let newline = true;
    const push = (type: TokenType, value: string, startLine: number, startColumn: number): void => {
        tokens.push({ type, value, line: startLine, column: startColumn, newline });
        newline = false;
    };
    const advanceLines = (from: number, to: number): void => {
        for (let k = from; k < to; k++) {
            if (text[k] === '\n') {
                line++;
                lineStart = k + 1;
            }
        }
    };
    while (i < text.length) {
        const c = text[i];
        if (c === '\n') {
            line++;
            lineStart = i + 1;
            newline = true;
            i++;
            continue;
        }
        if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') {
            i++;
            continue;
        }
        const column = i - lineStart + 1;
        if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            if (end < 0) problems.push({ file, line, column, message: 'This comment is never closed (`*/` is missing).' });
            advanceLines(i, stop);
            if (text.slice(i, stop).includes('\n')) newline = true;
            i = stop;
            continue;
        }
        if (c === '"' || c === "'") {
            const startLine = line;
            const { value, stop, quote, closed } = readString(text, i);
            if (!closed) problems.push({ file, line: startLine, column, message: `This string is never closed (${quote} is missing).` });
            advanceLines(i, stop);
            tokens.push({ type: 'string', value, line: startLine, column, newline });
            newline = false;
            i = stop;
            continue;
        }
        const token = simpleToken(text, i);
        if (token) {
            push(token.type, token.value, line, column);
            i += token.value.length;
            continue;
        }
        problems.push({ file, line, column, message: `Unexpected character '${c}'.` });
        i++;
    }
    tokens.push({ type: 'eof', value: '', line, column: i - lineStart + 1, newline: true });
    return tokens;
}

/** The identifier, number, arrow or punctuation at `i` (the tokens that never span lines); undefined for a stray character. */
function simpleToken(text: string, i: number): { type: TokenType; value: string } | undefined {
    const c = text[i];
    if (/[A-Za-z_]/.test(c)) {
        const match = /^(?:[a-zA-Z]|_+[a-zA-Z0-9])[-\w]*/.exec(text.slice(i, i + 256)) ?? /^_+/.exec(text.slice(i));
        let word = match![0];
        // `a->b`, `a-[kind]->b`: a dash that starts an arrow is not part of the name.
        if (word.endsWith('-') && (text[i + word.length] === '>' || text[i + word.length] === '[')) word = word.slice(0, -1);
        return { type: 'id', value: word };
    }
    if (/[0-9]/.test(c)) return { type: 'number', value: /^[0-9]+(?:\.[0-9]+)?/.exec(text.slice(i))![0] };
    const arrow = ARROWS.find(a => text.startsWith(a, i));
    if (arrow) return { type: 'arrow', value: arrow };
    if (PUNCT.has(c)) return { type: 'punct', value: c };
    return undefined;
}

/**
 * The string starting at `start` (single, double or triple quoted, with backslash escapes):
 * its value and where it stops. An unclosed string stops at the end of its line, its value
 * the text up to there, so the rest of the file is not lost in it.
 */
function readString(text: string, start: number): { value: string; stop: number; quote: string; closed: boolean } {
    const c = text[start];
    const quote = text.startsWith(c.repeat(3), start) ? c.repeat(3) : c;
    let j = start + quote.length;
    let value = '';
    while (j < text.length) {
        if (text.startsWith(quote, j)) return { value, stop: j + quote.length, quote, closed: true };
        if (text[j] === '\\' && j + 1 < text.length) {
            const next = text[j + 1];
            value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
            j += 2;
            continue;
        }
        value += text[j];
        j++;
    }
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    return { value: text.slice(start + quote.length, stop), stop, quote, closed: false };
}

/** The rest of the line from a token on, as written (for `link` URLs and paths). */
export function restOfLine(text: string, token: Token): string {
    const lines = text.split('\n');
    const lineText = lines[token.line - 1] ?? '';
    return lineText.slice(token.column - 1).replace(/\s+\/\/.*$/, '').trim();
}
