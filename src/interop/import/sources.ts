/**
 * The import sources by name, shared by `archway import` and the MCP server's
 * `archway_import`: each says what files it reads and turns them into `.arch` text. Reading
 * is the caller's (`read` returns the file, or undefined after recording why not), so the CLI
 * reads the disk and the MCP server reads only under its root: other architecture tools'
 * models (LikeC4, Structurizr) and deployment files (Compose, Kubernetes).
 */
import { importDeployment } from './deployment-import.js';
import type { ImportOutcome, SourceFile } from './index.js';
import { importLikeC4, importStructurizr } from './index.js';

/** Reads an input file; `from` is the including file for relative paths. Undefined when it cannot. */
export type ReadSource = (path: string, from?: string) => SourceFile | undefined;

/** What every source accepts besides its files. */
export interface ImportOptions {
    /** The model's `architecture "…"` name (instead of the one the source gives, if any). */
    name?: string;
}

export interface ImportSource {
    name: string;
    /** One line for usage texts and tool descriptions. */
    summary: string;
    /** Extensions of the files it reads when given a folder. */
    extensions: readonly string[];
    /** True when it reads exactly one file (which may include others). */
    single: boolean;
    /**
     * Imports the files (absolute paths, folders already expanded); undefined when none could
     * be read. An outcome with nothing in it (no zone, no component) and problems means
     * nothing could be imported.
     */
    run(files: readonly string[], read: ReadSource, options?: ImportOptions): ImportOutcome | undefined;
}

export const IMPORT_SOURCES: readonly ImportSource[] = [
    {
        name: 'likec4',
        summary: 'LikeC4 model files (.c4, .likec4) or folders: one model, as in a LikeC4 workspace',
        extensions: ['.c4', '.likec4'],
        single: false,
        run(files, read, options = {}) {
            const sources = files.map(file => read(file)).filter((s): s is SourceFile => s !== undefined);
            return sources.length === 0 ? undefined : importLikeC4(sources, sources.map(s => s.file).join(', '), options);
        },
    },
    {
        name: 'structurizr',
        summary: 'a Structurizr DSL workspace (workspace.dsl); its local !include files are read too',
        extensions: ['.dsl'],
        single: true,
        run(files, read, options = {}) {
            const main = read(files[0]);
            if (!main) return undefined;
            return importStructurizr(main, main.file, (path, from) => read(path, from), options);
        },
    },
    {
        name: 'compose',
        summary: 'Compose files (docker-compose.yml), merged in the order given like `docker compose -f a -f b`',
        extensions: ['.yml', '.yaml'],
        single: false,
        run: (files, read, options) => importDeployment('compose', files, read, options),
    },
    {
        name: 'kubernetes',
        summary: 'Kubernetes manifests, or folders of them (.yaml, .yml); render Helm charts and kustomizations first',
        extensions: ['.yaml', '.yml'],
        single: false,
        run: (files, read, options) => importDeployment('kubernetes', files, read, options),
    },
];

/** The source of a name, if any. */
export function importSource(name: string): ImportSource | undefined {
    return IMPORT_SOURCES.find(source => source.name === name);
}

/** True when an outcome holds nothing to write: no zone and no component, and problems say why. */
export function importedNothing(outcome: ImportOutcome): boolean {
    return outcome.counts.zones + outcome.counts.components === 0 && outcome.problems.length > 0;
}
