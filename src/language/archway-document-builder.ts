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
 *
 * Waits for the workspace's build state (document highlights wait for `IndexedReferences` of
 * the whole workspace) end when a build reaches that state. Langium ends them only from a phase
 * that processed a document, so a wait that began during a build with nothing to rebuild lasted
 * until the next edit: an editor asking before its next keystroke waited forever.
 */
import { DefaultDocumentBuilder, DocumentState, OperationCancelled, type AstNode, type Cancellation, type LangiumDocument, type Mutable } from 'langium';
import { importGraph } from './archway-imports.js';

export class ArchwayDocumentBuilder extends DefaultDocumentBuilder {
    /** Waits for the workspace's build state, ended by `releaseStateWaits`. */
    private stateWaits: { state: DocumentState; resolve: () => void }[] = [];

    protected override awaitBuilderState(state: DocumentState, cancelToken: Cancellation.CancellationToken): Promise<void> {
        if (this.currentState >= state) return Promise.resolve();
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise<void>((resolve, reject) => {
            const wait = {
                state,
                resolve: () => { cancelled.dispose(); resolve(); },
            };
            const cancelled = cancelToken.onCancellationRequested(() => {
                cancelled.dispose();
                this.stateWaits = this.stateWaits.filter(w => w !== wait);
                reject(OperationCancelled);
            });
            this.stateWaits.push(wait);
        });
    }

    protected override async runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => unknown): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        this.releaseStateWaits();
    }

    /** Ends the waits for a state the workspace has reached. */
    private releaseStateWaits(): void {
        if (this.stateWaits.length === 0) return;
        const reached = this.stateWaits.filter(w => w.state <= this.currentState);
        if (reached.length === 0) return;
        this.stateWaits = this.stateWaits.filter(w => w.state > this.currentState);
        for (const wait of reached) wait.resolve();
    }

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
