import { ADMITTING_KINDS } from '../../numbers/capacity.js';
import { formatRate } from '../../numbers/format.js';
import { replicasFor } from '../../numbers/formulas.js';
import { arrow } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';

/** Most replicas the quick fix proposes; beyond that the rate limit is the thing to change. */
const MAX_REPLICAS = 20;

/** A gateway or load balancer that lets in more than the hop behind it serves. */
export const capacityBelowAdmittedRate = defineRule({
    id: 'capacity-below-admitted-rate',
    area: 'numbers',
    severity: 'warning',
    title: 'A gateway or load balancer admits more requests than the next hop serves.',
    rationale: 'A rate limit protects what is behind it only when it is below what that can serve. A gateway that admits 1,000 requests a second into a service that serves 200 lets overload through: queues grow, latency climbs, timeouts fire and retries add more (docs/numbers.md).',
    fires: 'A gateway or load balancer admits a known rate (its `rateLimit`, or the sum of what its callers send: a gateway or load balancer what it admits, another caller `capacity × replicas`) above what a synchronous callee serves (`capacity × replicas`). Callers without a figure leave the rate unknown, and nothing is reported.',
    fix: 'Add replicas to the callee (the quick fix proposes the fewest that serve the admitted rate), or lower the rate limit.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'gateway api { rateLimit: 1000/s }\nservice orders { capacity: 200/s }\napi -> orders : grpcs { timeout: 2s }',
        valid: 'gateway api { rateLimit: 1000/s }\nservice orders { capacity: 200/s  replicas: 5 }\napi -> orders : grpcs { timeout: 2s }',
    },
}, (model, { finding, numbers }) => model.connections.flatMap(connection => {
    if (connection.style !== 'sync' || connection.hasUnresolvedReferences) return [];
    const caller = numbers.component(connection.source);
    if (!caller || !ADMITTING_KINDS.has(caller.kind)) return [];
    const admitted = numbers.admittedRate(connection.source);
    const callee = numbers.component(connection.target);
    if (admitted?.perSecond === undefined || callee?.served === undefined || callee.capacity === undefined) return [];
    if (admitted.perSecond <= callee.served) return [];
    const why = admitted.basis === 'rateLimit'
        ? 'its rateLimit'
        : `what ${admitted.callers.map(c => `'${c.id}' (${formatRate(c.perSecond)})`).join(' and ')} send${admitted.callers.length === 1 ? 's' : ''}`;
    const replicas = replicasFor(admitted.perSecond, callee.capacity);
    const target = model.elements.get(connection.target);
    const runs = target?.type === 'component' && callee.basis === 'instances';
    const fixes = runs && replicas <= MAX_REPLICAS && target.location.uri === connection.location.uri
        ? [fix(`Set replicas: ${replicas} on '${target.id}'`, setProperty(target, 'replicas', String(replicas)))]
        : [];
    return [finding(connection.location,
        `'${connection.source}' admits ${formatRate(admitted.perSecond)} (${why}) into '${connection.target}', which serves ${formatRate(callee.served)} (${formatRate(callee.capacity)} × ${callee.replicas} replica${callee.replicas === 1 ? '' : 's'}) on '${arrow(connection)}'.`,
        { elements: [connection.source, connection.target], fixes })];
}));
