import { describe, expect, it } from 'vitest';
import { listRules } from '../../src/rules/registry.js';
import { check } from './rule-tester.js';

describe('the documentation examples of every rule', () => {
    for (const meta of listRules()) {
        it(`the failing example of '${meta.id}' reports '${meta.id}'`, async () => {
            const { findings } = await check(meta.examples.invalid);
            expect(findings.map(f => f.code)).toContain(meta.id);
        });
        it(`the passing example of '${meta.id}' does not report '${meta.id}'`, async () => {
            const { findings } = await check(meta.examples.valid);
            expect(findings.filter(f => f.code === meta.id).map(f => f.message)).toEqual([]);
        });
    }
});
