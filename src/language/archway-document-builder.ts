/**
 * Re-validation across files: a document's findings depend on every file it shares an import
 * graph with (its model root may be another file), so a change re-links the whole group.
 */
import { DefaultDocumentBuilder, type LangiumDocument } from 'langium';
import { importGroups } from './archway-imports.js';

export class ArchwayDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.indexManager.isAffected(document, changedUris)) return true;
        const groups = importGroups(this.langiumDocuments.all);
        const group = groups.get(document.uri.toString());
        for (const uri of changedUris) {
            if (groups.get(uri) === group) return true;
        }
        return false;
    }
}
