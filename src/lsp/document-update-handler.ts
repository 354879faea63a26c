/**
 * Document updates that keep the language server alive and responsive.
 *
 * Bursts: Langium starts a workspace build for every `didChange`. A running build yields to
 * the event loop about every 10 ms, and the JSON-RPC connection handles one incoming message
 * per event-loop turn, so while builds keep restarting the server reads only ~100 messages a
 * second: 1,000 quick changes (a paste, a replace-all, a script) left it busy for 40 s. Here a
 * change marks its document as changed at once (so requests wait for the new text, as before)
 * and stops the running build, but the next build starts only once the changes pause for
 * `quietMs` (or `maxWaitMs` after the first pending change). A change that follows a pause of
 * `quietMs` (typing at human speed) is built at once, without waiting.
 *
 * Closing: after `didClose` the file (on disk, or in the editor's file system) is the truth. A closed document whose file does
 * not exist (unsaved, untitled, deleted) is removed; otherwise it is reloaded from disk.
 * Before, its next rebuild read the missing file, and the unhandled rejection killed the server.
 *
 * Failures: a build that fails is logged, never an unhandled rejection (which ends the process).
 *
 * (Reading closed documents that cannot be read, and incremental re-parsing, are the core's:
 * `ArchwayDocumentFactory` in `src/language/archway-document-factory.ts`.)
 */
import { Cancellation, isOperationCancelled, URI, type FileSystemProvider } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { isRegularFile } from '../language/archway-document-factory.js';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class ArchwayDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    /** A build starts after this long without changes… */
    quietMs = 25;
    /** …or this long after the first change that is still waiting. */
    maxWaitMs = 500;

    private readonly pending = new Map<string, URI>();
    private timer: ReturnType<typeof setTimeout> | undefined;
    private firstPending = 0;
    private lastChange = -Infinity;

    private readonly fileSystemProvider: FileSystemProvider;
    private readonly documents: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystemProvider = services.workspace.FileSystemProvider;
        this.documents = services.workspace.TextDocuments;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(change.document.uri);
        // Mark the document as changed at once — what `update` does before it builds — with a
        // cancelled token, so it stops right there. This also stops a running build of older
        // text, and requests that need the document wait for the build of its new text.
        this.workspaceManager.ready
            .then(() => this.workspaceLock.write(() => this.documentBuilder.update([uri], [], Cancellation.CancellationToken.Cancelled)))
            .catch(error => logFailure(error));
        const now = Date.now();
        // A change after a pause builds at once (typing); one inside a burst waits for quiet.
        const inBurst = now - this.lastChange < this.quietMs;
        this.lastChange = now;
        if (this.pending.size === 0) this.firstPending = now;
        this.pending.set(uri.toString(), uri);
        if (this.timer) clearTimeout(this.timer);
        const wait = inBurst ? Math.max(0, Math.min(this.quietMs, this.firstPending + this.maxWaitMs - now)) : 0;
        this.timer = setTimeout(() => this.flush(), wait);
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        this.pending.delete(uri.toString());
        void isRegularFile(this.fileSystemProvider, uri).then(exists => {
            // Reopened meanwhile: the editor's text is the truth again.
            if (this.documents.get(uri.toString())) return;
            if (exists) this.fireDocumentUpdate([uri], []);
            else this.fireDocumentUpdate([], [uri]);
        });
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        this.workspaceManager.ready
            .then(() => this.workspaceLock.write(token => this.documentBuilder.update(changed, deleted, token)))
            .catch(error => logFailure(error));
    }

    /** Starts one build for every pending change. */
    private flush(): void {
        this.timer = undefined;
        const changed = [...this.pending.values()];
        this.pending.clear();
        if (changed.length > 0) this.fireDocumentUpdate(changed, []);
    }
}

function logFailure(error: unknown): void {
    if (isOperationCancelled(error)) return;
    console.error(`Archway: a document update failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
}
