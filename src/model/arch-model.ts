/**
 * `ArchModel`: the plain, typed graph every downstream stage reads (rules, diagram, CLI).
 * Built from the AST of a document and everything it imports by `build-model.ts`;
 * no Langium type appears here.
 */
import { kindsWith, type ComponentKind } from './component-kinds.js';
import type { FixIntent } from './fix-intent.js';

/** A zero-based position, as in LSP. */
export interface Position {
    line: number;
    character: number;
}

/** A zero-based, end-exclusive range, as in LSP. */
export interface Range {
    start: Position;
    end: Position;
}

/** A range in a specific file. */
export interface SourceLocation {
    /** Document URI (`file:///…`). */
    uri: string;
    range: Range;
}

export { COMPONENT_KINDS, type ComponentKind } from './component-kinds.js';

export type Trust = 'public' | 'edge' | 'private';
export const TRUST_LEVELS: readonly Trust[] = ['public', 'edge', 'private'];

export type ChannelKind = 'topic' | 'queue';

/** `->` is synchronous request-response; `~>` is asynchronous. */
export type ConnectionStyle = 'sync' | 'async';

export type Direction = 'right' | 'down' | 'left' | 'up';

/** Protocols that encrypt in transit. Everything else is plaintext to the rules. */
export const TLS_PROTOCOLS: ReadonlySet<string> = new Set([
    'https', 'grpcs', 'wss', 'tls', 'sql+tls', 'amqps', 'mqtts', 'kafka+tls', 'rediss', 'mtls', 'sftp', 'ssh', 'ldaps', 'smtps', 'doh', 'dot',
]);

/** Kinds that do work on requests: they can sit in sync chains and cycles (the kinds table's `serviceLike`). */
export const SERVICE_LIKE_KINDS: ReadonlySet<ComponentKind> = new Set(kindsWith('serviceLike'));

/** Kinds that keep data (the kinds table's `dataStore`). */
export const DATA_STORE_KINDS: ReadonlySet<ComponentKind> = new Set(kindsWith('dataStore'));

// ---------------------------------------------------------------- property values

interface ValueBase {
    /** Where the value is written. */
    location: SourceLocation;
    /** The value as written, e.g. `15m`, `"postgres"`, `jwt`. */
    text: string;
}

export interface NumberPropertyValue extends ValueBase { type: 'number'; value: number }
export interface BooleanPropertyValue extends ValueBase { type: 'boolean'; value: boolean }
export interface StringPropertyValue extends ValueBase { type: 'string'; value: string }
/** A duration in milliseconds (`250ms 30s 15m 1h 7d`). */
export interface DurationPropertyValue extends ValueBase { type: 'duration'; milliseconds: number }
/** A rate normalised to events per second (`100/s`, `6000/min`). */
export interface RatePropertyValue extends ValueBase { type: 'rate'; perSecond: number }
/** A percentage (`99.9%`), 0–100 as written. */
export interface PercentPropertyValue extends ValueBase { type: 'percent'; percent: number }
/** A count of things (`1000 items`). */
export interface QuantityPropertyValue extends ValueBase { type: 'quantity'; amount: number; unit: string }
/** One of a closed set of words (`geo`, `denylist`, `public`). */
export interface EnumPropertyValue extends ValueBase { type: 'enum'; value: string }
/** A reference to another element by id; `target` is undefined when it did not resolve. */
export interface ReferencePropertyValue extends ValueBase { type: 'reference'; target: string | undefined }
/** A mode word with its own settings: `auth: jwt { expiry: 15m }`. */
export interface ModePropertyValue extends ValueBase { type: 'mode'; mode: string; properties: PropertyMap }
export interface ListPropertyValue extends ValueBase { type: 'list'; items: PropertyValue[] }
export interface BlockPropertyValue extends ValueBase { type: 'block'; properties: PropertyMap }

