/**
 * Incremental re-parsing gives exactly the tree a full parse gives: same AST, same CST leaves
 * with the same offsets and line/column ranges, same composite ranges. Checked on the bundled
 * examples for hundreds of seeded random edits (typing, deleting, pasting lines, breaking and
 * repairing braces and strings), each applied to the result of the previous one, as in an editor.
 */
import { readFileSync } from 'node:fs';
import type { IToken } from 'chevrotain';
import { AstUtils, CstUtils, EmptyFileSystem, isCompositeCstNode, type AstNode, type CstNode, type LangiumParser, type ParseResult } from 'langium';
import { describe, expect, test } from 'vitest';
import { reparseIncrementally } from '../../src/language/archway-incremental-parser.js';
import { createArchwayCoreServices } from '../../src/language/archway-module.js';
import { generateModel } from '../../bench/generate-model.js';
import { random, randomEdit } from './random-edits.js';

const parser: LangiumParser = createArchwayCoreServices(EmptyFileSystem).Archway.parser.LangiumParser;

const examples = ['online-shop/shop.arch', 'media-site/media.arch', 'event-ledger/ledger.arch', 'data-platform/platform.arch', 'file-sharing/swarm.arch', 'well-architected/system.arch']
    .map(path => readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8'));

/** A canonical, comparable description of a parse: AST properties, references, CST positions. */
function describeParse(result: ParseResult<AstNode>): string[] {
    const lines: string[] = [];
    for (const node of AstUtils.streamAst(result.value)) {
        const fields = Object.entries(node)
            .filter(([key]) => !key.startsWith('$'))
            .map(([key, value]) => `${key}=${describeValue(value)}`);
        lines.push(`${node.$type} ${node.$containerProperty ?? ''}[${node.$containerIndex ?? ''}] ${fields.join(' ')} @${describeCst(node.$cstNode)}`);
    }
    // Syntax errors as the validator turns them into diagnostics: message, offsets, lines, columns.
    for (const error of result.lexerErrors) lines.push(`lexer ${error.message} @${error.offset}+${error.length} ${error.line}:${error.column}`);
    for (const error of result.parserErrors) {
        const at = (token: IToken | undefined) => token ? `${token.startOffset}-${token.endOffset} ${token.startLine}:${token.startColumn}-${token.endLine}:${token.endColumn}` : '-';
        lines.push(`parser ${error.name} ${error.message} @${at(error.token)} after ${at((error as { previousToken?: IToken }).previousToken)}`);
    }
    const root = result.value.$cstNode;
    if (root) {
        for (const cst of CstUtils.streamCst(root)) {
            lines.push(`${isCompositeCstNode(cst) ? 'composite' : `leaf ${JSON.stringify(cst.text)}${cst.hidden ? ' hidden' : ''}`} @${describeCst(cst)}`);
        }
    }
    return lines;
}

function describeValue(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(describeValue).join(',')}]`;
    if (value && typeof value === 'object') {
        if ('$refText' in value) {
            const ref = value as { $refText: string; $refNode?: CstNode };
            return `ref(${ref.$refText}@${describeCst(ref.$refNode)})`;
        }
        if ('$type' in value) return `<${(value as AstNode).$type}>`;
    }
    return JSON.stringify(value);
}

function describeCst(cst: CstNode | undefined): string {
    if (!cst) return '-';
    const { start, end } = cst.range;
    return `${cst.offset}+${cst.length} ${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** Compares the incremental parse of `edited` (from `previous`, the parse of `text`) with a full one. */
function compare(previous: ParseResult<AstNode>, text: string, edited: string, label: string): { fast?: ParseResult<AstNode>; full: ParseResult<AstNode>; mismatch?: string } {
    const full = parser.parse(edited);
    const fast = reparseIncrementally(parser, previous, text, edited);
    if (!fast) return { full };
    const expected = describeParse(full);
    const actual = describeParse(fast);
    const diff = expected.findIndex((line, k) => line !== actual[k]);
    if (diff < 0 && expected.length === actual.length) return { fast, full };
    return { fast, full, mismatch: `${label}: first difference at line ${diff}: expected ${expected[diff]} got ${actual[diff]}` };
}

/**
 * Types `declaration` at `at` one character at a time, as in an editor, each keystroke parsed
 * incrementally from the previous keystroke's result (broken states included) and compared
 * with a full parse. Returns how many keystrokes took the fast path and the mismatches.
 */
function typeAt(start: string, at: number, declaration: string, label: string): { incremental: number; keystrokes: number; mismatches: string[] } {
    let text = start;
    let previous = parser.parse(text);
    let incremental = 0;
    const mismatches: string[] = [];
    for (let i = 1; i <= declaration.length; i++) {
        const edited = start.slice(0, at) + declaration.slice(0, i) + start.slice(at);
        const { fast, full, mismatch } = compare(previous, text, edited, `${label} keystroke ${i} ${JSON.stringify(declaration.slice(0, i))}`);
        if (mismatch) {
            mismatches.push(mismatch);
            break;
        }
        if (fast) incremental++;
        text = edited;
        previous = fast ?? full;
    }
    return { incremental, keystrokes: declaration.length, mismatches };
}

/** A new declaration as a user types it: kind, name, label, a block with properties, a new line. */
const NEW_DECLARATION = '\nservice foo "Foo service" {\n  owner: "team-a"\n  replicas: 2\n}\n';
const NEW_CONNECTION = '\nfoo -> bar : https\n';

/** Offsets just after each top-level declaration (where a new one can be inserted). */
function declarationEnds(text: string): number[] {
    const root = parser.parse(text).value as AstNode & { elements: AstNode[] };
    return root.elements.map(element => element.$cstNode!.end);
}

/**
 * Applies `count` random edits, each re-parsed incrementally from the previous result and
 * compared with a full parse. An edit that leaves a syntax error is undone by the next edit
 * (re-parsed and compared too, from the broken tree, as an editor's undo is), so the sequence
 * keeps exercising the fast path from valid text.
 */
function checkEdits(start: string, seed: number, count: number): { incremental: number; mismatches: string[] } {
    const next = random(seed);
    let text = start;
    let previous = parser.parse(text);
    let incremental = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < count && mismatches.length === 0; i++) {
        const edited = randomEdit(text, next);
        const { fast, full, mismatch } = compare(previous, text, edited, `seed ${seed} edit ${i}`);
        if (mismatch) mismatches.push(mismatch);
        if (fast) incremental++;
        if (full.lexerErrors.length === 0 && full.parserErrors.length === 0) {
            text = edited;
            previous = fast ?? full;
        } else {
            // The previous tree may have been reused by the fast path: undo from the new one.
            const undo = compare(fast ?? full, edited, text, `seed ${seed} undo of edit ${i}`);
            if (undo.mismatch) mismatches.push(undo.mismatch);
            previous = undo.fast ?? undo.full;
        }
    }
    return { incremental, mismatches };
}

