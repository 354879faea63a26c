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

/**
 * The import graph of the loaded documents, computed once and reused until a document is
 * added, removed or re-parsed (see `importGraph`). Answers the questions validation and
 * re-linking ask for every document — import closures, model roots, import groups, importers —
 * without walking the whole workspace each time (which made them quadratic in files).
 */
export class ImportGraph {
    private readonly byUri = new Map<string, LangiumDocument>();
    private readonly imported = new Set<string>();
    private readonly closures = new Map<string, LangiumDocument[]>();
    private readonly closureSets = new Map<string, Set<string>>();
    private groups: Map<string, number> | undefined;
    private rootsByMember: Map<string, LangiumDocument[]> | undefined;
    /** Parse roots seen when the graph was computed (a re-parse replaces the root). */
    private readonly parseRoots = new Map<LangiumDocument, unknown>();

    constructor(private readonly documents: LangiumDocuments, all: readonly LangiumDocument[]) {
        for (const doc of all) {
            this.byUri.set(doc.uri.toString(), doc);
            this.parseRoots.set(doc, doc.parseResult?.value);
            for (const uri of importedUris(doc)) this.imported.add(uri);
        }
    }

    /** `importClosure(document)`, memoized. */
    closure(document: LangiumDocument): LangiumDocument[] {
        const uri = document.uri.toString();
        let closure = this.closures.get(uri);
        if (!closure) {
            closure = importClosure(document, this.documents);
            this.closures.set(uri, closure);
        }
        return closure;
    }

    /** URIs of `closure(document)`. */
    closureUris(document: LangiumDocument): Set<string> {
        const uri = document.uri.toString();
        let set = this.closureSets.get(uri);
        if (!set) {
            set = new Set(this.closure(document).map(doc => doc.uri.toString()));
            this.closureSets.set(uri, set);
        }
        return set;
    }

    /** True when some loaded document imports `uri`. */
    isImported(uri: string): boolean {
        return this.imported.has(uri);
    }

    /** Documents whose models include `document`: the import roots that reach it, else itself. */
    rootsOf(document: LangiumDocument): LangiumDocument[] {
        const target = document.uri.toString();
        if (!this.imported.has(target)) return [document];
        if (!this.rootsByMember) {
            this.rootsByMember = new Map();
            for (const doc of this.byUri.values()) {
                if (this.imported.has(doc.uri.toString())) continue;
                for (const member of this.closure(doc)) {
                    const key = member.uri.toString();
                    const roots = this.rootsByMember.get(key) ?? [];
                    if (roots.length === 0) this.rootsByMember.set(key, roots);
                    if (!roots.includes(doc)) roots.push(doc);
                }
            }
        }
        const roots = this.rootsByMember.get(target);
        return roots && roots.length > 0 ? roots : [document];
    }

    /** The import group (see `importGroups`) of a URI, or undefined when it is not loaded. */
    groupOf(uri: string): number | undefined {
        this.groups ??= importGroups(this.byUri.values());
        return this.groups.get(uri);
    }

    /** True when nothing was added, removed or re-parsed since this graph was computed. */
    isCurrent(all: readonly LangiumDocument[]): boolean {
        if (all.length !== this.byUri.size) return false;
        for (const doc of all) {
            const known = this.byUri.get(doc.uri.toString());
            if (known !== doc || this.parseRoots.get(doc) !== doc.parseResult?.value) return false;
        }
        return true;
    }
}

const graphs = new WeakMap<LangiumDocuments, ImportGraph>();

/**
 * The import graph of `documents`, cached until a document is added, removed or re-parsed.
 * Checking that costs one pass over the documents, not over their imports.
 */
export function importGraph(documents: LangiumDocuments): ImportGraph {
    const all = documents.all.toArray();
    const cached = graphs.get(documents);
    if (cached?.isCurrent(all)) return cached;
    const graph = new ImportGraph(documents, all);
    graphs.set(documents, graph);
    return graph;
}
