/**
 * The preview manager: one webview panel per document, reused rather than duplicated; an
 * unlocked panel follows the active `.arch` editor; diagrams come from the language server and
 * are pushed again after each rebuild. Written against small interfaces (`PreviewPanel`,
 * `PreviewHost`) so it runs in tests without VS Code; `vscode-preview-host.ts` implements them.
 */
import type {
    DiagramParams, DiagramResult, DiagramSourceLocation, DiagramTheme, DiagramDirection, HostToWebviewMessage, PreviewState,
    WebviewToHostMessage,
} from '../protocol/diagram-protocol.js';
import { parseWebviewMessage } from '../webview/protocol.js';

/** One webview panel, as the manager sees it. */
export interface PreviewPanel {
    /** Sends a message to the webview; resolves false when it could not be delivered. */
    postMessage(message: HostToWebviewMessage): PromiseLike<boolean>;
    /** Shows the panel (in `column` when given: 'active' or 'beside'). */
    reveal(column?: PreviewColumn, preserveFocus?: boolean): void;
    setTitle(title: string): void;
    readonly visible: boolean;
    onDidReceiveMessage(listener: (message: unknown) => void): void;
    /** Visibility or focus changed (`active`: the panel has focus). */
    onDidChangeVisibility(listener: (visible: boolean, active: boolean) => void): void;
    onDidDispose(listener: () => void): void;
    dispose(): void;
}

export type PreviewColumn = 'active' | 'beside';

/**
 * How long after a click-to-reveal the editor wins focus back from the preview. The webview
 * reports its own focus (from the click) asynchronously; when that report arrives after the
 * reveal, VS Code would activate the preview again and the editor would lose the focus the
 * reveal gave it.
 */
export const REVEAL_FOCUS_WINDOW_MS = 500;

/** A request for a diagram that can be cancelled when a newer one supersedes it. */
export interface PendingDiagram {
    result: Promise<DiagramResult>;
    cancel(): void;
}

/** Everything the manager needs from VS Code and the language client. */
export interface PreviewHost {
    createPanel(title: string, column: PreviewColumn, preserveFocus: boolean): PreviewPanel;
    requestDiagram(params: DiagramParams): PendingDiagram;
    /** Opens the document and selects `range` in an editor beside the preview. */
    revealSource(location: DiagramSourceLocation): Promise<void>;
    /** Focuses an editor of the document `uri` (opening it when none shows it). */
    focusDocument(uri: string): Promise<void>;
    exportDiagram(target: PreviewTarget, format: 'svg' | 'png'): Promise<void>;
    theme(): DiagramTheme;
    /** True when the diagram follows the editor's theme (then it is drawn on the editor's background). */
    followsEditorTheme(): boolean;
    direction(): DiagramDirection | undefined;
    followActiveEditor(): boolean;
    /** Display name of a document URI (its file name). */
    fileName(uri: string): string;
    log(message: string): void;
}

/** What a preview shows. */
export interface PreviewTarget {
    uri: string;
    view?: string;
    flow?: string;
    /** Zones drawn open although the view collapses them. */
    expandedZones?: string[];
}

/** Options of `open`. */
export interface OpenOptions {
    column: PreviewColumn;
    preserveFocus?: boolean;
}

/** One open preview. */
export class Preview {
    uri: string;
    view: string | undefined;
    flow: string | undefined;
    locked: boolean;
    /** Zones the user expanded (by clicking them) in the current view. */
    expandedZones: string[];
    /** The last diagram received (for reveal look-ups and the picker). */
    last: DiagramResult | undefined;
    /** Set when a change arrived while hidden: refresh on show. */
    dirty = false;
    private ready = false;
    private pending: PendingDiagram | undefined;
    private generation = 0;
    private sentUri: string | undefined;
    private disposed = false;
    /** The last reveal, while the preview's late focus report may still steal the editor's focus. */
    private revealed: { location: DiagramSourceLocation; until: number } | undefined;

    constructor(readonly panel: PreviewPanel, target: PreviewTarget, locked: boolean, private readonly manager: PreviewManager,
        private readonly host: PreviewHost) {
        this.uri = target.uri;
        this.view = target.view;
        this.flow = target.flow;
        this.expandedZones = [...(target.expandedZones ?? [])];
        this.locked = locked;
        panel.onDidReceiveMessage(raw => void this.onMessage(raw));
        panel.onDidChangeVisibility((visible, active) => {
            if (active) manager.active = this;
            if (active && this.revealed) {
                const { location, until } = this.revealed;
                this.revealed = undefined;
                if (Date.now() <= until) void this.host.revealSource(location);
            }
            if (visible && this.dirty) void this.refresh();
        });
        panel.onDidDispose(() => {
            this.disposed = true;
            this.pending?.cancel();
            manager.forget(this);
        });
        this.updateTitle();
    }

    get isDisposed(): boolean {
        return this.disposed;
    }

