/**
 * A small JSON (with comments and trailing commas) parser that keeps the source range of every
 * value and key, so configuration errors can point at the exact place in `archway.json`.
 */
import type { Range } from '../model/arch-model.js';

export type JsonNode =
    | { type: 'object'; range: Range; entries: JsonEntry[] }
    | { type: 'array'; range: Range; items: JsonNode[] }
    | { type: 'string'; range: Range; value: string }
    | { type: 'number'; range: Range; value: number }
    | { type: 'boolean'; range: Range; value: boolean }
    | { type: 'null'; range: Range };

export interface JsonEntry {
    key: string;
    keyRange: Range;
    value: JsonNode;
}

export class JsonSyntaxError extends Error {
    constructor(message: string, readonly range: Range) {
        super(message);
    }
}

/** Parses JSON text; throws `JsonSyntaxError` with a range on bad syntax. */
export function parseJson(text: string): JsonNode {
    let i = 0;
    const lineStarts = [0];
    for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
    const pos = (offset: number) => {
        let lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return { line: lo, character: offset - lineStarts[lo] };
    };
    const range = (start: number, end: number): Range => ({ start: pos(start), end: pos(end) });
    const fail = (message: string, at = i): never => { throw new JsonSyntaxError(message, range(at, Math.min(at + 1, text.length))); };
    const skip = (): void => {
        for (;;) {
            while (i < text.length && /\s/.test(text[i])) i++;
            if (text.startsWith('//', i)) { while (i < text.length && text[i] !== '\n') i++; continue; }
            if (text.startsWith('/*', i)) { const end = text.indexOf('*/', i + 2); i = end < 0 ? text.length : end + 2; continue; }
            return;
        }
    };
    const string = (): { value: string; range: Range } => {
        const start = i;
        i++;
        let value = '';
        while (i < text.length && text[i] !== '"') {
            if (text[i] === '\n') fail('Unterminated string.');
            if (text[i] === '\\') {
                const next = text[i + 1];
                const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
                if (next === 'u') { value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue; }
                value += escapes[next] ?? next;
                i += 2;
                continue;
            }
            value += text[i++];
        }
        if (i >= text.length) fail('Unterminated string.', start);
        i++;
        return { value, range: range(start, i) };
    };
    const value = (): JsonNode => {
        skip();
        const start = i;
        const c = text[i];
        if (c === '{') {
            i++;
            const entries: JsonEntry[] = [];
            for (;;) {
                skip();
                if (text[i] === '}') { i++; break; }
                if (text[i] !== '"') fail('Expected a property name in double quotes.');
                const key = string();
                skip();
                if (text[i] !== ':') fail('Expected a colon after the property name.');
                i++;
                entries.push({ key: key.value, keyRange: key.range, value: value() });
                skip();
                if (text[i] === ',') { i++; continue; }
                if (text[i] === '}') { i++; break; }
                fail('Expected a comma or a closing brace.');
            }
            return { type: 'object', entries, range: range(start, i) };
        }
        if (c === '[') {
            i++;
            const items: JsonNode[] = [];
            for (;;) {
                skip();
                if (text[i] === ']') { i++; break; }
                items.push(value());
                skip();
                if (text[i] === ',') { i++; continue; }
                if (text[i] === ']') { i++; break; }
                fail('Expected a comma or a closing bracket.');
            }
            return { type: 'array', items, range: range(start, i) };
        }
        if (c === '"') { const s = string(); return { type: 'string', value: s.value, range: s.range }; }
        const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
        if (!literal) return fail(i >= text.length ? 'Unexpected end of file.' : `Unexpected character '${c}'.`);
        i += literal[0].length;
        const r = range(start, i);
        if (literal[0] === 'true' || literal[0] === 'false') return { type: 'boolean', value: literal[0] === 'true', range: r };
        if (literal[0] === 'null') return { type: 'null', range: r };
        return { type: 'number', value: Number(literal[0]), range: r };
    };
    const root = value();
    skip();
    if (i < text.length) fail('Unexpected text after the end of the JSON value.');
    return root;
}

/** The plain JavaScript value of a node. */
export function toPlain(node: JsonNode): unknown {
    switch (node.type) {
        case 'object': return Object.fromEntries(node.entries.map(e => [e.key, toPlain(e.value)]));
        case 'array': return node.items.map(toPlain);
        case 'null': return null;
        default: return node.value;
    }
}
