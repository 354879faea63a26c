/**
 * What the MCP server takes from the command that starts it: loading `.arch` files from disk
 * (as `archway check` does), PNG rendering and the layout of imported text. The server sits
 * below the command line in the layers (`docs/CONTRIBUTING.md`), so `archway mcp` hands these in.
 */
import type { LangiumDocument } from 'langium';
import type { ArchModel, Finding } from '../model/arch-model.js';

/** Loaded, linked and validated files. */
export interface McpWorkspace {
    /** Documents of the files asked for, in order. */
    requested: LangiumDocument[];
    /** Every loaded document (asked for and imported). */
    all: LangiumDocument[];
    /** The model(s) a document belongs to. */
    modelsOf(document: LangiumDocument): ArchModel[];
    /** The findings located in a loaded document, with their quick fixes (its diagnostics carry none). */
    findingsIn(document: LangiumDocument): Finding[];
    /** Files asked for or imported that could not be read as `.arch` text (1-based place of the first bad byte, else 1:1). */
    unreadable: UnreadableInput[];
}

/** A file or folder that could not be read, and why (an `unreadable-file` finding). */
export interface UnreadableInput {
    /** Absolute path. */
    path: string;
    message: string;
    line: number;
    column: number;
}

export interface McpHost {
    /** Loads files and what they import, with validation; a path problem throws an error named `InputError`. */
    loadWorkspace(files: readonly string[]): Promise<McpWorkspace>;
    /**
     * `.arch` files under paths (files, or folders searched recursively), sorted, absolute, and
     * what exists there but cannot be read; a path that does not exist throws an error named `InputError`.
     */
    discoverArchInputs(paths: readonly string[]): { files: string[]; unreadable: UnreadableInput[] };
    /** PNG bytes of an SVG. */
    svgToPng(svg: string): Promise<Buffer>;
    /** Imported `.arch` text in `archway format`'s layout. */
    formatImported(text: string): string;
}
