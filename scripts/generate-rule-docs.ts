/**
 * Writes what is derived from the rule metadata: docs/rules/<id>.md for every rule,
 * docs/rules/README.md (the table), the rule table in README.md and the archway.json schema
 * (schemas/archway.schema.json). Run from the repository root: `npm run docs:rules`, which
 * first regenerates the rule index so that a new rule file is included. Tests
 * (test/rules/docs.test.ts, test/extension/config-schema.test.ts) fail when the committed
 * files differ from this output.
 */
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfigSchema } from '../src/extension/config-schema.js';
import { listRules } from '../src/rules/registry.js';
import { renderAllRuleDocs, updateReadmeRules } from '../src/rules/rule-docs.js';

const dir = join(process.cwd(), 'docs/rules');
mkdirSync(dir, { recursive: true });
const files = renderAllRuleDocs();
for (const name of readdirSync(dir)) if (name.endsWith('.md') && !files.has(name)) unlinkSync(join(dir, name));
for (const [name, content] of files) writeFileSync(join(dir, name), content);
console.log(`Wrote ${files.size} files to docs/rules.`);
const readme = join(process.cwd(), 'README.md');
writeFileSync(readme, updateReadmeRules(readFileSync(readme, 'utf8')));
writeFileSync(join(process.cwd(), 'schemas/archway.schema.json'), `${JSON.stringify(buildConfigSchema(listRules()), null, 2)}\n`);
console.log('Wrote README.md (rule table) and schemas/archway.schema.json.');
