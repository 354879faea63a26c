/**
 * Writes src/rules/rule-index.ts (every rule, in catalogue order) from the rule files, so that
 * a new rule file is picked up by the engine, the CLI and the docs. Run from the repository
 * root: `npm run docs:rules` (which then regenerates the docs). A test
 * (test/rules/rule-index.test.ts) fails when the committed index is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleIndex } from './rule-index.js';

const rulesDir = join(process.cwd(), 'src/rules');
writeFileSync(join(rulesDir, 'rule-index.ts'), renderRuleIndex(rulesDir));
console.log('Wrote src/rules/rule-index.ts.');
