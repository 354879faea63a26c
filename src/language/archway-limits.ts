/**
 * Input limits: text that would exhaust the parser (a file over 5 MB, or blocks nested so deep
 * that the recursive-descent parser would overflow the stack) is not parsed. The document gets
 * an empty AST and exactly one error saying why, so the editor, the language server and the CLI
 * stay responsive and say what is wrong instead of crashing.
 */
import { createParser, LangiumParser, type AstNode, type ParseResult, type ParserOptions } from 'langium';
import type { LangiumCoreServices } from 'langium';
import type { ILexingError } from 'chevrotain';
import { describeLexerErrors } from './archway-lexer-errors.js';

/** Files larger than this (in UTF-8 bytes) are not parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Brackets (`{`, `[`, `(`) may nest this deep; deeper text is not parsed. */
export const MAX_NESTING_DEPTH = 100;

/** Why a text is not parsed, as a lexer-style error (1-based line and column). */
export interface LimitProblem extends ILexingError {
    kind: 'too-large' | 'too-deep' | 'too-broken';
}

/** UTF-8 length of `text`, stopping early once it exceeds `limit`. */
export function utf8Length(text: string, limit = Infinity): number {
    let bytes = 0;
    for (let i = 0; i < text.length && bytes <= limit; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80) bytes += 1;
        else if (c < 0x800) bytes += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
            const next = text.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                bytes += 4;
                i++;
            } else bytes += 3;
        } else bytes += 3;
    }
    return bytes;
}

function megabytes(bytes: number): string {
    return (bytes / 1024 / 1024).toFixed(1);
}

/**
 * The reason `text` must not be parsed, or undefined when it is within the limits.
 * Linear in the text length; strings and comments are skipped when counting brackets.
 */
export function inputLimitProblem(text: string): LimitProblem | undefined {
    if (text.length * 3 > MAX_FILE_BYTES) {
        const bytes = utf8Length(text);
        if (bytes > MAX_FILE_BYTES) {
            return {
                kind: 'too-large', offset: 0, line: 1, column: 1, length: 0,
                message: `This file is ${megabytes(bytes)} MB; files over ${MAX_FILE_BYTES / 1024 / 1024} MB are not parsed or checked.`,
            };
        }
    }
    let depth = 0;
    let line = 1;
    let lineStart = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        switch (c) {
            case 10: // \n
                line++;
                lineStart = i + 1;
                break;
            case 13: // \r (alone or before \n)
                if (text.charCodeAt(i + 1) !== 10) {
                    line++;
                    lineStart = i + 1;
                }
                break;
            case 34: // "
            case 39: { // '
                // Strings end at the matching quote or at the end of the line.
                for (i++; i < n; i++) {
                    const d = text.charCodeAt(i);
                    if (d === 92) i++; // backslash escape
                    else if (d === c) break;
                    else if (d === 10 || d === 13) {
                        i--;
                        break;
                    }
                }
                break;
            }
            case 47: { // /
                const next = text.charCodeAt(i + 1);
                if (next === 47) {
                    while (i + 1 < n && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
                } else if (next === 42) {
                    const end = text.indexOf('*/', i + 2);
                    const stop = end < 0 ? n : end + 2;
                    for (let j = i + 2; j < stop; j++) {
                        const d = text.charCodeAt(j);
                        if (d === 10 || (d === 13 && text.charCodeAt(j + 1) !== 10)) {
                            line++;
                            lineStart = j + 1;
                        }
                    }
                    i = stop - 1;
                }
                break;
            }
            case 123: // {
            case 91: // [
            case 40: // (
                if (++depth > MAX_NESTING_DEPTH) {
                    return {
                        kind: 'too-deep', offset: i, line, column: i - lineStart + 1, length: 1,
                        message: `Blocks are nested more than ${MAX_NESTING_DEPTH} levels deep here; `
                            + `this file is not parsed until the nesting is reduced.`,
                    };
                }
                break;
            case 125: // }
            case 93: // ]
            case 41: // )
                if (depth > 0) depth--;
                break;
        }
    }
    return undefined;
}

/**
 * The Langium parser with the input limits in front: text over the limits yields an empty
 * file and one error instead of a parse (which could take minutes or overflow the stack).
 *
 * Chevrotain also recovers from errors inside a repetition recursively, once per re-sync, so
 * thousands of stray tokens (`service a }` five thousand times) overflow the stack even in a
 * flat file. Such text is parsed again without in-repetition recovery (between-rule recovery
 * still applies), and if even that fails, the file gets one error saying so.
 */
export class ArchwayParser extends LangiumParser {
    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const problem = inputLimitProblem(input);
        if (problem) return this.refuse<T>(problem, options);
        try {
            return withReadableLexerErrors(input, super.parse<T>(input, options));
        } catch (error) {
            if (!(error instanceof RangeError)) throw error;
        }
        const wrapper = (this as unknown as { wrapper: { attemptInRepetitionRecovery: unknown } }).wrapper;
        const recovery = wrapper.attemptInRepetitionRecovery;
        try {
            this.resetAfterOverflow();
            wrapper.attemptInRepetitionRecovery = () => undefined;
            return withReadableLexerErrors(input, super.parse<T>(input, options));
        } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            this.resetAfterOverflow();
            return this.refuse<T>({
                kind: 'too-broken', offset: 0, line: 1, column: 1, length: 0,
                message: 'This file has too many syntax errors to be parsed; fix the first ones and it will be checked again.',
            }, options);
        } finally {
            wrapper.attemptInRepetitionRecovery = recovery;
        }
    }

    private refuse<T extends AstNode>(problem: LimitProblem, options: ParserOptions | undefined): ParseResult<T> {
        const empty = super.parse<T>('', options);
        return { value: empty.value, lexerErrors: [problem], parserErrors: [] };
    }

    /** A stack overflow leaves half-built nodes on the parser's stack. */
    private resetAfterOverflow(): void {
        (this as unknown as { stack: unknown[] }).stack.length = 0;
    }
}

/** The parse result with the lexer's messages as sentences. */
function withReadableLexerErrors<T extends AstNode>(input: string, result: ParseResult<T>): ParseResult<T> {
    if (result.lexerErrors.length === 0) return result;
    return { ...result, lexerErrors: describeLexerErrors(input, result.lexerErrors) };
}

/** Creates the guarded parser (the same construction as Langium's `createLangiumParser`). */
export function createArchwayParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new ArchwayParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