    /** Shows another document (or view/flow of the same one). */
    retarget(target: PreviewTarget): void {
        const changed = target.uri !== this.uri;
        this.uri = target.uri;
        if (changed) {
            this.view = target.view;
            this.flow = target.flow;
            this.expandedZones = [];
            this.last = undefined;
        } else {
            if (target.view !== undefined) this.selectView(target.view);
            if (target.flow !== undefined) this.flow = target.flow;
        }
        this.updateTitle();
        void this.refresh();
    }

    setLocked(locked: boolean): void {
        this.locked = locked;
        this.updateTitle();
        void this.panel.postMessage({ type: 'locked', locked });
    }

    /** Asks the server for the diagram and sends it to the webview; older requests are cancelled. */
    async refresh(): Promise<void> {
        if (this.disposed) return;
        if (!this.ready) return; // `ready` triggers the first refresh
        if (!this.panel.visible) {
            this.dirty = true;
            return;
        }
        this.dirty = false;
        this.pending?.cancel();
        const mine = ++this.generation;
        const pending = this.host.requestDiagram({
            uri: this.uri, view: this.view, flow: this.flow, theme: this.host.theme(), direction: this.host.direction(),
            background: this.host.followsEditorTheme() ? this.manager.editorBackground : undefined,
            expandedZones: this.expandedZones.length > 0 ? [...this.expandedZones] : undefined,
        });
        this.pending = pending;
        let result: DiagramResult;
        try {
            result = await pending.result;
        } catch (error) {
            if (mine === this.generation && !this.disposed) {
                this.host.log(`Diagram request for ${this.uri} failed: ${error instanceof Error ? error.message : String(error)}`);
            }
            return;
        }
        if (mine !== this.generation || this.disposed || result.uri !== this.uri) return;
        this.pending = undefined;
        this.last = result;
        if (result.view) this.view = result.view;
        // Forget expansions the diagram no longer has (the zone was renamed, removed, or no longer collapses).
        const stillExpanded = new Set(result.collapse?.expanded ?? []);
        if (!result.hasSyntaxErrors && !result.error) this.expandedZones = this.expandedZones.filter(zone => stillExpanded.has(zone));
        this.flow = result.flow;
        const documentChanged = this.sentUri !== undefined && this.sentUri !== this.uri;
        this.sentUri = this.uri;
        await this.panel.postMessage({
            type: 'update', uri: this.uri, fileName: this.host.fileName(this.uri), svg: result.svg, view: result.view,
            flow: result.flow, viewIds: result.viewIds, flowIds: result.flowIds, elements: result.elements,
            hasSyntaxErrors: result.hasSyntaxErrors, error: result.error, locked: this.locked, documentChanged,
            collapse: result.collapse,
        });
    }

    /** Handles one (untrusted) message from the webview. */
    async onMessage(raw: unknown): Promise<void> {
        const message: WebviewToHostMessage | undefined = parseWebviewMessage(raw);
        if (!message) {
            this.host.log(`Ignored a malformed message from the preview: ${describe(raw)}`);
            return;
        }
        switch (message.type) {
            case 'ready':
                this.ready = true;
                this.dirty = false;
                await this.refresh();
                this.manager.resendCursor(this);
                return;
            case 'reveal':
                await this.reveal(message.id);
                return;
            case 'selectView':
                if (this.last && !this.last.viewIds.includes(message.view)) {
                    this.host.log(`Ignored unknown view "${message.view.slice(0, 80)}"`);
                    return;
                }
                this.selectView(message.view);
                await this.refresh();
                return;
            case 'selectFlow':
                if (message.flow !== undefined && this.last && !this.last.flowIds.includes(message.flow)) {
                    this.host.log(`Ignored unknown flow "${message.flow.slice(0, 80)}"`);
                    return;
                }
                this.flow = message.flow;
                await this.refresh();
                return;
            case 'toggleLock':
                this.setLocked(!this.locked);
                return;
            case 'export':
                await this.host.exportDiagram({ uri: this.uri, view: this.view, flow: this.flow }, message.format);
                return;
            case 'editorColours':
                this.manager.setEditorBackground(message.background);
                return;
            case 'expandZone':
                await this.expandZone(message.zone);
                return;
            case 'focusEditor':
                await this.host.focusDocument(this.uri);
                return;
            case 'collapseZones':
                if (this.expandedZones.length === 0) return;
                this.expandedZones = [];
                await this.refresh();
                return;
        }
    }

    /** Reveals the declaration of a drawn element in the editor. */
    private async reveal(id: string): Promise<void> {
        const location = this.last?.elements[id];
        if (!location || !Object.prototype.hasOwnProperty.call(this.last!.elements, id)) {
            this.host.log(`Ignored reveal of unknown element "${id.slice(0, 80)}"`);
            return;
        }
        // The host's own record decides where to go; the webview only names the element.
        // Armed before the reveal too: the preview's focus report may arrive while it runs.
        const revealed = { location, until: Date.now() + REVEAL_FOCUS_WINDOW_MS };
        this.revealed = revealed;
        await this.host.revealSource(location);
        if (this.revealed === revealed) revealed.until = Date.now() + REVEAL_FOCUS_WINDOW_MS;
    }

