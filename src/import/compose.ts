/**
 * Compose files → `DeployedSystem`. Several files merge the way `docker compose -f a -f b`
 * does (a later file adds to and overrides a service of an earlier one). Workloads are the
 * services; zones their networks; published ports (not bound to the loopback address) expose
 * them; connections come from `depends_on`, `links`, and environment variables and commands
 * that name another service. Variables are interpolated with their defaults only
 * (`${TAG:-latest}` → `latest`), never from the environment, so the result is the same
 * everywhere. Pure: reads parsed documents only.
 */
import { addConnection, type DeployedConnection, type DeployedSystem, type Evidence, type Exposure, type FilePosition, type Workload, type WorkloadPort } from './deployment.js';
import { argumentHostReferences, describeRef, hostReferences, inferKind, isHostVariable, protocolOfEngine, protocolOfPort, protocolOfScheme, splitCommand, type HostReference } from './infer.js';
import { arrayAt, countAt, isObject, isTemplated, objectAt, textAt, textOf, type YamlObject } from './yaml-values.js';
import type { ImportProblem, YamlDocument, YamlPath } from './yaml-files.js';

/** One service as the merged files state it. */
interface ComposeService {
    name: string;
    image?: string;
    /** Container ports (from `ports` targets and `expose`). */
    ports: WorkloadPort[];
    published: { text: string; target?: number; at: FilePosition }[];
    environment: Map<string, { value: string; at: FilePosition }>;
    dependsOn: Map<string, FilePosition>;
    links: Map<string, { alias: string; at: FilePosition }>;
    networks: string[];
    aliases: string[];
    command: { words: string[]; at: FilePosition }[];
    replicas?: number;
    replicasAt?: FilePosition;
    global: boolean;
    profiles: string[];
    at: FilePosition;
}

/** Reads Compose files (already parsed); documents of later files override earlier ones. */
export function readCompose(documents: readonly YamlDocument[]): DeployedSystem {
    const problems: ImportProblem[] = [];
    const services = new Map<string, ComposeService>();
    let declaresNetworks = false;
    for (const doc of documents) {
        const at = { file: doc.file, line: doc.line };
        if (!isObject(doc.value)) {
            problems.push({ ...at, message: `Document ${doc.index + 1} is not a Compose file (a mapping with \`services\`); it is skipped.` });
            continue;
        }
        const root = doc.value;
        const serviceMap = objectAt(root, 'services');
        if (!serviceMap) {
            const hint = textAt(root, 'apiVersion') && textAt(root, 'kind') ? ' It looks like a Kubernetes manifest: use `archway import kubernetes`.' : '';
            problems.push({ ...at, message: `Document ${doc.index + 1} has no \`services\` mapping: not a Compose file; it is skipped.${hint}` });
            continue;
        }
        for (const [name, spec] of Object.entries(serviceMap)) {
            const path: YamlPath = ['services', name];
            if (isTemplated(name)) {
                problems.push({ file: doc.file, line: doc.lineOf(path), message: 'This service name holds a template expression (`{{ … }}`) where a service name is expected; render the templates first and import the output.' });
                continue;
            }
            if (spec !== null && spec !== undefined && !isObject(spec)) {
                problems.push({ file: doc.file, line: doc.lineOf(path), message: `The service '${name}' is not a mapping; it is skipped.` });
                continue;
            }
            const service = services.get(name) ?? newService(name, { file: doc.file, line: doc.lineOf(path) });
            services.set(name, service);
            if (isObject(spec)) {
                mergeService(service, spec, doc, path, problems);
                if (spec.networks !== undefined) declaresNetworks = true;
            }
        }
    }

    const hostIndex = new Map<string, string>();
    for (const service of services.values()) {
        for (const host of [service.name, ...service.aliases]) if (!hostIndex.has(host.toLowerCase())) hostIndex.set(host.toLowerCase(), service.name);
    }

    const workloads: Workload[] = [];
    const byName = new Map<string, Workload>();
    for (const service of services.values()) {
        const workload = toWorkload(service, declaresNetworks);
        workloads.push(workload);
        byName.set(service.name, workload);
    }

    const connections: DeployedConnection[] = [];
    for (const service of services.values()) {
        const source = byName.get(service.name) as Workload;
        const link = (target: string, evidence: Evidence, at: FilePosition, ref?: HostReference): void => {
            const targetWorkload = byName.get(target);
            if (!targetWorkload) return;
            addConnection(connections, {
                source: source.key, target: targetWorkload.key, style: targetWorkload.kind === 'broker' ? 'async' : 'sync',
                ...protocolOf(ref, services.get(target) as ComposeService, targetWorkload), evidence: [evidence], at,
            });
        };
        for (const [target, at] of service.dependsOn) {
            if (!services.has(target)) {
                problems.push({ ...at, message: `The service '${service.name}' depends on '${target}', which is not a service of these files.` });
                continue;
            }
            link(target, { text: `depends_on of ${service.name}`, guessed: true }, at);
        }
        for (const [target, { at }] of service.links) link(target, { text: `links of ${service.name}`, guessed: true }, at);
        for (const [name, { value, at }] of service.environment) {
            for (const ref of hostReferences(value, isHostVariable(name))) {
                const target = hostIndex.get(ref.host.toLowerCase());
                if (target) link(target, { text: `environment variable ${name} of ${service.name} (${describeRef(ref)})`, guessed: true }, at, ref);
            }
        }
        for (const { words, at } of service.command) {
            for (const ref of argumentHostReferences(words)) {
                const target = hostIndex.get(ref.host.toLowerCase());
                if (target) link(target, { text: `the command of ${service.name} (${describeRef(ref)})`, guessed: true }, at, ref);
            }
        }
    }
    return { format: 'compose', workloads, connections, problems, skipped: new Map() };
}

