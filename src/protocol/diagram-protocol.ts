/**
 * The custom diagram protocol between the Archway language server and its clients (the VS Code
 * preview, and any other editor that wants pictures). Plain types and method names only: this
 * file is imported by both the server and the extension bundles, so it must not pull in either
 * side's runtime.
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
    /** Zones drawn as one box (click to expand). */
    zones: string[];
    /** Zones drawn expanded because the request asked for it. */
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
} as const;
