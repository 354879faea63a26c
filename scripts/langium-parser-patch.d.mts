/** Types of `langium-parser-patch.mjs` (a plain ESM script, imported by the build and the tests). */
import type { Plugin } from 'esbuild';

/** Langium's parser builder (`parser-builder-base.js`) patched; throws when Langium's text changed. */
export function patchParserBuilder(source: string): string;
/** Langium's AST utilities (`ast-utils.js`) patched; throws when Langium's text changed. */
export function patchAstUtils(source: string): string;
/** Langium's CST node classes (`cst-node-builder.js`) patched; throws when Langium's text changed. */
export function patchCstNodes(source: string): string;
/** The esbuild plugin applying the patches to Langium's files. */
export const langiumParserPatch: Plugin;
