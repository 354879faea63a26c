/**
 * Diagram ⇄ ELK: the ELK input graph for a diagram (zones and brokers as compound nodes,
 * `layered` with `INCLUDE_CHILDREN` on the root, orthogonal edges, absolute coordinates),
 * and the diagram positioned from ELK's result.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Direction } from '../model/arch-model.js';
import {
    BROKER_PADDING, TITLE_HEIGHT, ZONE_PADDING, measureEdgeLabel,
    type Diagram, type DiagramEdge, type DiagramNode,
} from './diagram-model.js';
import { feedbackEdges } from './edge-orientation.js';
import type { ElkLayoutResult } from './elk-runner.js';

/** Views with more edges than this get labels placed after layout (ELK label dummies are costly). */
export const ELK_LABEL_EDGE_LIMIT = 120;
/** Views with more nodes than this are laid out with lower thoroughness. */
export const FAST_LAYOUT_NODE_LIMIT = 120;
/**
 * Views with more edges than this too: crossing minimisation is most of ELK's time, and on the
 * generated 600-component overview (32 boxes, 105 edges) fewer sweeps give the same picture.
 */
export const FAST_LAYOUT_EDGE_LIMIT = 80;

const ELK_DIRECTION: Record<Direction, string> = { right: 'RIGHT', down: 'DOWN', left: 'LEFT', up: 'UP' };

const SYNC_EDGE_OPTIONS = { 'elk.layered.priority.direction': '1' };

const LABEL_OPTIONS = { 'elk.edgeLabels.inline': 'true', 'elk.edgeLabels.placement': 'CENTER' };

function padding(p: { top: number; left: number; bottom: number; right: number }): string {
    return `[top=${p.top},left=${p.left},bottom=${p.bottom},right=${p.right}]`;
}

/** True when edge labels are sized by ELK for this diagram. */
export function labelsInElk(diagram: Diagram): boolean {
    return diagram.edges.length <= ELK_LABEL_EDGE_LIMIT;
}

/** The ELK input for a diagram. Deterministic: same diagram, same JSON. */
export function toElkGraph(diagram: Diagram): ElkNode {
    const root: ElkNode = { id: '__root', layoutOptions: rootLayoutOptions(diagram), children: [], edges: [] };
    const elkNodes = new Map<string, ElkNode>();
    for (const node of diagram.nodes) {
        const elkNode = elkNodeOf(node);
        elkNodes.set(node.id, elkNode);
        const parent = node.parent === undefined ? root : elkNodes.get(node.parent) ?? root;
        (parent.children ??= []).push(elkNode);
    }
    const withLabels = labelsInElk(diagram);
    const backwards = feedbackEdges(diagram);
    for (const edge of diagram.edges) root.edges!.push(elkEdgeOf(edge, withLabels, backwards.has(edge.id)));
    return root;
}

/** Layered, orthogonal, hierarchical, absolute coordinates; big views with less thoroughness. */
function rootLayoutOptions(diagram: Diagram): Record<string, string> {
    const big = diagram.nodes.length > FAST_LAYOUT_NODE_LIMIT || diagram.edges.length > FAST_LAYOUT_EDGE_LIMIT;
    return {
        'elk.algorithm': 'layered',
        'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
        'elk.direction': ELK_DIRECTION[diagram.direction],
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.json.shapeCoords': 'ROOT',
        'elk.json.edgeCoords': 'ROOT',
        'elk.padding': padding({ top: diagram.title ? TITLE_HEIGHT : 16, left: 16, bottom: 16, right: 16 }),
        'elk.spacing.nodeNode': '32',
        'elk.layered.spacing.nodeNodeBetweenLayers': '56',
        'elk.spacing.edgeNode': '20',
        'elk.layered.spacing.edgeNodeBetweenLayers': '20',
        'elk.spacing.edgeEdge': '14',
        'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
        'elk.spacing.edgeLabel': '2',
        'elk.edgeLabels.inline': 'true',
        'elk.spacing.componentComponent': '40',
        'elk.layered.mergeEdges': 'false',
        // Big views: fewer crossing-minimisation sweeps and no greedy switch halve ELK's
        // time and still pass the layout checks (no overlaps, no edges through nodes).
        ...(big ? {
            'elk.layered.thoroughness': '1',
            'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
            'elk.layered.crossingMinimization.greedySwitchHierarchical.type': 'OFF',
        } : {}),
    };
}

