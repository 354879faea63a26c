/**
 * `import "./other.arch"`: resolving import paths and walking the import graph.
 */
import type { LangiumDocument, LangiumDocuments } from 'langium';
import { URI, UriUtils } from 'langium';
import { isArchFile, type ArchFile } from './generated/ast.js';

/** The URI an import path names, relative to the importing document. */
export function resolveImportUri(importer: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(importer), path);
}

/** URIs (as strings) that a document imports directly, in source order. */
export function importedUris(document: LangiumDocument): string[] {
    const root = document.parseResult?.value;
    if (!isArchFile(root)) return [];
    return (root as ArchFile).imports
        .filter(imp => typeof imp.path === 'string' && imp.path.length > 0)
        .map(imp => resolveImportUri(document.uri, imp.path).toString());
}

/**
 * The document and everything it imports, transitively, root first, in import order.
 * Imports of documents that are not loaded are skipped (they are reported elsewhere).
 */
export function importClosure(document: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    const seen = new Set<string>([document.uri.toString()]);
    const result: LangiumDocument[] = [document];
    for (let i = 0; i < result.length; i++) {
        for (const uri of importedUris(result[i])) {
            if (seen.has(uri)) continue;
            seen.add(uri);
            const imported = documents.getDocument(URI.parse(uri));
            if (imported) result.push(imported);
        }
    }
    return result;
}

/**
 * Groups of documents connected by imports (in either direction). A change to one member
 * can change the findings of every other member, so they are re-validated together.
 */
export function importGroups(documents: Iterable<LangiumDocument>): Map<string, number> {
    const all = [...documents];
    const parent = new Map<string, string>();
    const find = (uri: string): string => {
        let root = uri;
        while (parent.get(root) !== root) root = parent.get(root)!;
        let node = uri;
        while (node !== root) {
            const next = parent.get(node)!;
            parent.set(node, root);
            node = next;
        }
        return root;
    };
    for (const doc of all) parent.set(doc.uri.toString(), doc.uri.toString());
    for (const doc of all) {
        for (const uri of importedUris(doc)) {
            if (!parent.has(uri)) continue;
            const a = find(doc.uri.toString());
            const b = find(uri);
            if (a !== b) parent.set(a, b);
        }
    }
    const ids = new Map<string, number>();
    const groupOf = new Map<string, number>();
    for (const uri of parent.keys()) {
        const root = find(uri);
        if (!ids.has(root)) ids.set(root, ids.size);
        groupOf.set(uri, ids.get(root)!);
    }
    return groupOf;
}
