import { analyze, boolProp, Describe, finding, refProp, relatedElement, replicas } from '../analysis.js';
import { defineRule } from '../define.js';
import type { Finding } from '../../model/arch-model.js';
import { componentsWithAuth } from './shared.js';

/** Server-side sessions on a scaled component without a shared store. */
export const sessionWithoutSharedStore = defineRule({
    id: 'session-without-shared-store',
    area: 'auth',
    severity: 'error',
    title: 'A scaled component keeps sessions without a shared session store.',
    rationale: 'Session authentication keeps state on the server. With several instances, a session created on one is unknown to the others unless sessions live in a shared store (a cache or database); users get logged out at random. Sticky sessions only hide the problem until an instance restarts.',
    fires: 'A component with `auth: session` is scaled (`replicas > 1` or `ha: true`) and its session block has no `store` naming a cache or database. It is a warning when the load balancer in front has `sticky: true`.',
    fix: 'Add `store:` pointing at a cache (creating one when the model has none); or switch to JWT.',
    examples: {
        invalid: 'service users {\n  replicas: 2\n  auth: session\n}',
        valid: 'service users {\n  replicas: 2\n  auth: session { store: sessions }\n}\ncache sessions { replicas: 2 }',
    },
}, (model) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const { component, auth } of componentsWithAuth(model, 'session')) {
        const scaled = replicas(component) > 1 || boolProp(component.properties, 'ha') === true;
        if (!scaled || refProp(auth.settings, 'store').length > 0) continue;
        const sticky = a.incoming(component.id).map(c => a.components.get(c.source))
            .find(c => c?.kind === 'loadbalancer' && boolProp(c.properties, 'sticky') === true);
        const stores = model.components.filter(c => c.kind === 'cache' || c.kind === 'database').map(c => c.id);
        result.push(finding('session-without-shared-store', sticky ? 'warning' : 'error', auth.property.location,
            sticky
                ? `${Describe(component)} keeps sessions on ${replicas(component)} instances and relies on sticky sessions at '${sticky.id}'; a restart logs users out. Add a shared session store.`
                : `${Describe(component)} keeps sessions on ${replicas(component) > 1 ? `${replicas(component)} instances` : 'several instances'} without a shared session store; a session created on one instance is unknown to the others. Set store: to a cache or database.`,
            { elements: [component.id], related: sticky ? [relatedElement(sticky, `'${sticky.id}' pins clients to instances.`)] : [], data: { component: component.id, stores: stores.slice(0, 5) } }));
    }
    return result;
});
