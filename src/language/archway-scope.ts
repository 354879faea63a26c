/**
 * Scoping: every component, zone and channel is visible by id (channels as `broker.channel`)
 * to the document that declares it and to every document that imports it, directly or not.
 */
import {
    AstUtils, DefaultScopeComputation, DefaultScopeProvider, MapScope, MultiMap, WorkspaceCache,
    type AstNodeDescription, type LangiumDocument, type LangiumDocuments, type LocalSymbols,
    type ReferenceInfo, type Scope,
} from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { isBroker } from './archway-ast-utils.js';
import { isArchFile, isComponent, isZone, type Channel, type Component, type Zone } from './generated/ast.js';
import { importGraph } from './archway-imports.js';

/** Exports every declared element of a document under its model id. */
export class ArchwayScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        const root = document.parseResult.value;
        if (!isArchFile(root)) return exports;
        const visit = (members: Iterable<unknown>): void => {
            for (const member of members) {
                if (isZone(member)) {
                    this.add(member, member.name, document, exports);
                    visit(member.members);
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
        };
        visit(root.elements);
        return exports;
    }

    /** Nothing is scoped locally: ids are global within a model. */
    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }

    private add(node: Component | Zone | Channel, name: string | undefined, document: LangiumDocument, into: AstNodeDescription[]): void {
        if (name) into.push(this.descriptions.createDescription(node, name, document));
    }
}

/** Resolves references against the document's import closure. */
export class ArchwayScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly closureScopes: WorkspaceCache<string, Scope>;

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.closureScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        return this.closureScopes.get(document.uri.toString(), () => {
            const uris = importGraph(this.documents).closureUris(document);
            // First declaration wins; duplicates are reported by the model builder.
            const byName = new Map<string, AstNodeDescription>();
            for (const description of this.indexManager.allElements(undefined, uris)) {
                if (!byName.has(description.name)) byName.set(description.name, description);
            }
            return new MapScope(byName.values());
        });
    }
}