// Hundreds of full parses to compare with: minutes on a loaded 2-core machine, seconds when idle.
describe('incremental parsing', { timeout: 180_000 }, () => {
    test('random edits of the bundled examples give the same trees as full parses', () => {
        const results = examples.map((text, i) => checkEdits(text, 20261128 + i, 120));
        expect({ mismatches: results.flatMap(r => r.mismatches), fastPathTaken: results.every(r => r.incremental > 20) })
            .toEqual({ mismatches: [], fastPathTaken: true });
    });

    test('random edits of a generated 96-component model give the same trees as full parses', () => {
        const text = generateModel({ components: 96 })['main.arch'];
        const { mismatches, incremental } = checkEdits(text, 7, 200);
        expect({ mismatches, fastPathTaken: incremental > 40 }).toEqual({ mismatches: [], fastPathTaken: true });
    });

    test('most random edits of a valid file take the incremental path', () => {
        // Edits that leave a syntax error, or touch two declarations' boundary, are parsed in full.
        const text = generateModel({ components: 96 })['main.arch'];
        const { incremental } = checkEdits(text, 11, 200);
        expect(incremental).toBeGreaterThan(100);
    });

    test('a label edit inside one declaration is re-parsed incrementally', () => {
        const text = examples[0];
        const edited = text.replace('"Order service"', '"Orders"');
        expect(edited).not.toBe(text);
        expect(reparseIncrementally(parser, parser.parse(text), text, edited)).toBeDefined();
    });

    test('an edit that leaves a syntax error falls back to a full parse', () => {
        const text = 'service a "A"\nservice b "B"\nservice c "C"\n';
        expect(reparseIncrementally(parser, parser.parse(text), text, text.replace('"B"', '"B'))).toBeUndefined();
    });

    test('an edit inside the imports falls back to a full parse', () => {
        const text = 'import "a.arch"\nservice a\nservice b\n';
        expect(reparseIncrementally(parser, parser.parse(text), text, text.replace('a.arch', 'b.arch'))).toBeUndefined();
    });

    test('a declaration that absorbs its neighbour after an edit falls back to a full parse', () => {
        // Deleting the newline and the second kind makes `service a "A"` take `b`'s label.
        const text = 'service a\nservice b "B"\nservice c\n';
        const edited = 'service a\n"B"\nservice c\n';
        expect(reparseIncrementally(parser, parser.parse(text), text, edited)).toBeUndefined();
    });

    test('text after the edit keeps correct line and column positions', () => {
        const text = 'service a "A"\nservice b "B"\nservice c "C" { replicas: 2 }\n';
        const edited = text.replace('"A"', '"A"\n\n  // note');
        const result = reparseIncrementally(parser, parser.parse(text), text, edited)!;
        expect(describeParse(result)).toEqual(describeParse(parser.parse(edited)));
    });

    test('declarations after the edit on the same line move by the edit\'s length', () => {
        const text = 'service a "A" service b "B" service c "C" { replicas: 2 } a -> c\n';
        const edited = text.replace('"A"', '"Alpha"');
        const result = reparseIncrementally(parser, parser.parse(text), text, edited)!;
        expect(describeParse(result)).toEqual(describeParse(parser.parse(edited)));
    });

    test('random edits of declarations that share lines give the same trees as full parses', () => {
        const text = generateModel({ components: 48 })['main.arch'].replace(/\n(?=(service|database|cache|client|dns|cdn) )/g, ' ');
        const { mismatches, incremental } = checkEdits(text, 3, 200);
        expect({ mismatches, fastPathTaken: incremental > 40 }).toEqual({ mismatches: [], fastPathTaken: true });
    });
});

