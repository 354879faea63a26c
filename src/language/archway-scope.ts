/**
 * Scoping: every component, zone and channel is visible by id (channels as `broker.channel`)
 * to the document that declares it and to every document that imports it, directly or not.
 */
import {
    AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, DefaultScopeComputation, DefaultScopeProvider, MultiMap, stream,
    WorkspaceCache, type AstNode, type AstNodeDescription, type LangiumDocument, type LangiumDocuments, type LocalSymbols,
    type LangiumCoreServices, type ReferenceInfo, type Scope, type Stream,
} from 'langium';
import { ArchwayIndexManager } from './archway-references.js';
import { isBroker } from './archway-ast-utils.js';
import { isArchFile, isComponent, isZone, type Channel, type Component, type Zone } from './generated/ast.js';
import { importGraph } from './archway-imports.js';

/**
 * Descriptions of declared ids whose source segments and paths are computed when read: every
 * edit re-indexes thousands of ids, and only the few that navigation touches need them. They
 * are not memoised, so a description stays true when incremental parsing moves its declaration.
 */
export class ArchwayAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        const id = name ?? this.nameProvider.getName(node);
        if (!id) throw new Error(`A ${node.$type} has no name.`);
        const locator = this.astNodeLocator;
        const nameProvider = this.nameProvider;
        return {
            node,
            name: id,
            type: node.$type,
            documentUri: doc.uri,
            get path() {
                return locator.getAstNodePath(node);
            },
            get selectionSegment() {
                return node.$cstNode ? CstUtils.toDocumentSegment(node.$cstNode) : undefined;
            },
            get nameSegment() {
                return CstUtils.toDocumentSegment(nameProvider.getNameNode(node) ?? node.$cstNode);
            },
        };
    }
}

/**
 * Exports every declared element of a document under its model id. The ids of each top-level
 * declaration are remembered: after an incremental re-parse only re-parsed declarations are
 * described again.
 */
export class ArchwayScopeComputation extends DefaultScopeComputation {
    private readonly byDeclaration = new WeakMap<AstNode, { uri: string; exports: AstNodeDescription[] }>();

    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        const root = document.parseResult.value;
        if (!isArchFile(root)) return exports;
        const uri = document.uri.toString();
        for (const element of root.elements) {
            let cached = this.byDeclaration.get(element);
            if (!cached || cached.uri !== uri) {
                cached = { uri, exports: [] };
                this.visit([element], document, cached.exports);
                this.byDeclaration.set(element, cached);
            }
            for (const description of cached.exports) exports.push(description);
        }
        return exports;
    }

    private visit(members: Iterable<unknown>, document: LangiumDocument, exports: AstNodeDescription[]): void {
        for (const member of members) {
            if (isZone(member)) {
                this.add(member, member.name, document, exports);
                this.visit(member.members, document, exports);
            } else if (isComponent(member)) {
                this.add(member, member.name, document, exports);
                if (isBroker(member)) {
                    for (const channel of member.members) {
                        if (channel.$type === 'Channel') {
                            const c = channel as Channel;
                            if (c.name) this.add(c, `${member.name}.${c.name}`, document, exports);
                        }
                    }
                }
            }
        }
    }

    /** Nothing is scoped locally: ids are global within a model. */
    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }

    private add(node: Component | Zone | Channel, name: string | undefined, document: LangiumDocument, into: AstNodeDescription[]): void {
        if (name) into.push(this.descriptions.createDescription(node, name, document));
    }
}

/**
 * The ids visible in a document: those of every file in its import closure, looked up file by
 * file in closure order (the first declaration wins; duplicates are reported by the model
 * builder). Nothing is copied: each file's ids are indexed once per re-index of that file, so a
 * file importing twenty others gets its scope for the price of twenty map lookups per name
 * instead of a fresh 5,000-entry map after every keystroke.
 */
export class ClosureScope implements Scope {
    constructor(private readonly files: readonly ReadonlyMap<string, AstNodeDescription>[]) {}

    getElement(name: string): AstNodeDescription | undefined {
        for (const file of this.files) {
            const found = file.get(name);
            if (found) return found;
        }
        return undefined;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const found = this.getElement(name);
        return stream(found ? [found] : []);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const seen = new Set<string>();
        const result: AstNodeDescription[] = [];
        for (const file of this.files) {
            for (const [name, description] of file) {
                if (seen.has(name)) continue;
                seen.add(name);
                result.push(description);
            }
        }
        return stream(result);
    }
}

/** Resolves references against the document's import closure. */
export class ArchwayScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly closureScopes: WorkspaceCache<string, Scope>;
    /** A file's exported descriptions (as indexed) → its ids, first declaration first. */
    private readonly fileIds = new WeakMap<readonly AstNodeDescription[], Map<string, AstNodeDescription>>();

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.closureScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        return this.closureScopes.get(document.uri.toString(), () =>
            new ClosureScope(importGraph(this.documents).closure(document).map(file => this.idsOf(file.uri.toString()))));
    }

    private idsOf(uri: string): Map<string, AstNodeDescription> {
        // The index keeps one array per file until the file is re-indexed: the map is built once per array.
        const exported = this.exportsArray(uri) ?? this.indexManager.allElements(undefined, new Set([uri])).toArray();
        let ids = this.fileIds.get(exported);
        if (!ids) {
            ids = new Map();
            for (const description of exported) if (!ids.has(description.name)) ids.set(description.name, description);
            this.fileIds.set(exported, ids);
        }
        return ids;
    }

    private exportsArray(uri: string): readonly AstNodeDescription[] | undefined {
        return this.indexManager instanceof ArchwayIndexManager ? this.indexManager.exportsOf(uri) : undefined;
    }
}
