/**
 * The lines of a Structurizr DSL file as Structurizr's own parser sees them: a statement per
 * line, `\` joining lines, `//` `#` and block comments dropped, `!const` substitutions in
 * `${name}`, each line split into words and double-quoted strings. A line that cannot be split
 * (an unclosed string) is reported with its file and line and left out.
 */
import type { ImportProblem, SourceFile, SourcePosition } from './imported-model.js';

/** One statement: its tokens, which of them were quoted, and where it starts. */
export interface Line {
    tokens: string[];
    /** Which tokens were quoted (a quoted `{` is text, not a block). */
    quoted: boolean[];
    position: SourcePosition;
}

/** Splits one line into tokens: words, and double-quoted strings (`\"` inside). */
export function tokenizeLine(text: string): { tokens: string[]; quoted: boolean[]; error?: string } {
    const tokens: string[] = [];
    const quoted: boolean[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === ' ' || c === '\t') {
            i++;
            continue;
        }
        if (c === '"') {
            let value = '';
            let j = i + 1;
            let closed = false;
            while (j < text.length) {
                if (text[j] === '\\' && text[j + 1] === '"') {
                    value += '"';
                    j += 2;
                    continue;
                }
                if (text[j] === '"') {
                    closed = true;
                    break;
                }
                value += text[j];
                j++;
            }
            if (!closed) return { tokens, quoted, error: 'This string is never closed (the closing `"` is missing).' };
            tokens.push(value);
            quoted.push(true);
            i = j + 1;
            continue;
        }
        let j = i;
        while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
        tokens.push(text.slice(i, j));
        quoted.push(false);
        i = j;
    }
    return { tokens, quoted };
}

/**
 * The file's statements: comments dropped, `\` continuations joined, constants substituted.
 * `constants` is read as the lines are taken, so a `!const` applies from the next line on.
 */
export function* sourceLines(file: SourceFile, constants: ReadonlyMap<string, string>, problems: ImportProblem[]): Generator<Line> {
    const raw = file.text.replace(/^\ufeff/, '').split(/\r?\n/);
    let inComment = false;
    for (let i = 0; i < raw.length; i++) {
        let text = raw[i];
        const lineNumber = i + 1;
        const trimmed = text.trim();
        if (inComment) {
            if (trimmed.endsWith('*/')) inComment = false;
            continue;
        }
        if (trimmed.startsWith('/*')) {
            if (!trimmed.endsWith('*/') || trimmed === '/*') inComment = true;
            continue;
        }
        if (trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('#')) continue;
        while (text.trimEnd().endsWith('\\') && i + 1 < raw.length) {
            text = text.trimEnd().slice(0, -1) + ' ' + raw[++i].trim();
        }
        text = text.replace(/\$\{([a-zA-Z0-9-_.]+?)\}/g, (whole, name: string) => constants.get(name) ?? whole);
        const { tokens, quoted, error } = tokenizeLine(text.trim());
        if (error) {
            problems.push({ file: file.file, line: lineNumber, message: error });
            continue;
        }
        // A line continuation (`\`) followed by nothing leaves no statement.
        if (tokens.length === 0) continue;
        yield { tokens, quoted, position: { file: file.file, line: lineNumber } };
    }
}

/** True when the line ends with an unquoted `{`. */
export function opens(line: Line): boolean {
    return line.tokens.length > 0 && line.tokens[line.tokens.length - 1] === '{' && !line.quoted[line.quoted.length - 1];
}

/** The line's tokens without a trailing `{`. */
export function args(line: Line): string[] {
    return opens(line) ? line.tokens.slice(0, -1) : line.tokens;
}
