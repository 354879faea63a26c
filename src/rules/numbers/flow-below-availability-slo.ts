import { describeAvailability } from '../../numbers/describe.js';
import { formatAvailability, formatPercent } from '../../numbers/format.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { flowName, replicasToMeet, sloProperty } from './shared.js';

/** A flow whose synchronous path cannot reach its availability objective. */
export const flowBelowAvailabilitySlo = defineRule({
    id: 'flow-below-availability-slo',
    area: 'numbers',
    severity: 'warning',
    title: 'A flow\'s computed availability is below its availability SLO.',
    rationale: 'A request that needs every hop of a synchronous path is up only when all of them are: the availabilities multiply. Three single instances at 99.5 % give 98.5 %, whatever the objective says. The objective is met by redundancy on the weakest hop, by a cache or CDN in front of it, or by making a hop asynchronous (docs/numbers.md).',
    fires: 'A flow declares `slo: { availability: … }` and the availability computed from its synchronous steps (redundancy, CDN hit ratio and the defaults of archway.json `numbers` applied; asynchronous steps and what follows them not counted) is below it.',
    fix: 'Add replicas to the weakest component (the quick fix proposes the fewest that suffice, when adding replicas to one component is enough), put a cache or CDN in front of it, or make a step asynchronous.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\nservice api\ndatabase db\nweb -> api : https\napi -> db : sql+tls { timeout: 1s }\nflow order {\n  slo: { availability: 99.9% }\n  web -> api\n  api -> db\n}',
        valid: 'client web\nservice api { replicas: 2 }\ndatabase db { ha: true }\nweb -> api : https\napi -> db : sql+tls { timeout: 1s }\nflow order {\n  slo: { availability: 99.9% }\n  web -> api\n  api -> db\n}',
    },
}, (model, { finding, numbers }) => model.flows.flatMap(flow => {
    const objective = sloProperty(flow, 'availability');
    const figures = numbers.flow(flow);
    const target = figures.slo.availability;
    if (!objective || target === undefined || !figures.root || figures.availability >= target) return [];
    const path = describeAvailability(numbers.source, figures);
    const weakest = figures.weakest ? ` The weakest is '${figures.weakest.element}' (${formatAvailability(figures.weakest.availability)}).` : '';
    const lift = replicasToMeet(model, numbers, figures, target);
    const fixes = lift && lift.component.location.uri === objective.location.uri
        ? [fix(`Set replicas: ${lift.replicas} on '${lift.component.id}'`, setProperty(lift.component, 'replicas', String(lift.replicas)))]
        : [];
    return [finding(objective.location,
        `${flowName(flow)}: ${formatAvailability(figures.availability)} (${path}) is below its SLO of ${formatPercent(target * 100)}.${weakest}`,
        { elements: figures.nodes.map(n => n.element), fixes })];
}));
