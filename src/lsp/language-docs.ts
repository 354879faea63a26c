/**
 * What the editor knows about the language beyond the grammar: one-line descriptions of the
 * kinds, and rule metadata for `@allow(` completion and hover.
 *
 * Rule metadata comes from the rule registry; `FALLBACK_RULES` (the catalogue in RULES.md)
 * stands in should the registry be empty.
 */
import type { ComponentKind } from '../model/arch-model.js';
import { listRules } from '../rules/registry.js';

/** The facts about a rule the editor shows. */
export interface RuleInfo {
    id: string;
    area: string;
    severity: string;
    /** One line: what the rule checks (may be empty in the fallback). */
    title: string;
    /** Why the rule exists (may be empty in the fallback). */
    rationale: string;
    /** When it fires. */
    fires: string;
}

/** What each component kind is, in one sentence. */
export const KIND_DOCS: Readonly<Record<ComponentKind, string>> = {
    client: 'Something that starts requests: a browser app, a mobile app, a CLI, a device. An entry point of the system.',
    dns: 'A DNS service that resolves names to the edge (CDN, gateway or load balancer); `routing:` picks the answer.',
    cdn: 'A content delivery network: edges cache responses close to users and fetch misses from their `origin:`.',
    loadbalancer: 'Spreads requests over the replicas of what is behind it (`algorithm:`, `sticky:`, `layer:`).',
    gateway: 'An API gateway: one entry for clients that routes, authenticates, rate-limits, caches and composes calls (`route "/p" -> svc`).',
    service: 'A service that handles requests and owns its data.',
    function: 'A serverless function: a service that runs per request or event.',
    database: 'A database: durable, queryable data (`engine:`, `replicas:`, `readReplica:`).',
    cache: 'An in-memory cache or key-value store (e.g. Redis); also a shared session store.',
    storage: 'Object or file storage (e.g. S3), often a CDN origin for static assets.',
    broker: 'A message broker with `topic` (pub-sub) and `queue` (point-to-point) channels; publish with `~> broker.topic`.',
    eventstore: 'An append-only event store: the source of truth of an event-sourced component.',
    etl: 'An extract-transform-load pipeline: reads `from:` a source, writes `to:` a sink.',
    batch: 'A batch job that processes accumulated work on a `schedule:` or threshold (`every: 1000 items`).',
    stream: 'A stream processor that consumes a channel or event store continuously (`window:`).',
    orchestrator: 'A workflow orchestrator that coordinates steps across services (`stateStore:`, `compensation:`).',
    peer: 'A peer in a peer-to-peer network: talks to other peers directly (`discovery:`).',
    idp: 'An identity provider (e.g. Keycloak, Auth0) that authenticates users and issues tokens.',
    external: 'A system outside the model\'s control (a payment provider, a SaaS API).',
};

/** Descriptions of the other keywords. */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
    zone: 'A trust zone: groups components and gives them a trust level (`trust: public | edge | private`). Zones nest and are drawn as containers.',
    topic: 'A pub-sub topic of a broker: every subscriber gets every message. Referenced as `broker.topic`.',
    queue: 'A point-to-point queue of a broker: each message goes to one consumer. Referenced as `broker.queue`.',
    route: 'A gateway route: `route "/path" -> service` is a synchronous connection from the gateway.',
    view: 'A view selects what a diagram shows: `include *`, `include a, b`, `exclude c`, `direction: down`.',
    flow: 'A flow is a numbered path through the topology; each step must match a declared connection.',
    include: 'Adds elements (or `*`, everything) to the view.',
    exclude: 'Leaves elements out of the view.',
    import: 'Makes the declarations of another `.arch` file visible here.',
    architecture: 'Names the system described by this file.',
};

/** Rule areas that concern each kind (besides rules that mention the kind by name). */
const KIND_AREAS: Partial<Record<ComponentKind, readonly string[]>> = {
    gateway: ['gateway'],
    cdn: ['cdn-dns'],
    dns: ['cdn-dns'],
    broker: ['messaging'],
    eventstore: ['event-sourcing'],
    etl: ['pipelines'],
    batch: ['pipelines'],
    stream: ['pipelines'],
    orchestrator: ['orchestration'],
    peer: ['peer-to-peer'],
};

