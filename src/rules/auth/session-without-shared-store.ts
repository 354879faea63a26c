import { analyze, boolProp, Describe, refProp, relatedElement, replicas } from '../analysis.js';
import { defineRule } from '../define.js';
import { addComponent, fix, freshId, setProperty, type FixIntent } from '../fix.js';
import type { ArchModel, Component, Finding } from '../../model/arch-model.js';
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
    quickFix: ['set-property', 'add-component'],
    examples: {
        invalid: 'service users {\n  replicas: 2\n  auth: session\n}',
        valid: 'service users {\n  replicas: 2\n  auth: session { store: sessions }\n}\ncache sessions { replicas: 2 }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const { component, auth } of componentsWithAuth(model, 'session')) {
        const scaled = replicas(component) > 1 || boolProp(component.properties, 'ha') === true;
        if (!scaled || refProp(auth.settings, 'store').length > 0) continue;
        const sticky = a.incoming(component.id).map(c => a.components.get(c.source))
            .find(c => c?.kind === 'loadbalancer' && boolProp(c.properties, 'sticky') === true);
        result.push(finding(auth.property.location,
            sticky
                ? `${Describe(component)} keeps sessions on ${replicas(component)} instances and relies on sticky sessions at '${sticky.id}'; a restart logs users out. Add a shared session store.`
                : `${Describe(component)} keeps sessions on ${replicas(component) > 1 ? `${replicas(component)} instances` : 'several instances'} without a shared session store; a session created on one instance is unknown to the others. Set store: to a cache or database.`,
            {
                severity: sticky ? 'warning' : undefined, elements: [component.id],
                related: sticky ? [relatedElement(sticky, `'${sticky.id}' pins clients to instances.`)] : [], fixes: storeFixes(model, component),
            }));
    }
    return result;
});

/** Keep sessions in an existing cache or database (up to three choices), else in a new cache. */
function storeFixes(model: ArchModel, component: Component): FixIntent[] {
    const stores = model.components.filter(c => c.kind === 'cache' || c.kind === 'database').slice(0, 3);
    if (stores.length > 0) return stores.map((s, i) => fix(`Keep sessions in '${s.id}'`, setProperty(component, 'store', s.id, { within: 'auth' }), i === 0));
    const id = freshId(model, 'sessions');
    return [fix(`Add a shared session store '${id}'`, [
        setProperty(component, 'store', id, { within: 'auth' }),
        addComponent({ kind: 'cache', id, label: 'Session store', members: ['replicas: 2'] }, component),
    ])];
}
