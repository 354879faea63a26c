/**
 * Kubernetes networking objects for the importer: which workloads a Service selects, the DNS
 * names that reach it, the calls a host reference makes, LoadBalancer/NodePort exposure,
 * ExternalName Services (external systems) and Ingresses (gateways with routes). Pure.
 */
import { addConnection, type DeployedConnection, type Evidence, type FilePosition, type Workload, type WorkloadPort } from './deployment.js';
import { protocolOfEngine, protocolOfPort, protocolOfPortName, protocolOfScheme, type HostReference } from './infer.js';
import { arrayAt, countAt, isObject, objectAt, textAt, textOf, type YamlObject } from './yaml-values.js';
import type { ImportProblem, YamlDocument, YamlPath } from './yaml-files.js';

/** A Kubernetes object and where it is written. */
export interface KubeObject {
    value: YamlObject;
    kind: string;
    name: string;
    namespace?: string;
    doc: YamlDocument;
    /** Path of the object in its document (inside a `List`: `['items', i]`). */
    base: YamlPath;
}

export interface KubeService {
    object: KubeObject;
    type: string;
    selector: Record<string, string>;
    ports: { name?: string; port?: number; targetPort?: number | string; appProtocol?: string }[];
    externalName?: string;
    /** Keys of the workloads it selects. */
    selects: string[];
}

export function where(object: KubeObject, path: YamlPath): FilePosition {
    return { file: object.doc.file, line: object.doc.lineOf([...object.base, ...path]) };
}

export function keyOf(name: string, namespace: string | undefined): string {
    return namespace ? `${namespace}/${name}` : name;
}

export function readService(object: KubeObject, workloads: readonly Workload[], labels: ReadonlyMap<string, Record<string, string>>): KubeService {
    const spec = objectAt(object.value, 'spec');
    const selector: Record<string, string> = {};
    for (const [key, value] of Object.entries(objectAt(spec, 'selector') ?? {})) {
        const text = textOf(value);
        if (text !== undefined) selector[key] = text;
    }
    const ports = arrayAt(spec, 'ports').filter(isObject).map(port => ({
        name: textAt(port, 'name'),
        port: numberOrUndefined(countAt(port, 'port')),
        targetPort: numberOrUndefined(countAt(port, 'targetPort')) ?? textAt(port, 'targetPort'),
        appProtocol: textAt(port, 'appProtocol'),
    }));
    const type = textAt(spec, 'type') ?? 'ClusterIP';
    const selects = Object.keys(selector).length === 0 ? [] : workloads
        .filter(w => w.namespace === object.namespace && w.object !== 'CronJob' && w.object !== 'Job')
        .filter(w => Object.entries(selector).every(([key, value]) => labels.get(w.key)?.[key] === value))
        .map(w => w.key);
    return { object, type, selector, ports, externalName: type === 'ExternalName' ? textAt(spec, 'externalName') : undefined, selects };
}

export function numberOrUndefined(value: number | undefined): number | undefined {
    return value === undefined || Number.isNaN(value) ? undefined : value;
}

export function externalWorkload(service: KubeService): Workload {
    return {
        key: keyOf(service.object.name, service.object.namespace),
        name: service.object.name,
        namespace: service.object.namespace,
        object: 'ExternalName Service',
        images: [],
        ports: [],
        replicas: undefined,
        replicasStated: false,
        zones: [],
        exposures: [],
        kind: 'external',
        routes: [],
        externalHost: service.externalName,
        notes: [],
        at: where(service.object, []),
    };
}

export function servicePortsOf(services: readonly KubeService[], key: string): WorkloadPort[] {
    return services.filter(s => s.selects.includes(key)).flatMap(s => s.ports.filter(p => p.port !== undefined).map(p => ({ port: p.port as number, name: p.name })));
}

/** Service DNS names → services: `name` (same namespace), `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local`. */
export interface HostIndex {
    lookup(host: string, namespace: string | undefined): KubeService | undefined;
}

export function indexHosts(services: readonly KubeService[]): HostIndex {
    const local = new Map<string, KubeService>();
    const qualified = new Map<string, KubeService>();
    for (const service of services) {
        const { name, namespace } = service.object;
        local.set(`${namespace ?? ''}|${name}`, service);
        if (namespace) {
            for (const suffix of ['', '.svc', '.svc.cluster.local']) qualified.set(`${name}.${namespace}${suffix}`, service);
        }
    }
    return {
        lookup: (host, namespace) => {
            const lower = host.toLowerCase().replace(/\.$/, '');
            return local.get(`${namespace ?? ''}|${lower}`) ?? qualified.get(lower);
        },
    };
}

