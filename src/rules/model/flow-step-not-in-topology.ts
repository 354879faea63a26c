import { defineRule } from '../define.js';
import { addConnection, fix } from '../fix.js';

/** A flow step that follows no declared connection. */
export const flowStepNotInTopology = defineRule({
    id: 'flow-step-not-in-topology',
    area: 'model',
    severity: 'error',
    title: 'A flow step has no matching declared connection.',
    rationale: 'Flows document real paths through the system. A step with no connection behind it describes a call the topology does not have, so the flow and the diagram disagree.',
    fires: 'A `flow` step `a -> b` (or `a ~> b`) has no declared connection with the same ends and the same style (routes count as `->` connections).',
    fix: 'Declare the missing connection.',
    quickFix: ['add-connection'],
    examples: {
        invalid: 'client web\nservice orders\nweb -> orders : https\nflow buy {\n  web -> orders\n  orders -> web\n}',
        valid: 'client web\nservice orders\nweb -> orders : https\nflow buy {\n  web -> orders\n}',
    },
}, (model, { finding }) => model.flows.flatMap(flow => flow.steps
    .filter(step => step.connection === undefined)
    .map(step => {
        const arrow = `${step.source} ${step.style === 'async' ? '~>' : '->'} ${step.target}`;
        const declaration = `${arrow}${step.protocol !== undefined ? ` : ${step.protocol}` : ''}`;
        return finding(step.location,
            `Step ${step.index} of the flow '${flow.id}' ('${arrow}') matches no declared connection; declare '${arrow}' or correct the step.`,
            { elements: [step.source, step.target], fixes: [fix(`Declare the connection '${declaration}'`, addConnection(step, { before: step.location }))] });
    })));
