/**
 * A quick fix leaves a clean model: on each rule's own failing documentation example, the fix
 * the editor applies first (the preferred one, else the first) removes a finding of its rule
 * and adds no finding of any rule. Run over the real code-action provider and real text edits.
 */
import { describe, expect, it } from 'vitest';
import { listRules } from '../../src/rules/registry.js';
import { applyFirstFix, findingCounts, newFindings } from './rule-tester.js';

/** Rules whose fixes apply to cases other than their documentation example (tested with the rule). */
const NO_FIX_ON_EXAMPLE: Record<string, string> = {
    'flow-below-availability-slo': 'the example needs two components made redundant; the fix is offered only when replicas on one component meet the SLO',
    'allow-without-reason': 'the example lacks a reason; only an unknown rule id has a fix (a rename)',
    'gateway-without-routes': 'routes are added only to services clients call directly, and the example has none',
    'topic-without-subscriber': 'only services of the channel\'s file that do not publish to it may subscribe, and the example has none',
};

/** New findings fixes are known to leave (defects still to fix); the test fails when a list is no longer exact. */
const KNOWN_LEFT: Record<string, string[]> = {
    'missing-authentication': ['jwt-insecure-client-storage', 'jwt-without-issuer'],
};

describe('the first quick fix of every rule, on its documentation example', () => {
    for (const [id, why] of Object.entries(NO_FIX_ON_EXAMPLE)) {
        it(`'${id}' offers no fix on its example (${why})`, async () => {
            expect(await applyFirstFix(id, listRules().find(m => m.id === id)!.examples.invalid)).toBeUndefined();
        });
    }
    for (const meta of listRules().filter(m => m.source !== 'reader' && (m.quickFix?.length ?? 0) > 0 && !(m.id in NO_FIX_ON_EXAMPLE)
        // The drift rules' examples need a deployment file: their fixes are checked in the rule tests, with it.
        && !(m.examples as { deployment?: unknown }).deployment)) {
        it(`'${meta.id}': the fix removes its finding and adds none`, async () => {
            const applied = await applyFirstFix(meta.id, meta.examples.invalid);
            expect(applied, `'${meta.id}' offers a fix on its failing example`).toBeDefined();
            const before = await findingCounts(meta.examples.invalid);
            const after = await findingCounts(applied!.fixed);
            expect((after.get(meta.id) ?? 0), `'${applied!.title}' removes a '${meta.id}' finding:\n${applied!.fixed}`).toBeLessThan(before.get(meta.id) ?? 0);
            const left = newFindings(before, after).map(a => a.slice(0, a.lastIndexOf(' ')));
            expect(left, `'${applied!.title}' leaves:\n${applied!.fixed}`).toEqual(KNOWN_LEFT[meta.id] ?? []);
        });
    }
});