export function connect(connections: DeployedConnection[], byKey: ReadonlyMap<string, Workload>, hosts: HostIndex, source: Workload, ref: HostReference, evidence: Evidence, at: FilePosition): void {
    const service = hosts.lookup(ref.host, source.namespace);
    if (!service) return;
    for (const key of service.selects) {
        const target = byKey.get(key);
        if (!target || target.key === source.key) continue;
        const { protocol, protocolEvidence } = protocolOf(ref, service, target);
        addConnection(connections, {
            source: source.key,
            target: target.key,
            style: target.kind === 'broker' ? 'async' : 'sync',
            protocol,
            protocolEvidence,
            evidence: [evidence],
            at,
        });
    }
}

export function protocolOf(ref: HostReference, service: KubeService, target: Workload): { protocol?: string; protocolEvidence?: Evidence } {
    const fromScheme = protocolOfScheme(ref.scheme);
    if (fromScheme) return { protocol: fromScheme, protocolEvidence: { text: `the URL scheme "${ref.scheme}"`, guessed: false } };
    const port = ref.port === undefined ? (service.ports.length === 1 ? service.ports[0] : undefined) : service.ports.find(p => p.port === ref.port);
    const namedBy = protocolOfPortName(port?.appProtocol) ? port?.appProtocol : protocolOfPortName(port?.name) ? port?.name : undefined;
    if (namedBy) return { protocol: protocolOfPortName(namedBy), protocolEvidence: { text: `the name of port ${port?.port} of Service ${service.object.name} ("${namedBy}")`, guessed: false } };
    const number = ref.port ?? port?.port;
    const known = protocolOfPort(number);
    if (known) return { protocol: known, protocolEvidence: { text: `the well-known port ${number}`, guessed: true } };
    const fromEngine = protocolOfEngine(target.engine);
    if (fromEngine) return { protocol: fromEngine, protocolEvidence: { text: `the engine of ${target.name} (${target.engine})`, guessed: true } };
    return {};
}

export function readIngress(object: KubeObject, hosts: HostIndex, problems: ImportProblem[]): Workload | undefined {
    const spec = objectAt(object.value, 'spec');
    const routes: Workload['routes'] = [];
    const backendTarget = (backend: unknown, path: YamlPath): void => {
        const name = textAt(objectAt(backend, 'service'), 'name') ?? textAt(backend, 'serviceName');
        if (!name) return;
        const service = hosts.lookup(name, object.namespace);
        if (!service || service.selects.length === 0) {
            problems.push({ ...where(object, path), message: `Ingress '${object.name}' routes to the Service '${name}', which selects no workload in these files; the route is left out.` });
            return;
        }
        for (const target of service.selects) routes.push({ path: currentPath, target, at: where(object, path) });
    };
    let currentPath = '/';
    const defaultBackend = objectAt(spec, 'defaultBackend') ?? objectAt(spec, 'backend');
    if (defaultBackend) backendTarget(defaultBackend, ['spec', spec?.defaultBackend ? 'defaultBackend' : 'backend']);
    arrayAt(spec, 'rules').forEach((rule, r) => {
        const host = textAt(rule, 'host');
        arrayAt(objectAt(rule, 'http'), 'paths').forEach((entry, p) => {
            currentPath = `${host ?? ''}${textAt(entry, 'path') ?? '/'}`;
            backendTarget(objectAt(entry, 'backend'), ['spec', 'rules', r, 'http', 'paths', p, 'backend']);
        });
    });
    const tls = arrayAt(spec, 'tls').length > 0;
    return {
        key: keyOf(object.name, object.namespace),
        name: object.name,
        namespace: object.namespace,
        object: 'Ingress',
        images: [],
        ports: [],
        replicas: undefined,
        replicasStated: false,
        zones: object.namespace ? [object.namespace] : [],
        exposures: [{ reason: `Ingress ${object.name}`, protocol: tls ? 'https' : 'http', protocolEvidence: { text: tls ? 'its tls section' : 'an Ingress without tls', guessed: false }, at: where(object, []) }],
        kind: 'gateway',
        routes,
        notes: [],
        at: where(object, []),
    };
}