/** Kind words as they appear in rule descriptions. */
const KIND_WORDS: Partial<Record<ComponentKind, readonly string[]>> = {
    loadbalancer: ['loadbalancer', 'load balancer'],
    eventstore: ['eventstore', 'event store'],
    idp: ['idp', 'identity provider'],
    database: ['database', 'data store'],
    cache: ['cache', 'data store'],
    storage: ['storage', 'data store'],
    service: ['service', 'service-like'],
    function: ['function', 'service-like'],
    client: ['client', 'entry point'],
};

/** Every known rule, in catalogue order (from the rule registry). */
export function allRules(): readonly RuleInfo[] {
    const rules = listRules();
    return rules.length > 0 ? rules : FALLBACK_RULES;
}

/** One rule by id. */
export function findRule(id: string): RuleInfo | undefined {
    return allRules().find(rule => rule.id === id);
}

/** Rules that concern a kind: its area's rules and rules whose description names it. */
export function rulesForKind(kind: ComponentKind): RuleInfo[] {
    const areas = KIND_AREAS[kind] ?? [];
    const words = KIND_WORDS[kind] ?? [kind];
    const patterns = words.map(word => new RegExp(`(^|[^\\w-])\`?${word.replace(/[-]/g, '\\-')}s?\`?([^\\w-]|$)`, 'i'));
    return allRules().filter(rule => rule.area !== 'model'
        && (areas.includes(rule.area) || patterns.some(pattern => pattern.test(rule.title || rule.fires))));
}

