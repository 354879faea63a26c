import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRuleExports, indexedNames, orderRules, type RuleExport } from '../../scripts/rule-index.js';
import { ALL_RULES, RULES } from '../../src/rules/registry.js';
import { RULE_AREAS } from '../../src/rules/rule.js';

const rulesDir = join(__dirname, '../../src/rules');

describe('the generated rule index', () => {
    // That src/rules/rule-index.ts is what renderRuleIndex writes: test/generated/freshness.test.ts.
    it('holds every defineRule of the area folders, and the engine runs them all', () => {
        const modules = [...new Set(findRuleExports(rulesDir).map(r => r.module))];
        const defined = modules.reduce((n, m) => n + (readFileSync(join(rulesDir, `${m}.ts`), 'utf8').match(/= defineRule\(/g)?.length ?? 0), 0);
        expect(RULES.length).toBe(defined);
    });

    it('each rule sits in the folder of its area, and areas come in catalogue order', () => {
        const folderOf = new Map(findRuleExports(rulesDir).map(r => [r.name, r.area] as const));
        const names = indexedNames(readFileSync(join(rulesDir, 'rule-index.ts'), 'utf8'));
        expect(ALL_RULES.map((r, i) => `${r.meta.id}: ${folderOf.get(names[i])}`)).toEqual(ALL_RULES.map(r => `${r.meta.id}: ${r.meta.area}`));
        const ranks = ALL_RULES.map(r => RULE_AREAS.indexOf(r.meta.area));
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    });
});

describe('catalogue order of a regenerated index', () => {
    const rule = (name: string, area: string): RuleExport => ({ name, area, module: `${area}/${name}` });
    const found = [rule('b1', 'gateway'), rule('a1', 'model'), rule('a2', 'model'), rule('k1', 'resilience')];

    it('keeps the order of known rules', () => {
        expect(orderRules(found, ['a2', 'a1', 'b1', 'k1']).map(r => r.name)).toEqual(['a2', 'a1', 'b1', 'k1']);
    });
    it('puts a new rule at the end of its area, and new rules of one area in name order', () => {
        const more = [...found, rule('b3', 'gateway'), rule('b2', 'gateway'), rule('c1', 'cdn-dns')];
        expect(orderRules(more, ['a2', 'a1', 'b1', 'k1']).map(r => r.name)).toEqual(['a2', 'a1', 'b1', 'b2', 'b3', 'c1', 'k1']);
    });
    it('starts an area that had no rule after the areas before it', () => {
        expect(orderRules([...found, rule('p1', 'peer-to-peer')], ['a2', 'a1', 'b1', 'k1']).map(r => r.name)).toEqual(['a2', 'a1', 'b1', 'p1', 'k1']);
    });
    it('drops a deleted rule', () => {
        expect(orderRules(found.filter(r => r.name !== 'a1'), ['a2', 'a1', 'b1', 'k1']).map(r => r.name)).toEqual(['a2', 'b1', 'k1']);
    });
});
