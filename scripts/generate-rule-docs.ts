/**
 * Writes docs/rules/<id>.md for every rule and docs/rules/README.md (the table) from the rule
 * metadata. Run from the repository root:
 *   npx esbuild scripts/generate-rule-docs.ts --bundle --platform=node --format=cjs --outfile=out/scripts/generate-rule-docs.cjs --log-level=warning && node out/scripts/generate-rule-docs.cjs
 * A test (test/rules/docs.test.ts) fails when the committed files differ from this output.
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAllRuleDocs } from '../src/rules/rule-docs.js';

const dir = join(process.cwd(), 'docs/rules');
mkdirSync(dir, { recursive: true });
const files = renderAllRuleDocs();
for (const name of readdirSync(dir)) if (name.endsWith('.md') && !files.has(name)) unlinkSync(join(dir, name));
for (const [name, content] of files) writeFileSync(join(dir, name), content);
console.log(`Wrote ${files.size} files to docs/rules.`);
