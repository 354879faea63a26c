/**
 * Shared, per-model derived facts the rules read: typed property accessors, entry points,
 * trust, redundancy, and the sync/async graphs with reachability from entry points.
 * Computed once per model (cached) so that every rule stays linear.
 */
import {
    isDataStore, isServiceLike,
    type ArchModel, type Channel, type Component, type Connection, type Element, type Property,
    type PropertyMap, type PropertyValue, type RelatedLocation, type Zone,
} from '../model/arch-model.js';
import { hasTrait, kindNoun } from '../model/component-kinds.js';
import { breadthFirst, digraph, dominators, pathTo, type Digraph, type Reachability } from './graph/digraph.js';

// ---------------------------------------------------------------- property accessors

/** The value of a property, if set with a valid value. */
export function prop(properties: PropertyMap, name: string): PropertyValue | undefined {
    return properties.get(name)?.value;
}

export function boolProp(properties: PropertyMap, name: string): boolean | undefined {
    const value = prop(properties, name);
    return value?.type === 'boolean' ? value.value : undefined;
}

export function numberProp(properties: PropertyMap, name: string): number | undefined {
    const value = prop(properties, name);
    return value?.type === 'number' ? value.value : undefined;
}

/** Milliseconds of a duration property. */
export function durationProp(properties: PropertyMap, name: string): number | undefined {
    const value = prop(properties, name);
    return value?.type === 'duration' ? value.milliseconds : undefined;
}

/** Enum or string word of a property. */
export function wordProp(properties: PropertyMap, name: string): string | undefined {
    const value = prop(properties, name);
    if (value?.type === 'enum' || value?.type === 'string') return value.value;
    if (value?.type === 'boolean') return String(value.value);
    return undefined;
}

/** Resolved reference targets of a property (a single reference or a list of them). */
export function refProp(properties: PropertyMap, name: string): string[] {
    return referenceTargets(prop(properties, name));
}

function referenceTargets(value: PropertyValue | undefined): string[] {
    if (!value) return [];
    if (value.type === 'reference') return value.target !== undefined ? [value.target] : [];
    if (value.type === 'list') return value.items.flatMap(referenceTargets);
    return [];
}

/** Every resolved reference anywhere in a property map (nested modes and blocks included). */
export function allReferences(properties: PropertyMap): string[] {
    const result: string[] = [];
    const visit = (value: PropertyValue): void => {
        if (value.type === 'reference' && value.target !== undefined) result.push(value.target);
        else if (value.type === 'list') value.items.forEach(visit);
        else if (value.type === 'mode' || value.type === 'block') for (const p of value.properties.values()) visit(p.value);
    };
    for (const p of properties.values()) visit(p.value);
    return result;
}

/** `auth:` of a component or connection: the mode word and its settings. */
export interface AuthSetting {
    mode: string;
    property: Property;
    settings: PropertyMap;
}

export function authOf(properties: PropertyMap): AuthSetting | undefined {
    const property = properties.get('auth');
    if (!property) return undefined;
    const value = property.value;
    if (value.type === 'mode') return { mode: value.mode, property, settings: value.properties };
    if (value.type === 'enum' || value.type === 'string') return { mode: value.value, property, settings: new Map() };
    return undefined;
}

/** True when the properties declare an authentication mode other than `none`. */
export function authenticates(properties: PropertyMap): boolean {
    const auth = authOf(properties);
    return auth !== undefined && auth.mode !== 'none';
}

/**
 * True when requests over a connection out of a gateway or load balancer are authenticated there:
 * by the route's own `auth:` when it sets one (`auth: none` opens the route), else by the
 * gateway's.
 */
export function authenticatesHop(from: Component, connection: Connection): boolean {
    const own = authOf(connection.properties);
    return own ? own.mode !== 'none' : authenticates(from.properties);
}

/** True for a component or route marked `public: true` (anonymous on purpose). */
export function isPublic(properties: PropertyMap): boolean {
    return boolProp(properties, 'public') === true;
}

/** `replicas:` (1 when unset). */
export function replicas(component: Component): number {
    return numberProp(component.properties, 'replicas') ?? 1;
}

