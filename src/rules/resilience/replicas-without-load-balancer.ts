import { analyze, arrow, replicas } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { isUnbalancedCall } from './load-balancing.js';

/** Replicas that callers cannot spread load over. */
export const replicasWithoutLoadBalancer = defineRule({
    id: 'replicas-without-load-balancer',
    area: 'resilience',
    severity: 'warning',
    title: 'A replicated service is called without load balancing.',
    rationale: 'Replicas only add capacity and availability when calls are spread across them and failed instances are skipped. A caller pinned to one address gets neither.',
    fires: 'A service-like component with `replicas > 1` has an incoming sync connection from something that is not a `loadbalancer`, `gateway` or `cdn` (a CDN or front door balances over its origin\'s instances), such as a client or an external system, and the connection has no `loadBalancing:`. Calls from other service-like components are assumed to go through the platform\'s service discovery (Kubernetes services, a mesh) and are only judged with the option `serviceCallers: true`.',
    options: { serviceCallers: { type: 'boolean', description: 'Also judge calls from service-like components (no platform service discovery).', default: false } },
    fix: 'Set `loadBalancing: client` on the connection (or put a load balancer in front).',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\nservice users { replicas: 3 }\nweb -> users : https',
        valid: 'client web\nloadbalancer lb { replicas: 2 }\nservice users { replicas: 3 }\nweb -> lb : https\nlb -> users : https',
    },
}, (model, { options, finding }) => {
    const a = analyze(model);
    return model.connections.flatMap(c => {
        if (!isUnbalancedCall(a, c, options.serviceCallers === true)) return [];
        const target = a.serviceLike(c.target)!;
        if (replicas(target) <= 1) return [];
        return [finding(c.location,
            `'${c.target}' runs ${replicas(target)} replicas, but '${arrow(c)}' goes through no load balancer; set loadBalancing: or call it through a load balancer.`,
            { elements: [c.source, c.target], fixes: [fix('Balance calls on the client (loadBalancing: client)', setProperty(c, 'loadBalancing', 'client'))] })];
    });
});
