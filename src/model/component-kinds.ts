/**
 * The component kinds: one row per kind keyword of the grammar (`Kind` in
 * `language/archway.langium`; a test keeps the two equal). Whatever Archway says or decides
 * about a kind reads it here: the words of messages (`the identity provider 'auth'`), the
 * traits rules ask about (service-like, data store, redundant by default…), the colour group
 * and drawing of diagrams, what the editor shows (hover, completion, outline, colours), the
 * snippets and the docs. No import: `arch-model.ts` re-exports the kind names and type.
 */

/** Colour groups of diagrams: a kind's border and icon colour come from its group in the theme. */
export type KindCategory = 'edge' | 'traffic' | 'compute' | 'data' | 'messaging' | 'security' | 'outside';

/** How editors show a component in outlines and colour its ids (as an LSP symbol kind and semantic token type). */
export type KindSymbol = 'class' | 'struct' | 'interface' | 'variable' | 'function';

/** Yes-or-no facts about a kind that rules and editor features ask about. Unset means false. */
export interface KindTraits {
    /** Does work on requests: sits in sync chains and cycles, is a fine route target, CDN origin or consumer. */
    readonly serviceLike?: boolean;
    /** Keeps data. */
    readonly dataStore?: boolean;
    /** Redundant unless it says `replicas: 1` (managed or serverless platforms run it on many instances). */
    readonly redundantByDefault?: boolean;
    /** Runs on instances the system owns: one of them on a user path is a single point of failure. */
    readonly needsRedundancy?: boolean;
    /** An entry point wherever it sits: it starts requests (other components are entry points in a public zone). */
    readonly entryPoint?: boolean;
    /** Stands in front of services and takes their traffic: DNS should point at it, and a client around it bypasses it. */
    readonly front?: boolean;
    /** An asynchronous connection may start or end at it without a broker (it is one, or it reads a log). */
    readonly asyncEnd?: boolean;
}

/** The default declaration the editor's snippet writes: `kind ${1:kindId} "${2:label}" body`. */
export interface KindSnippet {
    /** The label written, e.g. `Load balancer`. */
    readonly label: string;
    /** The snippet's description after `Archway: `, when it says more than the label. */
    readonly description?: string;
    /** What follows the label (snippet syntax; `\n\t` for lines of a block), e.g. `{ replicas: ${3:2} }`. */
    readonly body?: string;
}

/** Everything about one component kind. */
export interface ComponentKindInfo extends KindTraits {
    /** The noun in messages: `the load balancer 'lb'`. */
    readonly noun: string;
    /** The article before the noun: `an identity provider`. */
    readonly article: 'a' | 'an';
    /** Colour group in diagrams and exports. */
    readonly category: KindCategory;
    /** Id of its drawing in `diagram/icons.ts` (a kind may share another's drawing). */
    readonly icon: string;
    /** How editors show it in outlines and colour its ids. */
    readonly symbol: KindSymbol;
    /** What it is, in one sentence (Markdown): hover, completion and the language reference. */
    readonly doc: string;
    /** Rule areas about this kind: hover lists their rules. */
    readonly ruleAreas?: readonly string[];
    /** Other words rule descriptions use for it (besides the keyword and the noun): hover lists those rules too. */
    readonly ruleWords?: readonly string[];
    readonly snippet: KindSnippet;
}

