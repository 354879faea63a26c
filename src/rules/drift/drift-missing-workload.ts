import { Describe, finding } from '../analysis.js';
import { defineRule } from '../define.js';
import { matchDeployment } from './matching.js';

/** A component the deployment files do not run. */
export const driftMissingWorkload = defineRule({
    id: 'drift-missing-workload',
    area: 'drift',
    severity: 'warning',
    title: 'A component of the model runs as no deployed workload.',
    rationale: 'A component the deployment does not run is either planned, retired, or deployed under another name. Until that is said, the model shows a system that does not exist, and reviews of it approve the wrong thing.',
    fires: 'The model has deployment files (`"deployment"` in `archway.json`) and a component is matched by no workload, by id or by `deployedAs`. Clients, `external` components and components with `external: true` are skipped.',
    fix: 'Set deployedAs to the workload\'s name, mark the component external: true, or remove it.',
    examples: {
        invalid: 'service orders { replicas: 2 }\nservice payments\nservice billing\nclient web\nweb -> orders : https\norders -> payments : https { timeout: 2s }\norders -> billing : https { timeout: 2s }',
        valid: 'service orders { replicas: 2 }\nservice billing { deployedAs: "payments" }\nclient web\nweb -> orders : https\norders -> billing : https { timeout: 2s }',
        deployment: { format: 'compose', text: 'services:\n  orders:\n    image: example/orders:1.0\n    deploy:\n      replicas: 2\n    ports:\n      - "8080:80"\n  payments:\n    image: example/payments:1.0\n' },
    },
}, (model) => {
    const match = matchDeployment(model);
    if (!match || !model.deployment) return [];
    const sources = model.deployment.sources.join(', ');
    return match.missing.map(c => finding('drift-missing-workload', 'warning', c.nameLocation,
        `${Describe(c)} runs as no workload of the deployment (${sources}); set deployedAs if it runs under another name, mark it external: true if it runs elsewhere, or remove it.`,
        { elements: [c.id], data: { component: c.id } }));
});
