/**
 * Re-validation across files: a document's findings depend on every file it shares an import
 * graph with (its model root may be another file). After a change, the documents whose import
 * closure contains a changed file are re-linked (their scope changed); the other members of the
 * changed file's import group keep their links and are only re-validated.
 *
 * Re-linking is partial: a document keeps the links whose targets are still part of a current
 * syntax tree in its import closure, and only the others (into re-parsed declarations, into
 * files that left the closure, unresolved ones) are resolved again (see `ArchwayLinker`).
 * Editing one of twenty files that import each other in a chain used to re-link half the
 * workspace on every keystroke, and every edit re-linked the whole edited file.
 */
import { DefaultDocumentBuilder, DocumentState, type AstNode, type LangiumDocument, type Mutable } from 'langium';
import { importGraph } from './archway-imports.js';

export class ArchwayDocumentBuilder extends DefaultDocumentBuilder {
    /**
     * A changed document keeps its references' links until it is linked again: after an
     * incremental re-parse most of them still point at declarations that are still there, and
     * `ArchwayLinker` keeps exactly those (the others are resolved again).
     */
    override resetToState<T extends AstNode>(document: LangiumDocument<T>, state: DocumentState): void {
        if (state > DocumentState.ComputedScopes) {
            super.resetToState(document, state);
            return;
        }
        const linked = document.references;
        (document as Mutable<LangiumDocument<T>>).references = [];
        super.resetToState(document, state);
        (document as Mutable<LangiumDocument<T>>).references = linked;
    }

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
            this.relinkPartially(document as Mutable<LangiumDocument>);
            return false;
        }
        // Links unaffected, findings maybe not: validate again without re-linking.
        if (sameGroup) this.resetToState(document, DocumentState.IndexedReferences);
        return false;
    }

    /** Marks the document for linking, keeping its links (the linker keeps those still valid). */
    private relinkPartially(document: Mutable<LangiumDocument>): void {
        if (document.state < DocumentState.Linked) return; // not linked yet: it will be linked in full
        this.resetToState(document, DocumentState.Linked);
        document.state = DocumentState.ComputedScopes;
    }
}
