import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { listRules } from '../../src/rules/registry.js';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

// That the table is what updateReadmeRules writes: test/generated/freshness.test.ts.

test('the README has a row for every rule id', () => {
    expect(listRules().filter(r => !readme.includes(`| [\`${r.id}\`](docs/rules/${r.id}.md) |`)).map(r => r.id)).toEqual([]);
});
