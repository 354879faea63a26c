/**
 * The diagram pipeline's public entry: view selection → diagram graph → ELK layout
 * (worker, cancellable, cached) → SVG. The preview, the editor's export command and the
 * CLI all call `renderDiagram`, so what you export is what you saw. No `vscode` or
 * Langium imports here: only `ArchModel` types.
 */
import type { ArchModel, Direction, Finding } from '../model/arch-model.js';
import { buildDiagram, type Diagram } from './diagram-model.js';
import { applyLayout, toElkGraph } from './elk-graph.js';
import { layoutGraph } from './layout.js';
import { renderSvg } from './render-svg.js';
import type { DiagramTheme, ThemeName } from './themes.js';
import { selectView } from './view-selection.js';

export { DiagramError, findFlow, findView, selectView, type ViewSelection, type SelectedConnection } from './view-selection.js';
export { buildDiagram, DEFAULT_COLLAPSE_THRESHOLD, type Diagram, type DiagramEdge, type DiagramNode, type DiagramFinding, type NodeRole } from './diagram-model.js';
export { applyLayout, toElkGraph } from './elk-graph.js';
export {
    LayoutCancelledError, clearLayoutCache, configureLayout, disposeLayout, hashGraph, layoutGraph, layoutStats,
    resolveWorkerPath, warmUpLayout, type LayoutSettings, type LayoutStats,
} from './layout.js';
export { escapeXml, renderSvg } from './render-svg.js';
export { getTheme, THEME_NAMES, type DiagramTheme, type ThemeName } from './themes.js';
export { ICONS, iconSvg, kindCategory, type IconName } from './icons.js';
export { FONT_FAMILY, textWidth } from './text-metrics.js';

/** Options of `renderDiagram`. */
export interface RenderOptions {
    /** View id (default: `overview`, else the first view). */
    view?: string;
    /** Flow id: its steps are numbered and highlighted, everything else dimmed. */
    flow?: string;
    /** Built-in theme name, or a theme object (the preview's editor colours). Default `light`. */
    theme?: ThemeName | DiagramTheme;
    /** Findings to show as badges (by `Finding.elements`). */
    findings?: readonly Finding[];
    /** Overrides the view's direction. */
    direction?: Direction;
    /** `auto` (default) collapses zones above `collapseThreshold` components. */
    collapse?: 'auto' | 'always' | 'never';
    collapseThreshold?: number;
    /** Zones kept expanded while collapsing (click to expand in the preview). */
    expandedZones?: readonly string[];
    /** Draw the title line (default true). */
    title?: boolean;
    /** Layout requests with the same key cancel each other (e.g. the document URI). */
    layoutKey?: string;
}

/** A laid-out node in the JSON export (absolute coordinates). */
export interface DiagramLayoutNode {
    id: string;
    parent: string | null;
    x: number;
    y: number;
    width: number;
    height: number;
    label: string;
    /** Component kind, `topic`/`queue` for channels, `zone` for zones. */
    kind: string;
    /** `component`, `channel`, `zone` or `collapsed-zone`. */
    role: string;
}

/** A laid-out edge in the JSON export (absolute coordinates). */
export interface DiagramLayoutEdge {
    id: string;
    source: string;
    target: string;
    points: [number, number][];
    label: string;
    style: 'sync' | 'async';
    /** Model connection ids drawn by this edge. */
    connections: string[];
    /** Flow step numbers on this edge. */
    steps: number[];
}

/** The JSON export: the laid-out graph. */
export interface DiagramLayoutJson {
    view: string;
    flow: string | null;
    direction: Direction;
    collapsed: boolean;
    width: number;
    height: number;
    nodes: DiagramLayoutNode[];
    edges: DiagramLayoutEdge[];
}

/** Result of `renderDiagram`. */
export interface RenderResult {
    svg: string;
    layout: DiagramLayoutJson;
    /** Every view of the model (for pickers). */
    viewIds: string[];
    /** Every flow of the model. */
    flowIds: string[];
    /** The view actually drawn (the default one when none was asked for). */
    view: string;
    /** The flow drawn, if any. */
    flow: string | undefined;
    /** The laid-out diagram the SVG was drawn from. */
    diagram: Diagram;
}

/** The JSON export shape of a laid-out diagram. */
export function toLayoutJson(diagram: Diagram): DiagramLayoutJson {
    return {
        view: diagram.viewId,
        flow: diagram.flowId ?? null,
        direction: diagram.direction,
        collapsed: diagram.collapsed,
        width: diagram.width,
        height: diagram.height,
        nodes: diagram.nodes.map(n => ({
            id: n.id, parent: n.parent ?? null, x: n.x, y: n.y, width: n.width, height: n.height, label: n.label, kind: n.kind, role: n.role,
        })),
        edges: diagram.edges.map(e => ({
            id: e.id, source: e.source, target: e.target, points: e.points, label: e.label, style: e.style,
            connections: e.connections, steps: e.steps,
        })),
    };
}

/** Selects, builds and lays out a view (without rendering). */
export async function layoutDiagram(model: ArchModel, options: RenderOptions = {}): Promise<Diagram> {
    const selection = selectView(model, { view: options.view, flow: options.flow, direction: options.direction });
    const diagram = buildDiagram(model, selection, {
        findings: options.findings, collapse: options.collapse, collapseThreshold: options.collapseThreshold,
        expandedZones: options.expandedZones, title: options.title,
    });
    const result = await layoutGraph(toElkGraph(diagram), { key: options.layoutKey });
    return applyLayout(diagram, result);
}

/**
 * Renders a view (or flow) of a model: SVG, the laid-out graph as JSON, and the model's
 * view and flow ids. Throws `DiagramError` for an unknown view or flow, and
 * `LayoutCancelledError` when a newer request with the same `layoutKey` replaced it.
 */
export async function renderDiagram(model: ArchModel, options: RenderOptions = {}): Promise<RenderResult> {
    const diagram = await layoutDiagram(model, options);
    return {
        svg: renderSvg(diagram, options.theme ?? 'light'),
        layout: toLayoutJson(diagram),
        viewIds: model.views.map(v => v.id),
        flowIds: model.flows.map(f => f.id),
        view: diagram.viewId,
        flow: diagram.flowId,
        diagram,
    };
}