    /** Draws a collapsed zone of the diagram open. */
    private async expandZone(zone: string): Promise<void> {
        if (!this.last?.collapse?.zones.includes(zone)) {
            this.host.log(`Ignored expanding "${zone.slice(0, 80)}": it is not a collapsed zone of this diagram`);
            return;
        }
        if (!this.expandedZones.includes(zone)) this.expandedZones.push(zone);
        await this.refresh();
    }

    /** Switches views; expansions belong to the view they were made in. */
    private selectView(view: string): void {
        if (view !== this.view) this.expandedZones = [];
        this.view = view;
    }

    /** The state the serializer persists (the webview keeps the viewport itself). */
    state(): PreviewState {
        return { uri: this.uri, view: this.view, flow: this.flow, locked: this.locked, expandedZones: [...this.expandedZones] };
    }

    private updateTitle(): void {
        this.panel.setTitle(`${this.locked ? '[Locked] ' : ''}Preview ${this.host.fileName(this.uri)}`);
    }
}

function describe(raw: unknown): string {
    if (typeof raw !== 'object' || raw === null) return typeof raw;
    const type = (raw as { type?: unknown }).type;
    return `type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`;
}

/** Owns every preview. */
export class PreviewManager {
    private readonly previews: Preview[] = [];
    private cursor: { uri: string; position: { line: number; character: number } } | undefined;
    /** The preview the user touched last (for commands like Show Source). */
    active: Preview | undefined;
    /** The editor's background colour, reported by the webviews. */
    editorBackground: string | undefined;

    constructor(private readonly host: PreviewHost) {}

    /** All open previews. */
    get all(): readonly Preview[] {
        return this.previews;
    }

    /** The preview showing `uri`, if any. */
    find(uri: string): Preview | undefined {
        return this.previews.find(preview => preview.uri === uri);
    }

    /**
     * Opens (or reveals) the preview of `target.uri`. A preview already showing the document is
     * reused; otherwise an unlocked preview that follows the editor is retargeted; otherwise a
     * new panel is created.
     */
    open(target: PreviewTarget, options: OpenOptions): Preview {
        let preview = this.find(target.uri);
        if (!preview && this.host.followActiveEditor()) preview = this.previews.find(candidate => !candidate.locked);
        if (preview) {
            if (preview.uri !== target.uri || target.view !== undefined || target.flow !== undefined) preview.retarget(target);
            preview.panel.reveal(undefined, options.preserveFocus);
        } else {
            const panel = this.host.createPanel(`Preview ${this.host.fileName(target.uri)}`, options.column, options.preserveFocus ?? false);
            preview = this.adopt(panel, { uri: target.uri, view: target.view, flow: target.flow, locked: false });
        }
        this.active = preview;
        return preview;
    }

    /** Takes over a panel (new, or restored by the serializer after a reload). */
    adopt(panel: PreviewPanel, state: PreviewState): Preview {
        const preview = new Preview(panel, state, state.locked ?? false, this, this.host);
        this.previews.push(preview);
        this.active = preview;
        return preview;
    }

    /** Called by a preview when its panel is closed. */
    forget(preview: Preview): void {
        const index = this.previews.indexOf(preview);
        if (index >= 0) this.previews.splice(index, 1);
        if (this.active === preview) this.active = this.previews.at(-1);
    }

    /** The active editor changed: unlocked previews follow `.arch` documents. */
    onActiveEditorChanged(uri: string | undefined): void {
        if (!uri || !this.host.followActiveEditor() || this.find(uri)) return;
        const follower = this.previews.find(preview => !preview.locked);
        follower?.retarget({ uri });
    }

    /** The server says these documents' diagrams may have changed. */
    onDiagramsChanged(uris: readonly string[]): void {
        const changed = new Set(uris);
        for (const preview of this.previews) if (changed.has(preview.uri)) void preview.refresh();
    }

    /** A webview reported the editor's background colour: redraw when it changed. */
    setEditorBackground(background: string): void {
        if (background === this.editorBackground) return;
        this.editorBackground = background;
        this.refreshAll();
    }

    /** Theme or settings changed: redraw everything. */
    refreshAll(): void {
        for (const preview of this.previews) void preview.refresh();
    }

    /** The cursor moved in an `.arch` editor. */
    onCursorMoved(uri: string, position: { line: number; character: number }): void {
        this.cursor = { uri, position };
        for (const preview of this.previews) void preview.panel.postMessage({ type: 'cursor', uri, position });
    }

    /** Sends the last cursor position to a preview that just became ready. */
    resendCursor(preview: Preview): void {
        if (this.cursor) void preview.panel.postMessage({ type: 'cursor', ...this.cursor });
    }

    /** Closes every preview. */
    dispose(): void {
        for (const preview of [...this.previews]) preview.panel.dispose();
        this.previews.length = 0;
    }
}
