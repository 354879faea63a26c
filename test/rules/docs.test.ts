import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRules, RULES } from '../../src/rules/registry.js';
import { renderAllRuleDocs } from '../../src/rules/rule-docs.js';
import { hasQuickFix } from '../../src/rules/rule.js';

const root = join(__dirname, '../..');
const docsDir = join(root, 'docs/rules');
const testSources = readdirSync(__dirname).filter(f => f.endsWith('.test.ts')).map(f => readFileSync(join(__dirname, f), 'utf8')).join('\n');

describe('rule docs and metadata', () => {
    // That every page is what renderAllRuleDocs writes, and no other page: test/generated/freshness.test.ts.
    it('renders a page for every rule and the index', () => {
        const generated = renderAllRuleDocs();
        expect([...generated.keys()].sort()).toEqual([...listRules().map(r => `${r.id}.md`), 'README.md'].sort());
    });
    it('the index has a row for every rule id', () => {
        const index = readFileSync(join(docsDir, 'README.md'), 'utf8');
        expect(listRules().filter(r => !index.includes(`[\`${r.id}\`](${r.id}.md)`)).map(r => r.id)).toEqual([]);
    });
    it('every rule id has RuleTester tests', () => {
        expect(listRules().filter(r => r.source !== 'reader' && !testSources.includes(`ruleTester('${r.id}'`)).map(r => r.id)).toEqual([]);
    });
    it('every finding of the file reader is tested on real files by the CLI tests (the RuleTester checks models, not bytes on disk)', () => {
        const cliTests = readdirSync(join(root, 'test/cli')).filter(f => f.endsWith('.test.ts')).map(f => readFileSync(join(root, 'test/cli', f), 'utf8')).join('\n');
        expect(listRules().filter(r => r.source === 'reader' && !cliTests.includes(`'${r.id}'`)).map(r => r.id)).toEqual([]);
    });
    it('rule ids are unique', () => {
        const ids = listRules().map(r => r.id);
        expect(ids.length).toBe(new Set(ids).size);
    });
    it('every rule with a check is in the listing', () => {
        const listed = new Set(listRules().map(r => r.id));
        expect(RULES.filter(r => !listed.has(r.meta.id)).map(r => r.meta.id)).toEqual([]);
    });
    it('offers quick fixes for at least 15 rules', () => {
        expect(listRules().filter(hasQuickFix).length).toBeGreaterThanOrEqual(15);
    });
    it('every rule has a title, a rationale and both examples', () => {
        expect(listRules().filter(r => !r.title || !r.rationale || !r.fires || !r.examples.invalid || !r.examples.valid).map(r => r.id)).toEqual([]);
    });
});
