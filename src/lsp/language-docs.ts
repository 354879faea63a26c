/**
 * What the editor knows about the language beyond the grammar: one-line descriptions of the
 * kinds, and rule metadata (from the rule registry) for `@allow(` completion and hover.
 */
import type { ComponentKind } from '../model/arch-model.js';
import { listRules } from '../rules/registry.js';

/** The facts about a rule the editor shows. */
export interface RuleInfo {
    id: string;
    area: string;
    severity: string;
    /** One line: what the rule checks. */
    title: string;
    /** Why the rule exists. */
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
    return listRules();
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
