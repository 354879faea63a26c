/**
 * Components not hidden in a collapsed zone: a box with label, kind and technology, and key
 * facts; a broker with topics or queues in the view is a container of them.
 */
import type { ArchModel, Component, Property } from '../../model/arch-model.js';
import { measureNode, quantize, TOPIC_FONT, TOPIC_HEIGHT, TOPIC_TEXT_X } from '../diagram-model.js';
import { techIconOfValues, TECH_PROPERTIES } from '../tech-icons.js';
import { textWidth } from '../text-metrics.js';
import type { ViewSelection } from '../view-selection.js';
import type { CollapsePlan } from './collapse-plan.js';
import { makeNode, type DiagramGraph } from './diagram-graph.js';

/** At most this many facts on a box. */
const FACT_LIMIT = 4;

/**
 * Adds the component nodes; `protocols` are the brokers' shared protocols (said once on the
 * broker, see `broker-protocols.ts`).
 */
export function addComponentNodes(graph: DiagramGraph, model: ArchModel, selection: ViewSelection, plan: CollapsePlan,
    protocols: ReadonlyMap<string, string> = new Map(), trusted: ReadonlyMap<string, readonly string[]> = new Map()): void {
    const channelsByBroker = new Map<string, string[]>();
    for (const id of selection.channels) {
        const channel = model.elements.get(id);
        if (channel?.type !== 'channel') continue;
        const list = channelsByBroker.get(channel.broker) ?? [];
        list.push(id);
        channelsByBroker.set(channel.broker, list);
    }
    for (const id of selection.components) {
        const component = model.elements.get(id);
        if (component?.type !== 'component' || plan.zoneOf(id) !== undefined) continue;
        const parent = component.zonePath.length > 0 ? component.zonePath[component.zonePath.length - 1] : undefined;
        const label = component.label ?? component.id;
        const subtitle = subtitleOf(component);
        const allChannels = channelsByBroker.get(id) ?? [];
        const collapsed = plan.brokers.has(id);
        const channels = collapsed ? [] : allChannels;
        const facts = [
            ...(collapsed ? [channelCount(model, allChannels)] : []),
            ...(protocols.has(id) ? [protocols.get(id)!] : []),
            ...(trusted.has(id) ? [`trusted by ${trusted.get(id)!.length}`] : []),
            factsOf(component),
        ].filter(Boolean).join(' · ');
        const compound = channels.length > 0;
        const size = compound ? { width: 0, height: 0 } : measureNode(label, subtitle, facts);
        graph.addNode(makeNode({
            id, parent: parent && graph.hasNode(parent) ? parent : undefined, role: collapsed ? 'collapsed-broker' : 'component', kind: component.kind,
            compound, label, subtitle, facts, trust: component.trust, width: size.width, height: size.height,
            trustedBy: (trusted.get(id) ?? []).map(truster => labelOf(model, truster)),
            tech: techIconOfValues(TECH_PROPERTIES.map(name => textOf(prop(component, name))))?.slug,
        }));
        for (const channelId of channels) addChannelNode(graph, model, channelId, component);
    }
}

/** A component's label, or its id. */
function labelOf(model: ArchModel, id: string): string {
    const element = model.elements.get(id);
    return element?.type === 'component' ? element.label ?? element.id : id;
}

/** `16 topics`, `3 queues`, `5 channels` (topics and queues mixed). */
function channelCount(model: ArchModel, channels: readonly string[]): string {
    const kinds = new Set(channels.map(id => { const c = model.elements.get(id); return c?.type === 'channel' ? c.kind : undefined; }));
    const [kind] = kinds;
    const noun = kinds.size === 1 && kind ? kind : 'channel';
    return `${channels.length} ${noun}${channels.length === 1 ? '' : 's'}`;
}

/** A topic or queue inside its broker. */
function addChannelNode(graph: DiagramGraph, model: ArchModel, channelId: string, broker: Component): void {
    const channel = model.elements.get(channelId);
    if (channel?.type !== 'channel') return;
    const label = channel.label ?? channel.name;
    graph.addNode(makeNode({
        id: channelId, parent: broker.id, role: 'channel', kind: channel.kind, compound: false,
        label, subtitle: channel.kind, facts: '', trust: broker.trust,
        width: quantize(Math.max(90, TOPIC_TEXT_X + textWidth(label, TOPIC_FONT) + 12)), height: TOPIC_HEIGHT,
    }));
}

function prop(component: Component, name: string): Property | undefined {
    return component.properties.get(name);
}

/** A property's value as written (a string without its quotes). */
function textOf(property: Property | undefined): string | undefined {
    const value = property?.value;
    return value?.type === 'string' ? value.value : value?.text;
}

/** Kind and technology: `database · postgres`. */
function subtitleOf(component: Component): string {
    const text = textOf(prop(component, 'technology') ?? prop(component, 'engine'));
    return text ? `${component.kind} · ${text}` : component.kind;
}

/** Key facts of a component, short: `×3 · auth jwt · rate 100/s`. */
function factsOf(component: Component): string {
    const facts: string[] = [];
    const replicas = prop(component, 'replicas')?.value;
    if (replicas?.type === 'number') facts.push(`×${replicas.value}`);
    const auth = prop(component, 'auth')?.value;
    if (auth) {
        const mode = auth.type === 'mode' ? auth.mode : auth.type === 'enum' ? auth.value : auth.text;
        facts.push(mode === 'none' ? 'no auth' : `auth ${mode}`);
    }
    const rate = prop(component, 'rateLimit')?.value;
    if (rate) facts.push(`rate ${rate.text}`);
    if (component.kind === 'gateway' || component.kind === 'cdn') {
        const cache = prop(component, 'cache')?.value;
        if (cache && !(cache.type === 'boolean' && !cache.value)) facts.push(`cache ${cache.type === 'boolean' ? 'on' : cache.text}`);
    }
    const ttl = prop(component, 'ttl')?.value;
    if (ttl) facts.push(`ttl ${ttl.text}`);
    const waf = prop(component, 'waf')?.value;
    if (waf?.type === 'boolean' && waf.value) facts.push('WAF');
    const dlq = prop(component, 'deadLetter')?.value;
    if (dlq?.type === 'boolean' && dlq.value) facts.push('DLQ');
    return facts.slice(0, FACT_LIMIT).join(' · ');
}
