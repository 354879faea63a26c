/**
 * The language server checks a model again after every keystroke, reusing the last check when
 * the keystroke changed no rule input (a label, a comment, white space: `check-reuse.ts`). Over
 * real models and real editing — typing a label, a comment, a property value, a new connection,
 * a blank line that moves everything below it, deleting what was typed — the findings after
 * every keystroke (messages, places, related places, quick fixes, suppressions) are exactly those
 * of a fresh check of the same text, and the reuse is taken where it should be.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { moveControl } from '../../src/checking/check-reuse.js';
import { openLiveWorkspace } from '../support/services.js';

/** Services with the files open as editor documents, validated as the language server does. */
async function openWorkspace(files: Record<string, string>, validation = true) {
    const live = await openLiveWorkspace(files, validation);
    return {
        edit: live.edit,
        /** The check of the model rooted at `root`: its result as JSON (places, related, fixes, suppressions), whether it was reused, and how many rules ran. */
        check(root: string): { json: string; reused: boolean; ran: number } {
            const check = live.services.Archway.archway.ModelChecker.checkRootedAt(live.document(root));
            return { json: JSON.stringify(check.result), reused: check.reused, ran: check.ran.length };
        },
    };
}

/** One keystroke: the text after it. */
type Keystrokes = (text: string) => string[];

/** Typing `typed` at `at`, one character at a time, then deleting it again one character at a time (backspace). */
function typeAndDelete(at: number, typed: string): Keystrokes {
    return text => {
        const states: string[] = [];
        for (let i = 1; i <= typed.length; i++) states.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
        for (let i = typed.length - 1; i >= 0; i--) states.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
        return states;
    };
}

/** Typing `typed` at `at`, one character at a time, and keeping it. */
function type(at: number, typed: string): Keystrokes {
    return text => Array.from({ length: typed.length }, (_, i) => text.slice(0, at) + typed.slice(0, i + 1) + text.slice(at));
}

/** The editing session on one file: each step's keystrokes start from the text the previous step left. */
function session(text: string): Keystrokes[] {
    const steps: Keystrokes[] = [];
    // In the first label: type " (v2)" and take it back.
    const label = /^\s*\w+ [\w-]+ "([^"]*)"/m.exec(text);
    if (label) steps.push(typeAndDelete(label.index + label[0].length - 1, ' (v2)'));
    // A comment line in the middle, typed and kept (its first '/' is a syntax error for a moment).
    const lines = text.split('\n');
    const middle = lines.slice(0, Math.floor(lines.length / 2)).join('\n').length + 1;
    steps.push(type(middle, '// reviewed\n'));
    // A blank line at the top moves everything below it.
    steps.push(type(0, '\n'));
    // A property value retyped: the rules see a new value.
    steps.push(t => {
        const match = /(replicas|timeout): (\S+)/.exec(t);
        if (!match) return [];
        const at = match.index + match[1].length + 2;
        const without = t.slice(0, at) + t.slice(at + match[2].length);
        return [without, ...type(at, match[2] === '1' ? '3' : '1')(without)];
    });
    // A property value replaced in one keystroke (a digit overwritten, or true and false swapped, as a paste would),
    // from a valid value to another: only the rules that read the property run again.
    steps.push(t => {
        const digit = /^[^/\n]*\b[a-zA-Z]+: (\d)/m.exec(t);
        if (digit) {
            const at = digit.index + digit[0].length - 1;
            return ['7', '2'].map(d => t.slice(0, at) + (digit[1] === d ? '5' : d) + t.slice(at + 1));
        }
        const flag = /^[^/\n]*\b[a-zA-Z]+: +(true|false)\b/m.exec(t);
        if (!flag) return [];
        const at = flag.index + flag[0].length - flag[1].length;
        const swapped = t.slice(0, at) + (flag[1] === 'true' ? 'false' : 'true') + t.slice(at + flag[1].length);
        return [swapped, t];
    });
    // A new connection typed at the end, between the first two declared names.
    const names = [...text.matchAll(/^\s*(?:service|database|cache|client|gateway|broker|function|queue|idp|cdn|lb|loadbalancer) ([\w-]+)/gm)].map(m => m[1]);
    if (names.length >= 2) steps.push(t => type(t.length, `\n${names[0]} -> ${names[1]} : https\n`)(t));
    return steps;
}

