/**
 * The diagram graph: what is drawn (nodes with measured sizes, edges with labels), built
 * from a view selection, before and after layout. Ids are model ids, so the preview can
 * map clicks back to declarations and the layout cache sees the same graph for the same text.
 */
import { TLS_PROTOCOLS, type ArchModel, type Component, type Connection, type ConnectionStyle, type Direction, type Finding, type Property, type Severity, type Trust } from '../model/arch-model.js';
import type { IconName } from './icons.js';
import { textWidth, truncateText } from './text-metrics.js';
import type { ViewSelection } from './view-selection.js';

/** A finding as a badge shows it. */
export interface DiagramFinding {
    severity: Severity;
    code: string;
    message: string;
}

/** What a node stands for. */
export type NodeRole = 'component' | 'channel' | 'zone' | 'collapsed-zone';

/** A box in the diagram. Coordinates are absolute, in px, once laid out. */
export interface DiagramNode {
    id: string;
    parent: string | undefined;
    role: NodeRole;
    kind: IconName;
    /** True for containers (expanded zones, brokers with channels). */
    compound: boolean;
    label: string;
    /** Second line: kind and technology. */
    subtitle: string;
    /** Third line: key facts (`×3 · auth jwt · rate 100/s`). */
    facts: string;
    trust: Trust | undefined;
    x: number;
    y: number;
    width: number;
    height: number;
    findings: DiagramFinding[];
    dimmed: boolean;
}

/** A line between two nodes. Points are absolute once laid out. */
export interface DiagramEdge {
    id: string;
    source: string;
    target: string;
    style: ConnectionStyle;
    /** TLS protocol (true), plaintext protocol (false), or none written. */
    tls: boolean | undefined;
    label: string;
    /** Model connection ids this edge draws (several when zones are collapsed). */
    connections: string[];
    points: [number, number][];
    /** Where the label sits (top-left corner and size), once laid out. */
    labelBox: { x: number; y: number; width: number; height: number } | undefined;
    /** Flow step numbers drawn on this edge. */
    steps: number[];
    findings: DiagramFinding[];
    dimmed: boolean;
}

/** A whole diagram. */
export interface Diagram {
    viewId: string;
    title: string;
    direction: Direction;
    flowId: string | undefined;
    /** True when at least one zone is drawn collapsed (one box with counts). */
    collapsed: boolean;
    /** Why and which zones are collapsed: what the preview tells the user. */
    collapse: CollapseSummary;
    width: number;
    height: number;
    /** Parents before children; model order otherwise. */
    nodes: DiagramNode[];
    edges: DiagramEdge[];
}

/** How a diagram collapses zones. */
export interface CollapseSummary {
    /** Components the view shows (before collapsing). */
    components: number;
    /** Above this many components, every zone collapses (unless expanded). */
    threshold: number;
    /** True when the view is over the threshold, so zones collapse by size. */
    bySize: boolean;
    /** Zones drawn as one box, in model order. */
    zones: string[];
    /** Zones that would collapse but are drawn open because they were expanded, in model order. */
    expanded: string[];
}

/** Options of `buildDiagram`. */
export interface BuildOptions {
    findings?: readonly Finding[];
    /**
     * `auto` collapses every zone when the view has more than `collapseThreshold` components,
     * and the zones the view lists in `collapse: [...]`; `never` ignores both.
     */
    collapse?: 'auto' | 'always' | 'never';
    collapseThreshold?: number;
    /** Zones kept expanded when collapsing. */
    expandedZones?: readonly string[];
    /** Draw a title line above the diagram (default true). */
    title?: boolean;
}

// ---------------------------------------------------------------- geometry constants

export const NODE_FONT = 13;
export const SMALL_FONT = 11;
export const TOPIC_FONT = 12;
export const ZONE_FONT = 12;
export const EDGE_FONT = 11;
export const TITLE_FONT = 15;
export const NODE_TEXT_X = 44;
export const NODE_MIN_WIDTH = 150;
export const MAX_TEXT_WIDTH = 260;
export const TOPIC_HEIGHT = 30;
export const TOPIC_TEXT_X = 30;
export const ZONE_PADDING = { top: 38, left: 18, bottom: 18, right: 18 };
export const BROKER_PADDING = { top: 52, left: 14, bottom: 14, right: 14 };
export const TITLE_HEIGHT = 40;
export const EDGE_LABEL_HEIGHT = 16;
export const LOCK_WIDTH = 12;
export const STEP_BADGE = 18;
/** Views with more components than this show zones collapsed (when `collapse` is `auto`). */
export const DEFAULT_COLLAPSE_THRESHOLD = 150;

