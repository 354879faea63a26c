/**
 * The typed property schema: which properties each kind of element accepts and what
 * values they take. Used by the model builder (to type values and report
 * `unknown-property` / `invalid-property-value`), and by completion and hover.
 */
import type { ComponentKind } from '../arch-model.js';

export type PropertyType =
    | { type: 'number'; integer?: boolean; min?: number }
    | { type: 'boolean' }
    | { type: 'string' }
    | { type: 'duration' }
    | { type: 'rate' }
    /** A percentage `0%`–`100%` (`99.9%`). */
    | { type: 'percent' }
    | { type: 'quantity' }
    | { type: 'enum'; values: readonly string[] }
    /** A reference to a component (or channel) of one of these kinds; `channel` means a topic/queue. */
    | { type: 'reference'; kinds: readonly (ComponentKind | 'channel' | 'zone')[] }
    /** A mode word, each mode with its own nested settings. */
    | { type: 'mode'; modes: Readonly<Record<string, PropertyTable>> }
    | { type: 'block'; properties: PropertyTable }
    | { type: 'list'; of: PropertyType }
    /** Any of several types; the first that fits wins. */
    | { type: 'union'; of: readonly PropertyType[] };

export interface PropertySpec {
    type: PropertyType;
    /** One line for completion and hover. */
    doc: string;
    /** What it means when the property is absent. */
    default?: string;
}

export type PropertyTable = Readonly<Record<string, PropertySpec>>;

const bool = (doc: string, dflt?: string): PropertySpec => ({ type: { type: 'boolean' }, doc, default: dflt });
const str = (doc: string): PropertySpec => ({ type: { type: 'string' }, doc });
const duration = (doc: string, dflt?: string): PropertySpec => ({ type: { type: 'duration' }, doc, default: dflt });
const int = (doc: string, min = 0, dflt?: string): PropertySpec => ({ type: { type: 'number', integer: true, min }, doc, default: dflt });
const oneOf = (values: readonly string[], doc: string, dflt?: string): PropertySpec => ({ type: { type: 'enum', values }, doc, default: dflt });
const percent = (doc: string, dflt?: string): PropertySpec => ({ type: { type: 'percent' }, doc, default: dflt });
const ref = (kinds: readonly (ComponentKind | 'channel' | 'zone')[], doc: string): PropertySpec => ({ type: { type: 'reference', kinds }, doc });

export const SESSION_COOKIE: PropertyTable = {
    secure: bool('Send the cookie over HTTPS only.', 'false'),
    httpOnly: bool('Hide the cookie from scripts.', 'false'),
    sameSite: oneOf(['strict', 'lax', 'none'], 'Cross-site sending policy of the cookie.'),
};

/** Token policy: what a `jwt` block and an identity provider's `issues: jwt { … }` say about tokens. */
export const JWT_POLICY: PropertyTable = {
    expiry: duration('Lifetime of an access token.'),
    refresh: oneOf(['rotating', 'static', 'none'], 'Refresh-token strategy.', 'none'),
    revocation: oneOf(['denylist', 'introspection', 'none'], 'How tokens are revoked before they expire.', 'none'),
};

/** `auth:` modes and their settings. */
export const AUTH_MODES: Readonly<Record<string, PropertyTable>> = {
    none: {},
    session: {
        store: ref(['cache', 'database'], 'Shared store holding server-side sessions.'),
        cookie: { type: { type: 'block', properties: SESSION_COOKIE }, doc: 'Session cookie flags: `{ secure: true httpOnly: true sameSite: lax }`.' },
        ttl: duration('How long an idle session lives.'),
    },
    jwt: {
        issuer: ref(['idp', 'external', 'service'], 'The identity provider that signs the tokens; settings it declares in `issues: jwt { … }` apply unless set here.'),
        ...JWT_POLICY,
        audience: str('Expected `aud` claim.'),
    },
    apikey: { header: str('Header carrying the key.') },
    oauth2: {
        issuer: ref(['idp', 'external', 'service'], 'The authorization server.'),
        expiry: duration('Lifetime of an access token.'),
    },
    mtls: { ca: str('Certificate authority that signs client certificates.') },
};

