/**
 * Warm-up graphs for the layout worker. elkjs is a large compiled program whose code V8
 * optimises only after running it: a 250-node layout takes about 0.8 s of CPU in a fresh
 * thread and about 0.2 s once the same code paths ran a few times. These synthetic diagrams
 * exercise the paths real diagrams take (nested zones, brokers with channels, cross-zone
 * edges, cycles, edge labels for small views and the big-view options for large ones), built
 * through `toElkGraph` so they always use the current layout options.
 */
import type { Diagram, DiagramEdge, DiagramNode, NodeRole } from './diagram-model.js';
import { toElkGraph } from './elk-graph.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { IconName } from './icons.js';

function node(id: string, parent: string | undefined, role: NodeRole, kind: IconName, compound: boolean, width: number, height: number): DiagramNode {
    return {
        id, parent, role, kind, compound, label: id, subtitle: '', facts: '', trust: 'private',
        x: 0, y: 0, width, height, findings: [], dimmed: false,
    };
}

function edge(id: string, source: string, target: string, label: string): DiagramEdge {
    return {
        id, source, target, style: 'sync', tls: true, label, connections: [id], relation: undefined, members: [], twoWay: false, points: [], labelBox: undefined,
        steps: [], findings: [], dimmed: false,
    };
}

/**
 * A deterministic diagram of about `components` components in cells of twelve (an outer
 * zone holding two inner zones, a broker with two topics), about two edges per component.
 */
export function warmUpDiagram(components: number): Diagram {
    const nodes: DiagramNode[] = [];
    const edges: DiagramEdge[] = [];
    const cells = Math.max(1, Math.round(components / 12));
    for (let c = 0; c < cells; c++) {
        const outer = `z${c}`;
        nodes.push(node(outer, undefined, 'zone', 'zone', true, 120, 60));
        for (let z = 0; z < 2; z++) nodes.push(node(`z${c}.${z}`, outer, 'zone', 'zone', true, 100, 60));
        for (let i = 0; i < 10; i++) {
            const parent = i < 2 ? undefined : `z${c}.${i % 2}`;
            nodes.push(node(`n${c}.${i}`, parent, 'component', 'service', false, 150 + (i % 3) * 20, i % 2 === 0 ? 48 : 62));
        }
        nodes.push(node(`b${c}`, outer, 'component', 'broker', true, 160, 80));
        for (let t = 0; t < 2; t++) nodes.push(node(`b${c}.t${t}`, `b${c}`, 'channel', 'topic', false, 100, 30));
    }
    for (let c = 0; c < cells; c++) {
        const n = (i: number) => `n${c}.${i}`;
        const next = (i: number) => `n${(c + 1) % cells}.${i}`;
        const pairs: [string, string][] = [
            [n(0), n(2)], [n(1), n(3)], [n(2), n(4)], [n(3), n(5)], [n(4), n(6)], [n(5), n(7)], [n(6), n(8)], [n(7), n(9)],
            [n(4), `b${c}.t0`], [`b${c}.t0`, n(9)], [n(5), `b${c}.t1`], [`b${c}.t1`, n(8)],
            [n(8), n(2)], [n(9), next(3)], [n(6), next(1)], [n(3), n(6)], [n(2), n(9)], [n(7), n(4)],
            [n(1), n(8)], [n(0), next(5)], [n(5), n(9)], [n(4), n(7)],
        ];
        pairs.forEach(([source, target], i) => {
            if (source !== target) edges.push(edge(`e${c}.${i}`, source, target, i % 3 === 0 ? 'https' : 'grpcs'));
        });
    }
    return { viewId: 'warm-up', title: 'warm-up', direction: 'right', flowId: undefined, collapsed: false, collapse: { components: 0, threshold: 0, bySize: false, zones: [], brokers: [], expanded: [] }, width: 0, height: 0, nodes, edges };
}

/**
 * The background warm-up sequence: small views (edge labels laid out by ELK) first, then
 * big ones (labels placed afterwards, the big-view options). About 1.5–2 s of CPU in all.
 */
export function warmUpGraphs(): ElkNode[] {
    const small = toElkGraph(warmUpDiagram(36));
    const big = toElkGraph(warmUpDiagram(156));
    return [small, small, big, big, big];
}
