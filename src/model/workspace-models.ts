/**
 * Which model a document belongs to. A file and everything it imports form one model; a file
 * that others import is checked as part of its importers' models (its connections usually live
 * there), and on its own only when nothing imports it.
 */
import { URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { importClosure, importedUris, resolveImportUri } from '../language/archway-imports.js';
import { isArchFile } from '../language/generated/ast.js';
import type { ArchModel } from './arch-model.js';
import { buildModel, type ImportStatus, type ModelFile } from './build-model.js';

/** Documents whose models include `document`: the import roots that reach it, else itself. */
export function modelRootsOf(document: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    const all = documents.all.toArray();
    const imported = new Set<string>();
    for (const doc of all) for (const uri of importedUris(doc)) imported.add(uri);
    const target = document.uri.toString();
    if (!imported.has(target)) return [document];
    const roots = all.filter(doc => !imported.has(doc.uri.toString())
        && importClosure(doc, documents).some(member => member.uri.toString() === target));
    return roots.length > 0 ? roots : [document];
}

/** Builds the model rooted at `root` from the loaded documents. */
export function buildDocumentModel(root: LangiumDocument, documents: LangiumDocuments, importStatus?: (uri: string) => ImportStatus): ArchModel {
    const files: ModelFile[] = importClosure(root, documents)
        .filter(doc => isArchFile(doc.parseResult.value))
        .map(doc => ({ uri: doc.uri.toString(), root: doc.parseResult.value as ModelFile['root'] }));
    const loaded = new Set(documents.all.map(doc => doc.uri.toString()));
    return buildModel(files, {
        resolveImport: (importer, path) => resolveImportUri(URI.parse(importer), path).toString(),
        importStatus: importStatus ?? (uri => loaded.has(uri) ? 'ok' : 'missing'),
    });
}

