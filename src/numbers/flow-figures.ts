/**
 * A flow's figures. Its synchronous steps from the first step's source form the request: a
 * tree of calls (a step hangs under the node of its source). Asynchronous steps, and what
 * follows them, are decoupled from the request and not counted. The tree gives the flow's
 * availability (each component once; a CDN weighs its miss path by the miss ratio) and its
 * latency (hops and components summed, a composition gateway's calls in parallel, a CDN's
 * miss path weighted).
 */
import type { Connection, Flow, FlowStep } from '../model/arch-model.js';
import { cdnAvailability, cdnLatency, fractionOf, parallelLatency, sequentialLatency, serialAvailability } from './formulas.js';
import type { NumberSource } from './source.js';

/** One call of the request: the element reached and the step that reaches it. */
export interface RequestNode {
    element: string;
    /** The step that calls it; undefined for the root (the first step's source). */
    step: FlowStep | undefined;
    connection: Connection | undefined;
    children: RequestNode[];
    /** The element appears earlier in the request: its availability is counted there. */
    repeat: boolean;
    /** The element's own availability as counted here (1 for repeats and clients). */
    availability: number;
    /** Hop latency plus the element's own latency, in ms; undefined when neither is known. */
    latency: number | undefined;
    /** Share of requests that reach it: the miss ratios of the CDNs above it multiplied. */
    share: number;
    /** Calls its children in parallel (a gateway with `composition: true`). */
    parallel: boolean;
    /** A CDN's hit ratio (its children are the miss path). */
    hitRatio: number | undefined;
}

/** The SLO a flow declares. */
export interface FlowSlo {
    /** A fraction (0.999 for `99.9%`). */
    availability: number | undefined;
    /** Milliseconds. */
    latency: number | undefined;
}

export interface FlowFigures {
    flow: Flow;
    /** The request's calls from the first step's source; undefined for a flow without steps. */
    root: RequestNode | undefined;
    /** Every node of the request, parents before children (flow order). */
    nodes: RequestNode[];
    /** Availability of the request (a fraction). */
    availability: number;
    /** Expected latency of the request in ms; undefined when nothing on it declares a latency. */
    latency: number | undefined;
    /** Elements and hops (`a -> b`) on the request with no latency (declared or assumed). */
    missingLatency: string[];
    /** Steps after an asynchronous hop: decoupled from the request, not counted. */
    decoupled: FlowStep[];
    /** The counted element with the lowest availability. */
    weakest: RequestNode | undefined;
    /** The step that adds the most latency (weighted by its share). */
    slowest: RequestNode | undefined;
    slo: FlowSlo;
}

/** The figures of a flow. */
export function flowFigures(source: NumberSource, flow: Flow): FlowFigures {
    const { root, nodes, decoupled } = requestTree(source, flow);
    const missingLatency: string[] = [];
    let declared = 0;
    for (const node of nodes) {
        const component = source.component(node.element);
        if (component?.latency !== undefined) declared++;
        else if (component && component.kind !== 'client') missingLatency.push(node.element);
        if (node.connection) {
            if (source.connection(node.connection).latency !== undefined) declared++;
            else missingLatency.push(`${node.connection.source} -> ${node.connection.target}`);
        }
    }
    const counted = nodes.filter(n => !n.repeat && source.component(n.element)?.basis !== 'client');
    const weakest = counted.reduce<RequestNode | undefined>((w, n) => (w === undefined || n.availability < w.availability ? n : w), undefined);
    const slowest = nodes.reduce<RequestNode | undefined>((s, n) => {
        const cost = (n.latency ?? 0) * n.share;
        return n.step !== undefined && cost > 0 && (s === undefined || cost > (s.latency ?? 0) * s.share) ? n : s;
    }, undefined);
    return {
        flow, root, nodes,
        availability: root ? evaluateAvailability(nodes) : 1,
        latency: root && declared > 0 ? evaluateLatency(nodes) : undefined,
        missingLatency, decoupled, weakest, slowest, slo: sloOf(flow),
    };
}

/** The request's calls as a tree, and the steps left out of it. */
function requestTree(source: NumberSource, flow: Flow): { root: RequestNode | undefined; nodes: RequestNode[]; decoupled: FlowStep[] } {
    const first = flow.steps[0];
    if (!first) return { root: undefined, nodes: [], decoupled: [] };
    const root = node(source, first.source, undefined, undefined, false, 1);
    const nodes = [root];
    const reached = new Map([[first.source, root]]);
    const decoupled: FlowStep[] = [];
    for (const step of flow.steps) {
        const parent = step.style === 'sync' ? reached.get(step.source) : undefined;
        if (!parent) {
            decoupled.push(step);
            continue;
        }
        const connection = step.connection !== undefined ? source.connectionById(step.connection) : undefined;
        const share = parent.hitRatio !== undefined ? parent.share * (1 - parent.hitRatio) : parent.share;
        const child = node(source, step.target, step, connection, reached.has(step.target), share);
        parent.children.push(child);
        nodes.push(child);
        if (!reached.has(step.target)) reached.set(step.target, child);
    }
    return { root, nodes, decoupled };
}

function node(source: NumberSource, element: string, step: FlowStep | undefined, connection: Connection | undefined, repeat: boolean,
    share: number): RequestNode {
    const component = source.component(element);
    const hop = connection ? source.connection(connection).latency : undefined;
    const own = component?.latency;
    return {
        element, step, connection, children: [], repeat, share,
        availability: repeat || !component ? 1 : component.availability,
        latency: hop === undefined && own === undefined ? undefined : (hop ?? 0) + (own ?? 0),
        parallel: component?.parallel ?? false,
        hitRatio: component?.kind === 'cdn' ? component.hitRatio : undefined,
    };
}

/** Availability bottom-up: the nodes are in flow order, so children come after their parents. */
function evaluateAvailability(nodes: readonly RequestNode[]): number {
    const value = new Map<RequestNode, number>();
    for (let i = nodes.length - 1; i >= 0; i--) {
        const n = nodes[i];
        const below = serialAvailability(n.children.map(c => value.get(c)!));
        value.set(n, n.hitRatio !== undefined && n.children.length > 0 ? cdnAvailability(n.availability, n.hitRatio, below) : n.availability * below);
    }
    return value.get(nodes[0])!;
}

/** Expected latency bottom-up (unknown latencies count as 0). */
function evaluateLatency(nodes: readonly RequestNode[]): number {
    const value = new Map<RequestNode, number>();
    for (let i = nodes.length - 1; i >= 0; i--) {
        const n = nodes[i];
        const calls = n.children.map(c => value.get(c)!);
        const below = n.parallel ? parallelLatency(calls) : sequentialLatency(calls);
        const own = n.latency ?? 0;
        value.set(n, n.hitRatio !== undefined ? cdnLatency(own, n.hitRatio, below) : own + below);
    }
    return value.get(nodes[0])!;
}

/** `slo: { availability latency }` of a flow. */
export function sloOf(flow: Flow): FlowSlo {
    const slo = flow.properties.get('slo')?.value;
    const settings = slo?.type === 'block' ? slo.properties : undefined;
    const availability = settings?.get('availability')?.value;
    const latency = settings?.get('latency')?.value;
    return {
        availability: availability?.type === 'percent' ? fractionOf(availability.percent) : undefined,
        latency: latency?.type === 'duration' ? latency.milliseconds : undefined,
    };
}
