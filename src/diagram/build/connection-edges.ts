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
import type { ArchModel, Connection } from '../../model/arch-model.js';
import { EDGE_FONT, type EdgeMember } from '../diagram-model.js';
import { truncateText } from '../text-metrics.js';
import type { SelectedConnection, SelectedRelation, ViewSelection } from '../view-selection.js';
import { brokerOf } from './broker-protocols.js';
import type { CollapsePlan } from './collapse-plan.js';
import { makeEdge, type DiagramGraph } from './diagram-graph.js';
import type { EdgeGroup } from './edge-group.js';
import { mergeFanIns, mergeTwins } from './zone-callers.js';

/** Widest edge label, in px, before it is cut with `…`. */
export const EDGE_LABEL_WIDTH = 220;


/**
 * Adds the edges; `protocols` are the brokers' shared protocols, left out of the labels of
 * their edges (see `broker-protocols.ts`).
 */
export function addConnectionEdges(graph: DiagramGraph, model: ArchModel, selection: ViewSelection, plan: CollapsePlan,
    protocols: ReadonlyMap<string, string> = new Map(), edges: 'picture' | 'model' = 'picture',
    trusted: ReadonlyMap<string, readonly string[]> = new Map()): void {
    const stepped = new Set(selection.flow?.steps.flatMap(step => step.connection === undefined ? [] : [step.connection]) ?? []);
    const labels = new EdgeLabels(model, plan, protocols);
    let groups = [...groupConnections(graph, selection.connections, plan, stepped, edges === 'model').values()];
    if (edges === 'picture') groups = mergeTwins(graph, mergeFanIns(graph, groups, stepped), stepped, connection => labels.alone(connection));
    const deliveries = edges === 'model' ? new Map<EdgeGroup, EdgeGroup>() : twoWayPartners(groups, plan, stepped);
    const joined = new Set(deliveries.values());
    for (const group of groups) {
        if (joined.has(group)) continue;
        const back = deliveries.get(group);
        if (back) {
            addTwoWayEdge(graph, group, back, labels.twoWay(group, back));
            continue;
        }
        const edge = makeEdge({
            id: edgeIdOf(group),
            source: group.from, target: group.to,
            style: group.connections.some(c => c.style === 'sync') ? 'sync' : 'async',
            tls: mergedTls(group.connections),
            label: labels.of(group),
            connections: group.connections.map(c => c.id),
            members: group.connections.map(c => ({ id: c.id, label: memberLabelOf(c) })),
        });
        if (group.callers) edge.callers = group.callers;
        graph.addEdge(edge);
        for (const connection of group.connections) graph.drawsConnection(connection.id, edge);
    }
    if (edges === 'picture') addRelationEdges(graph, selection.relations.filter(r => !(r.relation.kind === 'trusts' && trusted.has(r.target))), plan);
}

/**
 * A one-connection edge is named after its connection; merged ones after their ends (and, for
 * a zone's twin calls, of which one zone may have several into one box, the first call).
 */
function edgeIdOf(group: EdgeGroup): string {
    const [first] = group.connections;
    if (group.twinLabel !== undefined) return `${group.from}=>${group.to}:${first.id}`;
    if (group.connections.length === 1 && !group.aggregated) return first.id;
    return `${group.from}=>${group.to}${group.aggregated ? '' : `:${first.style}`}`;
}

/**
 * Publishes and deliveries between one box and a broker drawn as one box: the broker → box
 * group that joins each box → broker group (both only messages, no flow step on them). A
 * service that publishes three topics and consumes two draws one edge, not two side by side.
 */
function twoWayPartners(groups: readonly EdgeGroup[], plan: CollapsePlan, stepped: ReadonlySet<string>): Map<EdgeGroup, EdgeGroup> {
    const messages = (group: EdgeGroup) => group.connections.every(c => c.style === 'async' && !stepped.has(c.id));
    const back = new Map<string, EdgeGroup>();
    for (const group of groups) {
        if (plan.brokers.has(group.from) && messages(group)) back.set(`${group.from}\u0000${group.to}`, group);
    }
    const partners = new Map<EdgeGroup, EdgeGroup>();
    for (const group of groups) {
        if (!plan.brokers.has(group.to) || !messages(group)) continue;
        const delivery = back.get(`${group.to}\u0000${group.from}`);
        if (delivery) partners.set(group, delivery);
    }
    return partners;
}

/** The one edge for a box's publishes into a broker (`out`) and the broker's deliveries to it (`back`). */
function addTwoWayEdge(graph: DiagramGraph, out: EdgeGroup, back: EdgeGroup, label: string): void {
    const connections = [...out.connections, ...back.connections];
    const edge = makeEdge({
        id: `${out.from}<=>${out.to}`, source: out.from, target: out.to, style: 'async', tls: mergedTls(connections), label,
        connections: connections.map(c => c.id), members: connections.map(c => ({ id: c.id, label: memberLabelOf(c) })), twoWay: true,
    });
    graph.addEdge(edge);
    for (const connection of connections) graph.drawsConnection(connection.id, edge);
}