function newService(name: string, at: FilePosition): ComposeService {
    return {
        name, ports: [], published: [], environment: new Map(), dependsOn: new Map(), links: new Map(),
        networks: [], aliases: [], command: [], global: false, profiles: [], at,
    };
}

/** Adds what `spec` states to `service` (Compose's merge: scalars override, lists and maps add). */
function mergeService(service: ComposeService, spec: YamlObject, doc: YamlDocument, path: YamlPath, problems: ImportProblem[]): void {
    const at = (...keys: (string | number)[]): FilePosition => ({ file: doc.file, line: doc.lineOf([...path, ...keys]) });
    const image = textAt(spec, 'image');
    if (image !== undefined) service.image = interpolate(image);
    for (const key of ['hostname', 'container_name']) {
        const host = textAt(spec, key);
        if (host) service.aliases.push(interpolate(host));
    }
    arrayAt(spec, 'ports').forEach((port, i) => {
        const published = readPublishedPort(port);
        if (!published) {
            problems.push({ ...at('ports', i), message: `The service '${service.name}' has a port entry that cannot be read; it is skipped.` });
            return;
        }
        if (published.target !== undefined) addPort(service, published.target);
        if (published.exposed) service.published.push({ text: published.text, target: published.target, at: at('ports', i) });
    });
    for (const port of arrayAt(spec, 'expose')) {
        const number = Number(String(textOf(port) ?? '').split(/[-/]/)[0]);
        if (Number.isInteger(number) && number > 0) addPort(service, number);
    }
    const environment = spec.environment;
    if (Array.isArray(environment)) {
        environment.forEach((entry, i) => {
            const text = textOf(entry);
            if (text === undefined) return;
            const eq = text.indexOf('=');
            if (eq > 0) service.environment.set(text.slice(0, eq), { value: interpolate(text.slice(eq + 1)), at: at('environment', i) });
        });
    } else if (isObject(environment)) {
        for (const [name, value] of Object.entries(environment)) {
            const text = textOf(value);
            if (text !== undefined) service.environment.set(name, { value: interpolate(text), at: at('environment', name) });
        }
    }
    const dependsOn = spec.depends_on;
    if (Array.isArray(dependsOn)) dependsOn.forEach((name, i) => { if (typeof name === 'string') service.dependsOn.set(name, at('depends_on', i)); });
    else if (isObject(dependsOn)) for (const name of Object.keys(dependsOn)) service.dependsOn.set(name, at('depends_on', name));
    arrayAt(spec, 'links').forEach((entry, i) => {
        const [name, alias] = String(textOf(entry) ?? '').split(':');
        if (name) service.links.set(name, { alias: alias ?? name, at: at('links', i) });
    });
    const networks = spec.networks;
    const addNetwork = (name: string): void => {
        if (!service.networks.includes(name)) service.networks.push(name);
    };
    if (Array.isArray(networks)) networks.forEach(name => { if (typeof name === 'string') addNetwork(name); });
    else if (isObject(networks)) {
        for (const [name, settings] of Object.entries(networks)) {
            addNetwork(name);
            for (const alias of arrayAt(settings, 'aliases')) if (typeof alias === 'string') service.aliases.push(alias);
        }
    }
    for (const key of ['entrypoint', 'command'] as const) {
        const value = spec[key];
        const words = typeof value === 'string' ? splitCommand(interpolate(value)) : Array.isArray(value) ? value.map(textOf).filter((w): w is string => w !== undefined).map(interpolate) : [];
        if (words.length > 0) service.command.push({ words, at: at(key) });
    }
    const deploy = objectAt(spec, 'deploy');
    const replicas = countAt(deploy, 'replicas') ?? countAt(spec, 'scale');
    if (replicas !== undefined) {
        const where = countAt(deploy, 'replicas') !== undefined ? at('deploy', 'replicas') : at('scale');
        if (Number.isNaN(replicas)) problems.push({ ...where, message: `The service '${service.name}' has replicas that are not a whole number; taken as 1.` });
        else {
            service.replicas = replicas;
            service.replicasAt = where;
        }
    }
    if (textAt(deploy, 'mode') === 'global') service.global = true;
    for (const profile of arrayAt(spec, 'profiles')) if (typeof profile === 'string' && !service.profiles.includes(profile)) service.profiles.push(profile);
}