const auth: PropertySpec = { type: { type: 'mode', modes: AUTH_MODES }, doc: 'How callers authenticate: `none`, `session { store }`, `jwt { issuer expiry refresh revocation }`, `apikey`, `oauth2`, `mtls`.', default: 'none' };

/** Properties every component accepts. */
const COMMON: PropertyTable = {
    description: str('What the component does.'),
    technology: str('Product or stack, shown in the diagram (e.g. "Go", "PostgreSQL 16").'),
    owner: str('Team that owns it.'),
    tags: { type: { type: 'list', of: { type: 'string' } }, doc: 'Free-form tags.' },
    external: bool('Managed outside this model: not judged by orphan or subscriber rules.', 'false'),
    deployedAs: str('Name of the workload this component runs as in the deployment files (`"orders-api"`, or `"namespace/name"` in Kubernetes), when it differs from the id.'),
};

/**
 * Kinds run by a provider as one service (DNS, CDN, object storage, serverless functions,
 * external systems): their `availability` is the whole service's unless `replicas` is written.
 */
export const MANAGED_KINDS: ReadonlySet<ComponentKind> = new Set(['dns', 'cdn', 'storage', 'function', 'external']);

/**
 * Availability assumed when a component declares none, in percent (see docs/numbers.md;
 * `numbers.availability` in archway.json overrides it per kind): one self-run instance is
 * taken at 99.5 % (a single virtual machine's usual SLA), a managed kind at its provider's
 * usual SLA, and a client at 100 %: it is the user's own device, not part of the system.
 */
export const DEFAULT_AVAILABILITY: Readonly<Record<ComponentKind, number>> = {
    client: 100, dns: 99.99, cdn: 99.9, storage: 99.9, function: 99.95, external: 99.9,
    loadbalancer: 99.5, gateway: 99.5, service: 99.5, database: 99.5, cache: 99.5, broker: 99.5, eventstore: 99.5,
    etl: 99.5, batch: 99.5, stream: 99.5, orchestrator: 99.5, peer: 99.5, idp: 99.5,
};

/**
 * The numbers of a component of a kind (see docs/numbers.md): what one instance achieves,
 * serves and adds to a request. Every kind but `client` accepts them.
 */
function numbers(kind: ComponentKind): PropertyTable {
    const managed = MANAGED_KINDS.has(kind);
    return {
        availability: percent(managed
            ? 'Availability of the service (`99.9%`), as its provider states it; of one instance when `replicas` is written.'
            : 'Availability of one instance (`99.9%`); `replicas` instances are redundant; with `ha: true`, of the whole highly-available setup.',
        `${DEFAULT_AVAILABILITY[kind]}%`),
        capacity: { type: { type: 'rate' }, doc: 'Requests one instance serves (`200/s`); `replicas` instances serve that many times more.' },
        latency: duration('Typical time the component adds to a request (`20ms`).'),
    };
}

/** Properties of components that run (can be replicated). */
const RUNNING: PropertyTable = {
    replicas: int('Number of instances; `2` or more is redundant.', 1, '1'),
    ha: bool('Highly available (managed failover) even with one declared instance.', 'false'),
};

const SERVICE_LIKE: PropertyTable = {
    ...COMMON,
    ...RUNNING,
    auth,
    public: bool('Serves anonymous callers on purpose (no authentication needed).', 'false'),
    timeout: duration('Default timeout of calls this component makes.'),
    eventSourced: bool('State is derived from an append-only event log.', 'false'),
    eventStore: ref(['eventstore'], 'Event store holding this component\'s events.'),
    runtime: str('Language or runtime (e.g. "node20", "jvm").'),
};

