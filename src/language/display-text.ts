/**
 * Text from a `.arch` file (or a file name) as it may appear in a message: control characters,
 * line and paragraph separators and bidirectional overrides are written as `U+0007`, never raw.
 * A raw BEL rings the terminal, a raw newline splits a `file:line:col` line in two, and a
 * right-to-left override makes a message read differently from what it says.
 */

/** C0 and C1 controls, DEL, U+2028/U+2029 and the bidirectional embedding, override and isolate marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** `U+0007` for one character. */
export function codePointName(char: string): string {
    return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` with every unsafe character written as `U+XXXX` (tabs included). */
export function escapeControlCharacters(text: string): string {
    return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, codePointName) : text;
}

/** True when `char` (one character) is one that `escapeControlCharacters` escapes. */
export function isControlCharacter(char: string): boolean {
    return UNSAFE.test(char);
}
