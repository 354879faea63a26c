import type { ArchModel, DeployedWorkload, SourceLocation } from '../../model/arch-model.js';
import { toArchId } from '../../model/arch-id.js';
import { COMPONENT_PROPERTIES } from '../../model/schema/property-schema.js';
import { defineRule } from '../define.js';
import { addComponent, fix, freshId, type FixIntent } from '../fix.js';
import { describeWorkload, matchDeployment } from './matching.js';

/** `*` matches any run of characters; everything else literally. */
function patternMatches(pattern: string, text: string): boolean {
    const regex = new RegExp(`^${pattern.split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return regex.test(text);
}

function locationFor(model: ArchModel, namespace: string | undefined): SourceLocation {
    const zone = namespace === undefined ? undefined : model.zones.find(z => z.id === namespace);
    return zone?.nameLocation ?? { uri: model.rootUri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/**
 * Declares the workload as a component of its imported kind, with its replicas, and
 * `deployedAs` when the id alone would not match it; in the zone named like its namespace
 * (after the zone's last component in the finding's file), else at the end of the file.
 */
function declareFix(model: ArchModel, workload: DeployedWorkload, location: SourceLocation): FixIntent {
    const id = freshId(model, toArchId(workload.name));
    const sameName = model.deployment?.workloads.filter(w => w.name === workload.name).length ?? 1;
    const members = [
        ...(workload.replicas !== undefined && 'replicas' in COMPONENT_PROPERTIES[workload.kind] ? [`replicas: ${workload.replicas}`] : []),
        ...(id !== workload.name || sameName > 1 ? [`deployedAs: ${JSON.stringify(workload.key)}`] : []),
    ];
    const neighbour = workload.namespace === undefined ? undefined
        : model.components.filter(c => c.zone === workload.namespace && c.location.uri === location.uri).at(-1);
    return fix(`Declare ${workload.kind} '${id}' for the ${workload.object} '${workload.key}'`,
        addComponent({ kind: workload.kind, id, members }, neighbour));
}

/** A deployed workload that no component of the model runs as. */
export const driftUndeclaredWorkload = defineRule({
    id: 'drift-undeclared-workload',
    area: 'drift',
    severity: 'warning',
    title: 'A deployed workload is missing from the model.',
    rationale: 'The model is only worth reading if it shows what runs. A workload in the deployment files that the model does not know is architecture nobody reviewed: its calls, its data and its exposure are invisible to every other rule.',
    fires: 'The deployment files named in `archway.json` (`"deployment"`) declare a workload (a Compose service; a Kubernetes Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, an Ingress or an ExternalName Service) that no component matches, by id or by `deployedAs`. The finding sits on the zone named like the workload\'s namespace, else at the top of the model\'s root file; `@allow` on that zone accepts its undeclared workloads.',
    options: {
        ignore: { type: 'string', description: 'Workloads not to report: names or `namespace/name`, separated by commas; `*` matches any characters (e.g. `"kube-system/*, loadgenerator"`).', default: '' },
    },
    fix: 'Declare the component (the quick fix declares it with the kind `archway import` gives it and its replicas; connect it yourself), or import the whole deployment with `archway import`.',
    quickFix: ['add-component'],
    examples: {
        invalid: 'service orders { replicas: 2 }\nclient web\nweb -> orders : https',
        valid: 'service orders { replicas: 2 }\nservice payments\nclient web\nweb -> orders : https\norders -> payments : https { timeout: 2s }',
        deployment: { format: 'compose', text: 'services:\n  orders:\n    image: example/orders:1.0\n    deploy:\n      replicas: 2\n    ports:\n      - "8080:80"\n  payments:\n    image: example/payments:1.0\n' },
    },
}, (model, { options, finding }) => {
    const match = matchDeployment(model);
    if (!match) return [];
    const ignored = String(options.ignore ?? '').split(',').map(p => p.trim()).filter(p => p.length > 0);
    return match.undeclared
        .filter(w => !ignored.some(p => patternMatches(p, w.key) || patternMatches(p, w.name)))
        .map(w => {
            const location = locationFor(model, w.namespace);
            return finding(location,
                `The ${describeWorkload(w, model.rootUri)} runs, but no component of the model runs as it; declare it (\`archway import\` writes it for you), or set deployedAs: "${w.key}" on the component that does.`,
                { related: [{ location: w.location, message: `The ${w.object} '${w.key}' is declared here.` }], fixes: [declareFix(model, w, location)] });
        });
});
