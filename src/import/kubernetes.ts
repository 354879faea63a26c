/**
 * Kubernetes manifests → `DeployedSystem`: workloads from Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, Jobs, CronJobs and Pods; exposure from LoadBalancer/NodePort Services, host ports
 * and Ingresses (an Ingress is a gateway with routes); external systems from ExternalName
 * Services; connections from container environment variables and arguments that name a
 * Service. Pure: reads parsed documents only.
 */
import type { DeployedConnection, DeployedSystem, Exposure, Workload, WorkloadObject, WorkloadPort } from './deployment.js';
import { argumentHostReferences, describeRef, hostReferences, inferKind, isHostVariable, protocolOfPort, protocolOfPortName } from './infer.js';
import {
    connect, externalWorkload, indexHosts, keyOf, readIngress, readService, servicePortsOf, where, type KubeObject, type KubeService,
} from './kubernetes-services.js';
import { arrayAt, countAt, isObject, isTemplated, objectAt, textAt, textOf } from './yaml-values.js';
import type { ImportProblem, YamlDocument, YamlPath } from './yaml-files.js';

interface Container {
    name: string;
    image?: string;
    ports: WorkloadPort[];
    hostPorts: number[];
    env: { name: string; value: string; path: YamlPath }[];
    args: string[];
    path: YamlPath;
}

const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    Pod: ['spec'],
};

/** Objects that are part of the topology but not workloads (no "skipped" count). */
const USED_KINDS = new Set(['Service', 'Ingress', 'Namespace', 'List']);

/** Reads Kubernetes manifests. */
export function readKubernetes(documents: readonly YamlDocument[]): DeployedSystem {
    const problems: ImportProblem[] = [];
    const skipped = new Map<string, number>();
    const objects = collectObjects(documents, problems);

    const workloads: Workload[] = [];
    const byKey = new Map<string, Workload>();
    const labels = new Map<string, Record<string, string>>();
    const containers = new Map<string, Container[]>();
    const sources = new Map<string, KubeObject>();
    for (const object of objects) {
        if (!(object.kind in POD_SPEC_PATHS)) continue;
        const workload = readWorkload(object, problems);
        if (!workload) continue;
        const first = byKey.get(workload.workload.key);
        if (first) {
            problems.push({ ...where(object, []), message: `This object declares the workload '${workload.workload.key}' a second time (first at ${first.at.file}:${first.at.line}); this one is ignored.` });
            continue;
        }
        byKey.set(workload.workload.key, workload.workload);
        workloads.push(workload.workload);
        labels.set(workload.workload.key, workload.labels);
        sources.set(workload.workload.key, object);
        containers.set(workload.workload.key, workload.containers);
    }

    const services: KubeService[] = [];
    for (const object of objects) {
        if (object.kind === 'Service') {
            const service = readService(object, workloads, labels);
            services.push(service);
            if (service.externalName !== undefined) {
                const external = externalWorkload(service);
                if (!byKey.has(external.key)) {
                    byKey.set(external.key, external);
                    workloads.push(external);
                    service.selects = [external.key];
                }
            }
        } else if (!(object.kind in POD_SPEC_PATHS) && !USED_KINDS.has(object.kind)) {
            skipped.set(object.kind, (skipped.get(object.kind) ?? 0) + 1);
        }
    }
    const hostIndex = indexHosts(services);

    for (const service of services) {
        if (service.type !== 'LoadBalancer' && service.type !== 'NodePort') continue;
        const port = service.ports[0];
        const protocol = protocolOfPortName(port?.name) ?? protocolOfPortName(port?.appProtocol) ?? protocolOfPort(port?.port);
        const exposure: Exposure = {
            reason: `Service ${service.object.name} (type ${service.type})`,
            protocol,
            protocolEvidence: protocol ? (port?.name && protocolOfPortName(port.name) ? { text: `its port name "${port.name}"`, guessed: false } : { text: `the well-known port ${port?.port}`, guessed: true }) : undefined,
            at: where(service.object, ['spec', 'type']),
        };
        for (const key of service.selects) byKey.get(key)?.exposures.push(exposure);
    }
    for (const object of objects) {
        if (object.kind !== 'Ingress') continue;
        const ingress = readIngress(object, hostIndex, problems);
        if (!ingress) continue;
        if (byKey.has(ingress.key)) {
            ingress.key = `${ingress.key} (Ingress)`;
        }
        byKey.set(ingress.key, ingress);
        workloads.push(ingress);
    }
    for (const workload of workloads) {
        for (const container of containers.get(workload.key) ?? []) {
            for (const hostPort of container.hostPorts) {
                workload.exposures.push({ reason: `host port ${hostPort} of container ${container.name}`, protocol: protocolOfPort(hostPort), at: where(sources.get(workload.key) as KubeObject, container.path) });
            }
        }
        if (workload.object === 'Ingress' || workload.object === 'ExternalName Service') continue;
        const kind = workload.object === 'CronJob' || workload.object === 'Job'
            ? { kind: 'batch' as const, evidence: undefined, engine: undefined, technology: inferKind(workload.images, workload.ports, false).technology }
            : inferKind(workload.images, [...workload.ports, ...servicePortsOf(services, workload.key)], workload.exposures.length > 0);
        workload.kind = kind.kind;
        workload.kindEvidence = kind.evidence;
        workload.engine = kind.engine;
        workload.technology = kind.technology;
    }

    const connections: DeployedConnection[] = [];
    for (const workload of workloads) {
        const object = sources.get(workload.key);
        if (!object) continue;
        for (const container of containers.get(workload.key) ?? []) {
            for (const variable of container.env) {
                for (const ref of hostReferences(variable.value, isHostVariable(variable.name))) {
                    connect(connections, byKey, hostIndex, workload, ref, { text: `environment variable ${variable.name} of ${workload.name} (${describeRef(ref)})`, guessed: true }, where(object, variable.path));
                }
            }
            for (const ref of argumentHostReferences(container.args)) {
                connect(connections, byKey, hostIndex, workload, ref, { text: `the arguments of container ${container.name} of ${workload.name} (${describeRef(ref)})`, guessed: true }, where(object, container.path));
            }
        }
    }
    return { format: 'kubernetes', workloads, connections, problems, skipped };
}

