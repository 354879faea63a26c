import { COMPONENT_PROPERTIES } from '../../model/schema/property-schema.js';
import { Describe } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { describeWorkload, matchDeployment } from './matching.js';

/** A component whose replicas differ from its workload's. */
export const driftReplicas = defineRule({
    id: 'drift-replicas',
    area: 'drift',
    severity: 'warning',
    title: 'A component declares other replicas than its workload runs.',
    rationale: 'Replicas decide what the resilience rules conclude: a single point of failure in the model may be redundant in production, or the other way round. When the numbers differ, one of the two is wrong.',
    fires: 'A component matched to a workload declares `replicas` (1 when absent) and the deployment files fix a different number for the workload (a DaemonSet or a global Compose service fixes none).',
    fix: 'Set replicas to the number the workload runs (the quick fix), or change the deployment.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service orders { replicas: 3 }\nservice payments\nclient web\nweb -> orders : https\norders -> payments : https { timeout: 2s }',
        valid: 'service orders { replicas: 2 }\nservice payments\nclient web\nweb -> orders : https\norders -> payments : https { timeout: 2s }',
        deployment: { format: 'compose', text: 'services:\n  orders:\n    image: example/orders:1.0\n    deploy:\n      replicas: 2\n    ports:\n      - "8080:80"\n  payments:\n    image: example/payments:1.0\n' },
    },
}, (model, { finding }) => {
    const match = matchDeployment(model);
    if (!match) return [];
    return match.pairs.filter(({ component, workload }) => workload.replicas !== undefined && 'replicas' in COMPONENT_PROPERTIES[component.kind]).flatMap(({ component, workload }) => {
        const property = component.properties.get('replicas');
        const declared = property?.value.type === 'number' ? property.value.value : 1;
        const deployed = workload.replicas!;
        if (declared === deployed) return [];
        return [finding(property?.location ?? component.nameLocation,
            `${Describe(component)} declares ${declared} replica${declared === 1 ? '' : 's'}${property ? '' : ' (by default)'}, but the ${describeWorkload(workload, model.rootUri)} runs ${deployed}.`,
            {
                elements: [component.id],
                related: [{ location: workload.location, message: `The ${workload.object} '${workload.key}' runs ${deployed}.` }],
                fixes: [fix(`Set replicas: ${deployed} (as the ${workload.object} '${workload.key}' runs)`, setProperty(component, 'replicas', String(deployed)))],
            })];
    });
});
