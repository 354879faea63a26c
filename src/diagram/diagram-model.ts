/**
 * The diagram graph: what is drawn (nodes with measured sizes, edges with labels), before and
 * after layout, and the geometry every stage agrees on (fonts, paddings, how boxes and labels
 * are measured). `build-diagram.ts` builds it from a view selection. Ids are model ids, so the
 * preview can map clicks back to declarations and the layout cache sees the same graph for the
 * same text.
 */
import type { ConnectionStyle, Direction, Finding, Severity, Trust } from '../model/arch-model.js';
import type { RelationKind } from '../model/implied-relations.js';
import type { NumberAssumptions } from '../numbers/assumptions.js';
import type { IconName } from './icons.js';

export type { RelationKind } from '../model/implied-relations.js';
import { textWidth } from './text-metrics.js';

/** A finding as a badge shows it. */
export interface DiagramFinding {
    severity: Severity;
    code: string;
    message: string;
}

/** What a node stands for. */
export type NodeRole = 'component' | 'channel' | 'zone' | 'collapsed-zone' | 'collapsed-broker';

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
    /**
     * The boxes (labels) whose `trusts` edges this issuer's box stands for (`trusted by 6`, see
     * `build/trust-bundles.ts`); said in its tooltip and accessible name. Empty otherwise.
     */
    trustedBy?: string[];
    /**
     * Simple Icons slug of the technology mark drawn beside the kind icon (`postgresql` for
     * `engine: postgres`, see `tech-icons.ts`); unset when no property names a known technology.
     */
    tech?: string;
}

/** One model connection or implied relation an edge stands for, as its tooltip and the JSON export list it. */
export interface EdgeMember {
    /** Connection id (`a->b`, `a~>b.t`) or implied relation id (`trusts:a->idp`). */
    id: string;
    /** `/orders → Order service`, `orderPlaced`, `https`: what distinguishes it from the others. */
    label: string;
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
    /** Model connection ids this edge draws (several when boxes are merged or collapsed). */
    connections: string[];
    /** Set when the edge draws an implied relation only (no declared connection). */
    relation: RelationKind | undefined;
    /** Every connection and implied relation the edge stands for, in model order. */
    members: EdgeMember[];
    points: [number, number][];
    /** Where the label sits (top-left corner and size), once laid out. */
    labelBox: { x: number; y: number; width: number; height: number } | undefined;
    /**
     * Messages both ways between a box and a broker drawn as one box: the box's publishes into
     * the broker and the broker's deliveries to it, as one edge with an arrowhead at each end.
     * `source` is the box, `target` the broker.
     */
    twoWay: boolean;
    /**
     * The boxes whose calls an edge from their zone stands for (`4 callers`, see `mergeFanIns` in
     * `build/connection-edges.ts`), in model order; said in the edge's accessible name.
     */
    callers?: string[];
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
    /** Zones and brokers drawn as one box that opens on a click, in model order. */
    zones: string[];
    /** The brokers among `zones` (drawn as one box because they have many topics). */
    brokers: string[];
    /** Zones and brokers that would collapse but are drawn open because they were expanded, in model order. */
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
    /**
     * `picture` (default): parallel connections merge into one counted edge and relationships
     * stated by properties draw as edges. `model`: one edge per connection and nothing
     * implied, for exports that carry the model to another tool (D2).
     */
    edges?: 'picture' | 'model';
    /** What the numbers of a flow (step latencies, totals in the title) assume; the defaults when absent. */
    assumptions?: NumberAssumptions;
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

/** Width of a zone's trust tag text. */
export function trustTag(trust: Trust): string {
    return trust.toUpperCase();
}

/** Rounds a width up to a multiple of 10, so small text edits rarely change the layout. */
export function quantize(width: number): number {
    return Math.ceil(width / 10) * 10;
}

// ---------------------------------------------------------------- measuring

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

/** An edge's members as tooltip lines: `label (id)`, one per connection or relation. */
export function membersTooltip(edge: Pick<DiagramEdge, 'members'>): string {
    return edge.members.map(m => (m.label === m.id ? m.id : `${m.label} (${m.id})`)).join('\n');
}
