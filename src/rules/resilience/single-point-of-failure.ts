import { analyze, Describe, isRedundant, pathText, type Analysis } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty, type FixIntent } from '../fix.js';
import { balanceCallsTo, namedCalls } from './load-balancing.js';
import { pathTo } from '../graph/digraph.js';
import { SERVICE_LIKE_KINDS, type Component, type Finding } from '../../model/arch-model.js';

const JUDGED = new Set(['gateway', 'loadbalancer', 'broker', 'idp', 'database', 'cache', 'storage', 'eventstore', ...[...SERVICE_LIKE_KINDS].filter(k => k !== 'orchestrator')]);

/** One instance of something user requests depend on. */
export const singlePointOfFailure = defineRule({
    id: 'single-point-of-failure',
    area: 'resilience',
    severity: 'warning',
    title: 'A non-redundant component is on a path from an entry point.',
    rationale: 'A component that runs once takes every request that depends on it down with it: a deploy, a crashed host or a zone outage becomes a user-facing outage. Run two or more instances, or use a managed highly-available service (`ha: true`).',
    fires: 'A gateway, load balancer, service-like component (not an orchestrator: it has its own rule), data store, broker or identity provider is reached from an entry point (through sync connections and routes, or async delivery) and is not redundant (`replicas >= 2` or `ha: true`; dns, cdn, storage and serverless `function`s are redundant by default). One diagnostic per component, with an example path from an entry point as related information; the message says how many components are reachable only through it (its dominator subtree from the entry points).',
    fix: 'Insert `replicas: 2`, and `loadBalancing: client` on calls into it that no load balancer spreads.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\nservice api\nweb -> api : https',
        valid: 'client web\nservice api { replicas: 2 }\nweb -> api : https { loadBalancing: client }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const reach = a.flowFromEntries;
    const result: Finding[] = [];
    for (const c of model.components) {
        if (!JUDGED.has(c.kind) || c.hasUnresolvedReferences) continue;
        const v = a.index.get(c.id)!;
        if (reach.distance[v] < 0 || isRedundant(c)) continue;
        const path = pathTo(reach, v).map(i => a.nodes[i].id);
        const replicasProperty = c.properties.get('replicas');
        const dominated = a.dominatedCounts[v];
        const behind = dominated > 0 ? ` Everything on the way to ${dominated} other component${dominated === 1 ? '' : 's'} passes through it.` : '';
        result.push(finding(replicasProperty?.location ?? c.nameLocation,
            `${Describe(c)} runs as a single instance, and requests from '${path[0]}' depend on it (${pathText(path)}); run at least two replicas.${behind}`,
            { elements: [c.id], related: a.relatedPath(path, 'of a path from an entry point'), fixes: [replicasFix(a, c)] }));
    }
    return result;
});

/** `replicas: 2`, and `loadBalancing: client` on the calls into it no load balancer would spread. */
function replicasFix(a: Analysis, component: Component): FixIntent {
    const balance = balanceCallsTo(a, component);
    if (balance.calls.length === 0) return fix('Set replicas: 2', setProperty(component, 'replicas', '2'));
    return fix(`Set replicas: 2 and balance ${namedCalls(balance.calls)} on the client`, [setProperty(component, 'replicas', '2'), ...balance.changes]);
}