/** What an edge says: one connection's route, protocol and label, or what several have in common. */
class EdgeLabels {
    constructor(private readonly model: ArchModel, private readonly plan: CollapsePlan, private readonly protocols: ReadonlyMap<string, string>) {}

    of(group: EdgeGroup): string {
        const { connections } = group;
        const topics = this.collapsedTopics(group);
        const quiet = connections.every(c => this.quiet(c));
        const protocol = quiet ? undefined : sharedProtocol(connections);
        if (topics.length > 0) {
            // One end is a broker drawn as one box: say which topics, or how many.
            const only = topics.length === 1 ? this.model.elements.get(topics[0]) : undefined;
            const what = only?.type === 'channel' ? only.label ?? only.name : `${topics.length} topics`;
            const label = connections.length === 1 ? [what, protocol, connections[0].label].filter(Boolean).join(' · ')
                : [what, protocol].filter(Boolean).join(' · ');
            return truncateText(label, EDGE_LABEL_WIDTH, EDGE_FONT);
        }
        if (group.twinLabel !== undefined) return truncateText(`${group.callers!.length} callers · ${group.twinLabel}`, EDGE_LABEL_WIDTH, EDGE_FONT);
        if (group.callers !== undefined) return [`${group.callers.length} callers`, `${connections.length} connections`, protocol].filter(Boolean).join(' · ');
        if (connections.length === 1) return truncateText(labelOf(connections[0], this.quiet(connections[0])), EDGE_LABEL_WIDTH, EDGE_FONT);
        const noun = connections.every(c => c.origin === 'route') ? 'routes' : 'connections';
        return [`${connections.length} ${noun}`, protocol].filter(Boolean).join(' · ');
    }

    /** The label of one connection drawn alone, in full. */
    alone(connection: Connection): string {
        return labelOf(connection, this.quiet(connection));
    }

    /** A two-way edge: `publishes 3 · consumes 2` (topics, or connections into a collapsed zone). */
    twoWay(out: EdgeGroup, back: EdgeGroup): string {
        const count = (group: EdgeGroup) => {
            const topics = this.collapsedTopics(group);
            return topics.length > 0 ? topics.length : group.connections.length;
        };
        const connections = [...out.connections, ...back.connections];
        const protocol = connections.every(c => this.quiet(c)) ? undefined : sharedProtocol(connections);
        return [`publishes ${count(out)}`, `consumes ${count(back)}`, protocol].filter(Boolean).join(' · ');
    }

    /** True when the connection's broker says its protocol once for all of them. */
    private quiet(connection: Connection): boolean {
        const broker = brokerOf(this.model, connection.source) ?? brokerOf(this.model, connection.target);
        return broker !== undefined && this.protocols.get(broker) === connection.protocol;
    }

    /** The channels at an end drawn as a collapsed broker (not when the other end is a collapsed zone). */
    private collapsedTopics(group: EdgeGroup): string[] {
        if (this.plan.counts.has(group.from) || this.plan.counts.has(group.to)) return [];
        const topics = new Set<string>();
        for (const c of group.connections) {
            for (const end of [c.source, c.target]) {
                const element = this.model.elements.get(end);
                if (element?.type === 'channel' && this.plan.brokers.has(element.broker)) topics.add(end);
            }
        }
        return [...topics];
    }
}

/** Groups connections by the edge that draws them, in model order of each group's first one. */
function groupConnections(graph: DiagramGraph, connections: readonly SelectedConnection[], plan: CollapsePlan, stepped: ReadonlySet<string>,
    separate: boolean): Map<string, EdgeGroup> {
    const groups = new Map<string, EdgeGroup>();
    for (const { connection, source, target } of connections) {
        const from = plan.nodeOf(source);
        const to = plan.nodeOf(target);
        if (from === to || !graph.hasNode(from) || !graph.hasNode(to)) continue;
        const aggregated = from !== source || to !== target;
        const key = (separate || stepped.has(connection.id)) && !aggregated ? `#${connection.id}`
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

/** The protocol all connections name, if they name one. */
function sharedProtocol(connections: readonly Connection[]): string | undefined {
    const protocols = new Set(connections.map(c => c.protocol));
    return protocols.size === 1 ? [...protocols][0] : undefined;
}

/** Edge label of one connection: route path, protocol (unless its broker says it) and label. */
function labelOf(connection: Connection, quiet: boolean): string {
    const parts: string[] = [];
    if (connection.origin === 'route' && connection.path) parts.push(connection.path);
    if (connection.protocol && !quiet) parts.push(connection.protocol);
    if (connection.label && connection.label !== connection.path) parts.push(connection.label);
    return parts.join(' · ');
}

/** What tells a connection apart from others on the same edge: `/orders · https · place order`. */
function memberLabelOf(connection: Connection): string {
    const parts: string[] = [];
    if (connection.origin === 'route' && connection.path) parts.push(connection.path);
    if (connection.protocol) parts.push(connection.protocol);
    if (connection.label && connection.label !== connection.path) parts.push(connection.label);
    return parts.join(' · ') || connection.id;
}