const PIPELINE: PropertyTable = {
    ...SERVICE_LIKE,
    from: { type: { type: 'union', of: [{ type: 'reference', kinds: ['database', 'cache', 'storage', 'eventstore', 'channel', 'broker', 'service', 'external'] }, { type: 'list', of: { type: 'reference', kinds: ['database', 'cache', 'storage', 'eventstore', 'channel', 'broker', 'service', 'external'] } }] }, doc: 'Where the job reads its input.' },
    to: { type: { type: 'union', of: [{ type: 'reference', kinds: ['database', 'cache', 'storage', 'eventstore', 'channel', 'broker', 'service', 'external'] }, { type: 'list', of: { type: 'reference', kinds: ['database', 'cache', 'storage', 'eventstore', 'channel', 'broker', 'service', 'external'] } }] }, doc: 'Where the job writes its output.' },
    schedule: str('Cron expression that starts the job (e.g. "0 2 * * *").'),
    every: { type: { type: 'union', of: [{ type: 'quantity' }, { type: 'duration' }] }, doc: 'Run after this many items (`1000 items`) or this often (`5m`).' },
    trigger: oneOf(['schedule', 'threshold', 'event', 'manual'], 'What starts a run.'),
    window: duration('Aggregation window of a stream processor.'),
};

/** The schema per component kind. */
export const COMPONENT_PROPERTIES: Readonly<Record<ComponentKind, PropertyTable>> = {
    client: {
        ...COMMON,
        tokenStorage: oneOf(['memory', 'httpOnlyCookie', 'secureStorage', 'localStorage', 'sessionStorage', 'cookie'], 'Where the client keeps access tokens: `memory`, an `httpOnlyCookie`, or a native app\'s `secureStorage` (OS keychain) are safe; `localStorage`, `sessionStorage` and a script-readable `cookie` are not.'),
        platform: oneOf(['web', 'mobile', 'desktop', 'cli', 'device', 'server'], 'What the client runs on.'),
    },
    dns: {
        ...COMMON,
        ...numbers('dns'),
        routing: oneOf(['simple', 'geo', 'latency', 'weighted', 'failover', 'anycast'], 'How the DNS picks an answer.', 'simple'),
        ttl: duration('How long resolvers cache answers.'),
        encrypted: bool('Lookups must be encrypted (DNS over HTTPS or TLS); plain `dns` lookups to it are then plaintext.', 'false'),
    },
    cdn: {
        ...COMMON,
        ...numbers('cdn'),
        origin: ref(['storage', 'service', 'function', 'gateway', 'loadbalancer', 'external'], 'Where the edge fetches a cache miss.'),
        ttl: duration('How long edges keep a copy; `0s` caches nothing.'),
        waf: bool('Web application firewall in front of the edge.', 'false'),
        bypassWhen: oneOf(['authenticated', 'cookie', 'never'], 'Requests the edge never caches.', 'never'),
        tls: bool('Terminates TLS at the edge.', 'true'),
        hitRatio: percent('Share of requests the edge answers from its cache (`90%`); the rest go to the origin.', '0% (every request reaches the origin)'),
    },
    loadbalancer: {
        ...COMMON,
        ...numbers('loadbalancer'),
        ...RUNNING,
        algorithm: oneOf(['roundRobin', 'leastConnections', 'ipHash', 'random', 'weighted'], 'How requests are spread.', 'roundRobin'),
        sticky: bool('Pins a client to one instance (session affinity).', 'false'),
        layer: oneOf(['l4', 'l7'], 'OSI layer it balances at.', 'l7'),
        healthCheck: { type: { type: 'union', of: [{ type: 'string' }, { type: 'duration' }, { type: 'boolean' }] }, doc: 'Health-check path or interval.' },
        waf: bool('Web application firewall on the balancer.', 'false'),
        auth,
    },
    gateway: {
        ...COMMON,
        ...numbers('gateway'),
        ...RUNNING,
        auth,
        rateLimit: { type: { type: 'rate' }, doc: 'Requests it admits per time unit (`100/s`); compared with what the services behind it serve.' },
        cache: duration('How long responses to reads are cached.'),
        waf: bool('Web application firewall on the gateway.', 'false'),
        timeout: duration('Timeout for calls to routed services.'),
        cors: { type: { type: 'union', of: [{ type: 'boolean' }, { type: 'list', of: { type: 'string' } }] }, doc: 'Allowed cross-origin callers.' },
        composition: bool('Aggregates several backend calls into one response.', 'false'),
    },
    service: { ...SERVICE_LIKE, ...numbers('service') },
    function: { ...SERVICE_LIKE, ...numbers('function'), memory: int('Memory in MB.', 1) },
    orchestrator: {
        ...SERVICE_LIKE,
        ...numbers('orchestrator'),
        stateStore: ref(['database', 'cache', 'eventstore'], 'Where workflow state survives a restart.'),
        compensation: { type: { type: 'union', of: [{ type: 'boolean' }, { type: 'enum', values: ['saga', 'rollback', 'manual'] }, { type: 'block', properties: {} }, { type: 'string' }] }, doc: 'How completed steps are undone when a later one fails.' },
        engine: str('Workflow engine (e.g. "Temporal", "Step Functions").'),
    },
    stream: { ...PIPELINE, ...numbers('stream') },
    batch: { ...PIPELINE, ...numbers('batch') },
    etl: { ...PIPELINE, ...numbers('etl') },
    database: {
        ...COMMON,
        ...numbers('database'),
        ...RUNNING,
        engine: str('Database engine (e.g. "postgres").'),
        readReplica: { type: { type: 'union', of: [{ type: 'boolean' }, { type: 'reference', kinds: ['database'] }] }, doc: 'A read replica that analytics can use.' },
        backup: { type: { type: 'union', of: [{ type: 'boolean' }, { type: 'duration' }, { type: 'string' }] }, doc: 'Backup policy.' },
        encrypted: bool('Encrypted at rest.', 'false'),
    },
    cache: {
        ...COMMON,
        ...numbers('cache'),
        ...RUNNING,
        engine: str('Cache engine (e.g. "redis").'),
        ttl: duration('Default entry lifetime.'),
        eviction: oneOf(['lru', 'lfu', 'ttl', 'none'], 'Eviction policy.'),
    },
    storage: {
        ...COMMON,
        ...numbers('storage'),
        ...RUNNING,
        versioning: bool('Keeps object versions.', 'false'),
        encrypted: bool('Encrypted at rest.', 'false'),
        public: bool('Objects are world-readable.', 'false'),
    },
    broker: {
        ...COMMON,
        ...numbers('broker'),
        ...RUNNING,
        engine: str('Broker product (e.g. "kafka", "rabbitmq").'),
        deadLetter: bool('Failed deliveries go to a dead-letter channel.', 'false'),
        partitions: int('Partitions per topic.', 1),
        retention: duration('How long messages are kept.'),
    },
    eventstore: {
        ...COMMON,
        ...numbers('eventstore'),
        ...RUNNING,
        engine: str('Event store product (e.g. "EventStoreDB").'),
        retention: duration('How long events are kept.'),
        snapshots: bool('Keeps snapshots for fast rebuilds.', 'false'),
    },
    peer: {
        ...COMMON,
        ...numbers('peer'),
        auth,
        discovery: { type: { type: 'union', of: [{ type: 'enum', values: ['dht', 'tracker', 'bootstrap', 'mdns', 'static'] }, { type: 'reference', kinds: ['peer', 'service', 'external'] }] }, doc: 'How peers find each other: `dht`, `tracker`, `bootstrap`, `mdns`, `static`, or a tracker component.' },
        signed: bool('Payloads are signed by the sender.', 'false'),
    },
    idp: {
        ...COMMON,
        ...numbers('idp'),
        ...RUNNING,
        protocol: oneOf(['oidc', 'saml', 'oauth2', 'ldap'], 'Identity protocol.', 'oidc'),
        issues: { type: { type: 'mode', modes: { jwt: JWT_POLICY } }, doc: 'Token policy of the tokens it issues: `issues: jwt { expiry: 15m  revocation: denylist }`; a `jwt` block naming this provider as `issuer` inherits what it does not set.' },
    },
    external: {
        ...COMMON,
        ...numbers('external'),
        auth,
        vendor: str('Who runs it.'),
    },
};

