/**
 * PNG export in the extension host (resvg as WebAssembly) against the CLI (resvg native).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { svgToPng as cliSvgToPng } from '../../src/cli/export.js';
import { FONT_CANDIDATES, svgToPng } from '../../src/extension/png-export.js';

const ROOT = join(import.meta.dirname, '..', '..');

const WASM = join(ROOT, 'node_modules/@resvg/resvg-wasm/index_bg.wasm');
const hasDejaVu = FONT_CANDIDATES.slice(0, 2).every(existsSync);
// CI installs fonts-dejavu-core (.ci/run); there missing fonts are a failure, never a silent skip.
if (!hasDejaVu && process.env.CI) throw new Error('DejaVu Sans is missing on CI: .ci/run must install fonts-dejavu-core.');
if (!hasDejaVu) console.warn('SKIPPED the PNG comparison with the CLI: DejaVu Sans is missing (apt-get install fonts-dejavu-core; .ci/run does).');

describe('PNG export', () => {
    it('produces a PNG of the SVG size', async () => {
        const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#08f"/></svg>', WASM);
        expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const view = new DataView(png.buffer, png.byteOffset);
        expect([view.getUint32(16), view.getUint32(20)]).toEqual([40, 30]);
    });

    // Identical pixels need the same fonts on both sides: DejaVu Sans, the diagram's first font (Debian: fonts-dejavu-core).
    it.skipIf(!hasDejaVu)('writes the same bytes as the CLI\'s PNG export (native resvg) for the same SVG', async () => {
        const svg = readFileSync(join(ROOT, 'media/icons/archway.svg'), 'utf8')
            .replace('</svg>', '<text x="64" y="120" font-size="11" text-anchor="middle" fill="#fff">Order service ×3</text></svg>');
        const [mine, cli] = await Promise.all([svgToPng(svg, WASM), cliSvgToPng(svg)]);
        expect(Buffer.from(mine).equals(cli)).toBe(true);
    });
});
