import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { updateReadmeRules } from '../../src/rules/rule-docs.js';
import { listRules } from '../../src/rules/registry.js';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

test('the README rule table matches the rule metadata (run npm run docs:rules)', () => {
    expect(updateReadmeRules(readme)).toBe(readme);
});

test('the README has a row for every rule id', () => {
    expect(listRules().filter(r => !readme.includes(`| [\`${r.id}\`](docs/rules/${r.id}.md) |`)).map(r => r.id)).toEqual([]);
});
