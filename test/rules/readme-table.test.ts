import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { listRules } from '../../src/rules/registry.js';
import { updateReadmeRules } from '../../src/rules/rule-docs.js';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

// That the table is what updateReadmeRules writes: test/generated/freshness.test.ts.

test('regenerating a README that lost its table markers fails instead of keeping a stale table', () => {
    expect(() => updateReadmeRules(readme.replace(/<!-- rules:start[^>]*-->/, ''))).toThrow(/rules:start/);
});

test('the README has a row for every rule id', () => {
    expect(listRules().filter(r => !readme.includes(`| [\`${r.id}\`](docs/rules/${r.id}.md) |`)).map(r => r.id)).toEqual([]);
});