/** A box of fixed size, or a container (zone, broker) at least as wide as its title. */
function elkNodeOf(node: DiagramNode): ElkNode {
    const elkNode: ElkNode = { id: node.id };
    if (node.compound) {
        elkNode.layoutOptions = {
            'elk.padding': padding(node.role === 'zone' ? ZONE_PADDING : BROKER_PADDING),
            'elk.nodeSize.constraints': 'MINIMUM_SIZE',
            'elk.nodeSize.minimum': `(${node.width}, ${node.role === 'zone' ? 60 : 80})`,
        };
        elkNode.children = [];
    } else {
        elkNode.width = node.width;
        elkNode.height = node.height;
    }
    return elkNode;
}

/**
 * An ELK edge; a feedback edge (see `edge-orientation.ts`) is given to ELK target first, so
 * it is laid out forward, and its points are turned round in `applyLayout`.
 */
function elkEdgeOf(edge: DiagramEdge, withLabels: boolean, backwards: boolean): ElkExtendedEdge {
    const elkEdge: ElkExtendedEdge = backwards
        ? { id: edge.id, sources: [edge.target], targets: [edge.source] }
        : { id: edge.id, sources: [edge.source], targets: [edge.target] };
    if (edge.style === 'sync' && edge.relation === undefined) elkEdge.layoutOptions = SYNC_EDGE_OPTIONS;
    const size = withLabels ? measureEdgeLabel(edge) : undefined;
    if (size) elkEdge.labels = [{ id: `${edge.id}#label`, text: ' ', width: size.width, height: size.height, layoutOptions: LABEL_OPTIONS }];
    return elkEdge;
}

/** The diagram with coordinates from a layout result (a new object; the input is unchanged). */
export function applyLayout(diagram: Diagram, result: ElkLayoutResult): Diagram {
    const nodes: DiagramNode[] = diagram.nodes.map(node => {
        const box = result.nodes[node.id];
        return box ? { ...node, x: box[0], y: box[1], width: box[2], height: box[3] } : { ...node };
    });
    const withLabels = labelsInElk(diagram);
    const backwards = feedbackEdges(diagram);
    const edges: DiagramEdge[] = diagram.edges.map(edge => {
        const laid = result.edges[edge.id];
        const points = laid ? laid.points.map(p => [p[0], p[1]] as [number, number]) : [];
        if (backwards.has(edge.id)) points.reverse();
        let labelBox: DiagramEdge['labelBox'];
        if (withLabels && laid?.label) {
            labelBox = { x: laid.label[0], y: laid.label[1], width: laid.label[2], height: laid.label[3] };
        } else if (!withLabels && edge.steps.length > 0) {
            // Big views show labels on hover (the edge's title); only flow steps get a box.
            const size = measureEdgeLabel(edge);
            if (size) labelBox = labelOnLongestSegment(points, size.width, size.height);
        }
        return { ...edge, points, labelBox };
    });
    return { ...diagram, width: result.width, height: result.height, nodes, edges };
}

/** A label box centred on the longest segment of a polyline. */
function labelOnLongestSegment(points: [number, number][], width: number, height: number): DiagramEdge['labelBox'] {
    if (points.length < 2) return undefined;
    let best = 0;
    let bestLength = -1;
    for (let i = 0; i + 1 < points.length; i++) {
        const length = Math.abs(points[i + 1][0] - points[i][0]) + Math.abs(points[i + 1][1] - points[i][1]);
        if (length > bestLength) {
            bestLength = length;
            best = i;
        }
    }
    const cx = (points[best][0] + points[best + 1][0]) / 2;
    const cy = (points[best][1] + points[best + 1][1]) / 2;
    return { x: cx - width / 2, y: cy - height / 2, width, height };
}
