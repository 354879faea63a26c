import { isServiceLike, type Connection, type Finding } from '../../model/arch-model.js';
import { analyze, pathText, relatedConnection } from '../analysis.js';
import { defineRule } from '../define.js';
import { breadthFirst, digraph, pathTo, stronglyConnectedComponents } from '../graph/digraph.js';

/** Services that call each other synchronously in a loop. */
export const syncCycle = defineRule({
    id: 'sync-cycle',
    area: 'request-response',
    severity: 'error',
    title: 'Service-like components call each other synchronously in a cycle.',
    rationale: 'A synchronous cycle couples every member\'s availability and latency to every other\'s, can deadlock thread pools, and turns one slow call into a cascading timeout. Break one hop with asynchronous messaging.',
    fires: 'A cycle of sync connections among service-like components (self-loops included). One diagnostic per strongly connected component, on its closing connection (the last one declared), with every member as related information.',
    fix: 'Make one hop asynchronous through a broker.',
    examples: {
        invalid: 'service a { timeout: 2s }\nservice b { timeout: 2s }\na -> b : grpcs\nb -> a : grpcs',
        valid: 'service a { timeout: 2s }\nservice b { timeout: 2s }\na -> b : grpcs',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    // Subgraph of sync edges between service-like components.
    const services = model.components.filter(c => isServiceLike(c));
    const local = new Map(services.map((s, i) => [s.id, i] as const));
    const edges: [number, number][] = [];
    const edgeConnections: Connection[][] = services.map(() => []);
    for (const s of services) {
        for (const c of a.syncOut(s.id)) {
            const t = local.get(c.target);
            if (t === undefined) continue;
            edges.push([local.get(s.id)!, t]);
            edgeConnections[local.get(s.id)!].push(c);
        }
    }
    const graph = digraph(services.length, edges);
    const { componentOf, members } = stronglyConnectedComponents(graph);
    const order = new Map(model.connections.map((c, i) => [c.id, i] as const));
    const result: Finding[] = [];
    members.forEach((group, index) => {
        const inside: Connection[] = [];
        for (const v of group) for (const c of edgeConnections[v]) if (componentOf[local.get(c.target)!] === index) inside.push(c);
        if (inside.length === 0) return;
        if (group.some(v => services[v].hasUnresolvedReferences)) return;
        const closing = inside.reduce((x, y) => (order.get(y.id)! > order.get(x.id)! ? y : x));
        // A concrete cycle through the closing connection: target … source inside the component.
        const from = local.get(closing.target)!;
        const to = local.get(closing.source)!;
        const reach = breadthFirst(graph, [from], v => componentOf[v] === index);
        const path = pathTo(reach, to).map(v => services[v].id);
        const cycle = [...path, closing.target];
        const cycleConnections: Connection[] = [];
        for (let i = 0; i + 1 < cycle.length; i++) {
            const c = a.syncOut(cycle[i]).find(x => x.target === cycle[i + 1]);
            if (c) cycleConnections.push(c);
        }
        const others = group.length > path.length ? ` (${group.length} components take part in cycles here)` : '';
        result.push(finding(closing.location,
            closing.source === closing.target
                ? `'${closing.source}' calls itself synchronously ('${closing.source} -> ${closing.target}'); make the call asynchronous or remove it.`
                : `Synchronous call cycle: ${pathText(cycle)}${others}; make one hop asynchronous through a broker.`,
            {
                elements: group.map(v => services[v].id),
                related: [
                    ...cycleConnections.filter(c => c !== closing).map(c => relatedConnection(c, `Part of the cycle: '${c.source} -> ${c.target}'.`)),
                    ...group.map(v => ({ location: services[v].nameLocation, message: `'${services[v].id}' is in the cycle.` })),
                ],
            }));
    });
    return result;
});
