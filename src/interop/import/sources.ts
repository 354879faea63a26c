/**
 * The import sources by name, shared by `archway import` and the MCP server's
 * `archway_import`: each says what files it reads and turns them into `.arch` text. Reading
 * is the caller's (`read` returns the file, or undefined after recording why not), so the CLI
 * reads the disk and the MCP server reads only under its root. Other sources (deployment
 * files) register here too.
 */
import type { ImportOutcome, SourceFile } from './index.js';
import { importLikeC4, importStructurizr } from './index.js';

/** Reads an input file; `from` is the including file for relative paths. Undefined when it cannot. */
export type ReadSource = (path: string, from?: string) => SourceFile | undefined;

export interface ImportSource {
    name: string;
    /** One line for usage texts and tool descriptions. */
    summary: string;
    /** Extensions of the files it reads when given a folder. */
    extensions: readonly string[];
    /** True when it reads exactly one file (which may include others). */
    single: boolean;
    /** Imports the files (absolute paths, folders already expanded); undefined when none could be read. */
    run(files: readonly string[], read: ReadSource): ImportOutcome | undefined;
}

export const IMPORT_SOURCES: readonly ImportSource[] = [
    {
        name: 'likec4',
        summary: 'LikeC4 model files (.c4, .likec4) or folders: one model, as in a LikeC4 workspace',
        extensions: ['.c4', '.likec4'],
        single: false,
        run(files, read) {
            const sources = files.map(file => read(file)).filter((s): s is SourceFile => s !== undefined);
            return sources.length === 0 ? undefined : importLikeC4(sources, sources.map(s => s.file).join(', '));
        },
    },
    {
        name: 'structurizr',
        summary: 'a Structurizr DSL workspace (workspace.dsl); its local !include files are read too',
        extensions: ['.dsl'],
        single: true,
        run(files, read) {
            const main = read(files[0]);
            if (!main) return undefined;
            return importStructurizr(main, main.file, (path, from) => read(path, from));
        },
    },
];

/** The source of a name, if any. */
export function importSource(name: string): ImportSource | undefined {
    return IMPORT_SOURCES.find(source => source.name === name);
}
