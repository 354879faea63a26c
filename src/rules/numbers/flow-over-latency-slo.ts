import { describeLatency, stepText } from '../../numbers/describe.js';
import { formatMilliseconds } from '../../numbers/format.js';
import { defineRule } from '../define.js';
import { flowName, sloProperty } from './shared.js';

/** A flow whose synchronous path takes longer than its latency objective. */
export const flowOverLatencySlo = defineRule({
    id: 'flow-over-latency-slo',
    area: 'numbers',
    severity: 'warning',
    title: 'A flow\'s computed latency is over its latency SLO.',
    rationale: 'The time a request takes is the sum of what each hop and each component on its synchronous path adds; a gateway that composes calls in parallel waits for the slowest, a CDN hit skips the origin. When the sum of the declared latencies is already over the objective, no tuning of a single hop will meet it (docs/numbers.md).',
    fires: 'A flow declares `slo: { latency: … }` and the expected latency of its synchronous steps (component and hop `latency:` summed, parallel composition and CDN hit ratio applied; unknown latencies counted as 0) is over it.',
    fix: 'Cut the slowest step (named in the message): cache it, call it in parallel, or move it off the request path.',
    examples: {
        invalid: 'client web\nservice api { latency: 50ms }\ndatabase db { latency: 80ms }\nweb -> api : https { latency: 40ms }\napi -> db : sql+tls { timeout: 1s }\nflow order {\n  slo: { latency: 150ms }\n  web -> api\n  api -> db\n}',
        valid: 'client web\nservice api { latency: 50ms }\ndatabase db { latency: 20ms }\nweb -> api : https { latency: 40ms }\napi -> db : sql+tls { timeout: 1s }\nflow order {\n  slo: { latency: 150ms }\n  web -> api\n  api -> db\n}',
    },
}, (model, { finding, numbers }) => model.flows.flatMap(flow => {
    const objective = sloProperty(flow, 'latency');
    const figures = numbers.flow(flow);
    const target = figures.slo.latency;
    if (!objective || target === undefined || figures.latency === undefined || figures.latency <= target) return [];
    const slowest = figures.slowest;
    const cost = slowest ? ` The slowest step is '${stepText(slowest)}' (${formatMilliseconds(slowest.latency! * slowest.share)}).` : '';
    const unknown = figures.missingLatency.length > 0 ? ` Without a latency (counted as 0): ${figures.missingLatency.map(m => `'${m}'`).join(', ')}.` : '';
    return [finding(objective.location,
        `${flowName(flow)}: ${formatMilliseconds(figures.latency)} (${describeLatency(numbers.source, figures)}) is over its SLO of ${formatMilliseconds(target)}.${cost}${unknown}`,
        { elements: figures.nodes.map(n => n.element) })];
}));