const KINDS = {
    client: {
        noun: 'client', article: 'a', category: 'edge', icon: 'client', symbol: 'variable', entryPoint: true,
        doc: 'Something that starts requests: a browser app, a mobile app, a CLI, a device. An entry point of the system.',
        ruleWords: ['entry point'],
        snippet: { label: 'Client', description: 'Client (browser, mobile app)', body: '{ tokenStorage: ${3|memory,httpOnlyCookie,localStorage,sessionStorage,cookie|} }' },
    },
    dns: {
        noun: 'DNS', article: 'a', category: 'edge', icon: 'dns', symbol: 'class', redundantByDefault: true,
        doc: 'A DNS service that resolves names to the edge (CDN, gateway or load balancer); `routing:` picks the answer.',
        ruleAreas: ['cdn-dns'],
        snippet: { label: 'DNS', body: '{ routing: ${3|simple,geo,latency,weighted,failover,anycast|} }' },
    },
    cdn: {
        noun: 'CDN', article: 'a', category: 'edge', icon: 'cdn', symbol: 'class', redundantByDefault: true, front: true,
        doc: 'A content delivery network: edges cache responses close to users and fetch misses from their `origin:`.',
        ruleAreas: ['cdn-dns'],
        snippet: { label: 'CDN edge', body: '{\n\torigin: ${3:assets}\n\tttl: ${4:1h}\n\twaf: ${5|true,false|}\n}' },
    },
    loadbalancer: {
        noun: 'load balancer', article: 'a', category: 'traffic', icon: 'loadbalancer', symbol: 'class', needsRedundancy: true, front: true,
        doc: 'Spreads requests over the replicas of what is behind it (`algorithm:`, `sticky:`, `layer:`).',
        snippet: { label: 'Load balancer', body: '{ algorithm: ${3|roundRobin,leastConnections,ipHash,random,weighted|} }' },
    },
    gateway: {
        noun: 'gateway', article: 'a', category: 'traffic', icon: 'gateway', symbol: 'class', needsRedundancy: true, front: true,
        doc: 'An API gateway: one entry for clients that routes, authenticates, rate-limits, caches and composes calls (`route "/p" -> svc`).',
        ruleAreas: ['gateway'],
        snippet: { label: 'API gateway', body: '{\n\tauth: jwt { issuer: ${3:idp}  expiry: ${4:15m} }\n\trateLimit: ${5:100/s}\n\troute "${6:/orders}" -> ${7:orders}\n}' },
    },
    service: {
        noun: 'service', article: 'a', category: 'compute', icon: 'service', symbol: 'class', serviceLike: true, needsRedundancy: true,
        doc: 'A service that handles requests and owns its data.',
        ruleWords: ['service-like'],
        snippet: { label: 'Service', body: '{ replicas: ${3:2} }' },
    },
    function: {
        noun: 'function', article: 'a', category: 'compute', icon: 'function', symbol: 'function', serviceLike: true, needsRedundancy: true, redundantByDefault: true,
        doc: 'A serverless function: a service that runs per request or event.',
        ruleWords: ['service-like'],
        snippet: { label: 'Function', description: 'Function (serverless)' },
    },
    database: {
        noun: 'database', article: 'a', category: 'data', icon: 'database', symbol: 'struct', dataStore: true, needsRedundancy: true,
        doc: 'A database: durable, queryable data (`engine:`, `replicas:`, `readReplica:`).',
        ruleWords: ['data store'],
        snippet: { label: 'Database', body: '{ engine: "${3:postgres}"  replicas: ${4:2} }' },
    },
    cache: {
        noun: 'cache', article: 'a', category: 'data', icon: 'cache', symbol: 'struct', dataStore: true, needsRedundancy: true,
        doc: 'An in-memory cache or key-value store (e.g. Redis); also a shared session store.',
        ruleWords: ['data store'],
        snippet: { label: 'Cache', body: '{ replicas: ${3:2} }' },
    },
    storage: {
        noun: 'storage', article: 'a', category: 'data', icon: 'storage', symbol: 'struct', dataStore: true, needsRedundancy: true, redundantByDefault: true,
        doc: 'Object or file storage (e.g. S3), often a CDN origin for static assets.',
        ruleWords: ['data store'],
        snippet: { label: 'Object storage' },
    },
    broker: {
        noun: 'broker', article: 'a', category: 'messaging', icon: 'broker', symbol: 'interface', needsRedundancy: true, asyncEnd: true,
        doc: 'A message broker with `topic` (pub-sub) and `queue` (point-to-point) channels; publish with `~> broker.topic`.',
        ruleAreas: ['messaging'],
        snippet: { label: 'Message broker with topics', body: '{\n\ttopic ${3:orderPlaced}\n\tdeadLetter: ${4|true,false|}\n}' },
    },
    eventstore: {
        noun: 'event store', article: 'an', category: 'data', icon: 'eventstore', symbol: 'struct', dataStore: true, needsRedundancy: true, asyncEnd: true,
        doc: 'An append-only event store: the source of truth of an event-sourced component.',
        ruleAreas: ['event-sourcing'],
        snippet: { label: 'Event store' },
    },
    etl: {
        noun: 'ETL job', article: 'an', category: 'compute', icon: 'etl', symbol: 'class', serviceLike: true, needsRedundancy: true,
        doc: 'An extract-transform-load pipeline: reads `from:` a source, writes `to:` a sink.',
        ruleAreas: ['pipelines'],
        snippet: { label: 'ETL pipeline' },
    },
    batch: {
        noun: 'batch job', article: 'a', category: 'compute', icon: 'batch', symbol: 'class', serviceLike: true, needsRedundancy: true,
        doc: 'A batch job that processes accumulated work on a `schedule:` or threshold (`every: 1000 items`).',
        ruleAreas: ['pipelines'],
        snippet: { label: 'Batch job' },
    },
    stream: {
        noun: 'stream processor', article: 'a', category: 'compute', icon: 'stream', symbol: 'class', serviceLike: true, needsRedundancy: true, asyncEnd: true,
        doc: 'A stream processor that consumes a channel or event store continuously (`window:`).',
        ruleAreas: ['pipelines'],
        snippet: { label: 'Stream processor' },
    },
    orchestrator: {
        noun: 'orchestrator', article: 'an', category: 'compute', icon: 'orchestrator', symbol: 'class', serviceLike: true, needsRedundancy: true,
        doc: 'A workflow orchestrator that coordinates steps across services (`stateStore:`, `compensation:`).',
        ruleAreas: ['orchestration'],
        snippet: { label: 'Orchestrator' },
    },
    peer: {
        noun: 'peer', article: 'a', category: 'outside', icon: 'peer', symbol: 'class',
        doc: 'A peer in a peer-to-peer network: talks to other peers directly (`discovery:`).',
        ruleAreas: ['peer-to-peer'],
        snippet: { label: 'Peer', description: 'Peer (peer-to-peer node)' },
    },
    idp: {
        noun: 'identity provider', article: 'an', category: 'security', icon: 'idp', symbol: 'class', needsRedundancy: true,
        doc: 'An identity provider (e.g. Keycloak, Auth0) that authenticates users and issues tokens.',
        snippet: { label: 'Identity provider' },
    },
    external: {
        noun: 'external system', article: 'an', category: 'outside', icon: 'external', symbol: 'class',
        doc: 'A system outside the model\'s control (a payment provider, a SaaS API).',
        snippet: { label: 'External system' },
    },
} as const satisfies Record<string, ComponentKindInfo>;

