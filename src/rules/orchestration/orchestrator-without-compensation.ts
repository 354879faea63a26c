import { analyze, prop, quotedList, writes } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { isDataStore } from '../../model/arch-model.js';
import { coordinatedServices } from './shared.js';

/** A multi-store workflow with no way to undo completed steps. */
export const orchestratorWithoutCompensation = defineRule({
    id: 'orchestrator-without-compensation',
    area: 'orchestration',
    severity: 'info',
    title: 'An orchestrated workflow writes to several stores without compensation.',
    rationale: 'A workflow that writes to two or more stores cannot use one transaction. When a later step fails, the earlier writes must be undone by compensating actions (a saga); otherwise the data stays half-changed.',
    fires: 'An `orchestrator`, through itself and the services it calls, writes to two or more data stores (connections without `op: read`), and it declares no `compensation`.',
    fix: 'Insert `compensation: saga`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'orchestrator checkout { replicas: 2  stateStore: state }\ndatabase state { replicas: 2 }\nservice pay\nservice ship\ndatabase payDb { replicas: 2 }\ndatabase shipDb { replicas: 2 }\ncheckout -> pay : grpcs { timeout: 2s }\ncheckout -> ship : grpcs { timeout: 2s }\npay -> payDb : sql+tls\nship -> shipDb : sql+tls',
        valid: 'orchestrator checkout { replicas: 2  stateStore: state  compensation: saga }\ndatabase state { replicas: 2 }\nservice pay\nservice ship\ndatabase payDb { replicas: 2 }\ndatabase shipDb { replicas: 2 }\ncheckout -> pay : grpcs { timeout: 2s }\ncheckout -> ship : grpcs { timeout: 2s }\npay -> payDb : sql+tls\nship -> shipDb : sql+tls',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.components
        .filter(o => o.kind === 'orchestrator' && !o.hasUnresolvedReferences && prop(o.properties, 'compensation') === undefined)
        .flatMap(o => {
            const state = new Set([o.properties.get('stateStore')?.value].flatMap(v => v?.type === 'reference' && v.target ? [v.target] : []));
            const stores = new Set<string>();
            for (const actor of [o, ...coordinatedServices(model, o)]) {
                for (const c of a.outgoing(actor.id)) {
                    if (c.style === 'sync' && isDataStore(a.components.get(c.target)) && writes(c) && !state.has(c.target)) stores.add(c.target);
                }
            }
            if (stores.size < 2) return [];
            return [finding(o.nameLocation,
                `The orchestrator '${o.id}' drives writes to ${quotedList(stores)} but declares no compensation for undoing completed steps when a later one fails.`,
                { elements: [o.id, ...stores], fixes: [fix('Insert compensation: saga', setProperty(o, 'compensation', 'saga'))] })];
        });
});
