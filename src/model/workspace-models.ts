/**
 * Which model a document belongs to. A file and everything it imports form one model; a file
 * that others import is checked as part of its importers' models (its connections usually live
 * there), and on its own only when nothing imports it.
 */
import { URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { importGraph, resolveImportUri } from '../language/archway-imports.js';
import { isArchFile } from '../language/generated/ast.js';
import type { ArchModel } from './arch-model.js';
import { buildModel, type ImportStatus, type ModelFile } from './build-model.js';

/** Documents whose models include `document`: the import roots that reach it, else itself. */
export function modelRootsOf(document: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    // The import graph is computed once per workspace state, not once per document.
    return importGraph(documents).rootsOf(document);
}

/** Builds the model rooted at `root` from the loaded documents. */
export function buildDocumentModel(root: LangiumDocument, documents: LangiumDocuments, importStatus?: (uri: string) => ImportStatus): ArchModel {
    const files: ModelFile[] = importGraph(documents).closure(root)
        .filter(doc => isArchFile(doc.parseResult.value))
        .map(doc => ({ uri: doc.uri.toString(), root: doc.parseResult.value as ModelFile['root'] }));
    const loaded = new Set(documents.all.map(doc => doc.uri.toString()));
    return buildModel(files, {
        resolveImport: (importer, path) => resolveImportUri(URI.parse(importer), path).toString(),
        importStatus: importStatus ?? (uri => loaded.has(uri) ? 'ok' : 'missing'),
    });
}

