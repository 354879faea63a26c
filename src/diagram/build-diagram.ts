/**
 * Builds the diagram graph of a view selection, in named phases: plan which zones collapse,
 * add zone nodes, component (and channel) nodes, connection edges, overlay the flow, attach
 * findings as badges, size containers, and title it. The result is unpositioned (sizes set,
 * coordinates zero); ELK lays it out.
 */
import type { ArchModel } from '../model/arch-model.js';
import { formatAvailability, formatMilliseconds } from '../numbers/format.js';
import { numbersOf, type ModelNumbers } from '../numbers/model-numbers.js';
import { CollapsePlan } from './build/collapse-plan.js';
import { sharedBrokerProtocols } from './build/broker-protocols.js';
import { addComponentNodes } from './build/component-nodes.js';
import { addConnectionEdges } from './build/connection-edges.js';
import { sizeContainers } from './build/container-sizes.js';
import { DiagramGraph } from './build/diagram-graph.js';
import { attachFindings } from './build/finding-badges.js';
import { overlayFlow } from './build/flow-overlay.js';
import { bundledTrusts } from './build/trust-bundles.js';
import { addZoneNodes } from './build/zone-nodes.js';
import { TITLE_FONT, type BuildOptions, type CollapseSummary, type Diagram } from './diagram-model.js';
import { truncateText } from './text-metrics.js';
import type { ViewSelection } from './view-selection.js';

/** Builds the diagram (unpositioned: sizes set, coordinates zero) for a selection. */
export function buildDiagram(model: ArchModel, selection: ViewSelection, options: BuildOptions = {}): Diagram {
    const plan = new CollapsePlan(model, selection, options);
    const graph = new DiagramGraph();
    const numbers = selection.flow ? numbersOf(model, options.assumptions) : undefined;
    addZoneNodes(graph, model, selection, plan);
    const protocols = options.edges === 'model' ? new Map<string, string>() : sharedBrokerProtocols(model, selection);
    const trusted = options.edges === 'model' ? new Map<string, string[]>() : bundledTrusts(selection.relations, plan);
    addComponentNodes(graph, model, selection, plan, protocols, trusted);
    addConnectionEdges(graph, model, selection, plan, protocols, options.edges ?? 'picture', trusted);
    if (selection.flow) overlayFlow(graph, selection.flow, plan, numbers!);
    attachFindings(graph, model, options.findings ?? [], plan);
    sizeContainers(graph, selection.direction);
    return {
        viewId: selection.view.id, title: titleOf(model, selection, options, numbers), direction: selection.direction,
        flowId: selection.flow?.id, collapsed: plan.counts.size > 0 || plan.brokers.size > 0, collapse: summarizeCollapse(graph, selection, plan),
        width: 0, height: 0, nodes: graph.nodes, edges: graph.edges,
    };
}

/** `Online Shop — view: Everything`, or `… — flow: Place an order — 99.98 % · 398ms`; empty without a title. */
function titleOf(model: ArchModel, selection: ViewSelection, options: BuildOptions, numbers: ModelNumbers | undefined): string {
    const { view, flow } = selection;
    const title = options.title === false ? '' : [
        model.name,
        flow ? `flow: ${flow.label ?? flow.id}` : `view: ${view.label ?? view.id}`,
        flow && numbers ? flowTotals(numbers, flow) : undefined,
    ].filter(Boolean).join(' — ');
    return truncateText(title, 1200, TITLE_FONT, true);
}

/** A flow's availability and latency (when known), for its title: `99.98 % · 398ms`. */
function flowTotals(numbers: ModelNumbers, flow: NonNullable<ViewSelection['flow']>): string | undefined {
    const figures = numbers.flow(flow);
    if (!figures.root || figures.root.children.length === 0) return undefined;
    return [formatAvailability(figures.availability), figures.latency === undefined ? undefined : formatMilliseconds(figures.latency)].filter(Boolean).join(' · ');
}

/** Why and which zones are collapsed, and which the user opened. */
function summarizeCollapse(graph: DiagramGraph, selection: ViewSelection, plan: CollapsePlan): CollapseSummary {
    return {
        components: selection.components.length, threshold: plan.threshold, bySize: plan.bySize,
        zones: graph.nodes.filter(node => node.role === 'collapsed-zone' || plan.brokers.has(node.id)).map(node => node.id),
        brokers: [...plan.brokers.keys()],
        expanded: graph.nodes.filter(node => (node.role === 'zone' && plan.expanded.has(node.id) && plan.collapses(node.id))
            || plan.expandedBrokers.includes(node.id)).map(node => node.id),
    };
}
