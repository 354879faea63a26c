/**
 * Writes docs/rules/<id>.md for every rule and docs/rules/README.md (the table) from the rule
 * metadata, and the rule table in README.md. Run from the repository root: `npm run docs:rules`.
 * A test (test/rules/docs.test.ts) fails when the committed files differ from this output.
 */
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAllRuleDocs, updateReadmeRules } from '../src/rules/rule-docs.js';

const dir = join(process.cwd(), 'docs/rules');
mkdirSync(dir, { recursive: true });
const files = renderAllRuleDocs();
for (const name of readdirSync(dir)) if (name.endsWith('.md') && !files.has(name)) unlinkSync(join(dir, name));
for (const [name, content] of files) writeFileSync(join(dir, name), content);
console.log(`Wrote ${files.size} files to docs/rules.`);
const readme = join(process.cwd(), 'README.md');
writeFileSync(readme, updateReadmeRules(readFileSync(readme, 'utf8')));
