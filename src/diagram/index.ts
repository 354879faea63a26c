/**
 * The diagram pipeline's public entry: view selection → diagram graph → ELK layout
 * (worker, cancellable, cached) → SVG. The preview, the editor's export command and the
 * CLI all call `renderDiagram`, so what you export is what you saw. No `vscode` or
 * Langium imports here: only `ArchModel` types.
 */
import type { NumberAssumptions } from '../numbers/assumptions.js';
import type { ArchModel, Direction, Finding } from '../model/arch-model.js';
import { buildDiagram } from './build-diagram.js';
import { deepViewDirection } from './deep-views.js';
import type { Diagram } from './diagram-model.js';
import { applyLayout, toElkGraph } from './elk-graph.js';
import { cancelLayouts, clearLayoutResults, layoutGraph, warmUpLayout } from './layout.js';
import { clearFragmentCache, renderSvg } from './render-svg.js';
import type { DiagramTheme, ThemeName } from './themes.js';
import { selectView } from './view-selection.js';

export { DiagramError, findFlow, findView, selectView, type ViewSelection, type SelectedConnection } from './view-selection.js';
export { buildDiagram } from './build-diagram.js';
export { DEFAULT_COLLAPSE_THRESHOLD, GROUP_ID_PREFIX } from './build/collapse-plan.js';
export type { Diagram, DiagramEdge, DiagramNode, DiagramFinding, NodeRole } from './diagram-model.js';
export { applyLayout, toElkGraph } from './elk-graph.js';
export {
    LayoutCancelledError, cancelLayouts, configureLayout, disposeLayout, layoutGraph, layoutStats,
    startLayoutWorker, warmUpLayout, type LayoutSettings, type LayoutStats, type LayoutWorkerFactory, type LayoutWorkerHandle,
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
    /** What a flow's numbers assume (archway.json `numbers`); the defaults when absent. */
    assumptions?: NumberAssumptions;
    /**
     * Layout requests with the same key cancel each other (e.g. the document URI). The first
     * keyed request also starts the layout worker's background warm-up (`warmUpLayout`).
     */
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
    /** `component`, `channel`, `zone`, `collapsed-zone` or `collapsed-broker` (a broker drawn as one box with its topic count). */
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
    /** Every connection and implied relationship the edge stands for (`id`, distinguishing `label`), in model order. */
    members: { id: string; label: string }[];
    /** The implied relationship the edge draws (`trusts`, `origin`, `from`, …), or null for connections. */
    relation: string | null;
    /** Messages both ways: the source publishes into the target broker and receives from it (arrowheads at both ends). */
    twoWay: boolean;
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
            connections: e.connections, members: e.members.map(m => ({ id: m.id, label: m.label })), relation: e.relation ?? null, twoWay: e.twoWay, steps: e.steps,
        })),
    };
}

/** The unpositioned diagram `renderDiagram` draws for these options. */
function buildFor(model: ArchModel, options: RenderOptions): Diagram {
    const selection = selectView(model, { view: options.view, flow: options.flow, direction: options.direction });
    const build = (direction: Direction) => buildDiagram(model, { ...selection, direction }, {
        findings: options.findings, collapse: options.collapse, collapseThreshold: options.collapseThreshold,
        expandedZones: options.expandedZones, title: options.title, assumptions: options.assumptions,
    });
    const diagram = build(selection.direction);
    // A view that sets no direction and would draw one long chain of boxes is drawn top-down.
    const deep = options.direction === undefined && selection.view.direction === undefined ? deepViewDirection(diagram) : undefined;
    return deep ? build(deep) : diagram;
}

/** Selects, builds and lays out a view (without rendering). */
export async function layoutDiagram(model: ArchModel, options: RenderOptions = {}): Promise<Diagram> {
    const diagram = buildFor(model, options);
    const result = await layoutGraph(toElkGraph(diagram), { key: options.layoutKey });
    return applyLayout(diagram, result);
}

// ---------------------------------------------------------------- the render memo

/** What a memoised render keeps: everything of `RenderResult` that the drawn diagram determines. */
type DrawnResult = Pick<RenderResult, 'svg' | 'layout' | 'view' | 'flow' | 'diagram'>;

/** Whole renders by `drawnKey`, most recently used last. */
const renders = new Map<string, DrawnResult>();
const RENDER_CACHE_SIZE = 4;
const renderCounts = { hits: 0, misses: 0 };
let warmRequested = false;

/**
 * Canonical text of everything that decides the picture: the unpositioned diagram (ids,
 * labels, sizes, nesting, edge styles, badges, flow steps, direction, title) and the theme.
 * Layout is a pure function of the diagram (see `toElkGraph`) and the SVG a pure function of
 * the laid-out diagram and the theme, so equal keys give byte-identical SVG. The text itself
 * is the memo key: comparing it costs less than hashing it (a few hundred KB at 500 components).
 */
export function drawnKey(diagram: Diagram, theme: ThemeName | DiagramTheme): string {
    return `${JSON.stringify(theme)}\n${JSON.stringify(diagram)}`;
}

/** Counters of the render memo (whole renders reused without layout or SVG work). */
export function renderCacheStats(): { hits: number; misses: number } {
    return { ...renderCounts };
}

/** Empties the layout cache, the render memo and the SVG fragment memo (the next render of any view is cold). */
export function clearLayoutCache(): void {
    clearLayoutResults();
    renders.clear();
    clearFragmentCache();
}

/**
 * Renders a view (or flow) of a model: SVG, the laid-out graph as JSON, and the model's
 * view and flow ids. Throws `DiagramError` for an unknown view or flow, and
 * `LayoutCancelledError` when a newer request with the same `layoutKey` replaced it.
 *
 * When nothing drawn changed since an earlier render (an edit to a property the diagram does
 * not show, a comment, a label elsewhere), the earlier SVG and layout are returned without
 * layout or SVG work; such results share their `diagram` and `layout` objects, which callers
 * must not mutate.
 */
export async function renderDiagram(model: ArchModel, options: RenderOptions = {}): Promise<RenderResult> {
    const built = buildFor(model, options);
    const theme = options.theme ?? 'light';
    const key = drawnKey(built, theme);
    const ids = { viewIds: model.views.map(v => v.id), flowIds: model.flows.map(f => f.id) };
    const memo = renders.get(key);
    if (memo) {
        // A newer request supersedes older ones with the same key, even when it needs no layout.
        if (options.layoutKey !== undefined) cancelLayouts(options.layoutKey);
        renderCounts.hits++;
        renders.delete(key);
        renders.set(key, memo);
        return { ...memo, ...ids };
    }
    renderCounts.misses++;
    // An interactive session (previews pass a key): warm the worker up for the layouts to come.
    if (options.layoutKey !== undefined && !warmRequested) {
        warmRequested = true;
        void warmUpLayout();
    }
    const diagram = applyLayout(built, await layoutGraph(toElkGraph(built), { key: options.layoutKey }));
    const drawn: DrawnResult = {
        svg: renderSvg(diagram, theme),
        layout: toLayoutJson(diagram),
        view: diagram.viewId,
        flow: diagram.flowId,
        diagram,
    };
    renders.set(key, drawn);
    while (renders.size > RENDER_CACHE_SIZE) renders.delete(renders.keys().next().value as string);
    return { ...drawn, ...ids };
}
