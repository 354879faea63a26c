/**
 * What the MCP server takes from the command that starts it: loading `.arch` files from disk
 * (as `archway check` does), PNG rendering and the layout of imported text. The server sits
 * below the command line in the layers (`docs/CONTRIBUTING.md`), so `archway mcp` hands these in.
 */
import type { LangiumDocument } from 'langium';
import type { ArchModel } from '../model/arch-model.js';

/** Loaded, linked and validated files. */
export interface McpWorkspace {
    /** Documents of the files asked for, in order. */
    requested: LangiumDocument[];
    /** Every loaded document (asked for and imported). */
    all: LangiumDocument[];
    /** The model(s) a document belongs to. */
    modelsOf(document: LangiumDocument): ArchModel[];
}

export interface McpHost {
    /** Loads files and what they import, with validation; a path problem throws an error named `InputError`. */
    loadWorkspace(files: readonly string[]): Promise<McpWorkspace>;
    /** `.arch` files under paths (files, or folders searched recursively), sorted, absolute. */
    discoverArchFiles(paths: readonly string[]): string[];
    /** PNG bytes of an SVG. */
    svgToPng(svg: string): Promise<Buffer>;
    /** Imported `.arch` text in `archway format`'s layout. */
    formatImported(text: string): string;
}
