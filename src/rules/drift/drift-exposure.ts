import type { ArchModel, Component } from '../../model/arch-model.js';
import { Describe } from '../analysis.js';
import { defineRule } from '../define.js';
import { describeWorkload, matchDeployment } from './matching.js';

/** How the model exposes a component: its zone's trust, or a connection from a public caller. */
export function modelExposure(model: ArchModel, component: Component): string | undefined {
    if (component.trust !== 'private') return `its trust is ${component.trust}`;
    for (const connection of model.incoming.get(component.id) ?? []) {
        const source = model.elements.get(connection.source);
        if (source?.type === 'component' && source.trust === 'public') return `'${source.id}' (${source.trust}) calls it`;
    }
    return undefined;
}

/** A component exposed in the model but not in the deployment, or the other way round. */
export const driftExposure = defineRule({
    id: 'drift-exposure',
    area: 'drift',
    severity: 'warning',
    title: 'A component is reachable from outside in the model but not in the deployment, or the other way round.',
    rationale: 'What the outside can reach is the attack surface. A workload that a LoadBalancer, NodePort, Ingress or published port exposes while the model keeps it private escapes every public-boundary rule; a component the model exposes that nothing exposes misleads reviewers.',
    fires: 'A component matched to a workload is exposed in exactly one of the two: in the deployment by a LoadBalancer or NodePort Service, an Ingress, a host port or a published Compose port (not bound to 127.0.0.1); in the model by a public or edge zone, or by a connection from a public component such as a client.',
    fix: 'Put the component behind the entry point that exposes it (or in a public zone), or stop exposing the workload.',
    examples: {
        invalid: 'service orders { replicas: 2 }\nservice payments\nclient web\nweb -> orders : https\nweb -> payments : https',
        valid: 'service orders { replicas: 2 }\nservice payments\nclient web\nweb -> orders : https\norders -> payments : https { timeout: 2s }',
        deployment: { format: 'compose', text: 'services:\n  orders:\n    image: example/orders:1.0\n    deploy:\n      replicas: 2\n    ports:\n      - "8080:80"\n  payments:\n    image: example/payments:1.0\n' },
    },
}, (model, { finding }) => {
    const match = matchDeployment(model);
    if (!match) return [];
    return match.pairs.flatMap(({ component, workload }) => {
        const inModel = modelExposure(model, component);
        const deployed = workload.exposures.length > 0;
        if (deployed === (inModel !== undefined)) return [];
        const related = [{ location: workload.location, message: `The ${workload.object} '${workload.key}' is declared here.` }];
        const message = deployed
            ? `${Describe(component)} is reachable from outside in the deployment (${workload.exposures.join('; ')}), but not in the model; show the entry point that reaches it, or stop exposing the ${describeWorkload(workload, model.rootUri)}.`
            : `${Describe(component)} is reachable from outside in the model (${inModel}), but nothing exposes the ${describeWorkload(workload, model.rootUri)}; correct the model, or expose the workload.`;
        return [finding(component.nameLocation, message, { elements: [component.id], related })];
    });
});