function collectObjects(documents: readonly YamlDocument[], problems: ImportProblem[]): KubeObject[] {
    const objects: KubeObject[] = [];
    const take = (value: unknown, doc: YamlDocument, base: YamlPath): void => {
        const at = { file: doc.file, line: doc.lineOf(base) };
        if (!isObject(value)) {
            problems.push({ ...at, message: `${describeDocument(doc, base)} is not a Kubernetes object (a mapping with apiVersion and kind); it is skipped.` });
            return;
        }
        const kind = textAt(value, 'kind');
        const apiVersion = textAt(value, 'apiVersion');
        if (!kind || !apiVersion) {
            const hint = isObject(value.services) ? ' It looks like a Compose file: use `archway import compose`.' : '';
            problems.push({ ...at, message: `${describeDocument(doc, base)} has no ${!kind && !apiVersion ? 'apiVersion and kind' : !kind ? 'kind' : 'apiVersion'}: not a Kubernetes manifest; it is skipped.${hint}` });
            return;
        }
        if (kind === 'List' || (kind.endsWith('List') && Array.isArray(value.items))) {
            arrayAt(value, 'items').forEach((item, i) => take(item, doc, [...base, 'items', i]));
            return;
        }
        const name = textAt(objectAt(value, 'metadata'), 'name');
        if (isTemplated(kind) || isTemplated(name) || isTemplated(textAt(objectAt(value, 'metadata'), 'namespace'))) {
            problems.push({ file: doc.file, line: doc.lineOf([...base, 'metadata', 'name']), message: `This object holds a template expression (\`{{ … }}\`) where a name is expected; render the templates first and import the output.` });
            return;
        }
        if (!name) {
            if (kind in POD_SPEC_PATHS || kind === 'Service' || kind === 'Ingress') {
                problems.push({ ...at, message: `${kind} without metadata.name; it is skipped.` });
                return;
            }
        }
        const namespace = textAt(objectAt(value, 'metadata'), 'namespace');
        objects.push({ value, kind, name: name ?? '', namespace: namespace || undefined, doc, base });
    };
    for (const doc of documents) take(doc.value, doc, []);
    return objects;
}

