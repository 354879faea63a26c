/**
 * A document's findings as the editor shows them: a finding that is a copy of an earlier one (the
 * same rule, place and message) is shown once. With one model the copies are found among the
 * findings that start at the same place (`withoutCopies`), which must give what keying every
 * finding does; the language server's diagnostics of a real model keep every distinct finding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { withoutCopies } from '../../src/checking/model-checker.js';
import type { Finding } from '../../src/model/arch-model.js';
import { checkModel } from '../../src/rules/engine.js';
import { loadText } from '../support/services.js';

function finding(code: string, line: number, character: number, message: string, endCharacter = character + 5): Finding {
    return {
        code, severity: 'warning', message, related: [], elements: [],
        location: { uri: 'file:///m.arch', range: { start: { line, character }, end: { line, character: endCharacter } } },
    };
}

/** The reference: every finding keyed by rule, range and message, the first of each key kept. */
function keyedByAll(findings: readonly Finding[]): Finding[] {
    const seen = new Set<string>();
    return findings.filter(f => {
        const { start, end } = f.location.range;
        const key = `${f.code}|${start.line}:${start.character}-${end.line}:${end.character}|${f.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

describe('copies of findings', () => {
    test('a copy at the same start is dropped even with another finding between them; the same message elsewhere is kept', () => {
        const a = finding('plaintext-connection', 3, 2, 'The call is in the clear.');
        const other = finding('sync-call-without-timeout', 3, 2, 'No timeout.');
        const copy = finding('plaintext-connection', 3, 2, 'The call is in the clear.');
        const longer = finding('plaintext-connection', 3, 2, 'The call is in the clear.', 20);
        const elsewhere = finding('plaintext-connection', 4, 2, 'The call is in the clear.');
        const list = [a, other, copy, longer, elsewhere];
        expect(withoutCopies(list)).toEqual([a, other, longer, elsewhere]);
        expect(withoutCopies(list)).toEqual(keyedByAll(list));
    });

    test('on a real model, the same findings as keying every finding', async () => {
        const text = readFileSync(new URL('../fixtures/real/eshop-on-containers.arch', import.meta.url), 'utf8');
        const { model } = await loadText(text);
        const { findings } = checkModel(model);
        expect(findings.length).toBeGreaterThan(10);
        // A check's findings doubled, in source order: every second one is a copy.
        const doubled = findings.flatMap(f => [f, { ...f }]);
        expect(withoutCopies(doubled)).toEqual(keyedByAll(doubled));
        expect(withoutCopies(doubled)).toHaveLength(keyedByAll(findings).length);
    });
});
