/**
 * Server side of the diagram protocol (`src/protocol/diagram-protocol.ts`): answers
 * `archway/diagram` and `archway/exportDiagram` with SVG drawn by the diagram pipeline, and tells
 * clients after each rebuild which documents' diagrams may have changed
 * (`archway/diagramChanged`, debounced).
 *
 * Layout runs off the request path (the renderer uses a worker), stale preview requests for the
 * same document are dropped, and while a document has syntax errors the last good diagram is
 * served with `hasSyntaxErrors: true`.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { ArchModel, Element, Finding } from '../model/arch-model.js';
import { impliedRelations } from '../model/implied-relations.js';
import { getTheme, type DiagramTheme as ThemeColours } from '../diagram/themes.js';
import { buildDocumentModel } from '../model/workspace-models.js';
import type { NumberAssumptions } from '../numbers/assumptions.js';
import { checkModel, type RuleSettings } from '../rules/engine.js';
import {
    DiagramMethods, type DiagramChangedParams, type DiagramDirection, type DiagramParams, type DiagramResult,
    type DiagramCollapse, type DiagramSourceLocation, type DiagramTheme, type ExportDiagramParams, type ExportDiagramResult,
} from '../protocol/diagram-protocol.js';

/** Options the renderer takes (the signature of `renderDiagram` in `src/diagram/index.ts`). */
export interface RenderOptions {
    view?: string;
    flow?: string;
    /** A theme name, or a full theme object (a named theme with the editor's background). */
    theme?: DiagramTheme | ThemeColours;
    findings?: readonly Finding[];
    /** What a flow's numbers assume (archway.json `numbers`). */
    assumptions?: NumberAssumptions;
    direction?: DiagramDirection;
    /** Zones drawn expanded although the view collapses them. */
    expandedZones?: readonly string[];
    /** Requests with the same key supersede each other (the document URI for previews). */
    layoutKey?: string;
}

/** What the renderer returns (a subset of `renderDiagram`'s result). */
export interface RenderedDiagram {
    svg: string;
    viewIds: string[];
    flowIds: string[];
    /** The view actually drawn. */
    view?: string;
    /** How zones are collapsed (see `CollapseSummary` in `src/diagram/diagram-model.ts`). */
    collapse?: DiagramCollapse;
    /** Ids the SVG carries as `data-id` (nodes and edges); the response locates only these. */
    drawnIds?: readonly string[];
    /** Drawn ids that are not declarations (merged edges, implied relations) → the connection or relation id that locates them. */
    locatedBy?: Readonly<Record<string, string>>;
}

/** What the handler needs from the renderer; throws `isCancellation` errors when superseded. */
export type DiagramRenderer = (model: ArchModel, options: RenderOptions) => Promise<RenderedDiagram>;

/** The part of an LSP connection the handler uses (a fake in tests). */
export interface DiagramConnection {
    onRequest(method: string, handler: (params: unknown, token: CancellationToken) => Promise<unknown>): unknown;
    sendNotification(method: string, params: unknown): unknown;
}

/** Rule settings source: the model checker's current settings. */
export interface DiagramHandlerOptions {
    render: DiagramRenderer;
    /** Recognises the renderer's "superseded" errors. */
    isCancellation?: (error: unknown) => boolean;
    /** Rule settings (archway.json + editor overrides) for the model rooted at a document URI, so badges match the diagnostics. */
    ruleSettings?: (rootUri: string) => RuleSettings;
    /**
     * The model rooted at a document and its findings, from the validator's cache (so a
     * diagram after an edit does not build and check the model a second time). Without it
     * the handler builds and checks the model itself, with `ruleSettings`.
     */
    checkedModel?: (document: LangiumDocument) => { model: ArchModel; findings: readonly Finding[]; assumptions?: NumberAssumptions };
    /** Debounce of `archway/diagramChanged`, in ms (default 150). */
    debounceMs?: number;
}

const THEMES: readonly DiagramTheme[] = ['light', 'dark', 'high-contrast'];
/** At most this many expanded zones are honoured per request. */
const MAX_EXPANDED_ZONES = 1000;
const DIRECTIONS: readonly DiagramDirection[] = ['right', 'down', 'left', 'up'];

/** Validates untrusted request parameters; undefined when they are not usable. */
export function parseDiagramParams(raw: unknown): DiagramParams | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const value = raw as Record<string, unknown>;
    if (typeof value.uri !== 'string' || value.uri.length === 0) return undefined;
    const optionalString = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length < 500 ? v : undefined;
    return {
        uri: value.uri,
        view: optionalString(value.view),
        flow: optionalString(value.flow),
        theme: THEMES.includes(value.theme as DiagramTheme) ? value.theme as DiagramTheme : undefined,
        direction: DIRECTIONS.includes(value.direction as DiagramDirection) ? value.direction as DiagramDirection : undefined,
        background: typeof value.background === 'string' && /^#[0-9a-f]{6}$/i.test(value.background) ? value.background : undefined,
        expandedZones: Array.isArray(value.expandedZones)
            ? [...new Set(value.expandedZones.filter((zone): zone is string => optionalString(zone) !== undefined))].sort().slice(0, MAX_EXPANDED_ZONES)
            : undefined,
    };
}

