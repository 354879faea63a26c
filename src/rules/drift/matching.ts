/**
 * Which model component runs as which deployed workload: by an explicit `deployedAs: "name"`
 * (or `"namespace/name"`), else by id = workload name (in Kubernetes, preferring the
 * workload whose namespace is the component's zone). Computed once per model for the four
 * drift rules.
 */
import type { ArchModel, Component, DeployedWorkload, SourceLocation } from '../../model/arch-model.js';
import { isExternal } from '../analysis.js';

export interface DriftMatch {
    pairs: { component: Component; workload: DeployedWorkload }[];
    /** Workloads no component runs as. */
    undeclared: DeployedWorkload[];
    /** Components (not clients or external) with no workload. */
    missing: Component[];
}

const memo = new WeakMap<ArchModel, DriftMatch | undefined>();

function deployedAs(component: Component): string | undefined {
    const value = component.properties.get('deployedAs')?.value;
    return value?.type === 'string' ? value.value : undefined;
}

/** True for components that are not expected to run as a workload: clients and external systems. */
export function outsideDeployment(component: Component): boolean {
    return component.kind === 'client' || component.kind === 'external' || isExternal(component);
}

/** The match of a model with its deployment; undefined when the model has no deployment. */
export function matchDeployment(model: ArchModel): DriftMatch | undefined {
    if (memo.has(model)) return memo.get(model);
    const deployment = model.deployment;
    let result: DriftMatch | undefined;
    if (deployment) {
        const free = new Set(deployment.workloads);
        const pairs: DriftMatch['pairs'] = [];
        const unmatched: Component[] = [];
        const take = (component: Component, candidates: DeployedWorkload[]): boolean => {
            const open = candidates.filter(w => free.has(w));
            const workload = open.find(w => w.namespace !== undefined && w.namespace === component.zone) ?? open[0];
            if (!workload) return false;
            free.delete(workload);
            pairs.push({ component, workload });
            return true;
        };
        for (const component of model.components) {
            const name = deployedAs(component);
            if (name === undefined) continue;
            if (!take(component, deployment.workloads.filter(w => w.key === name)) && !take(component, deployment.workloads.filter(w => w.name === name))) unmatched.push(component);
        }
        for (const component of model.components) {
            if (deployedAs(component) !== undefined) continue;
            if (!take(component, deployment.workloads.filter(w => w.name === component.id))) unmatched.push(component);
        }
        result = {
            pairs,
            undeclared: deployment.workloads.filter(w => free.has(w)),
            missing: unmatched.filter(c => !outsideDeployment(c)),
        };
    }
    memo.set(model, result);
    return result;
}

/** `Deployment 'orders' (k8s/orders.yaml:7)`. */
export function describeWorkload(workload: DeployedWorkload, root?: string): string {
    return `${workload.object} '${workload.key}' (${shortFile(workload.location, root)}:${workload.location.range.start.line + 1})`;
}

function shortFile(location: SourceLocation, root?: string): string {
    const path = decodeURIComponent(location.uri.replace(/^file:\/\//, ''));
    const base = root ? decodeURIComponent(root.replace(/^file:\/\//, '')).replace(/[^/]*$/, '') : '';
    return base && path.startsWith(base) ? path.slice(base.length) : path.split('/').slice(-2).join('/');
}