/** Fallback catalogue (from RULES.md), used only if the registry is empty. */
export const FALLBACK_RULES: readonly RuleInfo[] = [
    { id: 'unresolved-reference', area: 'model', severity: 'error', title: '', rationale: '', fires: 'a connection end, `broker.topic` path, `route` target or reference property names nothing declared (warning: it names a component of the wrong kind, e.g. `origin:` → a `client`)' },
    { id: 'duplicate-id', area: 'model', severity: 'error', title: '', rationale: '', fires: 'two declarations share an id in the workspace (both places reported)' },
    { id: 'unknown-property', area: 'model', severity: 'warning', title: '', rationale: '', fires: 'a property the kind does not define; suggest the closest known one' },
    { id: 'invalid-property-value', area: 'model', severity: 'error', title: '', rationale: '', fires: 'wrong value type or unit (`expiry: fast`, `rateLimit: 10`)' },
    { id: 'orphan-component', area: 'model', severity: 'warning', title: '', rationale: '', fires: 'no connection of any style and no reference property points at it; `external: true` exempt; tag `Unnecessary`' },
    { id: 'flow-step-not-in-topology', area: 'model', severity: 'error', title: '', rationale: '', fires: 'a `flow` step has no matching declared connection (same ends, same style)' },
    { id: 'allow-without-reason', area: 'model', severity: 'warning', title: '', rationale: '', fires: '`@allow` without a reason, or naming an unknown rule id' },
    { id: 'gateway-bypass', area: 'gateway', severity: 'error', title: '', rationale: '', fires: 'a model has a `gateway` `g`, and an entry point has a sync connection to a private service-like `s` that is also reachable through `g` (warning when `s` is behind no gateway at all: a second, unguarded entry)' },
    { id: 'gateway-missing-auth', area: 'gateway', severity: 'error', title: '', rationale: '', fires: 'a gateway reached from an entry point has no `auth` or `auth: none`, and some target behind it is not `public: true` (info when all are public)' },
    { id: 'gateway-missing-rate-limit', area: 'gateway', severity: 'warning', title: '', rationale: '', fires: 'a gateway reached from an entry point has no `rateLimit`' },
    { id: 'gateway-without-routes', area: 'gateway', severity: 'error', title: '', rationale: '', fires: 'a gateway has no outgoing sync connection and no `route`, or a route targets something that is not service-like' },
    { id: 'gateway-cache-disabled', area: 'gateway', severity: 'info', title: '', rationale: '', fires: 'a gateway has no `cache`, and a route or connection behind it is marked `op: read`' },
    { id: 'cdn-missing-origin', area: 'cdn-dns', severity: 'error', title: '', rationale: '', fires: 'a `cdn` has no `origin` and no outgoing sync connection to a service, gateway, load balancer or storage' },
    { id: 'cdn-origin-bypass', area: 'cdn-dns', severity: 'warning', title: '', rationale: '', fires: 'a CDN\'s origin is also reached directly by an entry point, or resolved by a `dns`, or sits in a public zone' },
    { id: 'cdn-missing-waf', area: 'cdn-dns', severity: 'warning', title: '', rationale: '', fires: 'a CDN reached from an entry point has no `waf: true` and no WAF on the path' },
    { id: 'cdn-no-cache-policy', area: 'cdn-dns', severity: 'info', title: '', rationale: '', fires: 'a CDN has no `ttl`, or `ttl: 0`' },
    { id: 'cdn-caches-private-content', area: 'cdn-dns', severity: 'warning', title: '', rationale: '', fires: 'a CDN caches (`ttl > 0`) an origin that authenticates per user (`auth: session|jwt`, or behind an authenticating gateway) and `bypassWhen: authenticated` is not set' },
    { id: 'dns-resolves-to-internal', area: 'cdn-dns', severity: 'warning', title: '', rationale: '', fires: 'a `dns` connects to / resolves to a private service-like component or data store instead of a CDN, gateway or load balancer' },
    { id: 'session-without-shared-store', area: 'auth', severity: 'error', title: '', rationale: '', fires: 'a component with `auth: session` is scaled (`replicas > 1`, or several instances behind one load balancer/gateway) and has no `store` pointing at a reachable `cache`/`database` (warning when the load balancer in front has `sticky: true`)' },
    { id: 'session-cookie-insecure', area: 'auth', severity: 'warning', title: '', rationale: '', fires: '`auth: session` and a hop on the client→component path is plaintext, or `cookie { secure httpOnly sameSite }` is not all set' },
    { id: 'jwt-missing-expiry', area: 'auth', severity: 'error', title: '', rationale: '', fires: '`auth: jwt` without `expiry` (warning when `expiry` exceeds `maxExpiry`, default 60m)' },
    { id: 'jwt-no-revocation-strategy', area: 'auth', severity: 'warning', title: '', rationale: '', fires: '`auth: jwt` with neither `revocation: denylist` nor `refresh: rotating` with a short expiry' },
    { id: 'jwt-without-issuer', area: 'auth', severity: 'warning', title: '', rationale: '', fires: '`auth: jwt`, no `idp` in the model and no `issuer` reference' },
    { id: 'jwt-insecure-client-storage', area: 'auth', severity: 'warning', title: '', rationale: '', fires: 'a client using a JWT-protected API has `tokenStorage: localStorage` or `sessionStorage` (info when unset)' },
    { id: 'missing-identity-propagation', area: 'auth', severity: 'warning', title: '', rationale: '', fires: 'an authenticating gateway forwards to `s` over a sync connection, `s` has no `auth`, and the connection has no `forwardIdentity`' },
    { id: 'topic-without-subscriber', area: 'messaging', severity: 'warning', title: '', rationale: '', fires: 'a channel has a publisher and no subscriber' },
    { id: 'subscriber-without-publisher', area: 'messaging', severity: 'warning', title: '', rationale: '', fires: 'a channel has a subscriber, no publisher, and is not `external: true`' },
    { id: 'async-without-broker', area: 'messaging', severity: 'error', title: '', rationale: '', fires: 'a `~>` connection neither starts nor ends at a channel, broker, event store or stream (service `~>` service)' },
    { id: 'consumer-without-dlq', area: 'messaging', severity: 'info', title: '', rationale: '', fires: 'a queue, or a subscribed channel, with no `deadLetter` on it or its broker' },
    { id: 'sync-cycle', area: 'request-response', severity: 'error', title: '', rationale: '', fires: 'a cycle of sync connections among service-like components (self-loops included); one diagnostic per cycle on its closing connection, all members related' },
    { id: 'sync-chain-too-deep', area: 'request-response', severity: 'warning', title: '', rationale: '', fires: 'the longest sync path from an entry point through service-like components has more than `maxDepth` (default 4) service-to-service hops; the final hop into a data store does not count' },
    { id: 'sync-call-without-timeout', area: 'request-response', severity: 'info', title: '', rationale: '', fires: 'a sync connection between two service-like components has no `timeout`' },
    { id: 'event-sourcing-without-event-store', area: 'event-sourcing', severity: 'error', title: '', rationale: '', fires: 'a component with `eventSourced: true` has no `eventStore:` and no `op: append` connection to an `eventstore`' },
    { id: 'event-store-not-append-only', area: 'event-sourcing', severity: 'error', title: '', rationale: '', fires: 'a connection into an `eventstore` has `op: write` (update) or `op: delete` (warning: two different services append to the same store)' },
    { id: 'stream-processor-without-source', area: 'pipelines', severity: 'error', title: '', rationale: '', fires: 'a `stream` has no incoming `~>` from a channel or event store (and no `from:`)' },
    { id: 'etl-incomplete-pipeline', area: 'pipelines', severity: 'error', title: '', rationale: '', fires: 'an `etl` lacks a source (`from:` or incoming read) or a sink (`to:` or outgoing write)' },
    { id: 'batch-job-without-trigger', area: 'pipelines', severity: 'warning', title: '', rationale: '', fires: 'a `batch` or `etl` has no `schedule`, no `trigger` threshold (`every: 1000 items`), and nothing calls or feeds it' },
    { id: 'batch-in-request-path', area: 'pipelines', severity: 'warning', title: '', rationale: '', fires: 'a component on a user path calls a `batch` or `etl` synchronously' },
    { id: 'analytics-on-serving-database', area: 'pipelines', severity: 'warning', title: '', rationale: '', fires: 'an `etl`, `batch` or `stream` reads a database that user-path services also use, without a `readReplica`' },
    { id: 'orchestrator-single-point-of-failure', area: 'orchestration', severity: 'warning', title: '', rationale: '', fires: 'an `orchestrator` coordinating two or more services is not redundant or has no `stateStore` (error on a user path)' },
    { id: 'orchestrator-without-compensation', area: 'orchestration', severity: 'info', title: '', rationale: '', fires: 'an orchestrator\'s steps write to two or more data stores and no `compensation` is declared' },
    { id: 'p2p-without-discovery', area: 'peer-to-peer', severity: 'warning', title: '', rationale: '', fires: 'two or more connected `peer`s and no `discovery` (bootstrap, tracker, DHT)' },
    { id: 'p2p-unauthenticated-peer-link', area: 'peer-to-peer', severity: 'warning', title: '', rationale: '', fires: 'a peer-to-peer connection touching a public zone is plaintext or has no `auth: mtls` / `signed: true`' },
    { id: 'shared-database', area: 'resilience', severity: 'warning', title: '', rationale: '', fires: 'a database receives writes from two or more service-like components (ETL/batch readers excluded; info when the extra ones only read)' },
    { id: 'client-direct-datastore-access', area: 'resilience', severity: 'error', title: '', rationale: '', fires: 'an entry point connects to a data store or broker (a CDN pulling from `storage` is fine)' },
    { id: 'plaintext-connection', area: 'resilience', severity: 'error', title: '', rationale: '', fires: 'a connection\'s protocol is not a TLS one (`http`, `ws`, `tcp`, `amqp`, `mqtt`, `redis`, plain `kafka`…) and it crosses the public boundary (info inside a private zone)' },
    { id: 'single-point-of-failure', area: 'resilience', severity: 'warning', title: '', rationale: '', fires: 'a non-redundant gateway, load balancer, service-like component (orchestrators have their own rule), data store, broker or idp that an entry point reaches (through sync connections and routes, or async delivery); one diagnostic per component, with one example path from an entry point as related information' },
    { id: 'replicas-without-load-balancer', area: 'resilience', severity: 'warning', title: '', rationale: '', fires: 'a service-like component with `replicas > 1` is called by something that is not a `loadbalancer`, `gateway`, or a connection with `loadBalancing:`' },
    { id: 'incomplete-component', area: 'resilience', severity: 'info', title: '', rationale: '', fires: 'a connection that crosses the public boundary has no protocol' },
];
