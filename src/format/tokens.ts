/**
 * A small, total tokenizer for `.arch` text, shared by the formatter and completion.
 *
 * Unlike the Langium lexer it never fails: every non-whitespace character belongs to some
 * token (unknown characters become one-character `punct` tokens), so tools built on it work
 * on broken, half-typed text. On valid text its tokens coincide with the parser's leaves.
 */

export type TokenType = 'comment' | 'string' | 'number' | 'name' | 'punct';

/** One token: its text and where it starts in the source. */
export interface Token {
    type: TokenType;
    text: string;
    /** Offset of the first character. */
    offset: number;
    /** Offset just after the last character. */
    end: number;
    /** For comments: true for `// …`, false for `/* … *\/`. */
    lineComment?: boolean;
}

// Same order and shapes as the terminals of `archway.langium` (RATE, QUANTITY, PERCENT, DURATION, NUMBER, ID, STRING).
const PATTERNS: ReadonlyArray<[TokenType, RegExp]> = [
    ['comment', /\/\/[^\n\r]*/y],
    ['comment', /\/\*[\s\S]*?\*\//y],
    ['string', /"(?:\\.|[^"\\\r\n])*"|'(?:\\.|[^'\\\r\n])*'/y],
    ['number', /\d+(?:\.\d+)?\/(?:sec|min|s|m|h|d)/y],
    ['number', /\d+(?:\.\d+)?[ \t]+(?:items|events|records|messages|rows|files|requests)\b/y],
    ['number', /\d+(?:\.\d+)?%/y],
    ['number', /\d+(?:\.\d+)?(?:ms|min|sec|s|m|h|d|w)/y],
    ['number', /\d+(?:\.\d+)?/y],
    ['name', /[_a-zA-Z]\w*(?:-\w+)*/y],
    ['punct', /->|~>/y],
];

const WHITESPACE = /\s+/y;

/** Splits `text` into tokens (whitespace dropped, comments kept). */
export function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let offset = 0;
    while (offset < text.length) {
        WHITESPACE.lastIndex = offset;
        if (WHITESPACE.test(text)) {
            offset = WHITESPACE.lastIndex;
            continue;
        }
        let matched = false;
        for (const [type, pattern] of PATTERNS) {
            pattern.lastIndex = offset;
            const match = pattern.exec(text);
            if (match && match[0].length > 0) {
                const token: Token = { type, text: match[0], offset, end: offset + match[0].length };
                if (type === 'comment') token.lineComment = match[0].startsWith('//');
                tokens.push(token);
                offset = token.end;
                matched = true;
                break;
            }
        }
        if (!matched) {
            // Surrogate pairs stay together so the output is valid text.
            const code = text.codePointAt(offset) ?? 0;
            const length = code > 0xffff ? 2 : 1;
            tokens.push({ type: 'punct', text: text.slice(offset, offset + length), offset, end: offset + length });
            offset += length;
        }
    }
    return tokens;
}

/** The number of line breaks in `text` (`\r\n` counts once). */
export function countLineBreaks(text: string): number {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) count++;
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
    }
    return count;
}
