/**
 * Every generated file is what `npm run generate` would write now: the Langium output (the
 * parser and the TextMate grammar, from the grammar), the rule index (from the rule files),
 * the rule pages and tables, the archway.json schema, the property reference, the kinds table
 * of the language reference, the README tables and the snippets. A failure names the stale
 * file; the fix is `npm run generate` and committing the result.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedFiles, LANGIUM_OUTPUT, OWNED_FOLDERS, ruleIndexFile } from '../../scripts/generated-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const committed = (path: string): string => existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : '(missing)';

describe('generated files are fresh (run npm run generate)', () => {
    const files = new Map([...ruleIndexFile(ROOT), ...derivedFiles(ROOT)]);

    it('lists every kind of generated file', () => {
        for (const path of ['src/rules/rule-index.ts', 'docs/rules/README.md', 'README.md', 'schemas/archway.schema.json',
            'docs/properties.md', 'docs/language.md', 'snippets/arch.json', 'docs/other-editors.md', 'src/diagram/tech-icon-paths.ts']) expect([...files.keys()]).toContain(path);
    });

    for (const [path, content] of files) {
        it(`${path} is up to date`, () => {
            expect(committed(path)).toBe(content);
        });
    }

    for (const { folder, extension } of OWNED_FOLDERS) {
        it(`${folder} holds no ${extension} file that nothing generates`, () => {
            expect(readdirSync(join(ROOT, folder)).filter(name => name.endsWith(extension) && !files.has(`${folder}/${name}`))).toEqual([]);
        });
    }

    describe('the Langium output', () => {
        let out: string;
        beforeAll(() => {
            out = mkdtempSync(join(tmpdir(), 'archway-langium-'));
            const config = JSON.parse(readFileSync(join(ROOT, 'langium-config.json'), 'utf8')) as {
                languages: { grammar: string; textMate?: { out: string } }[]; out: string;
            };
            // The same configuration, writing into the temporary folder: paths by their place in LANGIUM_OUTPUT.
            for (const language of config.languages) {
                language.grammar = join(ROOT, language.grammar);
                if (language.textMate) language.textMate.out = join(out, language.textMate.out);
            }
            config.out = join(out, config.out);
            writeFileSync(join(out, 'langium-config.json'), JSON.stringify(config));
            execFileSync(process.execPath, [
                '--import', join(ROOT, 'scripts/object-groupby-polyfill.mjs'), join(ROOT, 'node_modules/langium-cli/bin/langium.js'),
                'generate', '-f', join(out, 'langium-config.json'),
            ], { cwd: out, stdio: 'pipe' });
        }, 60_000);
        afterAll(() => rmSync(out, { recursive: true, force: true }));

        for (const path of LANGIUM_OUTPUT) {
            it(`${path} is what langium-cli generates from the grammar`, () => {
                expect(committed(path)).toBe(readFileSync(join(out, path), 'utf8'));
            });
        }

        it('src/language/generated holds nothing else', () => {
            const generated = LANGIUM_OUTPUT.filter(path => path.startsWith('src/language/generated/')).map(path => path.split('/').pop());
            expect(readdirSync(join(ROOT, 'src/language/generated')).sort()).toEqual([...generated].sort());
        });
    });
});
