/**
 * PNG export in the extension host (resvg as WebAssembly) against the CLI (resvg native).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_CANDIDATES, svgToPng } from '../../src/extension/png-export.js';
import { archway, ensureBuilt, ROOT } from '../cli/cli-process.js';

const WASM = join(ROOT, 'node_modules/@resvg/resvg-wasm/index_bg.wasm');
const hasDejaVu = FONT_CANDIDATES.slice(0, 2).every(existsSync);

describe('PNG export', () => {
    it('produces a PNG of the SVG size', async () => {
        const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#08f"/></svg>', WASM);
        expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const view = new DataView(png.buffer, png.byteOffset);
        expect([view.getUint32(16), view.getUint32(20)]).toEqual([40, 30]);
    });

    // Identical pixels need the same fonts on both sides: DejaVu Sans, the diagram's first font (Debian: fonts-dejavu-core).
    it.skipIf(!hasDejaVu)('writes the same bytes as `archway export --format png` for the same SVG', async () => {
        ensureBuilt();
        const svgOut = join(ROOT, 'test-results', 'extension-png-source.svg');
        const pngOut = join(ROOT, 'test-results', 'extension-png-cli.png');
        expect(archway(['export', 'examples/online-shop/shop.arch', '-o', svgOut]).status).toBe(0);
        expect(archway(['export', 'examples/online-shop/shop.arch', '--format', 'png', '-o', pngOut]).status).toBe(0);
        const png = await svgToPng(readFileSync(svgOut, 'utf8'), WASM);
        expect(Buffer.from(png).equals(readFileSync(pngOut))).toBe(true);
    });
});