/** A component kind keyword: `client`, `gateway`, `eventstore`… */
export type ComponentKind = keyof typeof KINDS;

/** Every component kind, in the order of the grammar. */
export const COMPONENT_KINDS = Object.keys(KINDS) as readonly ComponentKind[];

/** The table: what Archway knows about each kind. */
export const COMPONENT_KIND_INFO: Readonly<Record<ComponentKind, ComponentKindInfo>> = KINDS;

/** True for a component kind keyword. */
export function isComponentKind(word: string): word is ComponentKind {
    return Object.prototype.hasOwnProperty.call(KINDS, word);
}

/** The row of a kind; undefined for a word that is not one (an unknown kind, `topic`, `zone`). */
export function kindInfo(kind: string): ComponentKindInfo | undefined {
    return isComponentKind(kind) ? KINDS[kind] : undefined;
}

/** The kinds with a trait, in table order. */
export function kindsWith(trait: keyof KindTraits): readonly ComponentKind[] {
    return COMPONENT_KINDS.filter(kind => (KINDS[kind] as KindTraits)[trait] === true);
}

/** True when `kind` is a component kind with the trait. */
export function hasTrait(kind: string, trait: keyof KindTraits): boolean {
    return kindInfo(kind)?.[trait] === true;
}

/** The noun of a kind in messages (`load balancer`); the word itself for anything else (`topic`). */
export function kindNoun(kind: string): string {
    return kindInfo(kind)?.noun ?? kind;
}

/** The noun with its article: `an identity provider`, `a gateway`. */
export function kindPhrase(kind: string): string {
    const info = kindInfo(kind);
    return info ? `${info.article} ${info.noun}` : `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}
