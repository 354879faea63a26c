// Regenerates the diagrams shown in the README (docs/images/*.svg) with the built CLI,
// so they are exactly what `archway export` draws. Usage: npm run build && node scripts/render-readme-images.mjs [--png]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'cli', 'main.cjs');
if (!existsSync(cli)) {
    console.error('out/cli/main.cjs is missing: run `npm run build` first.');
    process.exit(1);
}
const png = process.argv.includes('--png');

/** [example file, output name, extra export arguments] */
const IMAGES = [
    ['examples/online-shop/shop.arch', 'online-shop', []],
    ['examples/media-site/media.arch', 'media-site-page-miss', ['--flow', 'pageMiss']],
    ['examples/event-ledger/ledger.arch', 'event-ledger-dark', ['--theme', 'dark']],
];

mkdirSync(join(root, 'docs', 'images'), { recursive: true });
for (const [file, name, extra] of IMAGES) {
    for (const format of png ? ['svg', 'png'] : ['svg']) {
        const out = join('docs', 'images', `${name}.${format}`);
        // exit code 1 means the model has findings of severity error; the picture is still written.
        try {
            execFileSync(process.execPath, [cli, 'export', file, ...extra, '--format', format, ...(format === 'png' ? ['--scale', '2'] : []), '-o', out], { cwd: root, stdio: 'inherit' });
        } catch (error) {
            if (!existsSync(join(root, out))) throw error;
        }
    }
}
