/**
 * What an image name, a port or a configuration value says, where it is clear: the component
 * kind of well-known products (`postgres` → database, `redis` → cache), protocols of
 * well-known ports and port names, and the hosts a value names (`cartservice:7070`,
 * `http://identity-api`, `Server=sqldata;Database=…`). Pure.
 */
import type { ComponentKind } from '../model/arch-model.js';
import type { Evidence, WorkloadPort } from './deployment.js';

/** An image reference split into its parts: `gcr.io/a/redis:7.2` → registry `gcr.io`, path `a/redis`, tag `7.2`. */
export interface ImageRef {
    registry?: string;
    path: string;
    /** Last path segment (`redis`). */
    name: string;
    tag?: string;
}

export function parseImage(image: string): ImageRef {
    let rest = image.trim();
    const at = rest.indexOf('@');
    if (at >= 0) rest = rest.slice(0, at); // digest
    const parts = rest.split('/');
    let registry: string | undefined;
    if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) registry = parts.shift();
    const last = parts.pop() ?? '';
    const colon = last.indexOf(':');
    const name = colon >= 0 ? last.slice(0, colon) : last;
    const tag = colon >= 0 ? last.slice(colon + 1) : undefined;
    return { registry, path: [...parts, name].join('/'), name, tag };
}

interface Product {
    /** Image names (last path segment, or the whole path) that identify the product. */
    images: readonly string[];
    kind: ComponentKind;
    engine?: string;
    title: string;
    /** Only a gateway or load balancer when something outside reaches it. */
    front?: boolean;
}

/** Well-known products by image; kinds per the issue that introduced `archway import`. */
const PRODUCTS: readonly Product[] = [
    { images: ['postgres', 'postgresql', 'postgis', 'timescaledb'], kind: 'database', engine: 'postgres', title: 'PostgreSQL' },
    { images: ['mysql', 'mysql-server'], kind: 'database', engine: 'mysql', title: 'MySQL' },
    { images: ['mariadb'], kind: 'database', engine: 'mariadb', title: 'MariaDB' },
    { images: ['mongo', 'mongodb', 'mongodb-community-server'], kind: 'database', engine: 'mongodb', title: 'MongoDB' },
    { images: ['mssql/server', 'mssql-server-linux', 'azure-sql-edge'], kind: 'database', engine: 'mssql', title: 'SQL Server' },
    { images: ['cassandra'], kind: 'database', engine: 'cassandra', title: 'Cassandra' },
    { images: ['cockroach'], kind: 'database', engine: 'cockroachdb', title: 'CockroachDB' },
    { images: ['couchdb'], kind: 'database', engine: 'couchdb', title: 'CouchDB' },
    { images: ['redis', 'redis-stack-server', 'valkey', 'keydb'], kind: 'cache', engine: 'redis', title: 'Redis' },
    { images: ['memcached'], kind: 'cache', engine: 'memcached', title: 'Memcached' },
    { images: ['kafka', 'cp-kafka', 'cp-server'], kind: 'broker', engine: 'kafka', title: 'Kafka' },
    { images: ['rabbitmq'], kind: 'broker', engine: 'rabbitmq', title: 'RabbitMQ' },
    { images: ['nats', 'nats-streaming'], kind: 'broker', engine: 'nats', title: 'NATS' },
    { images: ['pulsar', 'apachepulsar/pulsar'], kind: 'broker', engine: 'pulsar', title: 'Pulsar' },
    { images: ['eclipse-mosquitto'], kind: 'broker', engine: 'mosquitto', title: 'Mosquitto' },
    { images: ['kong', 'kong-gateway'], kind: 'gateway', title: 'Kong', front: true },
    { images: ['traefik'], kind: 'gateway', title: 'Traefik', front: true },
    { images: ['envoy', 'envoyproxy/envoy'], kind: 'gateway', title: 'Envoy', front: true },
    { images: ['krakend'], kind: 'gateway', title: 'KrakenD', front: true },
    { images: ['nginx', 'nginx-unprivileged', 'openresty'], kind: 'loadbalancer', title: 'NGINX', front: true },
    { images: ['haproxy'], kind: 'loadbalancer', title: 'HAProxy', front: true },
    { images: ['keycloak'], kind: 'idp', title: 'Keycloak' },
    { images: ['dex'], kind: 'idp', title: 'Dex' },
    { images: ['minio'], kind: 'storage', title: 'MinIO' },
];