/** Width of a zone's trust tag text. */
export function trustTag(trust: Trust): string {
    return trust.toUpperCase();
}

/** Rounds a width up to a multiple of 10, so small text edits rarely change the layout. */
function quantize(width: number): number {
    return Math.ceil(width / 10) * 10;
}

// ---------------------------------------------------------------- building

const FACT_LIMIT = 4;

function prop(component: Component, name: string): Property | undefined {
    return component.properties.get(name);
}

/** Kind and technology: `database · postgres`. */
function subtitleOf(component: Component): string {
    const tech = prop(component, 'technology') ?? prop(component, 'engine');
    const value = tech?.value;
    const text = value?.type === 'string' ? value.value : value?.text;
    return text ? `${component.kind} · ${text}` : component.kind;
}

/** Key facts of a component, short. */
function factsOf(component: Component): string {
    const facts: string[] = [];
    const replicas = prop(component, 'replicas')?.value;
    if (replicas?.type === 'number') facts.push(`×${replicas.value}`);
    const auth = prop(component, 'auth')?.value;
    if (auth) {
        const mode = auth.type === 'mode' ? auth.mode : auth.type === 'enum' ? auth.value : auth.text;
        facts.push(mode === 'none' ? 'no auth' : `auth ${mode}`);
    }
    const rate = prop(component, 'rateLimit')?.value;
    if (rate) facts.push(`rate ${rate.text}`);
    if (component.kind === 'gateway' || component.kind === 'cdn') {
        const cache = prop(component, 'cache')?.value;
        if (cache && !(cache.type === 'boolean' && !cache.value)) facts.push(`cache ${cache.type === 'boolean' ? 'on' : cache.text}`);
    }
    const ttl = prop(component, 'ttl')?.value;
    if (ttl) facts.push(`ttl ${ttl.text}`);
    const waf = prop(component, 'waf')?.value;
    if (waf?.type === 'boolean' && waf.value) facts.push('WAF');
    const dlq = prop(component, 'deadLetter')?.value;
    if (dlq?.type === 'boolean' && dlq.value) facts.push('DLQ');
    return facts.slice(0, FACT_LIMIT).join(' · ');
}

/** Edge label: route path or protocol and label. */
function edgeLabelOf(connection: Connection): string {
    const parts: string[] = [];
    if (connection.origin === 'route' && connection.path) parts.push(connection.path);
    if (connection.protocol) parts.push(connection.protocol);
    if (connection.label && connection.label !== connection.path) parts.push(connection.label);
    return truncateText(parts.join(' · '), 220, EDGE_FONT);
}

/** Size of a leaf component box. */
export function measureNode(label: string, subtitle: string, facts: string): { width: number; height: number } {
    const text = Math.max(
        textWidth(label, NODE_FONT, true), textWidth(subtitle, SMALL_FONT), textWidth(facts, SMALL_FONT));
    return { width: quantize(Math.max(NODE_MIN_WIDTH, NODE_TEXT_X + text + 14)), height: facts ? 62 : 48 };
}

/** Size of an edge label box (lock and step badges included). */
export function measureEdgeLabel(edge: Pick<DiagramEdge, 'label' | 'tls' | 'steps'>): { width: number; height: number } | undefined {
    const hasText = edge.label.length > 0;
    if (!hasText && edge.steps.length === 0) return undefined;
    let width = hasText ? textWidth(edge.label, EDGE_FONT) + 8 : 0;
    if (hasText && edge.tls) width += LOCK_WIDTH;
    if (edge.steps.length > 0) width += stepBadgeWidth(edge.steps) + (hasText ? 4 : 0);
    return { width: Math.ceil(width), height: EDGE_LABEL_HEIGHT + (edge.steps.length > 0 ? 2 : 0) };
}