/**
 * Redundant: `replicas >= 2`, `ha: true`, or a kind that is redundant by default (`redundantByDefault`
 * in the kinds table: dns, cdn, storage, and `function`: serverless platforms run functions on as
 * many instances as needed) unless it says `replicas: 1`.
 */
export function isRedundant(component: Component): boolean {
    if (hasTrait(component.kind, 'redundantByDefault')) return numberProp(component.properties, 'replicas') === undefined || replicas(component) >= 2;
    return replicas(component) >= 2 || boolProp(component.properties, 'ha') === true;
}

/** `external: true`. */
export function isExternal(element: Element): boolean {
    return 'properties' in element && boolProp(element.properties, 'external') === true;
}

/** Ops a connection declares; undefined when it has no `op`. */
export function opOf(connection: Connection): string | undefined {
    return wordProp(connection.properties, 'op');
}

/** True when a connection writes (explicit write/readwrite/append/delete, or no `op` at all). */
export function writes(connection: Connection): boolean {
    const op = opOf(connection);
    return op === undefined || op !== 'read';
}

// ---------------------------------------------------------------- descriptions

/** `the gateway 'api'`, `the topic 'bus.orders'`. */
export function describe(element: Element | undefined, id?: string): string {
    if (!element) return `'${id ?? '?'}'`;
    if (element.type === 'component') return `the ${kindNoun(element.kind)} '${element.id}'`;
    if (element.type === 'channel') return `the ${element.kind} '${element.id}'`;
    return `the zone '${element.id}'`;
}