/** Properties of a broker's `topic` / `queue`. */
export const CHANNEL_PROPERTIES: PropertyTable = {
    description: str('What flows through the channel.'),
    deadLetter: bool('Failed deliveries go to a dead-letter channel.', 'false'),
    external: bool('Published by a system outside the model.', 'false'),
    partitions: int('Partitions.', 1),
    retention: duration('How long messages are kept.'),
    ordering: oneOf(['none', 'key', 'fifo'], 'Delivery order guarantee.'),
    schema: str('Message schema name or reference.'),
};

/** Properties of a connection's `{ … }` block and of a gateway route. */
export const CONNECTION_PROPERTIES: PropertyTable = {
    timeout: duration('How long the caller waits for an answer.'),
    latency: duration('Typical time the network hop adds (`5ms`).'),
    retries: int('How often a failed call is retried.', 0),
    forwardIdentity: { type: { type: 'union', of: [{ type: 'enum', values: ['jwt', 'header', 'mtls', 'token'] }, { type: 'boolean' }] }, doc: 'How the caller\'s identity reaches the callee.' },
    op: oneOf(['read', 'write', 'readwrite', 'append', 'delete'], 'What the call does to data.'),
    loadBalancing: { type: { type: 'union', of: [{ type: 'enum', values: ['client', 'dns', 'mesh', 'roundRobin'] }, { type: 'boolean' }] }, doc: 'Spreads calls over replicas without a load balancer.' },
    auth,
    signed: bool('Messages are signed.', 'false'),
    circuitBreaker: bool('Calls stop while the callee is failing.', 'false'),
    idempotent: bool('Safe to retry.', 'false'),
    description: str('What the call is for.'),
};

