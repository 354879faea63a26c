import type { ArchModel, FlowStep } from '../../model/arch-model.js';
import { defineRule } from '../define.js';
import { addConnection, fix } from '../fix.js';
import { isAsyncEnd } from '../messaging/async-without-broker.js';

/** A flow step that follows no declared connection. */
export const flowStepNotInTopology = defineRule({
    id: 'flow-step-not-in-topology',
    area: 'model',
    severity: 'error',
    title: 'A flow step has no matching declared connection.',
    rationale: 'Flows document real paths through the system. A step with no connection behind it describes a call the topology does not have, so the flow and the diagram disagree.',
    fires: 'A `flow` step `a -> b` (or `a ~> b`) has no declared connection with the same ends and the same style (routes count as `->` connections).',
    fix: 'Declare the missing connection (not offered for an asynchronous step with no broker at either end), with the step\'s protocol, else the protocol of a connection between the same two elements, else `https` for a sync step.',
    quickFix: ['add-connection'],
    examples: {
        invalid: 'client web\nservice orders\nweb -> orders : https\nflow buy {\n  web -> orders\n  orders -> web\n}',
        valid: 'client web\nservice orders\nweb -> orders : https\nflow buy {\n  web -> orders\n}',
    },
}, (model, { finding }) => model.flows.flatMap(flow => flow.steps
    .filter(step => step.connection === undefined)
    .map(step => {
        const arrow = `${step.source} ${step.style === 'async' ? '~>' : '->'} ${step.target}`;
        const protocol = protocolFor(model, step);
        const declaration = `${arrow}${protocol !== undefined ? ` : ${protocol}` : ''}`;
        return finding(step.location,
            `Step ${step.index} of the flow '${flow.id}' ('${arrow}') matches no declared connection; declare '${arrow}' or correct the step.`,
            { elements: [step.source, step.target], fixes: declarable(model, step) ? [fix(`Declare the connection '${declaration}'`, addConnection({ ...step, protocol }, { before: step.location }))] : [] });
    })));

/**
 * The protocol a declared connection for a step gets, so it is complete (`incomplete-component`
 * asks for one on connections at the public boundary): the step's own, else that of a connection
 * between the same two elements (either way), else `https` for a sync step.
 */
function protocolFor(model: ArchModel, step: FlowStep): string | undefined {
    if (step.protocol !== undefined) return step.protocol;
    const between = model.connections.find(c => c.style === step.style && c.protocol !== undefined
        && ((c.source === step.source && c.target === step.target) || (c.source === step.target && c.target === step.source)));
    return between?.protocol ?? (step.style === 'sync' ? 'https' : undefined);
}

/** Whether declaring the step's connection is a fix: not an asynchronous one with no broker at either end (`async-without-broker`). */
function declarable(model: ArchModel, step: FlowStep): boolean {
    return step.style === 'sync' || isAsyncEnd(model, step.source) || isAsyncEnd(model, step.target);
}
