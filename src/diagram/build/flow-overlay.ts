/**
 * A flow drawn over the view: each step's number on the edge it travels (an edge of its own
 * when no declared connection matches), its label and its latency (the hop and the callee's
 * own, docs/numbers.md) added to the edge's, and everything not on the flow dimmed (open
 * zones stay bright: they frame the picture).
 */
import { TLS_PROTOCOLS, type Flow } from '../../model/arch-model.js';
import { formatMilliseconds } from '../../numbers/format.js';
import type { ModelNumbers } from '../../numbers/model-numbers.js';
import { EDGE_FONT, type DiagramEdge } from '../diagram-model.js';
import { truncateText } from '../text-metrics.js';
import type { CollapsePlan } from './collapse-plan.js';
import { EDGE_LABEL_WIDTH } from './connection-edges.js';
import { makeEdge, type DiagramGraph } from './diagram-graph.js';

export function overlayFlow(graph: DiagramGraph, flow: Flow, plan: CollapsePlan, numbers: ModelNumbers): void {
    const onFlow = new Set<string>();
    const latencies = stepLatencies(numbers, flow);
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
            const latency = latencies.get(step.index);
            const label = step.label && !edge.label.includes(step.label) ? step.label : undefined;
            const text = [label, latency].filter(Boolean).join(' · ');
            if (text) addStepLabel(edge, text);
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

/** Each synchronous step's latency on the request (`35ms`), by step number, where known. */
function stepLatencies(numbers: ModelNumbers, flow: Flow): Map<number, string> {
    const result = new Map<number, string>();
    for (const node of numbers.flow(flow).nodes) {
        if (node.step && node.latency !== undefined) result.set(node.step.index, formatMilliseconds(node.latency));
    }
    return result;
}

/** `label · edge label`, cut to the widest edge label. */
function addStepLabel(edge: DiagramEdge, label: string): void {
    edge.label = truncateText(edge.label ? `${label} · ${edge.label}` : label, EDGE_LABEL_WIDTH, EDGE_FONT);
}
