/**
 * SVG → PNG in the extension host with `@resvg/resvg-wasm` — the same resvg (2.6.2) as the
 * CLI's `@resvg/resvg-js`, as WebAssembly because a native addon cannot ship in the `.vsix`.
 * The wasm file is copied next to the extension bundle (`out/extension/resvg.wasm`). resvg in
 * wasm cannot enumerate system fonts, so the diagram's font stack is loaded from the usual
 * system font files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

/** Scale of the editor's PNG export: 1, the CLI's default (`archway export --format png`). */
export const PNG_SCALE = 1;

/** Font files tried, in the order of the diagram's font stack (DejaVu Sans, Verdana, Segoe UI, Helvetica, Arial). */
export const FONT_CANDIDATES: readonly string[] = [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/Library/Fonts/Verdana.ttf',
    '/Library/Fonts/Verdana Bold.ttf',
    '/System/Library/Fonts/Supplemental/Verdana.ttf',
    '/System/Library/Fonts/Supplemental/Verdana Bold.ttf',
    '/System/Library/Fonts/Helvetica.ttc',
    'C:\\Windows\\Fonts\\verdana.ttf',
    'C:\\Windows\\Fonts\\verdanab.ttf',
    'C:\\Windows\\Fonts\\segoeui.ttf',
    'C:\\Windows\\Fonts\\segoeuib.ttf',
    'C:\\Windows\\Fonts\\arial.ttf',
];

let ready: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;

function loadFonts(): Uint8Array[] {
    if (!fonts) {
        fonts = [];
        for (const file of FONT_CANDIDATES) {
            try {
                if (existsSync(file)) fonts.push(readFileSync(file));
            } catch {
                // unreadable font: skip
            }
        }
    }
    return fonts;
}

/**
 * Converts a standalone SVG to PNG bytes with the CLI's resvg options (`src/cli/export.ts`);
 * `wasmPath` is the `resvg.wasm` shipped with the extension.
 */
export async function svgToPng(svg: string, wasmPath: string, scale = PNG_SCALE): Promise<Uint8Array> {
    ready ??= initWasm(readFileSync(wasmPath)).catch(error => {
        ready = undefined;
        throw error;
    });
    await ready;
    const fontBuffers = loadFonts();
    const resvg = new Resvg(svg, {
        fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
        font: { fontBuffers, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
        shapeRendering: 2,
        textRendering: 1,
    });
    try {
        const image = resvg.render();
        try {
            return image.asPng();
        } finally {
            image.free();
        }
    } finally {
        resvg.free();
    }
}

/** Where the wasm lives inside the installed extension. */
export function resvgWasmPath(extensionPath: string): string {
    return join(extensionPath, 'out', 'extension', 'resvg.wasm');
}