/** Products listening on well-known ports, for images the table above does not know. */
const PORT_PRODUCTS: Readonly<Record<number, { kind: ComponentKind; engine: string; title: string }>> = {
    5432: { kind: 'database', engine: 'postgres', title: 'PostgreSQL' },
    3306: { kind: 'database', engine: 'mysql', title: 'MySQL' },
    27017: { kind: 'database', engine: 'mongodb', title: 'MongoDB' },
    1433: { kind: 'database', engine: 'mssql', title: 'SQL Server' },
    6379: { kind: 'cache', engine: 'redis', title: 'Redis' },
    11211: { kind: 'cache', engine: 'memcached', title: 'Memcached' },
    5672: { kind: 'broker', engine: 'rabbitmq', title: 'RabbitMQ' },
    9092: { kind: 'broker', engine: 'kafka', title: 'Kafka' },
    4222: { kind: 'broker', engine: 'nats', title: 'NATS' },
};

/** The kind, engine and technology an image and its ports suggest. */
export interface KindGuess {
    kind: ComponentKind;
    evidence?: Evidence;
    engine?: string;
    technology?: string;
}

function findProduct(image: ImageRef): Product | undefined {
    const name = image.name.toLowerCase();
    const path = image.path.toLowerCase();
    return PRODUCTS.find(p => p.images.some(i => (i.includes('/') ? path === i || path.endsWith('/' + i) : name === i)));
}

/** `PostgreSQL 15` from `postgres:15-alpine`; the title alone when the tag has no version. */
function productTechnology(title: string, tag: string | undefined): string {
    const version = tag?.match(/^v?(\d+(?:\.\d+)?)/)?.[1];
    return version ? `${title} ${version}` : title;
}

/** The image without its registry host and digest, shortened to its last segment when long. */
export function shortImage(image: string): string {
    const ref = parseImage(image);
    const full = ref.tag ? `${ref.path}:${ref.tag}` : ref.path;
    if (full.length <= 40) return full;
    return ref.tag ? `${ref.name}:${ref.tag}` : ref.name;
}

/**
 * The component kind of a workload from its images and ports. `exposed` says whether something
 * outside reaches it (NGINX, Envoy, Traefik, Kong are a gateway or load balancer only as a front).
 */
export function inferKind(images: readonly string[], ports: readonly WorkloadPort[], exposed: boolean): KindGuess {
    const image = images[0];
    if (image !== undefined && image.trim() !== '') {
        const ref = parseImage(image);
        const product = findProduct(ref);
        if (product && (!product.front || exposed)) {
            return {
                kind: product.kind,
                engine: product.engine,
                technology: productTechnology(product.title, ref.tag),
                evidence: { text: `image "${image}"${product.front ? ' in front of the system' : ''}`, guessed: true },
            };
        }
        if (product?.front) {
            return { kind: 'service', technology: productTechnology(product.title, ref.tag) };
        }
    }
    for (const port of ports) {
        const known = PORT_PRODUCTS[port.port];
        if (known) {
            return { kind: known.kind, engine: known.engine, technology: image ? shortImage(image) : known.title, evidence: { text: `port ${port.port} (${known.title})`, guessed: true } };
        }
    }
    return { kind: 'service', technology: image ? shortImage(image) : undefined };
}

/** Protocols of well-known ports. */
const PORT_PROTOCOLS: Readonly<Record<number, string>> = {
    80: 'http', 8080: 'http', 443: 'https', 8443: 'https',
    5432: 'sql', 3306: 'sql', 1433: 'sql', 27017: 'mongodb', 6379: 'redis', 11211: 'memcached',
    5672: 'amqp', 5671: 'amqps', 9092: 'kafka', 4222: 'nats', 1883: 'mqtt', 8883: 'mqtts', 50051: 'grpc',
};

