/**
 * What the rules of docs/numbers.md share: where a flow's objective is written, and the
 * replicas that would lift one component enough for a flow to meet its availability objective.
 */
import type { ArchModel, Component, Flow, Property } from '../../model/arch-model.js';
import type { FlowFigures } from '../../numbers/flow-figures.js';
import { redundantAvailability } from '../../numbers/formulas.js';
import type { ModelNumbers } from '../../numbers/model-numbers.js';

/** `availability:` or `latency:` inside a flow's `slo { … }`. */
export function sloProperty(flow: Flow, name: 'availability' | 'latency'): Property | undefined {
    const slo = flow.properties.get('slo');
    return slo?.value.type === 'block' ? slo.value.properties.get(name) : undefined;
}

/** The flow's name as messages start with it. */
export function flowName(flow: Flow): string {
    return flow.id;
}

/** Most replicas a quick fix proposes: beyond this, redundancy is not the answer. */
const MAX_REPLICAS = 5;

/**
 * The component of the flow's request, and its replicas, whose redundancy alone lifts the
 * flow to `target`: the weakest counted component that runs as independent instances, with
 * the fewest replicas (up to 5) that suffice. Undefined when no single change does.
 */
export function replicasToMeet(model: ArchModel, numbers: ModelNumbers, figures: FlowFigures, target: number): { component: Component; replicas: number } | undefined {
    const candidates = figures.nodes
        .filter(n => !n.repeat && n.share === 1)
        .map(n => ({ node: n, component: numbers.component(n.element) }))
        .filter(c => c.component?.basis === 'instances' && c.component.availability < 1)
        .sort((a, b) => a.component!.availability - b.component!.availability);
    for (const { node, component } of candidates) {
        const element = model.elements.get(node.element);
        if (element?.type !== 'component') continue;
        const others = figures.availability / component!.availability;
        for (let replicas = component!.instances + 1; replicas <= MAX_REPLICAS; replicas++) {
            if (others * redundantAvailability(component!.instanceAvailability, replicas) >= target) return { component: element, replicas };
        }
    }
    return undefined;
}
