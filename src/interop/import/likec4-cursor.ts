/**
 * The token cursor the LikeC4 reader walks one file with: looking ahead, taking tokens,
 * reporting problems at a token, and the recovery moves (skip a block, skip a statement, read
 * `{ statements }` going on after one that cannot be read) that keep one bad statement from
 * hiding the rest of the file.
 */
import type { ImportProblem, SourceFile, SourcePosition } from './imported-model.js';
import { restOfLine, tokenizeLikeC4, type Token } from './likec4-lexer.js';

/** Reads the tokens of one LikeC4 file; problems and notes go to the lists shared by all files. */
export class LikeC4Cursor {
    /** The file's tokens, ending with an `eof` token. */
    readonly tokens: Token[];
    /** Index of the current token. */
    pos = 0;
    /** How many `block()`s are open (0 at the top level). */
    private depth = 0;
    private readonly file: string;
    private readonly text: string;

    constructor(source: SourceFile, readonly problems: ImportProblem[], readonly notes: Set<string>) {
        this.file = source.file;
        this.text = source.text;
        this.tokens = tokenizeLikeC4(source.text, source.file, problems);
    }

    /** The token `offset` places ahead (the `eof` token past the end). */
    peek(offset = 0): Token {
        return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
    }

    /** Takes the current token (never moves past `eof`). */
    next(): Token {
        const token = this.peek();
        if (token.type !== 'eof') this.pos++;
        return token;
    }

    /** True when the token `offset` ahead is the punctuation, arrow or word `value`. */
    at(value: string, offset = 0): boolean {
        const token = this.peek(offset);
        return (token.type === 'punct' || token.type === 'arrow' || token.type === 'id') && token.value === value;
    }

    /** Where `token` is, for the imported model. */
    position(token: Token): SourcePosition {
        return { file: this.file, line: token.line, column: token.column };
    }

    /** Reports a problem at `token`. */
    problem(token: Token, message: string): void {
        this.problems.push({ file: this.file, line: token.line, column: token.column, message });
    }

    /** Notes something the import leaves out (each note once for the whole import). */
    note(text: string): void {
        this.notes.add(text);
    }

    /** The source text from `token` to the end of its line. */
    restOfLine(token: Token): string {
        return restOfLine(this.text, token);
    }

    /** Skips a `{ … }` block starting at the current `{` (nested blocks included); returns the tokens skipped. */
    skipBlock(quiet = false): Token[] {
        const start = this.pos;
        if (!this.at('{')) return [];
        const open = this.next();
        let depth = 1;
        while (depth > 0) {
            const token = this.next();
            if (token.type === 'eof') {
                if (!quiet) this.problem(open, 'This block is never closed (`}` is missing).');
                break;
            }
            if (token.value === '{' && token.type === 'punct') depth++;
            else if (token.value === '}' && token.type === 'punct') depth--;
        }
        return this.tokens.slice(start, this.pos);
    }

    /**
     * Skips to the end of the current statement: the next line, past any block it opens; stops
     * before a `}` that closes the enclosing block. Always moves on by at least one token,
     * except at such a `}` inside a block (the caller closes the block there).
     */
    skipStatement(): void {
        const start = this.pos;
        while (this.peek().type !== 'eof') {
            const token = this.peek();
            if (this.pos > start && (token.newline || token.value === '}') && token.type !== 'string') return;
            if (token.type === 'punct' && token.value === '{') {
                this.skipBlock();
                continue;
            }
            if (token.type === 'punct' && token.value === '}') {
                if (this.pos === start && this.depth === 0) this.next(); // a stray `}` at the top level
                return;
            }
            this.next();
        }
    }

    /** Reads `{ statements }`, each by `statement` (which returns false for what it does not know). */
    block(statement: () => boolean): void {
        if (!this.at('{')) {
            this.problem(this.peek(), `Expected '{', found ${describe(this.peek())}.`);
            this.skipStatement();
            return;
        }
        const open = this.next();
        this.depth++;
        try {
            this.blockBody(open, statement);
        } finally {
            this.depth--;
        }
    }

    private blockBody(open: Token, statement: () => boolean): void {
        while (!this.at('}')) {
            if (this.peek().type === 'eof') {
                this.problem(open, 'This block is never closed (`}` is missing).');
                return;
            }
            if (this.at(';') || this.at(',')) {
                this.next();
                continue;
            }
            const before = this.pos;
            if (!statement()) {
                const token = this.peek();
                this.problem(token, `Cannot read ${describe(token)} here.`);
                this.skipStatement();
            }
            if (this.pos === before && !this.at('}')) this.next(); // never loop on the same token
        }
        this.next();
    }

    /** An optional `:` then a string, after the property word `name` (just read). */
    stringValue(name?: Token): string | undefined {
        if (this.at(':')) this.next();
        if (this.peek().type === 'string') return this.next().value;
        const at = name && this.peek().newline ? name : this.peek();
        this.problem(at, name ? `'${name.value}' needs a string value, found ${describe(this.peek())}.` : `Expected a string, found ${describe(this.peek())}.`);
        if (!this.peek().newline) this.skipStatement();
        return undefined;
    }

    /** `a.b.c` (identifiers separated by dots), or undefined when the current token is no identifier. */
    fqn(): string[] | undefined {
        if (this.peek().type !== 'id') return undefined;
        const path = [this.next().value];
        while (this.at('.') && this.peek(1).type === 'id' && !this.peek(1).newline) {
            this.next();
            path.push(this.next().value);
        }
        return path;
    }

    /** True when the tokens ahead are `fqn arrow`. */
    isRelationshipAhead(): boolean {
        let i = 0;
        if (this.peek(i).type !== 'id') return false;
        i++;
        while (this.peek(i).value === '.' && this.peek(i + 1).type === 'id') i += 2;
        return this.peek(i).type === 'arrow';
    }
}

/** A token as a problem message names it: `'word'`, `the string "…"` or `the end of the file`. */
export function describe(token: Token): string {
    if (token.type === 'eof') return 'the end of the file';
    if (token.type === 'string') return `the string ${JSON.stringify(token.value.length > 40 ? `${token.value.slice(0, 40)}…` : token.value)}`;
    return `'${token.value}'`;
}
