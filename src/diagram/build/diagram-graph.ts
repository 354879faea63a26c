/**
 * The diagram being built: its nodes and edges in drawing order, with the look-ups the build
 * phases share (node by id, edge by id, the edge that draws each model connection).
 */
import type { ConnectionStyle } from '../../model/arch-model.js';
import type { DiagramEdge, DiagramNode, EdgeMember, RelationKind } from '../diagram-model.js';

/** The fields of a node that building decides; the rest start blank. */
export type NodeFields = Pick<DiagramNode, 'id' | 'parent' | 'role' | 'kind' | 'compound' | 'label' | 'subtitle' | 'facts' | 'trust' | 'width' | 'height' | 'trustedBy' | 'tech'>;

/** The fields of an edge that building decides; the rest start blank. */
export interface EdgeFields {
    id: string;
    source: string;
    target: string;
    style: ConnectionStyle;
    tls: boolean | undefined;
    label: string;
    connections: string[];
    relation?: RelationKind;
    members?: EdgeMember[];
    twoWay?: boolean;
}

/** A node at the origin without findings (one object shape for every node: cheap to build and hash). */
export function makeNode(f: NodeFields): DiagramNode {
    return {
        id: f.id, parent: f.parent, role: f.role, kind: f.kind, compound: f.compound, label: f.label, subtitle: f.subtitle,
        facts: f.facts, trust: f.trust, x: 0, y: 0, width: f.width, height: f.height, findings: [], dimmed: false,
        trustedBy: f.trustedBy ?? [], tech: f.tech,
    };
}

/** An unrouted edge without steps or findings (one object shape for every edge, like `makeNode`). */
export function makeEdge(f: EdgeFields): DiagramEdge {
    return {
        id: f.id, source: f.source, target: f.target, style: f.style, tls: f.tls, label: f.label,
        connections: f.connections, relation: f.relation, members: f.members ?? [], twoWay: f.twoWay ?? false, points: [], labelBox: undefined, steps: [], findings: [],
        dimmed: false,
    };
}

/** Nodes (parents before children) and edges as the phases add them. */
export class DiagramGraph {
    readonly nodes: DiagramNode[] = [];
    readonly edges: DiagramEdge[] = [];
    private readonly nodeIndex = new Map<string, DiagramNode>();
    private readonly edgeIndex = new Map<string, DiagramEdge>();
    /** The edge drawing each model connection (several connections share one between collapsed zones). */
    private readonly edgeOfConnection = new Map<string, DiagramEdge>();

    addNode(node: DiagramNode): void {
        this.nodes.push(node);
        this.nodeIndex.set(node.id, node);
    }

    node(id: string): DiagramNode | undefined {
        return this.nodeIndex.get(id);
    }

    hasNode(id: string): boolean {
        return this.nodeIndex.has(id);
    }

    addEdge(edge: DiagramEdge): void {
        this.edges.push(edge);
        this.edgeIndex.set(edge.id, edge);
    }

    edge(id: string): DiagramEdge | undefined {
        return this.edgeIndex.get(id);
    }

    /** Records that `edge` draws the model connection `connectionId`. */
    drawsConnection(connectionId: string, edge: DiagramEdge): void {
        this.edgeOfConnection.set(connectionId, edge);
    }

    /** The edge that draws a model connection, if the diagram shows it. */
    edgeOf(connectionId: string): DiagramEdge | undefined {
        return this.edgeOfConnection.get(connectionId);
    }
}