/** What a response says about collapsed zones: only when some zone is, or was before the user expanded it. */
function collapseOf(rendered: RenderedDiagram): DiagramCollapse | undefined {
    const summary = rendered.collapse;
    if (!summary || (summary.zones.length === 0 && summary.expanded.length === 0)) return undefined;
    return { components: summary.components, threshold: summary.threshold, bySize: summary.bySize, zones: [...summary.zones], brokers: [...(summary.brokers ?? [])], expanded: [...summary.expanded] };
}

/** The theme to draw with: the named one, on the editor's background when one is given (not for high contrast). */
export function themeFor(theme: DiagramTheme | undefined, background: string | undefined): DiagramTheme | ThemeColours | undefined {
    if (!background || theme === 'high-contrast') return theme;
    const base = getTheme(theme ?? 'light');
    return { ...base, background, labelBackground: background };
}

/**
 * Declaration locations by id: of the elements and connections named in `ids` (what a diagram
 * draws), or of every element and connection of the model.
 */
export function elementLocations(model: ArchModel, ids?: readonly string[], locatedBy: Readonly<Record<string, string>> = {}): Record<string, DiagramSourceLocation> {
    const result: Record<string, DiagramSourceLocation> = {};
    const wanted = ids && new Set(ids);
    const add = (element: Element) => {
        result[element.id] = { uri: element.location.uri, range: element.location.range, selection: element.nameLocation.range };
    };
    if (wanted) {
        for (const id of wanted) {
            const element = model.elements.get(id);
            if (element) add(element);
        }
    } else {
        for (const element of model.elements.values()) add(element);
    }
    const connections = new Map<string, DiagramSourceLocation>();
    for (const connection of model.connections) {
        const location = { uri: connection.location.uri, range: connection.location.range };
        connections.set(connection.id, location);
        if (!wanted || wanted.has(connection.id)) result[connection.id] = location;
    }
    const aliases = Object.entries(locatedBy).filter(([id]) => !wanted || wanted.has(id));
    if (aliases.length > 0) {
        const relations = new Map(impliedRelations(model).map(r => [r.id, { uri: r.location.uri, range: r.location.range }]));
        for (const [id, member] of aliases) {
            const location = connections.get(member) ?? relations.get(member);
            if (location && !Object.prototype.hasOwnProperty.call(result, id)) result[id] = location;
        }
    }
    return result;
}

function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}

function cancelled(): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'Superseded by a newer diagram request');
}

/**
 * Registers the diagram requests and the change notification on `connection`.
 * Returns a function that stops the notifications.
 */
