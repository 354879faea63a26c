/**
 * The diagram protocol: the custom LSP requests between the Archway language server and its
 * clients (the VS Code preview, and any other editor that wants pictures), and the messages
 * between the extension host and the preview webview. Plain types and method names only: this
 * file is imported by the server, the extension and the webview bundles, so it must not pull
 * in any side's runtime (the webview's validators are in `src/webview/protocol.ts`).
 */

/** Diagram colour theme; the same three the renderer and the CLI know. */
export type DiagramTheme = 'light' | 'dark' | 'high-contrast';

/** Layout direction override. */
export type DiagramDirection = 'right' | 'down' | 'left' | 'up';

/** A zero-based LSP range. */
export interface DiagramRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

/** Where an element is declared: a document URI and the declaration's range. */
export interface DiagramSourceLocation {
    uri: string;
    range: DiagramRange;
    /** The narrower range to select when revealing (the declared name); defaults to `range`'s start. */
    selection?: DiagramRange;
}

/** `archway/diagram` request parameters. */
export interface DiagramParams {
    /** The `.arch` document whose model (it plus its imports) is drawn. */
    uri: string;
    /** View id; default: the first declared view or the implicit `overview`. */
    view?: string;
    /** Flow id to highlight as a numbered path. */
    flow?: string;
    theme?: DiagramTheme;
    direction?: DiagramDirection;
    /** The editor's background colour (`#rrggbb`): the preview blends into the editor. Not used by exports. */
    background?: string;
    /** Zones the user expanded in a view whose zones are collapsed. */
    expandedZones?: string[];
}

/** Which zones a diagram draws collapsed, and why (the preview explains it). */
export interface DiagramCollapse {
    /** Components the view shows. */
    components: number;
    /** Views with more components than this draw their zones collapsed. */
    threshold: number;
    /** True when the view is over the threshold. */
    bySize: boolean;
    /** Zones and brokers drawn as one box (click to expand). */
    zones: string[];
    /** The brokers among `zones` (many topics drawn as one box); absent from older servers. */
    brokers?: string[];
    /** Zones and brokers drawn expanded because the request asked for it. */
    expanded: string[];
}

/** `archway/diagram` response. */
export interface DiagramResult {
    uri: string;
    /** Document version the diagram was drawn from (the last good one when `hasSyntaxErrors`). */
    version: number;
    /** The SVG markup; empty when nothing could be drawn yet (see `error`). */
    svg: string;
    /** The view actually drawn, and the flow highlighted. */
    view: string | undefined;
    flow: string | undefined;
    viewIds: string[];
    flowIds: string[];
    /** Declaration location of each element id that appears in the SVG as `data-id`. */
    elements: Record<string, DiagramSourceLocation>;
    /** True when the current text has syntax errors and this is the last good diagram. */
    hasSyntaxErrors: boolean;
    /** Present when zones are collapsed (or could be again): by size, or listed by the view. */
    collapse?: DiagramCollapse;
    /** Why no diagram could be drawn (unknown document, layout failure, …). */
    error?: string;
}

/** `archway/diagramChanged` notification parameters: documents whose diagrams may have changed. */
export interface DiagramChangedParams {
    uris: string[];
}

/** `archway/exportDiagram` request: the standalone SVG (colours resolved) exactly as the CLI writes it. */
export interface ExportDiagramParams {
    uri: string;
    view?: string;
    flow?: string;
    /** Zones drawn open (what the preview shows after the user expanded them). */
    expandedZones?: string[];
    theme?: DiagramTheme;
    direction?: DiagramDirection;
}

/** `archway/exportDiagram` response. */
export interface ExportDiagramResult {
    svg: string;
    error?: string;
}

/** Method names. */
export const DiagramMethods = {
    diagram: 'archway/diagram',
    diagramChanged: 'archway/diagramChanged',
    exportDiagram: 'archway/exportDiagram',
    drawMarkdownBlock: 'archway/drawMarkdownBlock',
} as const;

/** `archway/drawMarkdownBlock` request: a Markdown file's ```arch block, drawn as if it were a file beside the Markdown file. */
export interface DrawMarkdownBlockParams {
    /** The block's text. */
    source: string;
    /** The Markdown file (its folder is where the block's imports resolve from). */
    markdownUri: string;
    theme?: DiagramTheme;
}

/** A parse error or a finding of the block, at a 1-based line of the block. */
export interface MarkdownBlockProblem {
    severity: 'error' | 'warning' | 'info';
    message: string;
    line: number;
    code?: string;
}

/** `archway/drawMarkdownBlock` response: `svg` is absent when the block does not parse. */
export interface DrawMarkdownBlockResult {
    svg?: string;
    problems: MarkdownBlockProblem[];
}

// ================================================================== extension host ↔ preview webview

/** State the webview persists with `setState` and the serializer restores. */
export interface PreviewState {
    uri: string;
    view?: string;
    flow?: string;
    locked?: boolean;
    /** Zones the user expanded in this view (zones collapse in big views and where the view says so). */
    expandedZones?: string[];
    /** Viewport: top-left corner in SVG units and the zoom factor. */
    viewport?: { x: number; y: number; scale: number };
}

// ------------------------------------------------------------------ host → webview

/** A new diagram (or the same one with a banner): the server's answer plus what the host knows. */
export interface UpdateMessage extends Omit<DiagramResult, 'version'> {
    type: 'update';
    fileName: string;
    locked: boolean;
    /** True when the diagram is for another document than the previous update (reset the viewport). */
    documentChanged: boolean;
}

/** The editor's cursor moved: highlight the innermost element declared there. */
export interface CursorMessage {
    type: 'cursor';
    uri: string;
    position: { line: number; character: number };
}

/** Lock state changed from a command. */
export interface LockedMessage {
    type: 'locked';
    locked: boolean;
}

/** Restore a viewport (after a reload). */
export interface ViewportMessage {
    type: 'viewport';
    viewport: { x: number; y: number; scale: number } | 'fit';
}

export type HostToWebviewMessage = UpdateMessage | CursorMessage | LockedMessage | ViewportMessage;

// ------------------------------------------------------------------ webview → host

export interface ReadyMessage { type: 'ready' }
/** A node or edge was clicked: select its declaration. */
export interface RevealMessage { type: 'reveal'; id: string; uri: string; range: DiagramRange }
export interface SelectViewMessage { type: 'selectView'; view: string }
export interface SelectFlowMessage { type: 'selectFlow'; flow: string | undefined }
export interface ToggleLockMessage { type: 'toggleLock' }
export interface ExportMessage { type: 'export'; format: 'svg' | 'png' }
/** The editor's background colour as the webview sees it (theme changes arrive here first). */
export interface EditorColoursMessage { type: 'editorColours'; background: string }
/** A collapsed zone was clicked: draw it open. */
export interface ExpandZoneMessage { type: 'expandZone'; zone: string }
/** Collapse every zone the user expanded. */
export interface CollapseZonesMessage { type: 'collapseZones' }
/** Escape in the preview: give the focus back to the previewed document's editor. */
export interface FocusEditorMessage { type: 'focusEditor' }

export type WebviewToHostMessage =
    | ReadyMessage | RevealMessage | SelectViewMessage | SelectFlowMessage | ToggleLockMessage | ExportMessage | EditorColoursMessage
    | ExpandZoneMessage | CollapseZonesMessage | FocusEditorMessage;