/** Protocol words of URL schemes. */
const SCHEME_PROTOCOLS: Readonly<Record<string, string>> = {
    http: 'http', https: 'https', grpc: 'grpc', grpcs: 'grpcs', ws: 'ws', wss: 'wss', tcp: 'tcp', udp: 'udp',
    amqp: 'amqp', amqps: 'amqps', mqtt: 'mqtt', mqtts: 'mqtts', redis: 'redis', rediss: 'rediss',
    postgres: 'sql', postgresql: 'sql', mysql: 'sql', mariadb: 'sql', sqlserver: 'sql', mongodb: 'mongodb', 'mongodb+srv': 'mongodb',
    kafka: 'kafka', nats: 'nats', memcached: 'memcached', ldap: 'ldap', ldaps: 'ldaps',
};

/** Protocols of port-name prefixes (`grpc`, `http-web`, `tcp-redis`). */
const NAME_PROTOCOLS = new Set(['http', 'https', 'http2', 'grpc', 'grpcs', 'grpc-web', 'tcp', 'tls', 'udp', 'redis', 'mongo', 'mongodb', 'mysql', 'amqp', 'amqps', 'kafka', 'mqtt', 'ws', 'wss']);

/** The protocol a port name states (`grpc`, `http-metrics` → `http`), if any. */
export function protocolOfPortName(name: string | undefined): string | undefined {
    if (!name) return undefined;
    const lower = name.toLowerCase();
    if (NAME_PROTOCOLS.has(lower)) return normalizeProtocol(lower);
    const [prefix, suffix] = lower.split(/[-_]/);
    // `tcp-redis`: TCP says little; the application protocol after it says more.
    if (prefix === 'tcp' && suffix !== undefined && NAME_PROTOCOLS.has(suffix) && suffix !== 'tcp') return normalizeProtocol(suffix);
    return NAME_PROTOCOLS.has(prefix) ? normalizeProtocol(prefix) : undefined;
}

function normalizeProtocol(word: string): string {
    if (word === 'mongo') return 'mongodb';
    if (word === 'mysql') return 'sql';
    if (word === 'http2' || word === 'grpc-web') return word === 'http2' ? 'http' : 'grpc';
    return word;
}

/** The protocol of a well-known port, if any. */
export function protocolOfPort(port: number | undefined): string | undefined {
    return port === undefined ? undefined : PORT_PROTOCOLS[port];
}

/** Wire protocols of engines. */
const ENGINE_PROTOCOLS: Readonly<Record<string, string>> = {
    postgres: 'sql', mysql: 'sql', mariadb: 'sql', mssql: 'sql', cockroachdb: 'sql', mongodb: 'mongodb',
    redis: 'redis', memcached: 'memcached', rabbitmq: 'amqp', kafka: 'kafka', nats: 'nats', mosquitto: 'mqtt',
};

/** The protocol clients of an engine speak (`postgres` → `sql`), if any. */
export function protocolOfEngine(engine: string | undefined): string | undefined {
    return engine === undefined ? undefined : ENGINE_PROTOCOLS[engine];
}

/** The protocol of a URL scheme, if any. */
export function protocolOfScheme(scheme: string | undefined): string | undefined {
    return scheme === undefined ? undefined : SCHEME_PROTOCOLS[scheme.toLowerCase()];
}

/** A host a configuration value names. */
export interface HostReference {
    host: string;
    port?: number;
    scheme?: string;
}

/**
 * A reference as shown in a comment: the host and port only, never the whole value (connection
 * strings and URLs carry passwords).
 */
export function describeRef(ref: HostReference): string {
    return `names ${ref.scheme ? ref.scheme + '://' : ''}${ref.host}${ref.port === undefined ? '' : ':' + ref.port}`;
}

