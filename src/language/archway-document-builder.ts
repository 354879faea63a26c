/**
 * Re-validation across files: a document's findings depend on every file it shares an import
 * graph with (its model root may be another file). After a change, the documents whose import
 * closure contains a changed file are re-linked (their scope changed); the other members of the
 * changed file's import group keep their links and are only re-validated.
 */
import { DefaultDocumentBuilder, DocumentState, type LangiumDocument } from 'langium';
import { importGraph } from './archway-imports.js';

export class ArchwayDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.indexManager.isAffected(document, changedUris)) return true;
        const graph = importGraph(this.langiumDocuments);
        const closure = graph.closureUris(document);
        const uri = document.uri.toString();
        const group = graph.groupOf(uri);
        let sameGroup = false;
        for (const changed of changedUris) {
            if (closure.has(changed)) return true;
            if (!sameGroup && group !== undefined && graph.groupOf(changed) === group) sameGroup = true;
        }
        // Links unaffected, findings maybe not: validate again without re-linking.
        if (sameGroup) this.resetToState(document, DocumentState.IndexedReferences);
        return false;
    }
}
