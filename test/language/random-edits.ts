/**
 * Seeded random editor-like edits for the incremental parsing and linking tests.
 */

/** A deterministic pseudo-random sequence (a 32-bit LCG), so failures reproduce. */
export function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
}

/** One random editor-like change to `text`. */
export function randomEdit(text: string, next: () => number): string {
    const at = Math.floor(next() * (text.length + 1));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    switch (Math.floor(next() * 6)) {
        case 0: return text.slice(0, at) + pick(['a', 'x', ' ', '\n', '"', '{', '}', '-', '>', ':', '1', '/', '*', '@']) + text.slice(at);
        case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
        case 2: { // replace a word
            const end = text.indexOf(' ', at);
            return end < 0 ? text : text.slice(0, at) + pick(['service', 'zone', 'idp', 'foo', '"label"', '->']) + text.slice(end);
        }
        case 3: { // duplicate a line
            const lines = text.split('\n');
            const line = Math.floor(next() * lines.length);
            lines.splice(line, 0, lines[line]);
            return lines.join('\n');
        }
        case 4: { // delete a line
            const lines = text.split('\n');
            lines.splice(Math.floor(next() * lines.length), 1);
            return lines.join('\n');
        }
        default: { // edit a label inside quotes
            const quote = text.indexOf('"', at);
            return quote < 0 ? text : text.slice(0, quote + 1) + 'v2 ' + text.slice(quote + 1);
        }
    }
}
