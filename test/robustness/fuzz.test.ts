/**
 * Property-based fuzzing of the whole pipeline: random token sequences from the grammar's
 * vocabulary, random plausible programs, random mutations of every example, and every
 * truncation of a small file. See `fuzz-support.ts` for the properties checked on each case.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configureLayout } from '../../src/diagram/index.js';
import {
    analyse, countCase, exampleFiles, exampleWorkspaces, LONG_MODE, mutate, mutationArb, params, printCaseCounts,
    programArb, tokenTextArb, warmUp,
} from './fuzz-support.js';

const LONG = LONG_MODE ? 600_000 : 60_000;

beforeAll(async () => {
    // In-process layout: no worker threads to leak between cases.
    configureLayout({ worker: false });
    await warmUp();
});

afterAll(() => printCaseCounts('fuzz.test.ts'));

describe('fuzz: random input never crashes or hangs the pipeline', () => {
    test('random token sequences from the grammar vocabulary', async () => {
        const p = params('tokens', 100);
        await fc.assert(fc.asyncProperty(tokenTextArb, async (text) => {
            countCase('tokens', p.seed);
            await analyse({ 'main.arch': text });
        }), p);
    }, LONG);

    test('random plausible programs (past the parser, into model and rules), with layout', async () => {
        const p = params('programs', 40);
        let index = 0;
        await fc.assert(fc.asyncProperty(programArb, async (text) => {
            countCase('programs', p.seed);
            // Layout is the slow step: every fifth case.
            await analyse({ 'main.arch': text }, { layout: index++ % 5 === 0, quickFixes: true });
        }), p);
    }, LONG);

    test('two files importing each other, with random contents', async () => {
        const p = params('two-files', 25);
        await fc.assert(fc.asyncProperty(programArb, programArb, fc.boolean(), async (a, b, cycle) => {
            countCase('two-files', p.seed);
            await analyse({
                'a.arch': `import "./b.arch"\n${a}`,
                'b.arch': `${cycle ? 'import "./a.arch"\n' : ''}${b}`,
            }, { quickFixes: true });
        }), p);
    }, LONG);
});

describe('fuzz: mutations of every example', () => {
    const workspaces = exampleWorkspaces();

    test('there are examples to mutate', () => {
        expect(workspaces.size).toBeGreaterThanOrEqual(5);
    });

    for (const [dir, files] of workspaces) {
        test(`mutations of ${dir}`, async () => {
            const name = `mutate ${dir}`;
            const p = params(name, 15);
            const names = Object.keys(files);
            let index = 0;
            await fc.assert(fc.asyncProperty(
                fc.constantFrom(...names), fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
                async (target, mutations) => {
                    countCase(name, p.seed);
                    const mutated = { ...files, [target]: mutations.reduce(mutate, files[target]) };
                    await analyse(mutated, { layout: index++ % 8 === 0, quickFixes: true });
                }), p);
        }, LONG);
    }
});

describe('fuzz: every truncation of a small file', () => {
    test('each prefix of the smallest example', async () => {
        const [path, text] = [...exampleFiles()].sort((a, b) => a[1].length - b[1].length)[0];
        const seed = 0;
        // CI: every 4th offset plus the last 40 (the full text's end); long mode: every offset.
        const step = LONG_MODE ? 1 : 4;
        for (let at = 0; at <= text.length; at++) {
            if (at % step !== 0 && at < text.length - 40) continue;
            countCase(`truncate ${path}`, seed);
            await analyse({ 'main.arch': text.slice(0, at) });
        }
    }, LONG);
});
