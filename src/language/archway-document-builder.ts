/**
 * Re-validation across files: a document's findings depend on every file it shares an import
 * graph with (its model root may be another file). After a change, the documents whose import
 * closure contains a changed file are re-linked (their scope changed); the other members of the
 * changed file's import group keep their links and are only re-validated.
 *
 * Re-linking is partial: only the references that pointed into a changed file, or resolved to
 * nothing, are resolved again (the rest still point at unchanged declarations of unchanged
 * files). When a change removes an import, the linker also drops links to files that left the
 * document's import closure (see `ArchwayLinker`). Editing one of twenty files that import each
 * other in a chain used to re-link half the workspace on every keystroke.
 */
import { DefaultDocumentBuilder, DocumentState, isReference, type LangiumDocument, type Mutable } from 'langium';
import { importGraph } from './archway-imports.js';
import { unlinkReference } from './archway-references.js';

export class ArchwayDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const graph = importGraph(this.langiumDocuments);
        const closure = graph.closureUris(document);
        const uri = document.uri.toString();
        const group = graph.groupOf(uri);
        let affected = false;
        let sameGroup = false;
        for (const changed of changedUris) {
            if (closure.has(changed)) affected = true;
            if (!sameGroup && group !== undefined && graph.groupOf(changed) === group) sameGroup = true;
        }
        if (affected || this.indexManager.isAffected(document, changedUris)) {
            this.unlinkInto(document as Mutable<LangiumDocument>, changedUris);
            return false;
        }
        // Links unaffected, findings maybe not: validate again without re-linking.
        if (sameGroup) this.resetToState(document, DocumentState.IndexedReferences);
        return false;
    }

    /** Unlinks the references into `changedUris` and the unresolved ones; the document will be linked again. */
    private unlinkInto(document: Mutable<LangiumDocument>, changedUris: Set<string>): void {
        if (document.state < DocumentState.Linked) return; // not linked yet: it will be linked in full
        const kept = [];
        for (const reference of document.references) {
            const target = isReference(reference) && !reference.error ? reference.$nodeDescription?.documentUri.toString() : undefined;
            if (target === undefined || changedUris.has(target)) unlinkReference(reference);
            else kept.push(reference);
        }
        document.references = kept;
        this.resetToState(document, DocumentState.Linked);
        document.state = DocumentState.ComputedScopes;
    }
}