// Typing a declaration keystroke by keystroke: a few thousand full parses to compare with.
describe('typing a new declaration', { timeout: 300_000 }, () => {
    test('appending at the end of each bundled example, keystroke by keystroke, gives the trees and errors of full parses, on the fast path', () => {
        const results = examples.flatMap((text, i) => [
            typeAt(text, text.length, NEW_DECLARATION, `example ${i} append`),
            typeAt(text, text.length, NEW_CONNECTION, `example ${i} append connection`),
            // Without a final newline, the first keystroke touches the last declaration.
            typeAt(text.trimEnd(), text.trimEnd().length, NEW_DECLARATION, `example ${i} append, no final newline`),
        ]);
        expect(results.flatMap(r => r.mismatches)).toEqual([]);
        // Every keystroke but at most one per declaration takes the fast path, broken states
        // (`s`, `service foo "F`) included. (Typing `a` in an unclosed `"team-a`, after the
        // lexer skipped the `-`, is parsed in full: the broken declaration reaches the edit.)
        expect(results.filter(r => r.incremental < r.keystrokes - 1)).toEqual([]);
    });

    test('inserting between two declarations of each bundled example, keystroke by keystroke, gives the trees and errors of full parses', () => {
        const results = examples.flatMap((text, i) => {
            const ends = declarationEnds(text);
            return [ends[0], ends[Math.floor(ends.length / 2)], ends[ends.length - 2]]
                .map(at => typeAt(text, at, NEW_DECLARATION, `example ${i} insert at ${at}`));
        });
        expect(results.flatMap(r => r.mismatches)).toEqual([]);
        const incremental = results.reduce((sum, r) => sum + r.incremental, 0);
        const keystrokes = results.reduce((sum, r) => sum + r.keystrokes, 0);
        // About four in five keystrokes take the fast path (920 of 1,134 when written); the rest
        // are broken states whose error recovery reaches the next declaration, parsed in full.
        expect(incremental).toBeGreaterThan(keystrokes * 0.75);
    });

    test('appending to and inserting into a generated 1,000-component model gives the trees and errors of full parses, on the fast path', () => {
        const text = generateModel({ components: 1000 })['main.arch'];
        const ends = declarationEnds(text);
        // A shorter declaration than on the examples: each keystroke costs a full parse of 97 KB.
        const declaration = '\nservice foo "Foo" {\n  replicas: 2\n}\n';
        const results = [
            typeAt(text, text.length, declaration, '1,000 append'),
            typeAt(text, ends[Math.floor(ends.length / 2)], declaration, '1,000 insert'),
        ];
        expect(results.flatMap(r => r.mismatches)).toEqual([]);
        expect(results[0].incremental).toBeGreaterThanOrEqual(results[0].keystrokes - 1);
        expect(results[1].incremental).toBeGreaterThan(results[1].keystrokes * 0.9);
    });

    test('a new empty line at the end of a file is re-parsed incrementally', () => {
        const text = examples[0];
        const { mismatches, incremental } = typeAt(text, text.length, '\n', 'empty line');
        expect({ mismatches, incremental }).toEqual({ mismatches: [], incremental: 1 });
    });
});
