/**
 * A flow's request in words, with a figure per call: `browser → api 99.99 % → orders 99.5 %
 * → [ordersDb 99.5 %, payments 99.9 %]`. A call with several calls below it lists them in
 * brackets, separated by `,` when made one after another and by `|` when made in parallel (a
 * composition gateway); a CDN's calls are its misses.
 */
import type { FlowFigures, RequestNode } from './flow-figures.js';
import { formatAvailability, formatMilliseconds, formatShare } from './format.js';
import type { NumberSource } from './source.js';

/** The request as a path, each call labelled by `label`. */
export function describeRequest(root: RequestNode, label: (node: RequestNode) => string): string {
    const out: string[] = [];
    const stack: (RequestNode | string)[] = [root];
    while (stack.length > 0) {
        const item = stack.pop()!;
        if (typeof item === 'string') {
            out.push(item);
            continue;
        }
        out.push(label(item));
        const children = item.children;
        if (children.length === 0) continue;
        if (children.length === 1) {
            stack.push(children[0], ' → ');
            continue;
        }
        const parts: (RequestNode | string)[] = [' → ['];
        children.forEach((child, i) => parts.push(...(i > 0 ? [item.parallel ? ' | ' : ', '] : []), child));
        parts.push(']');
        for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    }
    return out.join('');
}

/** `edge 99.9 % (90 % hits)`, `browser`, `ordersDb (again)`. */
function availabilityLabel(source: NumberSource, node: RequestNode): string {
    const component = source.component(node.element);
    if (node.repeat) return `${node.element} (again)`;
    if (!component || component.basis === 'client') return node.element;
    return `${node.element} ${formatAvailability(node.availability)}${hits(node)}`;
}

/** `api 25ms` (the hop into it and its own latency), `api ?` when neither is known. */
function latencyLabel(source: NumberSource, node: RequestNode): string {
    const component = source.component(node.element);
    if (node.step === undefined && (component?.latency === undefined)) return node.element;
    return `${node.element} ${node.latency === undefined ? '?' : formatMilliseconds(node.latency)}${hits(node)}`;
}

function hits(node: RequestNode): string {
    return node.hitRatio !== undefined && node.children.length > 0 ? ` (${formatShare(node.hitRatio)} hits)` : '';
}

/** The request with each call's availability. */
export function describeAvailability(source: NumberSource, figures: FlowFigures): string {
    return figures.root ? describeRequest(figures.root, node => availabilityLabel(source, node)) : '';
}

/** The request with each call's latency (hop plus the callee's own). */
export function describeLatency(source: NumberSource, figures: FlowFigures): string {
    return figures.root ? describeRequest(figures.root, node => latencyLabel(source, node)) : '';
}

/** `orders -> ordersDb`: the step that reaches a node. */
export function stepText(node: RequestNode): string {
    return node.step ? `${node.step.source} -> ${node.step.target}` : node.element;
}
