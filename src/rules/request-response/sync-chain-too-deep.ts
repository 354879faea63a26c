import { isServiceLike, type Connection, type Finding } from '../../model/arch-model.js';
import { analyze, pathText } from '../analysis.js';
import { defineRule } from '../define.js';
import { condense, digraph, longestPaths, stronglyConnectedComponents } from '../graph/digraph.js';

/** Long synchronous call chains on user paths. */
export const syncChainTooDeep = defineRule({
    id: 'sync-chain-too-deep',
    area: 'request-response',
    severity: 'warning',
    title: 'A synchronous call chain from an entry point is too deep.',
    rationale: 'Every synchronous hop adds latency and multiplies failure probability: five services at 99.9% each give 99.5% for the chain, and the slowest hop sets the response time. Deep chains want a cache, a composite read model, or an asynchronous tail.',
    fires: 'The longest sync path from an entry point through service-like components has more than `maxDepth` (default 4) service-to-service hops; the final hop into a data store does not count. Reported once per chain on the first hop beyond the limit; members of a cycle count once (sync-cycle reports the cycle).',
    options: { maxDepth: { type: 'integer', description: 'Most service-to-service hops allowed in one synchronous chain.', default: 4, min: 1 } },
    fix: 'Make the tail asynchronous, or add a cache.',
    examples: {
        invalid: 'client web\nservice a\nservice b\nservice c\nservice d\nservice e\nservice f\nweb -> a : https\na -> b : grpcs { timeout: 1s }\nb -> c : grpcs { timeout: 1s }\nc -> d : grpcs { timeout: 1s }\nd -> e : grpcs { timeout: 1s }\ne -> f : grpcs { timeout: 1s }',
        valid: 'client web\nservice a\nservice b\nservice c\nweb -> a : https\na -> b : grpcs { timeout: 1s }\nb -> c : grpcs { timeout: 1s }',
    },
}, (model, { options, finding }) => {
    const maxDepth = options.maxDepth as number;
    const a = analyze(model);
    const services = model.components.filter(c => isServiceLike(c) && a.onUserPath(c.id));
    const local = new Map(services.map((s, i) => [s.id, i] as const));
    const edges: [number, number][] = [];
    for (const s of services) {
        for (const c of a.syncOut(s.id)) {
            const t = local.get(c.target);
            if (t === undefined) continue;
            edges.push([local.get(s.id)!, t]);
        }
    }
    const graph = digraph(services.length, edges);
    const sccs = stronglyConnectedComponents(graph);
    const dag = condense(graph, sccs);
    const longest = longestPaths(dag);
    const successorsDeeper = (v: number): boolean => dag.successors[v].some(w => longest.length[w] === longest.length[v] + 1 && longest.previous[w] === v);
    const result: Finding[] = [];
    const reported = new Set<string>();
    for (let v = 0; v < dag.size; v++) {
        if (longest.length[v] <= maxDepth || successorsDeeper(v)) continue;
        // Walk back to the start of this chain.
        const chain: number[] = [];
        for (let w = v; w !== -1; w = longest.previous[w]) chain.push(w);
        chain.reverse();
        // One concrete connection per condensed step.
        const connections: Connection[] = [];
        for (let i = 1; i < chain.length; i++) {
            const group = new Set(sccs.members[chain[i]].map(m => services[m].id));
            const previous = connections.length > 0 ? connections[connections.length - 1].target : undefined;
            const from = sccs.members[chain[i - 1]].map(m => services[m].id).sort((x, y) => (x === previous ? -1 : y === previous ? 1 : 0));
            for (const f of from) {
                const c = a.syncOut(f).find(x => group.has(x.target));
                if (c) { connections.push(c); break; }
            }
        }
        if (connections.length <= maxDepth) continue;
        const beyond = connections[maxDepth];
        if (reported.has(beyond.source)) continue;
        reported.add(beyond.source);
        const ids: string[] = [connections[0].source];
        for (const c of connections) {
            if (ids[ids.length - 1] !== c.source) ids.push('…', c.source);
            ids.push(c.target);
        }
        const entryPath = a.userPath(ids[0]);
        const prefix = entryPath.slice(0, -1);
        const hops = connections.length;
        result.push(finding(beyond.location,
            `The synchronous chain ${pathText([...prefix, ...ids], 8)} has ${hops} service-to-service hops, more than the maximum of ${maxDepth}; make the tail asynchronous or add a cache.`,
            {
                elements: ids.filter(id => id !== '…'),
                related: connections.filter(c => c !== beyond).map((c, i) => ({ location: c.location, message: `Hop ${i + 1}: '${c.source} -> ${c.target}'.` })),
            }));
    }
    return result;
});