/** Runs `session` on `edited` keystroke by keystroke, comparing the live check of `root` with a fresh one each time. */
async function compareKeystrokes(files: Record<string, string>, root: string, edited: string): Promise<{ mismatches: string[]; keystrokes: number; reused: number; partial: number }> {
    const live = await openWorkspace(files);
    const texts = { ...files };
    const mismatches: string[] = [];
    let keystrokes = 0;
    let reused = 0;
    // Keystrokes after which only some rules ran: a property value changed, the other rules' findings were reused.
    let partial = 0;
    const all = live.check(root).ran;
    for (const [step, keystrokesOf] of session(files[edited]).entries()) {
        for (const text of keystrokesOf(texts[edited])) {
            texts[edited] = text;
            await live.edit(edited, text);
            keystrokes++;
            const actual = live.check(root);
            if (actual.reused) reused++;
            if (actual.ran > 0 && actual.ran < all) partial++;
            // A fresh workspace needs no validation: its checker checks the model on request.
            const expected = (await openWorkspace(texts, false)).check(root);
            if (actual.json !== expected.json) {
                const a = actual.json.split('},{'), e = expected.json.split('},{');
                const k = a.findIndex((x, j) => x !== e[j]);
                mismatches.push(`${edited}, step ${step}, keystroke ${keystrokes}${actual.reused ? ' (reused)' : ''}: the findings differ from a fresh check: ${JSON.stringify(text.slice(-40))} ${a[k]} ≠ ${e[k]}`);
                break;
            }
        }
    }
    return { mismatches, keystrokes, reused, partial };
}

const real = new URL('../fixtures/real/', import.meta.url);
const realModels = readdirSync(real).filter(name => name.endsWith('.arch'));
const example = (path: string): string => readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8');

afterEach(() => {
    moveControl.neverMove = false;
});

describe('checking after every keystroke', () => {
    test.each(realModels)('%s: every keystroke gives the findings of a fresh check', async name => {
        const unmovedBefore = moveControl.unmovedLists;
        const { mismatches, keystrokes, reused, partial } = await compareKeystrokes({ [name]: readFileSync(new URL(name, real), 'utf8') }, name, name);
        expect(mismatches).toEqual([]);
        // Keystrokes within a line leave the findings off that line where they were: their lists are kept as they are.
        expect(moveControl.unmovedLists, 'finding lists kept unmoved').toBeGreaterThan(unmovedBefore);
        expect(keystrokes).toBeGreaterThan(30);
        // The retyped replicas or timeout value re-runs only the rules that read it.
        expect(partial, 'keystrokes after which only the rules reading a changed property ran').toBeGreaterThan(0);
        // The label and the comment (once it parses) change no rule input: those keystrokes reuse the last check.
        expect(reused, `keystrokes that reused the last check, of ${keystrokes}`).toBeGreaterThan(10);
        expect(reused).toBeLessThan(keystrokes);
        console.log(`${name}: ${reused} of ${keystrokes} keystrokes reused the last check, ${partial} re-ran only some rules`);
    }, 300_000);

    test('editing an imported file: the importing model\'s findings are those of a fresh check', async () => {
        const files = { 'shop.arch': example('online-shop/shop.arch'), 'payments.arch': example('online-shop/payments.arch') };
        const { mismatches, reused } = await compareKeystrokes(files, 'shop.arch', 'payments.arch');
        expect(mismatches).toEqual([]);
        expect(reused).toBeGreaterThan(5);
    }, 300_000);

    test('editing the root of a model with imports: findings in both files are those of a fresh check', async () => {
        const files = { 'shop.arch': example('online-shop/shop.arch'), 'payments.arch': example('online-shop/payments.arch') };
        const { mismatches, reused } = await compareKeystrokes(files, 'shop.arch', 'shop.arch');
        expect(mismatches).toEqual([]);
        expect(reused).toBeGreaterThan(5);
    }, 300_000);

    test('control: finding lists kept unmoved when a line was inserted above them are caught', async () => {
        moveControl.neverMove = true;
        const name = realModels[0];
        const { mismatches } = await compareKeystrokes({ [name]: readFileSync(new URL(name, real), 'utf8') }, name, name);
        expect(mismatches.length).toBeGreaterThan(0);
    }, 300_000);
});
