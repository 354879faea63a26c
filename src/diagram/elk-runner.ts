/**
 * Runs elkjs on an ELK graph and returns a compact, absolute-coordinate result. Used both
 * in-process and inside the layout worker. One ELK instance per thread, warmed once.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

/** Position and size: `[x, y, width, height]`. */
export type Box = [number, number, number, number];

/** What layout produces: absolute boxes by node id, polylines and label boxes by edge id. */
export interface ElkLayoutResult {
    width: number;
    height: number;
    nodes: Record<string, Box>;
    edges: Record<string, { points: [number, number][]; label: Box | undefined }>;
}

type ElkInstance = InstanceType<typeof ELK>;
let instance: ElkInstance | undefined;

async function elk(): Promise<ElkInstance> {
    if (!instance) {
        instance = new ELK({ algorithms: ['layered'] } as ConstructorParameters<typeof ELK>[0]);
        // The first layout in a process is about twice as slow: warm up with a tiny graph.
        await instance.layout({
            id: 'warm', layoutOptions: { 'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
            children: [{ id: 'z', children: [{ id: 'a', width: 10, height: 10 }] }, { id: 'b', width: 10, height: 10 }],
            edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
        });
    }
    return instance;
}

/** Lays out `graph` (not mutated) with ELK and compacts the result. */
export async function runElk(graph: ElkNode): Promise<ElkLayoutResult> {
    const engine = await elk();
    const laid = await engine.layout(structuredClone(graph));
    return compact(laid);
}

function round(value: number | undefined): number {
    return Math.round((value ?? 0) * 100) / 100;
}

/** Absolute boxes and polylines (the graph is laid out with ROOT coordinates). */
export function compact(root: ElkNode): ElkLayoutResult {
    const result: ElkLayoutResult = { width: round(root.width), height: round(root.height), nodes: {}, edges: {} };
    const visit = (node: ElkNode): void => {
        for (const child of node.children ?? []) {
            result.nodes[child.id] = [round(child.x), round(child.y), round(child.width), round(child.height)];
            visit(child);
        }
        for (const edge of (node.edges ?? []) as ElkExtendedEdge[]) {
            const points: [number, number][] = [];
            for (const section of edge.sections ?? []) {
                for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
                    const last = points[points.length - 1];
                    const point: [number, number] = [round(p.x), round(p.y)];
                    if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
                }
            }
            const label = edge.labels?.[0];
            result.edges[edge.id] = {
                points,
                label: label ? [round(label.x), round(label.y), round(label.width), round(label.height)] : undefined,
            };
        }
    };
    visit(root);
    return result;
}