const HOST = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const URL_PATTERN = new RegExp(`^([a-zA-Z][a-zA-Z0-9+.-]*):\\/\\/(?:[^@/\\s]*@)?(${HOST})(?::(\\d{1,5}))?(?:[/?#].*)?$`);
const HOST_PORT_PATTERN = new RegExp(`^(${HOST}):(\\d{1,5})(?:\\/.*)?$`);
const BARE_HOST_PATTERN = new RegExp(`^${HOST}$`);
const CONNECTION_STRING_HOST_KEYS = new Set(['server', 'host', 'hostname', 'data source', 'address', 'addr', 'endpoint', 'hosts']);

/** Variable names that hold a host on their own (`REDIS_HOST`, `CART_SERVICE_ADDR`, `EventBusConnection`). */
export function isHostVariable(name: string): boolean {
    return /(host|hostname|hosts|addr|address|url|uri|endpoint|server|servers|connection|connectionstring|brokers?|bootstrap)$/i.test(name.replace(/[_-]+$/, ''));
}

/**
 * Hosts named by a value: URLs, `host:port` lists, `key=value;` connection strings; a bare word
 * counts only when `bareHostsCount` (the variable's name says it holds a host).
 */
export function hostReferences(value: string, bareHostsCount: boolean): HostReference[] {
    const found: HostReference[] = [];
    const text = value.trim();
    if (text === '' || text.length > 4096) return found;
    // Connection strings: `Server=sqldata;Database=…`, `Host=db;Port=5432`.
    if (/[=;]/.test(text) && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text)) {
        let port: number | undefined;
        const hosts: string[] = [];
        for (const part of text.split(';')) {
            const eq = part.indexOf('=');
            if (eq < 0) continue;
            const key = part.slice(0, eq).trim().toLowerCase();
            const raw = part.slice(eq + 1).trim();
            if (key === 'port') port = toPort(raw);
            else if (CONNECTION_STRING_HOST_KEYS.has(key)) hosts.push(...raw.split(','));
        }
        for (const host of hosts) {
            const [name, hostPort] = host.trim().replace(/^tcp:/i, '').split(/[:,]/);
            if (BARE_HOST_PATTERN.test(name)) found.push({ host: name, port: toPort(hostPort) ?? port });
        }
        if (found.length > 0) return found;
    }
    for (const item of text.split(/[\s,]+/)) {
        if (item === '') continue;
        const url = URL_PATTERN.exec(item);
        if (url) {
            found.push({ scheme: url[1].toLowerCase(), host: url[2], port: toPort(url[3]) });
            continue;
        }
        const hostPort = HOST_PORT_PATTERN.exec(item);
        if (hostPort) {
            found.push({ host: hostPort[1], port: toPort(hostPort[2]) });
            continue;
        }
        if (bareHostsCount && BARE_HOST_PATTERN.test(item)) found.push({ host: item });
    }
    return found;
}

/**
 * Hosts named by command-line arguments: URLs and `host:port` anywhere (also as `--flag=value`),
 * bare words only after a flag about a host (`-h edge-router`, `--host db`).
 */
export function argumentHostReferences(args: readonly string[]): HostReference[] {
    const found: HostReference[] = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        const eq = arg.startsWith('-') ? arg.indexOf('=') : -1;
        if (eq > 0) {
            const flag = arg.slice(0, eq);
            found.push(...hostReferences(arg.slice(eq + 1), isHostFlag(flag)));
            continue;
        }
        if (arg.startsWith('-')) continue;
        const previous = i > 0 ? args[i - 1] : '';
        found.push(...hostReferences(arg, previous.startsWith('-') && !previous.includes('=') && isHostFlag(previous)));
    }
    return found;
}

function isHostFlag(flag: string): boolean {
    return flag === '-h' || /host|addr|server|url|endpoint|broker/i.test(flag.replace(/^-+/, ''));
}

function toPort(text: string | undefined): number | undefined {
    if (text === undefined || !/^\d{1,5}$/.test(text.trim())) return undefined;
    const port = Number(text);
    return port > 0 && port < 65536 ? port : undefined;
}

/** Splits a shell-like command string into words (quotes respected, no expansion). */
export function splitCommand(command: string): string[] {
    const words: string[] = [];
    const pattern = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(command)) !== null) words.push(match[1] ?? match[2] ?? match[3]);
    return words;
}
