/**
 * Edges for the view's connections and implied relationships. Connections of one style
 * between the same two drawn boxes (five gateway routes to one service, a call and its
 * retry path) draw as one edge labelled with their count (`5 routes`); its members list each
 * one. When a collapsed zone stands for an end, every connection between the two boxes in one
 * direction merges into one edge (`12 connections`, solid when any is synchronous). In a flow
 * view, a connection a step follows keeps an edge of its own, so the step number sits on it.
 * Implied relationships (`origin:`, `from:`/`to:`, `issuer:`, …; see `implied-relations.ts`)
 * draw as thin dotted edges labelled with what they say.
 */
import type { Connection } from '../../model/arch-model.js';
import { EDGE_FONT, type EdgeMember } from '../diagram-model.js';
import { truncateText } from '../text-metrics.js';
import type { SelectedConnection, SelectedRelation, ViewSelection } from '../view-selection.js';
import type { CollapsePlan } from './collapse-plan.js';
import { makeEdge, type DiagramGraph } from './diagram-graph.js';

/** Widest edge label, in px, before it is cut with `…`. */
export const EDGE_LABEL_WIDTH = 220;

/** One edge to be: the connections it draws, between two drawn nodes. */
interface EdgeGroup {
    from: string;
    to: string;
    aggregated: boolean;
    connections: Connection[];
}

export function addConnectionEdges(graph: DiagramGraph, selection: ViewSelection, plan: CollapsePlan): void {
    const stepped = new Set(selection.flow?.steps.flatMap(step => step.connection === undefined ? [] : [step.connection]) ?? []);
    for (const group of groupConnections(graph, selection.connections, plan, stepped).values()) {
        const [first] = group.connections;
        const single = group.connections.length === 1;
        const edge = makeEdge({
            id: single && !group.aggregated ? first.id : `${group.from}=>${group.to}${group.aggregated ? '' : `:${first.style}`}`,
            source: group.from, target: group.to,
            style: group.connections.some(c => c.style === 'sync') ? 'sync' : 'async',
            tls: mergedTls(group.connections),
            label: single ? edgeLabelOf(first) : countLabel(group.connections),
            connections: group.connections.map(c => c.id),
            members: group.connections.map(c => ({ id: c.id, label: memberLabelOf(c) })),
        });
        graph.addEdge(edge);
        for (const connection of group.connections) graph.drawsConnection(connection.id, edge);
    }
    addRelationEdges(graph, selection.relations, plan);
}

/** Groups connections by the edge that draws them, in model order of each group's first one. */
function groupConnections(graph: DiagramGraph, connections: readonly SelectedConnection[], plan: CollapsePlan, stepped: ReadonlySet<string>): Map<string, EdgeGroup> {
    const groups = new Map<string, EdgeGroup>();
    for (const { connection, source, target } of connections) {
        const from = plan.nodeOf(source);
        const to = plan.nodeOf(target);
        if (from === to || !graph.hasNode(from) || !graph.hasNode(to)) continue;
        const aggregated = from !== source || to !== target;
        const key = stepped.has(connection.id) && !aggregated ? `#${connection.id}`
            : aggregated ? `${from}\u0000${to}` : `${from}\u0000${to}\u0000${connection.style}`;
        const group = groups.get(key);
        if (group) group.connections.push(connection);
        else groups.set(key, { from, to, aggregated, connections: [connection] });
    }
    return groups;
}

/** Edges for implied relationships; between collapsed boxes they join the edge that is there. */
function addRelationEdges(graph: DiagramGraph, relations: readonly SelectedRelation[], plan: CollapsePlan): void {
    for (const { relation, source, target } of relations) {
        const from = plan.nodeOf(source);
        const to = plan.nodeOf(target);
        if (from === to || !graph.hasNode(from) || !graph.hasNode(to)) continue;
        const member: EdgeMember = { id: relation.id, label: `${relation.label}: ${relation.source} → ${relation.target}` };
        const aggregated = from !== source || to !== target;
        if (aggregated) {
            // Between collapsed boxes a relation only adds to an edge the connections draw anyway.
            graph.edge(`${from}=>${to}`)?.members.push(member);
            continue;
        }
        const id = `${relation.kind}:${from}->${to}`;
        const existing = graph.edge(id);
        if (existing) {
            existing.members.push(member);
            continue;
        }
        graph.addEdge(makeEdge({
            id, source: from, target: to, style: 'sync', tls: undefined, label: relation.label, connections: [],
            relation: relation.kind, members: [member],
        }));
    }
}

/** TLS when every merged connection is, plaintext when any is, else unknown. */
function mergedTls(connections: readonly Connection[]): boolean | undefined {
    if (connections.some(c => c.tls === false)) return false;
    return connections.every(c => c.tls === true) ? true : undefined;
}

/** `5 routes`, `3 connections` (with the protocol when they share one: `3 connections · amqp`). */
function countLabel(connections: readonly Connection[]): string {
    const noun = connections.every(c => c.origin === 'route') ? 'routes' : 'connections';
    const protocols = new Set(connections.map(c => c.protocol));
    const [protocol] = protocols;
    return protocols.size === 1 && protocol ? `${connections.length} ${noun} · ${protocol}` : `${connections.length} ${noun}`;
}

/** Edge label: route path or protocol and label. */
function edgeLabelOf(connection: Connection): string {
    return truncateText(memberLabelOf(connection), EDGE_LABEL_WIDTH, EDGE_FONT);
}

/** What tells a connection apart from others on the same edge: `/orders · https · place order`. */
function memberLabelOf(connection: Connection): string {
    const parts: string[] = [];
    if (connection.origin === 'route' && connection.path) parts.push(connection.path);
    if (connection.protocol) parts.push(connection.protocol);
    if (connection.label && connection.label !== connection.path) parts.push(connection.label);
    return parts.join(' · ') || connection.id;
}