export function registerDiagramHandler(connection: DiagramConnection, shared: LangiumSharedServices, options: DiagramHandlerOptions): () => void {
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const lastGood = new Map<string, { key: string; result: DiagramResult }>();
    const generation = new Map<string, number>();

    async function documentFor(uri: string, token: CancellationToken): Promise<LangiumDocument | undefined> {
        let parsed: URI;
        try {
            parsed = URI.parse(uri);
        } catch {
            return undefined;
        }
        let document = documents.getDocument(parsed);
        if (!document) {
            // The workspace may still be loading (bounded: a client that never initializes must not hang us).
            await Promise.race([shared.workspace.WorkspaceManager.ready, new Promise(resolve => setTimeout(resolve, 5_000))]);
            document = documents.getDocument(parsed);
        }
        if (!document && shared.workspace.TextDocuments.get(uri)) {
            // Opened in the editor but not built yet: wait for its first build.
            await firstBuild(uri, token);
            document = documents.getDocument(parsed);
        }
        if (!document) return undefined;
        if (document.state < DocumentState.Validated) {
            await builder.waitUntil(DocumentState.Validated, parsed, token);
        }
        return documents.getDocument(parsed);
    }

    function firstBuild(uri: string, token: CancellationToken): Promise<void> {
        return new Promise(resolve => {
            const done = () => {
                clearTimeout(timer);
                phase.dispose();
                cancel.dispose();
                resolve();
            };
            const phase = builder.onDocumentPhase(DocumentState.Validated, built => {
                if (built.uri.toString() === uri) done();
            });
            const cancel = token.onCancellationRequested(done);
            const timer = setTimeout(done, 10_000);
        });
    }

    function checkedHere(document: LangiumDocument): { model: ArchModel; findings: readonly Finding[]; assumptions?: NumberAssumptions } {
        const model = buildDocumentModel(document, documents);
        return { model, findings: checkModel(model, options.ruleSettings?.(document.uri.toString()) ?? {}).findings };
    }

    async function draw(params: DiagramParams, token: CancellationToken, layoutKey?: string): Promise<DiagramResult> {
        const empty: DiagramResult = {
            uri: params.uri, version: 0, svg: '', view: undefined, flow: undefined, viewIds: [], flowIds: [],
            elements: {}, hasSyntaxErrors: false,
        };
        const document = await documentFor(params.uri, token);
        if (!document) return { ...empty, error: 'The document is not open in the language server.' };
        const key = JSON.stringify([params.view, params.flow, params.theme, params.direction, params.background, params.expandedZones]);
        const broken = hasSyntaxErrors(document);
        const previous = lastGood.get(params.uri);
        if (broken && previous && previous.key === key) return { ...previous.result, hasSyntaxErrors: true };
        const { model, findings, assumptions } = options.checkedModel?.(document) ?? checkedHere(document);
        const viewIds = model.views.map(view => view.id);
        const flowIds = model.flows.map(flow => flow.id);
        const view = params.view && viewIds.includes(params.view) ? params.view : undefined;
        const flow = params.flow && flowIds.includes(params.flow) ? params.flow : undefined;
        const theme = themeFor(params.theme, params.background);
        const rendered = await options.render(model, {
            view, flow, theme, direction: params.direction, findings, assumptions, expandedZones: params.expandedZones, layoutKey,
        });
        const result: DiagramResult = {
            uri: params.uri,
            version: document.textDocument.version,
            svg: rendered.svg,
            view: rendered.view ?? view ?? rendered.viewIds[0],
            flow,
            viewIds: rendered.viewIds,
            flowIds: rendered.flowIds,
            elements: elementLocations(model, rendered.drawnIds, rendered.locatedBy),
            hasSyntaxErrors: broken,
            collapse: collapseOf(rendered),
        };
        if (!broken) lastGood.set(params.uri, { key, result });
        return result;
    }

    connection.onRequest(DiagramMethods.diagram, async (raw, token) => {
        const params = parseDiagramParams(raw);
        if (!params) throw new ResponseError(-32602, 'archway/diagram: expected { uri: string, view?, flow?, theme?, direction? }');
        const mine = (generation.get(params.uri) ?? 0) + 1;
        generation.set(params.uri, mine);
        const stale = () => token.isCancellationRequested || generation.get(params.uri) !== mine;
        try {
            const result = await draw(params, token, params.uri);
            if (stale()) throw cancelled();
            return result;
        } catch (error) {
            if (error instanceof ResponseError) throw error;
            if (stale() || options.isCancellation?.(error)) throw cancelled();
            const previous = lastGood.get(params.uri);
            const message = error instanceof Error ? error.message : String(error);
            if (previous) return { ...previous.result, hasSyntaxErrors: true, error: message };
            return {
                uri: params.uri, version: 0, svg: '', view: undefined, flow: undefined, viewIds: [], flowIds: [],
                elements: {}, hasSyntaxErrors: false, error: message,
            } satisfies DiagramResult;
        }
    });

    connection.onRequest(DiagramMethods.exportDiagram, async (raw, token): Promise<ExportDiagramResult> => {
        const parsed = parseDiagramParams(raw);
        const params: ExportDiagramParams | undefined = parsed && { ...parsed, background: undefined } as ExportDiagramParams;
        if (!params) throw new ResponseError(-32602, 'archway/exportDiagram: expected { uri: string, view?, flow?, theme? }');
        try {
            const result = await draw(params, token);
            if (result.error) return { svg: '', error: result.error };
            if (result.hasSyntaxErrors) return { svg: result.svg, error: 'The document has syntax errors; exported the last good diagram.' };
            return { svg: result.svg };
        } catch (error) {
            return { svg: '', error: error instanceof Error ? error.message : String(error) };
        }
    });

    // Notify after each build (debounced), naming every document the build touched.
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
        timer = undefined;
        if (pending.size === 0) return;
        const params: DiagramChangedParams = { uris: [...pending] };
        pending.clear();
        connection.sendNotification(DiagramMethods.diagramChanged, params);
    };
    const subscription = builder.onBuildPhase(DocumentState.Validated, built => {
        for (const document of built) pending.add(document.uri.toString());
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, options.debounceMs ?? 150);
    });
    const removed = builder.onUpdate((_changed, deleted) => {
        for (const uri of deleted) lastGood.delete(uri.toString());
    });
    return () => {
        subscription.dispose();
        removed.dispose();
        if (timer) clearTimeout(timer);
    };
}
