/**
 * The importers never crash on bad input: random token soup from each language's own
 * vocabulary (and arbitrary text) is read without throwing, every problem has a file and a
 * line inside the input, and whatever could be read becomes `.arch` text that parses with no
 * syntax error or model problem.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importLikeC4, importStructurizr } from './import-fixtures.js';
import { checkImported } from './import-helpers.js';

const LIKEC4_WORDS = [
    'specification', 'model', 'views', 'view', 'dynamic', 'of', 'element', 'tag', 'relationship', 'extend', 'include', 'exclude', 'style', 'shape',
    'queue', 'person', 'title', 'description', 'technology', 'metadata', 'link', 'autoLayout', 'TopBottom', 'it', 'this', 'a', 'b', 'c', 'sys',
    '=', '{', '}', '->', '-[', ']->', '<->', '.', ',', '*', '#', ':', "'x'", '"y"', "'''md'''", '\n', '\n', ' ', '//c\n', '/*', '*/', "'", '"',
];
const STRUCTURIZR_WORDS = [
    'workspace', 'model', 'views', 'person', 'softwareSystem', 'container', 'component', 'group', 'enterprise', 'tags', 'description', 'technology',
    'properties', '!identifiers', 'hierarchical', '!include', 'x.dsl', '!const', 'N', '${N}', 'include', 'exclude', 'autoLayout', 'lr', 'dynamic',
    'systemContext', 'styles', 'element', 'shape', 'Cylinder', 'a', 'b', 'c', 'this', '=', '{', '}', '->', '*', '"x y"', '"Database"', '\\', '\n', '\n', ' ',
    '# c\n', '/*', '*/', '"',
];

function soup(words: string[]) {
    return fc.array(fc.constantFrom(...words), { maxLength: 120 }).map(parts => parts.join(' '));
}

function problemsInside(problems: { file: string; line?: number }[], file: string, text: string): void {
    const lines = text.split('\n').length;
    for (const problem of problems) {
        expect(problem.file).toBe(file);
        if (problem.line !== undefined) expect(problem.line).toBeGreaterThanOrEqual(1), expect(problem.line).toBeLessThanOrEqual(lines + 1);
    }
}

describe('importers on hostile input', () => {
    it('LikeC4: never throws; problems point into the file', () => {
        fc.assert(fc.property(fc.oneof(soup(LIKEC4_WORDS), fc.string({ maxLength: 300 })), (text) => {
            const result = importLikeC4([{ file: 'in.c4', text }], 'in.c4');
            problemsInside(result.problems, 'in.c4', text);
            expect(result.text.startsWith('// Imported by Archway')).toBe(true);
        }), { numRuns: 400 });
    });

    it('Structurizr: a line continuation followed by nothing is no statement (a counterexample fast-check found)', () => {
        for (const text of ['\\ \n', 'workspace {\n  \\\n\n}\n']) {
            const result = importStructurizr({ file: 'in.dsl', text }, 'in.dsl', () => undefined);
            problemsInside(result.problems, 'in.dsl', text);
            expect(result.text.startsWith('// Imported by Archway')).toBe(true);
        }
    });

    it('Structurizr: never throws; problems point into the file', () => {
        fc.assert(fc.property(fc.oneof(soup(STRUCTURIZR_WORDS), fc.string({ maxLength: 300 })), (text) => {
            const result = importStructurizr({ file: 'in.dsl', text }, 'in.dsl', () => undefined);
            problemsInside(result.problems.filter(p => p.file === 'in.dsl'), 'in.dsl', text);
            expect(result.text.startsWith('// Imported by Archway')).toBe(true);
        }), { numRuns: 400 });
    });

    it('stray closing braces end (a loop on one `}` ran out of memory once)', () => {
        const result = importLikeC4([{ file: 'in.c4', text: "}\n} model {\n  a = x 'A'\n}\n}\n" }], 'in.c4');
        expect(result.problems.map(p => `${p.line}: ${p.message}`)).toEqual(["1: Expected 'specification', 'model', 'views', 'deployment' or 'global' at the top level, not '}'.",
            "2: Expected 'specification', 'model', 'views', 'deployment' or 'global' at the top level, not '}'.",
            "5: Expected 'specification', 'model', 'views', 'deployment' or 'global' at the top level, not '}'."]);
        expect(result.text).toMatch(/^service a "A"$/m);
    });

    it('what is read from a broken model is valid Archway text', async () => {
        const samples = fc.sample(fc.tuple(soup(LIKEC4_WORDS), soup(STRUCTURIZR_WORDS)), { numRuns: 25, seed: 19 });
        for (const [likec4, structurizr] of samples) {
            await checkImported(importLikeC4([{ file: 'in.c4', text: `model {\n${likec4}\n}\n` }], 'in.c4').text);
            await checkImported(importStructurizr({ file: 'in.dsl', text: `workspace {\nmodel {\n${structurizr}\n}\n}\n` }, 'in.dsl').text);
        }
    }, 120_000);
});