/** Capitalised `describe`. */
export function Describe(element: Element | undefined, id?: string): string {
    const text = describe(element, id);
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `a -> b` / `a ~> b`. */
export function arrow(connection: Connection): string {
    return `${connection.source} ${connection.style === 'async' ? '~>' : '->'} ${connection.target}`;
}

// ---------------------------------------------------------------- related places

/** Related information pointing at an element's name. */
export function relatedElement(element: Element, message?: string): RelatedLocation {
    return { location: element.nameLocation, message: message ?? `${Describe(element)} is involved.` };
}

export function relatedConnection(connection: Connection, message?: string): RelatedLocation {
    return { location: connection.location, message: message ?? `The connection '${arrow(connection)}'.` };
}

// ---------------------------------------------------------------- the analysis

/** Derived facts about one model; get it with `analyze(model)`. */
export class Analysis {
    readonly components = new Map<string, Component>();
    /** Node index of each component and channel in the graphs. */
    readonly index = new Map<string, number>();
    /** Element of each node index. */
    readonly nodes: (Component | Channel)[] = [];
    /**
     * Entry points: clients outside any zone or in a public zone, and every component in a public
     * zone (their trust is `public`). A client inside a private or edge zone (a load generator, an
     * operator's tool) is internal traffic.
     */
    readonly entries: Component[] = [];
    /** Sync connections between components (routes included), aligned with `sync.successors`. */
    readonly sync: Digraph;
    readonly syncConnections: Connection[][];
    /** Sync and async connections (through channels; a channel also leads to its broker). */
    readonly flow: Digraph;
    readonly flowConnections: (Connection | undefined)[][];
    private syncReach?: Reachability;
    private flowReach?: Reachability;
    private gatewayReach?: Reachability;
    private dominated?: Int32Array;

    constructor(readonly model: ArchModel) {
        for (const c of model.components) {
            this.components.set(c.id, c);
            this.index.set(c.id, this.nodes.length);
            this.nodes.push(c);
            if (c.trust === 'public') this.entries.push(c);
        }
        for (const ch of model.channels) {
            this.index.set(ch.id, this.nodes.length);
            this.nodes.push(ch);
        }
        const n = this.nodes.length;
        this.syncConnections = Array.from({ length: n }, () => []);
        this.flowConnections = Array.from({ length: n }, () => []);
        const syncEdges: [number, number][] = [];
        const flowEdges: [number, number][] = [];
        for (const connection of model.connections) {
            const from = this.index.get(connection.source);
            const to = this.index.get(connection.target);
            if (from === undefined || to === undefined) continue;
            if (connection.style === 'sync' && this.components.has(connection.source) && this.components.has(connection.target)) {
                syncEdges.push([from, to]);
                this.syncConnections[from].push(connection);
            }
            flowEdges.push([from, to]);
            this.flowConnections[from].push(connection);
        }
        for (const ch of model.channels) {
            const from = this.index.get(ch.id)!;
            const to = this.index.get(ch.broker);
            if (to === undefined) continue;
            flowEdges.push([from, to]);
            this.flowConnections[from].push(undefined);
        }
        this.sync = digraph(n, syncEdges);
        this.flow = digraph(n, flowEdges);
    }

    /** True for entry points: components whose trust is public (clients outside zones, anything in a public zone). */
    isEntry(element: Element | undefined): boolean {
        return element?.type === 'component' && element.trust === 'public';
    }

    /**
     * True when a connection carries traffic in the clear: its protocol is a plaintext one, it is
     * not a DNS resolution or lookup (unless the DNS says `encrypted: true`), and its ends are not
     * both inside a zone whose platform encrypts traffic (`mtls: true`).
     */
    isPlaintext(connection: Connection): boolean {
        return connection.tls === false && !this.isDnsHop(connection) && this.meshZoneOf(connection) === undefined;
    }

    /**
     * A DNS resolution (a connection from a `dns`) or an ordinary lookup (to a `dns`, or over
     * the `dns` protocol); a lookup to a DNS with `encrypted: true` is held to encryption.
     */
    isDnsHop(connection: Connection): boolean {
        const source = this.endpoint(connection.source);
        const target = this.endpoint(connection.target);
        if (source?.kind === 'dns') return true;
        if (target?.kind === 'dns') return boolProp(target.properties, 'encrypted') !== true;
        return connection.protocol === 'dns';
    }

    /** The outermost zone with `mtls: true` that holds both ends of the connection, if any. */
    meshZoneOf(connection: Connection): Zone | undefined {
        const source = this.endpoint(connection.source);
        const target = this.endpoint(connection.target);
        if (!source || !target) return undefined;
        for (const id of source.zonePath) {
            const zone = this.model.elements.get(id);
            if (zone?.type === 'zone' && boolProp(zone.properties, 'mtls') === true && target.zonePath.includes(id)) return zone;
        }
        return undefined;
    }

    /** Trust of a component, or of a channel's broker. */
    trustOf(element: Element | undefined): string | undefined {
        if (!element) return undefined;
        if (element.type === 'channel') return this.components.get(element.broker)?.trust;
        return element.trust;
    }

    /** True when the connection crosses the public boundary: an end is an entry point, or it is a CDN→origin hop. */
    crossesPublicBoundary(connection: Connection): boolean {
        const source = this.endpoint(connection.source);
        const target = this.endpoint(connection.target);
        if (this.isEntry(source) || this.isEntry(target)) return true;
        return source?.kind === 'cdn' && connection.style === 'sync';
    }

    /** The component at a connection end (a channel's broker for channels). */
    endpoint(id: string): Component | undefined {
        const element = this.model.elements.get(id);
        if (element?.type === 'channel') return this.components.get(element.broker);
        return element?.type === 'component' ? element : undefined;
    }

    /** BFS over sync connections from all entry points. */
    get syncFromEntries(): Reachability {
        this.syncReach ??= breadthFirst(this.sync, this.entries.map(e => this.index.get(e.id)!));
        return this.syncReach;
    }

    /** BFS over sync and async connections (async delivery through channels) from all entry points. */
    get flowFromEntries(): Reachability {
        this.flowReach ??= breadthFirst(this.flow, this.entries.map(e => this.index.get(e.id)!));
        return this.flowReach;
    }

    /**
     * For each node, how many other nodes every path from the entry points (over sync and async
     * connections) must pass through it to reach: the size of its dominator subtree minus one.
     */
    get dominatedCounts(): Int32Array {
        if (this.dominated) return this.dominated;
        const idom = dominators(this.flow, this.entries.map(e => this.index.get(e.id)!));
        const n = this.nodes.length;
        const counts = new Int32Array(n);
        // Children before parents: process nodes by decreasing BFS distance (a dominator is never farther than what it dominates).
        const order = [...Array(n).keys()].filter(v => idom[v] !== -2).sort((x, y) => this.flowFromEntries.distance[y] - this.flowFromEntries.distance[x]);
        for (const v of order) {
            const parent = idom[v];
            if (parent >= 0) counts[parent] += counts[v] + 1;
        }
        this.dominated = counts;
        return counts;
    }

    /** True when a sync path from an entry point reaches the element (entry points reach themselves). */
    onUserPath(id: string): boolean {
        const i = this.index.get(id);
        return i !== undefined && this.syncFromEntries.distance[i] >= 0;
    }

    /** Example sync path from an entry point to the element, as ids. */
    userPath(id: string): string[] {
        const i = this.index.get(id);
        return i === undefined ? [] : pathTo(this.syncFromEntries, i).map(v => this.nodes[v].id);
    }

    /** BFS over sync connections from every gateway (the path's first node is the gateway that reaches a node first). */
    syncReachFromGateways(): Reachability {
        this.gatewayReach ??= breadthFirst(this.sync,
            this.model.components.filter(c => c.kind === 'gateway').map(g => this.index.get(g.id)!),
            v => !this.isEntry(this.nodes[v]) || this.nodes[v].type !== 'component' || (this.nodes[v] as Component).kind === 'gateway');
        return this.gatewayReach;
    }

    /** Components with a sync path from `id` (not including `id` unless on a cycle). */
    syncReachableFrom(id: string): Reachability {
        return breadthFirst(this.sync, [this.index.get(id)!]);
    }

    /** Outgoing sync connections between components. */
    syncOut(id: string): Connection[] {
        const i = this.index.get(id);
        return i === undefined ? [] : this.syncConnections[i];
    }

    /** Incoming connections of an element. */
    incoming(id: string): Connection[] {
        return this.model.incoming.get(id) ?? [];
    }

    /** Outgoing connections of an element. */
    outgoing(id: string): Connection[] {
        return this.model.outgoing.get(id) ?? [];
    }

    serviceLike(id: string): Component | undefined {
        const c = this.components.get(id);
        return isServiceLike(c) ? c : undefined;
    }

    dataStore(id: string): Component | undefined {
        const c = this.components.get(id);
        return isDataStore(c) ? c : undefined;
    }

    /** Related information for a path of ids (each component's name). */
    relatedPath(ids: readonly string[], what = 'on the path'): RelatedLocation[] {
        // A long path keeps its first two and last two steps: where it starts and what it ends in.
        const shown = ids.length <= MAX_RELATED ? ids.map((_, i) => i) : [0, 1, ids.length - 2, ids.length - 1];
        return shown.map(i => {
            const element = this.model.elements.get(ids[i])!;
            // The first step says what the path is; the others just count (their diagnostic's message explains the path).
            const step = `Step ${i + 1}${ids.length > MAX_RELATED ? ` of ${ids.length}` : ''}${i === 0 ? ` ${what}` : ''}`;
            return { location: element.nameLocation, message: `${step}: ${describe(element)}.` };
        });
    }
}

/** At most this many related locations per finding (the editor lists them all under the diagnostic). */
export const MAX_RELATED = 5;

/** `'a', 'b', 'c'` — or `'a', 'b', 'c' and 12 more` past `max` names: messages stay one or two sentences. */
export function quotedList(ids: Iterable<string>, max = 3): string {
    const all = [...ids];
    const shown = all.slice(0, max).map(id => `'${id}'`).join(', ');
    return all.length > max ? `${shown} and ${all.length - max} more` : shown;
}

/** `a -> b -> c`, or `a -> b -> … (7 more) -> y -> z` for a path longer than `max` elements. */
export function pathText(ids: readonly string[], max = 5): string {
    if (ids.length <= max) return ids.join(' -> ');
    return [...ids.slice(0, 2), `… (${ids.length - 4} more)`, ...ids.slice(-2)].join(' -> ');
}

const cache = new WeakMap<ArchModel, Analysis>();

/** The (cached) analysis of a model. */
export function analyze(model: ArchModel): Analysis {
    let analysis = cache.get(model);
    if (!analysis) {
        analysis = new Analysis(model);
        cache.set(model, analysis);
    }
    return analysis;
}
