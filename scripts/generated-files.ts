/**
 * Every file derived from metadata, in one list: what `npm run generate` writes and what the
 * freshness test (test/generated/freshness.test.ts) compares with the committed files. The
 * Langium output (src/language/generated/, syntaxes/arch.tmLanguage.json) comes from the
 * grammar through langium-cli and is listed in `LANGIUM_OUTPUT`; the rule index comes first
 * because the rule registry, and so the rule docs, read it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfigSchema } from '../src/extension/config-schema.js';
import { renderEditorSnippets, updateEditorKeywords, updateLanguageKinds, updateReadmeKinds } from '../src/model/component-kind-docs.js';
import { renderPropertyDocs } from '../src/model/schema/property-docs.js';
import { listRules } from '../src/rules/registry.js';
import { renderAllRuleDocs, updateReadmeRules } from '../src/rules/rule-docs.js';
import { renderRuleIndex } from './rule-index.js';
import { renderTechIconPaths } from './tech-icon-subset.js';

/** Files langium-cli writes from `src/language/archway.langium` (see langium-config.json). */
export const LANGIUM_OUTPUT = [
    'src/language/generated/ast.ts', 'src/language/generated/grammar.ts', 'src/language/generated/module.ts',
    'syntaxes/arch.tmLanguage.json',
] as const;

/** Folders whose files of one extension are all generated: a file the generator does not write there is stale. */
export const OWNED_FOLDERS = [{ folder: 'docs/rules', extension: '.md' }] as const;

/** `src/rules/rule-index.ts`, from the rule files. */
export function ruleIndexFile(root: string): Map<string, string> {
    return new Map([['src/rules/rule-index.ts', renderRuleIndex(join(root, 'src/rules'))]]);
}

/** Everything derived from the rule metadata, the property schema and the kinds table, by path from the root. */
export function derivedFiles(root: string): Map<string, string> {
    const read = (path: string): string => existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '';
    const files = new Map<string, string>();
    for (const [name, content] of renderAllRuleDocs()) files.set(`docs/rules/${name}`, content);
    files.set('README.md', updateReadmeKinds(updateReadmeRules(read('README.md'))));
    files.set('schemas/archway.schema.json', `${JSON.stringify(buildConfigSchema(listRules()), null, 2)}\n`);
    files.set('docs/properties.md', renderPropertyDocs());
    files.set('docs/language.md', updateLanguageKinds(read('docs/language.md')));
    files.set('snippets/arch.json', renderEditorSnippets());
    files.set('docs/other-editors.md', updateEditorKeywords(read('docs/other-editors.md')));
    files.set('src/diagram/tech-icon-paths.ts', renderTechIconPaths(root));
    return files;
}