/** Width of the numbered badge for flow steps (`1`, `2, 5`). */
export function stepBadgeWidth(steps: readonly number[]): number {
    return Math.max(STEP_BADGE, Math.ceil(textWidth(steps.join(', '), EDGE_FONT, true)) + 10);
}

/** Minimum width of a container so its title fits. */
export function containerMinWidth(node: Pick<DiagramNode, 'role' | 'label' | 'subtitle' | 'trust'>): number {
    if (node.role === 'zone') {
        return Math.ceil(12 + textWidth(node.label, ZONE_FONT, true) + 10 + textWidth(trustTag(node.trust ?? 'private'), 10, true) + 16);
    }
    return Math.ceil(40 + Math.max(textWidth(node.label, NODE_FONT, true), textWidth(node.subtitle, SMALL_FONT)) + 14);
}

/** The fields of a node that building decides; the rest start blank. */
type NodeFields = Pick<DiagramNode, 'id' | 'parent' | 'role' | 'kind' | 'compound' | 'label' | 'subtitle' | 'facts' | 'trust' | 'width' | 'height'>;

/** A node at the origin without findings (one object shape for every node: cheap to build and hash). */
function makeNode(f: NodeFields): DiagramNode {
    return {
        id: f.id, parent: f.parent, role: f.role, kind: f.kind, compound: f.compound, label: f.label, subtitle: f.subtitle,
        facts: f.facts, trust: f.trust, x: 0, y: 0, width: f.width, height: f.height, findings: [], dimmed: false,
    };
}

/**
 * Builds the diagram (unpositioned: sizes set, coordinates zero) for a selection.
 */
