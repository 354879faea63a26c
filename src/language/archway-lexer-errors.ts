/**
 * Lexer errors as sentences, like the parser's (`archway-parser-errors.ts`). Chevrotain says
 * "unexpected character: ->%<- at offset: 135, skipped 1 characters."; this says what was
 * found, with control characters named (`U+0007`) instead of printed raw.
 */
import type { ILexingError } from 'chevrotain';
import { escapeControlCharacters, isControlCharacter, codePointName } from './display-text.js';

/** How a run of skipped characters is quoted: `'%'`, `'%$'`, `U+0007`. */
function quote(text: string): string {
    const chars = [...text];
    if (chars.length === 1 && isControlCharacter(chars[0])) return codePointName(chars[0]);
    const shown = chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : text;
    return `'${escapeControlCharacters(shown)}'`;
}

/** The sentence for characters the lexer skipped (`text` is what it skipped). */
export function lexerErrorMessage(text: string): string {
    const first = text[0];
    if (first === '"' || first === "'") {
        return `This string has no closing ${first === '"' ? 'double' : 'single'} quote on its line; a string ends on the line it starts.`;
    }
    const count = [...text].length;
    if (count === 1) return `Unexpected character ${quote(text)}: it is not part of the .arch language here.`;
    return `Unexpected characters ${quote(text)}: they are not part of the .arch language here.`;
}

/** The lexer's errors with their messages rewritten as sentences (positions unchanged). */
export function describeLexerErrors(input: string, errors: readonly ILexingError[]): ILexingError[] {
    return errors.map(error => (error.offset >= 0 && error.length > 0 && /^unexpected character/.test(error.message)
        ? { ...error, message: lexerErrorMessage(input.substr(error.offset, error.length)) }
        : error));
}
