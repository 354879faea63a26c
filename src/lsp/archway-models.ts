/**
 * Models for editor features (hover, inlay hints): the `ArchModel`s a document belongs to,
 * cached until the next workspace change.
 */
import { WorkspaceCache, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { ArchModel, Element } from '../model/arch-model.js';
import { buildDocumentModel, modelRootsOf } from '../model/workspace-models.js';

/** Cached models per root document. */
export class EditorModels {
    private readonly cache: WorkspaceCache<string, ArchModel>;

    constructor(private readonly services: LangiumServices) {
        this.cache = new WorkspaceCache(services.shared);
    }

    /** Models that include `document` (its import roots, else itself). */
    modelsOf(document: LangiumDocument): ArchModel[] {
        const documents = this.services.shared.workspace.LangiumDocuments;
        return modelRootsOf(document, documents).map(root => this.cache.get(root.uri.toString(), () => {
            const checker = (this.services as { archway?: { ModelChecker?: { importStatus?: (uri: string) => 'ok' | 'missing' | 'directory' | 'unreadable' | 'not-arch' } } }).archway?.ModelChecker;
            return buildDocumentModel(root, documents, checker?.importStatus);
        }));
    }

    /** The element with `id` and the model it was found in, seen from `document`. */
    find(document: LangiumDocument, id: string): { model: ArchModel; element: Element } | undefined {
        for (const model of this.modelsOf(document)) {
            const element = model.elements.get(id);
            if (element) return { model, element };
        }
        return undefined;
    }
}