function addPort(service: ComposeService, port: number): void {
    if (!service.ports.some(p => p.port === port)) service.ports.push({ port });
}

/** Reads a `ports` entry: `"5000:80"`, `"80"`, `"127.0.0.1:9229:9229"`, `"6060:6060/udp"`, or the long form. */
function readPublishedPort(entry: unknown): { text: string; target?: number; exposed: boolean } | undefined {
    if (isObject(entry)) {
        const target = countAt(entry, 'target');
        const hostIp = textAt(entry, 'host_ip');
        const published = textAt(entry, 'published');
        const text = `${hostIp ? hostIp + ':' : ''}${published ?? ''}${published ? ':' : ''}${target ?? ''}`;
        return { text, target: target === undefined || Number.isNaN(target) ? undefined : target, exposed: !isLoopback(hostIp) };
    }
    const raw = textOf(entry);
    if (raw === undefined) return undefined;
    const text = interpolate(raw).trim();
    const withoutProtocol = text.replace(/\/(tcp|udp|sctp)$/i, '');
    // host_ip may be an IPv6 address in brackets: [::1]:6000:6000
    const match = /^(?:(\[[^\]]*\]|[^:]*):)??(?:([\d-]*):)?([\d-]+)$/.exec(withoutProtocol);
    if (!match) return undefined;
    const target = Number(match[3].split('-')[0]);
    const hostIp = match[1]?.replace(/^\[|\]$/g, '');
    return { text, target: Number.isInteger(target) && target > 0 ? target : undefined, exposed: !isLoopback(hostIp) };
}

function isLoopback(host: string | undefined): boolean {
    return host !== undefined && (/^127\./.test(host) || host === '::1' || host === 'localhost');
}

/** Compose interpolation with defaults only: `${X:-d}`/`${X-d}` → d (nested too), `${X}`/`$X` → empty, `$$` → `$`. */
export function interpolate(text: string): string {
    let result = '';
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c !== '$') {
            result += c;
            i++;
            continue;
        }
        const next = text[i + 1];
        if (next === '$') {
            result += '$';
            i += 2;
        } else if (next === '{') {
            // Find the matching brace (defaults may hold `${…}` themselves).
            let depth = 1;
            let j = i + 2;
            while (j < text.length && depth > 0) {
                if (text[j] === '{') depth++;
                else if (text[j] === '}') depth--;
                j++;
            }
            if (depth > 0) {
                result += text.slice(i);
                break;
            }
            const match = /^[A-Za-z_][A-Za-z0-9_]*(:?[-?+])?([\s\S]*)$/.exec(text.slice(i + 2, j - 1));
            if (match && (match[1] === ':-' || match[1] === '-')) result += interpolate(match[2]);
            i = j;
        } else {
            const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
            if (name) i += 1 + name[0].length;
            else {
                result += '$';
                i++;
            }
        }
    }
    return result;
}

function toWorkload(service: ComposeService, declaresNetworks: boolean): Workload {
    const exposures: Exposure[] = service.published.map(p => {
        const protocol = protocolOfPort(p.target);
        return { reason: `published port "${p.text}" of ${service.name}`, protocol, protocolEvidence: protocol ? { text: `the well-known port ${p.target}`, guessed: true } : undefined, at: p.at };
    });
    const images = service.image ? [service.image] : [];
    const kind = inferKind(images, service.ports, exposures.length > 0);
    const notes = service.profiles.length > 0 ? [`only started with the profile${service.profiles.length > 1 ? 's' : ''} ${service.profiles.map(p => `"${p}"`).join(', ')}`] : [];
    return {
        key: service.name,
        name: service.name,
        object: 'Compose service',
        images,
        ports: service.ports,
        replicas: service.global ? undefined : service.replicas ?? 1,
        replicasStated: !service.global && service.replicas !== undefined,
        replicasNote: service.global ? 'a global service runs one instance per node; the number of nodes is not in the files' : undefined,
        zones: service.networks.length > 0 ? service.networks : declaresNetworks ? ['default'] : [],
        exposures,
        kind: kind.kind,
        kindEvidence: kind.evidence,
        engine: kind.engine,
        technology: kind.technology,
        routes: [],
        notes,
        at: service.at,
    };
}

function protocolOf(ref: HostReference | undefined, target: ComposeService, workload: Workload): { protocol?: string; protocolEvidence?: Evidence } {
    const fromScheme = protocolOfScheme(ref?.scheme);
    if (fromScheme) return { protocol: fromScheme, protocolEvidence: { text: `the URL scheme "${ref?.scheme}"`, guessed: false } };
    const port = ref?.port ?? (target.ports.length === 1 ? target.ports[0].port : undefined);
    const fromPort = protocolOfPort(port);
    if (fromPort) return { protocol: fromPort, protocolEvidence: { text: `the well-known port ${port}`, guessed: true } };
    const fromEngine = protocolOfEngine(workload.engine);
    if (fromEngine) return { protocol: fromEngine, protocolEvidence: { text: `the engine of ${workload.name} (${workload.engine})`, guessed: true } };
    return {};
}
