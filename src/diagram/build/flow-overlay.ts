/**
 * A flow drawn over the view: each step's number on the edge it travels (an edge of its own
 * when no declared connection matches), its label added to the edge's, and everything not on
 * the flow dimmed (open zones stay bright: they frame the picture).
 */
import { TLS_PROTOCOLS, type Flow } from '../../model/arch-model.js';
import { EDGE_FONT, type DiagramEdge } from '../diagram-model.js';
import { truncateText } from '../text-metrics.js';
import type { CollapsePlan } from './collapse-plan.js';
import { EDGE_LABEL_WIDTH } from './connection-edges.js';
import { makeEdge, type DiagramGraph } from './diagram-graph.js';

export function overlayFlow(graph: DiagramGraph, flow: Flow, plan: CollapsePlan): void {
    const onFlow = new Set<string>();
    for (const step of flow.steps) {
        const from = plan.nodeOf(step.source);
        const to = plan.nodeOf(step.target);
        let edge = step.connection ? graph.edgeOf(step.connection) : undefined;
        if (!edge && from !== to && graph.hasNode(from) && graph.hasNode(to)) {
            edge = makeEdge({
                id: `flow:${flow.id}:${step.index}`, source: from, target: to, style: step.style,
                tls: step.protocol === undefined ? undefined : TLS_PROTOCOLS.has(step.protocol), label: step.label ?? step.protocol ?? '',
                connections: [],
            });
            graph.addEdge(edge);
        }
        if (edge) {
            edge.steps.push(step.index);
            if (step.label && !edge.label.includes(step.label)) addStepLabel(edge, step.label);
            onFlow.add(edge.id);
        }
        for (const end of [from, to, step.source, step.target]) onFlow.add(end);
    }
    // Containers of flow nodes stay bright.
    for (const node of graph.nodes) {
        if (!onFlow.has(node.id)) continue;
        let parent = node.parent;
        while (parent) {
            onFlow.add(parent);
            parent = graph.node(parent)?.parent;
        }
    }
    for (const node of graph.nodes) node.dimmed = !onFlow.has(node.id) && node.role !== 'zone';
    for (const edge of graph.edges) edge.dimmed = !onFlow.has(edge.id);
}

/** `label · edge label`, cut to the widest edge label. */
function addStepLabel(edge: DiagramEdge, label: string): void {
    edge.label = truncateText(edge.label ? `${label} · ${edge.label}` : label, EDGE_LABEL_WIDTH, EDGE_FONT);
}
