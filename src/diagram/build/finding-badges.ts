/**
 * Findings as badges on what they are about: the edge of a connection, the node of a
 * component or channel (or of the collapsed zone standing for it), a drawn zone. Errors and
 * warnings only; each target gets a finding once.
 */
import type { ArchModel, Finding } from '../../model/arch-model.js';
import type { DiagramEdge, DiagramFinding, DiagramNode } from '../diagram-model.js';
import type { CollapsePlan } from './collapse-plan.js';
import type { DiagramGraph } from './diagram-graph.js';

export function attachFindings(graph: DiagramGraph, model: ArchModel, findings: readonly Finding[], plan: CollapsePlan): void {
    for (const finding of findings) {
        if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
        const badge: DiagramFinding = { severity: finding.severity, code: finding.code, message: finding.message };
        const targets = new Set<DiagramNode | DiagramEdge>();
        for (const id of finding.elements) {
            const target = targetOf(graph, model, id, plan);
            if (target) targets.add(target);
        }
        for (const target of targets) target.findings.push(badge);
    }
}

/** What draws a finding's element id, if anything does. */
function targetOf(graph: DiagramGraph, model: ArchModel, id: string, plan: CollapsePlan): DiagramNode | DiagramEdge | undefined {
    const edge = graph.edgeOf(id) ?? graph.edge(id);
    if (edge) return edge;
    const element = model.elements.get(id);
    if (!element) return undefined;
    const nodeId = element.type === 'zone' ? (graph.hasNode(id) ? id : undefined) : plan.nodeOf(id);
    return nodeId === undefined ? undefined : graph.node(nodeId);
}
