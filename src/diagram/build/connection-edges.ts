/**
 * Edges for the view's connections: one per connection between drawn nodes, or one per
 * direction between two boxes when a collapsed zone stands for an end (then labelled with the
 * number of connections it merges, solid when any of them is synchronous).
 */
import type { Connection } from '../../model/arch-model.js';
import { EDGE_FONT, type DiagramEdge } from '../diagram-model.js';
import { truncateText } from '../text-metrics.js';
import type { ViewSelection } from '../view-selection.js';
import type { CollapsePlan } from './collapse-plan.js';
import { makeEdge, type DiagramGraph } from './diagram-graph.js';

/** Widest edge label, in px, before it is cut with `…`. */
export const EDGE_LABEL_WIDTH = 220;

export function addConnectionEdges(graph: DiagramGraph, selection: ViewSelection, plan: CollapsePlan): void {
    for (const { connection, source, target } of selection.connections) {
        const from = plan.nodeOf(source);
        const to = plan.nodeOf(target);
        if (from === to || !graph.hasNode(from) || !graph.hasNode(to)) continue;
        const aggregated = from !== source || to !== target;
        const id = aggregated ? `${from}=>${to}` : connection.id;
        const existing = aggregated ? graph.edge(id) : undefined;
        if (existing) {
            merge(existing, connection);
            graph.drawsConnection(connection.id, existing);
            continue;
        }
        const edge = makeEdge({
            id, source: from, target: to, style: connection.style, tls: connection.tls, label: edgeLabelOf(connection),
            connections: [connection.id],
        });
        graph.addEdge(edge);
        graph.drawsConnection(connection.id, edge);
    }
}

/** Adds a connection to an edge between collapsed zones. */
function merge(edge: DiagramEdge, connection: Connection): void {
    edge.connections.push(connection.id);
    edge.label = `${edge.connections.length} connections`;
    if (connection.style === 'sync') edge.style = 'sync';
    if (edge.tls !== connection.tls) edge.tls = edge.tls === false || connection.tls === false ? false : undefined;
}

/** Edge label: route path or protocol and label. */
function edgeLabelOf(connection: Connection): string {
    const parts: string[] = [];
    if (connection.origin === 'route' && connection.path) parts.push(connection.path);
    if (connection.protocol) parts.push(connection.protocol);
    if (connection.label && connection.label !== connection.path) parts.push(connection.label);
    return truncateText(parts.join(' · '), EDGE_LABEL_WIDTH, EDGE_FONT);
}