export type PropertyValue =
    | NumberPropertyValue | BooleanPropertyValue | StringPropertyValue | DurationPropertyValue
    | RatePropertyValue | PercentPropertyValue | QuantityPropertyValue | EnumPropertyValue | ReferencePropertyValue
    | ModePropertyValue | ListPropertyValue | BlockPropertyValue;

export interface Property {
    name: string;
    value: PropertyValue;
    /** The whole `name: value`. */
    location: SourceLocation;
    /** Just the name. */
    nameLocation: SourceLocation;
}

/** Properties by name, in source order. Only properties with a valid value appear here. */
export type PropertyMap = ReadonlyMap<string, Property>;

// ---------------------------------------------------------------- elements

/** `@allow(rule-id, "reason")`. */
export interface Allow {
    rule: string;
    reason: string | undefined;
    location: SourceLocation;
}

interface ElementBase {
    /** Unique in the model. Components and zones: their name; channels: `broker.channel`. */
    id: string;
    label: string | undefined;
    /** The whole declaration. */
    location: SourceLocation;
    /** Just the declared name: the narrowest range for findings about the element. */
    nameLocation: SourceLocation;
    allows: Allow[];
}

export interface Component extends ElementBase {
    type: 'component';
    kind: ComponentKind;
    /** Innermost zone id, if any. */
    zone: string | undefined;
    /** Zone ids from outermost to innermost. */
    zonePath: string[];
    /** Effective trust: the innermost zone's, else `public` for clients and `private` for the rest. */
    trust: Trust;
    properties: PropertyMap;
    /** Ids of this broker's channels (empty for other kinds). */
    channels: string[];
    /** True when one of this component's own references failed to resolve; rules skip it. */
    hasUnresolvedReferences: boolean;
}

export interface Zone extends ElementBase {
    type: 'zone';
    /** Declared trust, else the enclosing zone's, else `private`. */
    trust: Trust;
    /** True when the zone declares `trust:` itself. */
    trustDeclared: boolean;
    parent: string | undefined;
    zones: string[];
    components: string[];
    properties: PropertyMap;
}

export interface Channel extends ElementBase {
    type: 'channel';
    kind: ChannelKind;
    /** The channel's own name (without the broker prefix). */
    name: string;
    broker: string;
    properties: PropertyMap;
    /** Ids of `~>` connections into the channel. */
    publishers: string[];
    /** Ids of `~>` connections out of the channel. */
    subscribers: string[];
}

export type Element = Component | Zone | Channel;

// ---------------------------------------------------------------- connections

export interface Connection {
    /** Stable id: `source->target`, `source~>target`, with `#n` for repeats. */
    id: string;
    source: string;
    target: string;
    style: ConnectionStyle;
    /** How it was written: `a -> b`, `-> b` in a body, or a gateway `route`. */
    origin: 'connection' | 'body' | 'route';
    /** Route path for `route "/p" -> x`. */
    path: string | undefined;
    protocol: string | undefined;
    /** True for TLS protocols, false for plaintext ones, undefined when no protocol is written. */
    tls: boolean | undefined;
    label: string | undefined;
    properties: PropertyMap;
    allows: Allow[];
    location: SourceLocation;
    /** True when an end did not resolve (such connections are left out of `connections`). */
    hasUnresolvedReferences: boolean;
}

// ---------------------------------------------------------------- views and flows

export interface View {
    id: string;
    label: string | undefined;
    /** True when the view was not declared (the implicit `overview`). */
    implicit: boolean;
    includeAll: boolean;
    includes: string[];
    excludes: string[];
    direction: Direction | undefined;
    /** Zones the view always draws as one box (`collapse: [zone, …]`), until expanded in the preview. */
    collapse: string[];
    /** Draw relationships that properties state (`origin:`, `from:`/`to:`, session `store:`, …) as edges (`implied:`, default true). */
    showImplied: boolean;
    /** Draw the dotted "trusts" edges from token consumers to their `issuer:` (`trusts:`, default true). */
    showTrusts: boolean;
    location: SourceLocation | undefined;
}