/** Properties of a gateway's `route "/path" -> target { … }`: a connection's, and `public`. */
export const ROUTE_PROPERTIES: PropertyTable = {
    ...CONNECTION_PROPERTIES,
    public: bool('Anonymous on purpose (login, register, health): with `auth: none` it is not reported as an unauthenticated route.', 'false'),
};

/** Properties inside a `zone { … }`. */
export const ZONE_PROPERTIES: PropertyTable = {
    trust: oneOf(['public', 'edge', 'private'], 'Trust level of everything in the zone.', 'private (inherited from the enclosing zone)'),
    mtls: bool('The platform (a service mesh) encrypts and authenticates traffic between components inside the zone: connections with both ends in it are not plaintext.', 'false'),
    description: str('What the zone is.'),
    provider: str('Cloud, region or network (e.g. "aws eu-west-1").'),
};

/** A flow's service-level objective: `slo: { availability: 99.9%  latency: 300ms }`. */
export const SLO_PROPERTIES: PropertyTable = {
    availability: percent('Share of requests the flow must complete (`99.9%`).'),
    latency: duration('Time the flow\'s synchronous steps may take end to end (`300ms`).'),
};

/** Properties inside a `flow { … }`, beside its steps. */
export const FLOW_PROPERTIES: PropertyTable = {
    slo: { type: { type: 'block', properties: SLO_PROPERTIES }, doc: 'Objective the flow must meet: `{ availability: 99.9%  latency: 300ms }`; checked against the figures computed from its steps.' },
    description: str('What the flow is.'),
};

/** Properties inside a `view { … }`. */
export const VIEW_PROPERTIES: PropertyTable = {
    direction: oneOf(['right', 'down', 'left', 'up'], 'Main direction of the layout.', 'right'),
    title: str('Title shown above the diagram.'),
    collapse: { type: { type: 'list', of: { type: 'reference', kinds: ['zone'] } }, doc: 'Zones drawn as one box with their counts (click one in the preview to open it).' },
    implied: bool('Draw the relationships that properties state as edges: `from:`/`to:` of pipelines, a CDN\'s `origin:`, session `store:`, `stateStore:`, `eventStore:` and token `issuer:`.', 'true'),
    trusts: bool('Draw a dotted "trusts" edge from each component that accepts tokens to their `issuer:`. An issuer that more than three boxes of the view trust says `trusted by N` on its box instead of N edges.', 'true'),
};
