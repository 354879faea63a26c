import { analyze, isRedundant, quotedList, refProp, relatedElement, type Analysis } from '../analysis.js';
import { balanceCallsTo, namedCalls } from '../resilience/load-balancing.js';
import { defineRule } from '../define.js';
import { addComponent, fix, freshId, setProperty, type FixIntent } from '../fix.js';
import type { ArchModel, Component, Finding } from '../../model/arch-model.js';
import { coordinatedServices } from './shared.js';

/** A workflow engine that everything depends on, with one instance or no durable state. */
export const orchestratorSinglePointOfFailure = defineRule({
    id: 'orchestrator-single-point-of-failure',
    area: 'orchestration',
    severity: 'warning',
    title: 'An orchestrator coordinating several services is not redundant or keeps no durable state.',
    rationale: 'In orchestration one component drives every step of a workflow. If it runs once, or keeps workflow state only in memory, a crash stops or loses every in-flight workflow across all the services it coordinates.',
    fires: 'An `orchestrator` calls two or more service-like components and is not redundant (`replicas >= 2` or `ha: true`) or has no `stateStore`. An error when it is on a user path.',
    fix: 'Insert `replicas: 2` and `stateStore:`.',
    quickFix: ['set-property', 'add-component'],
    examples: {
        invalid: 'orchestrator saga\nservice pay\nservice ship\nsaga -> pay : grpcs { timeout: 2s }\nsaga -> ship : grpcs { timeout: 2s }',
        valid: 'orchestrator saga { replicas: 2  stateStore: sagaDb  compensation: saga }\ndatabase sagaDb { replicas: 2 }\nservice pay\nservice ship\nsaga -> pay : grpcs { timeout: 2s }\nsaga -> ship : grpcs { timeout: 2s }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const o of model.components) {
        if (o.kind !== 'orchestrator' || o.hasUnresolvedReferences) continue;
        const services = coordinatedServices(model, o);
        if (services.length < 2) continue;
        const redundant = isRedundant(o);
        const stateful = refProp(o.properties, 'stateStore').length > 0;
        if (redundant && stateful) continue;
        const problems = [redundant ? undefined : 'runs as a single instance', stateful ? undefined : 'has no stateStore for workflow state'].filter(Boolean);
        const userPath = a.onUserPath(o.id);
        result.push(finding(o.nameLocation,
            `The orchestrator '${o.id}' coordinates ${quotedList(services.map(s => s.id))} but ${problems.join(' and ')}${userPath ? ', and user requests depend on it' : ''}.`,
            {
                severity: userPath ? 'error' : undefined, elements: [o.id],
                related: services.map(s => relatedElement(s, `'${s.id}' is coordinated by '${o.id}'.`)), fixes: [redundancyFix(model, a, o, redundant, stateful)],
            }));
    }
    return result;
});

/**
 * Two replicas (with `loadBalancing: client` on the calls into it nothing would spread), and
 * workflow state in the first data store of the file (or a new database).
 */
function redundancyFix(model: ArchModel, a: Analysis, o: Component, redundant: boolean, stateful: boolean): FixIntent {
    const balance = redundant ? { changes: [], calls: [] } : balanceCallsTo(a, o);
    const balanced = balance.calls.length > 0 ? ` and balance ${namedCalls(balance.calls)} on the client` : '';
    if (stateful) return fix(`Set replicas: 2${balanced}`, [setProperty(o, 'replicas', '2'), ...balance.changes]);
    const store = model.components.find(c => (c.kind === 'database' || c.kind === 'cache' || c.kind === 'eventstore') && c.location.uri === o.location.uri);
    const id = store?.id ?? freshId(model, `${o.id}State`);
    return fix(redundant ? `Set stateStore: ${id}` : `Set replicas: 2 and stateStore: ${id}${balanced}`, [
        ...(redundant ? [] : [setProperty(o, 'replicas', '2')]),
        setProperty(o, 'stateStore', id),
        ...(store ? [] : [addComponent({ kind: 'database', id, label: 'Workflow state', members: ['replicas: 2'] }, o)]),
        ...balance.changes,
    ]);
}
