import type { Component, DeployedWorkload } from '../../model/arch-model.js';
import { closest } from '../../model/suggest.js';
import { Describe } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty, type FixIntent } from '../fix.js';
import { matchDeployment } from './matching.js';

/**
 * The workload a component most likely runs as: the unmatched one named closest to its id,
 * else the only unmatched one.
 */
function likelyWorkload(component: Component, undeclared: readonly DeployedWorkload[]): DeployedWorkload | undefined {
    const name = closest(component.id, undeclared.map(w => w.name));
    if (name !== undefined) return undeclared.find(w => w.name === name);
    return undeclared.length === 1 ? undeclared[0] : undefined;
}

/** A component the deployment files do not run. */
export const driftMissingWorkload = defineRule({
    id: 'drift-missing-workload',
    area: 'drift',
    severity: 'warning',
    title: 'A component of the model runs as no deployed workload.',
    rationale: 'A component the deployment does not run is either planned, retired, or deployed under another name. Until that is said, the model shows a system that does not exist, and reviews of it approve the wrong thing.',
    fires: 'The model has deployment files (`"deployment"` in `archway.json`) and a component is matched by no workload, by id or by `deployedAs`. Clients, `external` components and components with `external: true` are skipped.',
    fix: 'Set deployedAs to the workload\'s name (the quick fix offers the unmatched workload named closest to the component, or the only one), mark the component external: true, or remove it.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service orders { replicas: 2 }\nservice payments\nservice billing\nclient web\nweb -> orders : https\norders -> payments : https { timeout: 2s }\norders -> billing : https { timeout: 2s }',
        valid: 'service orders { replicas: 2 }\nservice billing { deployedAs: "payments" }\nclient web\nweb -> orders : https\norders -> billing : https { timeout: 2s }',
        deployment: { format: 'compose', text: 'services:\n  orders:\n    image: example/orders:1.0\n    deploy:\n      replicas: 2\n    ports:\n      - "8080:80"\n  payments:\n    image: example/payments:1.0\n' },
    },
}, (model, { finding }) => {
    const match = matchDeployment(model);
    if (!match || !model.deployment) return [];
    const sources = model.deployment.sources.join(', ');
    return match.missing.map(c => {
        const workload = likelyWorkload(c, match.undeclared);
        // Alternatives, neither certain: none is preferred.
        const fixes: FixIntent[] = [
            ...(workload ? [fix(`Set deployedAs: "${workload.key}" (the ${workload.object} no component runs as)`, setProperty(c, 'deployedAs', JSON.stringify(workload.key)), false)] : []),
            fix('Mark it external: true (it runs elsewhere)', setProperty(c, 'external', 'true'), false),
        ];
        return finding(c.nameLocation,
            `${Describe(c)} runs as no workload of the deployment (${sources}); set deployedAs if it runs under another name, mark it external: true if it runs elsewhere, or remove it.`,
            { elements: [c.id], fixes });
    });
});