export interface FlowStep {
    /** 1-based step number. */
    index: number;
    source: string;
    target: string;
    style: ConnectionStyle;
    protocol: string | undefined;
    label: string | undefined;
    /** The declared connection the step follows, when there is one. */
    connection: string | undefined;
    location: SourceLocation;
}

export interface Flow {
    id: string;
    label: string | undefined;
    steps: FlowStep[];
    /** Typed properties of the flow (`slo: { availability: 99.9%  latency: 300ms }`). */
    properties: PropertyMap;
    location: SourceLocation;
    /** Just the flow's name. */
    nameLocation: SourceLocation;
}

// ---------------------------------------------------------------- findings

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RelatedLocation {
    location: SourceLocation;
    message: string;
}

/**
 * A problem found while building the model or by a rule. `code` is the rule id
 * (`duplicate-id`, `gateway-bypass`, …).
 */
export interface Finding {
    code: string;
    severity: Severity;
    message: string;
    location: SourceLocation;
    related: RelatedLocation[];
    /** Model element ids the finding is about (for diagram badges). */
    elements: string[];
    /** LSP tags: 1 = unnecessary, 2 = deprecated. */
    tags?: number[];
    /** Data a quick fix needs (e.g. `{ suggestion: 'replicas' }`). */
    data?: Record<string, unknown>;
    /** Quick fixes the rule proposes, as changes to the model (the editor turns them into text edits). */
    fixes?: FixIntent[];
}

// ---------------------------------------------------------------- what is deployed

/** A workload of the deployment files named in `archway.json` (`"deployment"`), for the drift rules. */
export interface DeployedWorkload {
    /** `name`, or `namespace/name` in Kubernetes. */
    key: string;
    /** The name as deployed. */
    name: string;
    namespace: string | undefined;
    /** What declares it: `Deployment`, `StatefulSet`, `Compose service`, `Ingress`, … */
    object: string;
    /** The kind `archway import` gives it (from its image, ports and object). */
    kind: ComponentKind;
    /** Instances, when the files fix a number (not for DaemonSets and global services). */
    replicas: number | undefined;
    /** Why it is reachable from outside (`Service web (type LoadBalancer)`); empty when it is not. */
    exposures: string[];
    /** Where it is declared (the line of the object). */
    location: SourceLocation;
}

/** What the deployment files of a model say runs. */
export interface Deployment {
    /** The sources as `archway.json` names them (`k8s/`, `docker-compose.yml`). */
    sources: string[];
    workloads: DeployedWorkload[];
}

// ---------------------------------------------------------------- the model

export interface ArchModel {
    /** The `architecture "Name"` of the root file. */
    name: string | undefined;
    /** The file the model was built from. */
    rootUri: string;
    /** The root file and everything it imports, root first. */
    files: string[];
    components: Component[];
    zones: Zone[];
    channels: Channel[];
    connections: Connection[];
    views: View[];
    flows: Flow[];
    /** Every element by id. */
    elements: ReadonlyMap<string, Element>;
    /** Connection ids leaving each element id, in source order. */
    outgoing: ReadonlyMap<string, Connection[]>;
    /** Connection ids entering each element id, in source order. */
    incoming: ReadonlyMap<string, Connection[]>;
    /** Problems found while building: duplicates, unresolved references, bad properties, imports. */
    problems: Finding[];
    /** What the deployment files named in `archway.json` say runs (absent without such files). */
    deployment?: Deployment;
}

/** True for components of a service-like kind (`serviceLike` in the kinds table). */
export function isServiceLike(element: Element | undefined): element is Component {
    return element?.type === 'component' && SERVICE_LIKE_KINDS.has(element.kind);
}

/** True for components of a data-store kind (`dataStore` in the kinds table). */
export function isDataStore(element: Element | undefined): element is Component {
    return element?.type === 'component' && DATA_STORE_KINDS.has(element.kind);
}