export function buildDiagram(model: ArchModel, selection: ViewSelection, options: BuildOptions = {}): Diagram {
    const threshold = options.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD;
    const mode = options.collapse ?? 'auto';
    const bySize = mode === 'always' || (mode === 'auto' && selection.components.length > threshold);
    const listed = new Set(mode === 'never' ? [] : selection.view.collapse);
    const expanded = new Set(options.expandedZones ?? []);
    const visibleZones = new Set(selection.zones);

    /** The collapsed zone standing for a component, if any: the outermost one that is not expanded. */
    const collapsedZoneOf = (componentId: string): string | undefined => {
        if (!bySize && listed.size === 0) return undefined;
        const component = model.elements.get(componentId);
        if (component?.type !== 'component') return undefined;
        for (const zone of component.zonePath) {
            if (visibleZones.has(zone) && !expanded.has(zone) && (bySize || listed.has(zone))) return zone;
        }
        return undefined;
    };
    /** The node standing for a selected element id. */
    const nodeOf = (id: string): string => {
        const element = model.elements.get(id);
        const owner = element?.type === 'channel' ? element.broker : id;
        return collapsedZoneOf(owner) ?? id;
    };

    const nodes: DiagramNode[] = [];
    const nodeIndex = new Map<string, DiagramNode>();
    const add = (node: DiagramNode): void => {
        nodes.push(node);
        nodeIndex.set(node.id, node);
    };

    // Zones: expanded ones are containers; the first non-expanded one on a path is a box.
    const collapsedCounts = new Map<string, { components: number; zones: Set<string> }>();
    for (const id of selection.components) {
        const zone = collapsedZoneOf(id);
        if (zone === undefined) continue;
        const counts = collapsedCounts.get(zone) ?? { components: 0, zones: new Set<string>() };
        counts.components++;
        const component = model.elements.get(id);
        if (component?.type === 'component') {
            for (const z of component.zonePath.slice(component.zonePath.indexOf(zone) + 1)) counts.zones.add(z);
        }
        collapsedCounts.set(zone, counts);
    }
    const zoneParent = (zoneId: string): string | undefined => {
        const zone = model.elements.get(zoneId);
        return zone?.type === 'zone' && zone.parent && visibleZones.has(zone.parent) ? zone.parent : undefined;
    };
    const isHiddenInCollapsed = (zoneId: string): boolean => {
        let parent = zoneParent(zoneId);
        while (parent) {
            if (collapsedCounts.has(parent)) return true;
            parent = zoneParent(parent);
        }
        return false;
    };
    for (const zoneId of selection.zones) {
        const zone = model.elements.get(zoneId);
        if (zone?.type !== 'zone' || isHiddenInCollapsed(zoneId)) continue;
        const label = zone.label ?? zone.id;
        const counts = collapsedCounts.get(zoneId);
        if (counts) {
            const subtitle = `${zone.trust} zone`;
            const facts = `${counts.components} component${counts.components === 1 ? '' : 's'}`
                + (counts.zones.size > 0 ? ` · ${counts.zones.size} zone${counts.zones.size === 1 ? '' : 's'}` : '');
            const size = measureNode(label, subtitle, facts);
            add(makeNode({ id: zoneId, parent: zoneParent(zoneId), role: 'collapsed-zone', kind: 'zone', compound: false, label, subtitle, facts, trust: zone.trust, width: size.width, height: size.height }));
        } else {
            add(makeNode({ id: zoneId, parent: zoneParent(zoneId), role: 'zone', kind: 'zone', compound: true, label, subtitle: '', facts: '', trust: zone.trust, width: 0, height: 0 }));
        }
    }

    const channelsByBroker = new Map<string, string[]>();
    for (const id of selection.channels) {
        const channel = model.elements.get(id);
        if (channel?.type !== 'channel') continue;
        const list = channelsByBroker.get(channel.broker) ?? [];
        list.push(id);
        channelsByBroker.set(channel.broker, list);
    }
    for (const id of selection.components) {
        const component = model.elements.get(id);
        if (component?.type !== 'component' || collapsedZoneOf(id) !== undefined) continue;
        const parent = component.zonePath.length > 0 ? component.zonePath[component.zonePath.length - 1] : undefined;
        const label = component.label ?? component.id;
        const subtitle = subtitleOf(component);
        const facts = factsOf(component);
        const channels = channelsByBroker.get(id) ?? [];
        const compound = channels.length > 0;
        const size = compound ? { width: 0, height: 0 } : measureNode(label, subtitle, facts);
        add(makeNode({
            id, parent: parent && nodeIndex.has(parent) ? parent : undefined, role: 'component', kind: component.kind,
            compound, label, subtitle, facts, trust: component.trust, width: size.width, height: size.height,
        }));
        for (const channelId of channels) {
            const channel = model.elements.get(channelId);
            if (channel?.type !== 'channel') continue;
            const channelLabel = channel.label ?? channel.name;
            add(makeNode({
                id: channelId, parent: id, role: 'channel', kind: channel.kind, compound: false,
                label: channelLabel, subtitle: channel.kind, facts: '', trust: component.trust,
                width: quantize(Math.max(90, TOPIC_TEXT_X + textWidth(channelLabel, TOPIC_FONT) + 12)), height: TOPIC_HEIGHT,
            }));
        }
    }

    // Edges: one per connection, or one per (source, target, style) between collapsed zones.
    const edges: DiagramEdge[] = [];
    const edgeIndex = new Map<string, DiagramEdge>();
    const byConnection = new Map<string, DiagramEdge>();
    for (const { connection, source, target } of selection.connections) {
        const from = nodeOf(source);
        const to = nodeOf(target);
        if (from === to || !nodeIndex.has(from) || !nodeIndex.has(to)) continue;
        const aggregated = from !== source || to !== target;
        if (aggregated) {
            // One edge per direction between two boxes; solid when any call in it is synchronous.
            const id = `${from}=>${to}`;
            const existing = edgeIndex.get(id);
            if (existing) {
                existing.connections.push(connection.id);
                existing.label = `${existing.connections.length} connections`;
                if (connection.style === 'sync') existing.style = 'sync';
                if (existing.tls !== connection.tls) existing.tls = existing.tls === false || connection.tls === false ? false : undefined;
                byConnection.set(connection.id, existing);
                continue;
            }
            const edge: DiagramEdge = {
                id, source: from, target: to, style: connection.style, tls: connection.tls, label: edgeLabelOf(connection),
                connections: [connection.id], points: [], labelBox: undefined, steps: [], findings: [], dimmed: false,
            };
            edges.push(edge);
            edgeIndex.set(id, edge);
            byConnection.set(connection.id, edge);
            continue;
        }
        const edge: DiagramEdge = {
            id: connection.id, source: from, target: to, style: connection.style, tls: connection.tls, label: edgeLabelOf(connection),
            connections: [connection.id], points: [], labelBox: undefined, steps: [], findings: [], dimmed: false,
        };
        edges.push(edge);
        edgeIndex.set(edge.id, edge);
        byConnection.set(connection.id, edge);
    }

    // Flow: number the steps, add edges for steps without a declared connection, dim the rest.
    const flow = selection.flow;
    if (flow) {
        const onFlow = new Set<string>();
        for (const step of flow.steps) {
            const from = nodeOf(step.source);
            const to = nodeOf(step.target);
            let edge = step.connection ? byConnection.get(step.connection) : undefined;
            if (!edge && from !== to && nodeIndex.has(from) && nodeIndex.has(to)) {
                const id = `flow:${flow.id}:${step.index}`;
                edge = {
                    id, source: from, target: to, style: step.style, tls: step.protocol === undefined ? undefined : TLS_PROTOCOLS.has(step.protocol), label: step.label ?? step.protocol ?? '',
                    connections: [], points: [], labelBox: undefined, steps: [], findings: [], dimmed: false,
                };
                edges.push(edge);
                edgeIndex.set(id, edge);
            }
            if (edge) {
                edge.steps.push(step.index);
                if (step.label && !edge.label.includes(step.label)) edge.label = truncateText(edge.label ? `${step.label} · ${edge.label}` : step.label, 220, EDGE_FONT);
                onFlow.add(edge.id);
            }
            for (const end of [from, to, step.source, step.target]) onFlow.add(end);
        }
        // Containers of flow nodes stay bright.
        for (const node of nodes) {
            if (!onFlow.has(node.id)) continue;
            let parent = node.parent;
            while (parent) {
                onFlow.add(parent);
                parent = nodeIndex.get(parent)?.parent;
            }
        }
        for (const node of nodes) node.dimmed = !onFlow.has(node.id) && node.role !== 'zone';
        for (const edge of edges) edge.dimmed = !onFlow.has(edge.id);
    }

    // Findings → badges on the nodes and edges they are about.
    for (const finding of options.findings ?? []) {
        if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
        const badge: DiagramFinding = { severity: finding.severity, code: finding.code, message: finding.message };
        const targets = new Set<DiagramNode | DiagramEdge>();
        for (const id of finding.elements) {
            const edge = byConnection.get(id) ?? edgeIndex.get(id);
            if (edge) {
                targets.add(edge);
                continue;
            }
            const element = model.elements.get(id);
            if (!element) continue;
            const nodeId = element.type === 'zone' ? (nodeIndex.has(id) ? id : undefined) : nodeOf(id);
            const node = nodeId === undefined ? undefined : nodeIndex.get(nodeId);
            if (node) targets.add(node);
        }
        for (const target of targets) target.findings.push(badge);
    }

    // Sizes of containers; collapsed zones grow along the side their edges attach to, so
    // many edges do not fan into one point.
    const degree = new Map<string, number>();
    for (const edge of edges) {
        degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
        degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
    }
    const horizontal = selection.direction === 'right' || selection.direction === 'left';
    for (const node of nodes) {
        if (node.compound) node.width = quantize(containerMinWidth(node));
        if (node.role === 'collapsed-zone') {
            const span = quantize((degree.get(node.id) ?? 0) * 8);
            if (horizontal) node.height = Math.max(node.height, span);
            else node.width = Math.max(node.width, span);
        }
    }

    const view = selection.view;
    const title = options.title === false ? '' : [
        model.name,
        flow ? `flow: ${flow.label ?? flow.id}` : `view: ${view.label ?? view.id}`,
    ].filter(Boolean).join(' — ');
    return {
        viewId: view.id, title: truncateText(title, 1200, TITLE_FONT, true), direction: selection.direction, flowId: flow?.id,
        collapsed: collapsedCounts.size > 0,
        collapse: {
            components: selection.components.length, threshold, bySize,
            zones: nodes.filter(node => node.role === 'collapsed-zone').map(node => node.id),
            expanded: nodes.filter(node => node.role === 'zone' && expanded.has(node.id) && (bySize || listed.has(node.id))).map(node => node.id),
        },
        width: 0, height: 0, nodes, edges,
    };
}
