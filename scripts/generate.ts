/**
 * `npm run generate` step 2 and 3 (step 1 is langium-cli): `--rule-index` writes
 * src/rules/rule-index.ts; without it, every other derived file (scripts/generated-files.ts),
 * deleting pages of rules that no longer exist. The two steps run as separate bundles because
 * the second one bundles the index the first one writes. Run from the repository root.
 */
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { derivedFiles, OWNED_FOLDERS, ruleIndexFile } from './generated-files.js';

const root = process.cwd();
const files = process.argv.includes('--rule-index') ? ruleIndexFile(root) : derivedFiles(root);
let changed = 0;
for (const [path, content] of files) {
    const target = join(root, path);
    let current: string | undefined;
    try { current = readFileSync(target, 'utf8'); } catch { current = undefined; }
    if (current === content) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    console.log(`Wrote ${path}.`);
    changed++;
}
if (!process.argv.includes('--rule-index')) {
    for (const { folder, extension } of OWNED_FOLDERS) {
        for (const name of readdirSync(join(root, folder))) {
            if (!name.endsWith(extension) || files.has(`${folder}/${name}`)) continue;
            unlinkSync(join(root, folder, name));
            console.log(`Deleted ${folder}/${name} (nothing generates it any more).`);
            changed++;
        }
    }
}
console.log(`${files.size} generated file${files.size === 1 ? '' : 's'} checked, ${changed} changed.`);
