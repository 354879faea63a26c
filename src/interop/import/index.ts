/**
 * Imports to `.arch` text: from other architecture tools (LikeC4 models, Structurizr DSL
 * workspaces) and from deployment files (Compose, Kubernetes; `deployment-import.ts`). Pure:
 * files in, text and problems out; reading the disk is the caller's job.
 */
import type { ImportProblem, SourceFile } from './imported-model.js';
import { readLikeC4 } from './likec4.js';
import { readStructurizr, type IncludeLoader } from './structurizr.js';
import { importedToArch, type ArchImport } from './to-arch.js';

export type { ImportProblem, ImportedModel, SourceFile } from './imported-model.js';
export type { IncludeLoader } from './structurizr.js';
export { readLikeC4 } from './likec4.js';
export { readStructurizr } from './structurizr.js';
export { archString, importedToArch, type ArchImport } from './to-arch.js';
export { decodeText, type DecodedText } from '../../import/text-decoding.js';

/** The outcome of an import: the `.arch` text (what could be read) and the problems found. */
export interface ImportOutcome extends ArchImport {
    problems: ImportProblem[];
}

/** Imports LikeC4 files (all together form one model). `names` says how the header names the input; `options.name` renames the model. */
export function importLikeC4(files: readonly SourceFile[], names: string, options: { name?: string } = {}): ImportOutcome {
    const model = readLikeC4(files);
    return { ...importedToArch({ ...model, name: options.name ?? model.name }, names), problems: model.problems };
}

/** Imports a Structurizr workspace; `load` reads `!include`d files; `options.name` renames the model. */
export function importStructurizr(file: SourceFile, names: string, load?: IncludeLoader, options: { name?: string } = {}): ImportOutcome {
    const model = readStructurizr(file, load);
    return { ...importedToArch({ ...model, name: options.name ?? model.name }, names), problems: model.problems };
}