function describeDocument(doc: YamlDocument, base: YamlPath): string {
    return base.length > 0 ? `List item ${String(base[base.length - 1])}` : `Document ${doc.index + 1}`;
}

function readWorkload(object: KubeObject, problems: ImportProblem[]): { workload: Workload; labels: Record<string, string>; containers: Container[] } | undefined {
    const specPath = POD_SPEC_PATHS[object.kind];
    let podSpec: unknown = object.value;
    for (const key of specPath) podSpec = objectAt(podSpec, key);
    const templatePath = specPath.slice(0, -1);
    let template: unknown = object.value;
    for (const key of templatePath) template = objectAt(template, key);
    const labelSource = object.kind === 'Pod' ? objectAt(object.value, 'metadata') : objectAt(template, 'metadata');
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(objectAt(labelSource, 'labels') ?? {})) {
        const text = textOf(value);
        if (text !== undefined) labels[key] = text;
    }
    if (!podSpec) {
        problems.push({ ...where(object, []), message: `${object.kind} '${object.name}' has no pod template (${specPath.join('.')}); it is skipped.` });
        return undefined;
    }
    const containers = readContainers(podSpec, [...specPath]);
    let replicas: number | undefined;
    let replicasStated = false;
    let replicasNote: string | undefined;
    if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(object.kind)) {
        const stated = countAt(objectAt(object.value, 'spec'), 'replicas');
        if (stated !== undefined && Number.isNaN(stated)) {
            problems.push({ ...where(object, ['spec', 'replicas']), message: `${object.kind} '${object.name}' has replicas that are not a whole number; taken as 1.` });
        }
        replicasStated = stated !== undefined && !Number.isNaN(stated);
        replicas = replicasStated ? stated : 1;
        if (!replicasStated) replicasNote = 'not in the manifest: Kubernetes runs 1';
    } else if (object.kind === 'Pod') {
        replicas = 1;
        replicasStated = true;
    } else if (object.kind === 'DaemonSet') {
        replicasNote = 'a DaemonSet runs one instance per node; the number of nodes is not in the manifests';
    }
    const schedule = object.kind === 'CronJob' ? textAt(objectAt(object.value, 'spec'), 'schedule') : undefined;
    const workload: Workload = {
        key: keyOf(object.name, object.namespace),
        name: object.name,
        namespace: object.namespace,
        object: object.kind as WorkloadObject,
        images: containers.map(c => c.image).filter((image): image is string => image !== undefined),
        ports: containers.flatMap(c => c.ports),
        replicas,
        replicasStated,
        replicasNote,
        schedule,
        zones: object.namespace ? [object.namespace] : [],
        exposures: [],
        kind: 'service',
        routes: [],
        notes: [],
        at: where(object, []),
    };
    return { workload, labels, containers };
}

function readContainers(podSpec: unknown, specPath: string[]): Container[] {
    return arrayAt(podSpec, 'containers').filter(isObject).map((container, index) => {
        const path = [...specPath, 'containers', index];
        const ports: WorkloadPort[] = [];
        const hostPorts: number[] = [];
        for (const port of arrayAt(container, 'ports')) {
            const number = countAt(port, 'containerPort');
            if (number !== undefined && !Number.isNaN(number)) ports.push({ port: number, name: textAt(port, 'name') });
            const hostPort = countAt(port, 'hostPort');
            if (hostPort !== undefined && !Number.isNaN(hostPort)) hostPorts.push(hostPort);
        }
        const env = arrayAt(container, 'env').map((variable, i) => ({ variable, i }))
            .filter(({ variable }) => textAt(variable, 'name') !== undefined && textAt(variable, 'value') !== undefined)
            .map(({ variable, i }) => ({ name: textAt(variable, 'name') as string, value: textAt(variable, 'value') as string, path: [...path, 'env', i, 'value'] as YamlPath }));
        const args = [...arrayAt(container, 'command'), ...arrayAt(container, 'args')].map(textOf).filter((arg): arg is string => arg !== undefined);
        return { name: textAt(container, 'name') ?? `#${index + 1}`, image: textAt(container, 'image'), ports, hostPorts, env, args, path };
    });
}
