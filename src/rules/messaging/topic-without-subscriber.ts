import { quotedList, relatedConnection } from '../analysis.js';
import { defineRule } from '../define.js';
import { addConnection, fix, type FixIntent } from '../fix.js';
import { deadLetterFor } from './dead-letter.js';
import { isServiceLike, type ArchModel, type Channel, type Component } from '../../model/arch-model.js';

/** Messages published into a channel nobody reads. */
export const topicWithoutSubscriber = defineRule({
    id: 'topic-without-subscriber',
    area: 'messaging',
    severity: 'warning',
    title: 'A topic or queue has publishers but no subscriber.',
    rationale: 'In pub-sub the publisher does not know its consumers, so nothing else notices when there are none: events pile up or vanish, and the feature they were meant to drive silently does not happen.',
    fires: 'A channel (`topic` or `queue` of a `broker`) has at least one `~>` publisher and no `~>` subscriber.',
    fix: 'Add a subscriber (`broker.topic ~> service`), with `deadLetter: true` on the broker when the channel has no dead-letter channel.',
    quickFix: ['add-connection', 'set-property'],
    examples: {
        invalid: 'service orders\nbroker bus {\n  topic placed\n  deadLetter: true\n}\norders ~> bus.placed',
        valid: 'service orders\nservice billing\nbroker bus {\n  topic placed\n  deadLetter: true\n}\norders ~> bus.placed\nbus.placed ~> billing',
    },
}, (model, { finding }) => {
    // Service-like components by file: a channel's candidates are looked up in its own file only.
    const serviceLikeIn = new Map<string, Component[]>();
    for (const c of model.components.filter(isServiceLike)) {
        const list = serviceLikeIn.get(c.location.uri);
        if (list) list.push(c);
        else serviceLikeIn.set(c.location.uri, [c]);
    }
    return model.channels.filter(ch => ch.publishers.length > 0 && ch.subscribers.length === 0).map(ch => {
        // A channel's publishers are the connections into it.
        const publishers = (model.incoming.get(ch.id) ?? []).filter(c => ch.publishers.includes(c.id));
        const sources = new Set(publishers.map(p => p.source));
        // Services of the channel's file that do not publish to it may subscribe (the first three are offered).
        const services: Component[] = [];
        for (const s of serviceLikeIn.get(ch.location.uri) ?? []) {
            if (sources.has(s.id)) continue;
            services.push(s);
            if (services.length === 3) break;
        }
        return finding(ch.nameLocation,
            `The ${ch.kind} '${ch.id}' is published to by ${quotedList(publishers.map(p => p.source))} but nothing subscribes to it.`,
            { elements: [ch.id], related: publishers.map(p => relatedConnection(p, `'${p.source}' publishes here.`)),
                fixes: services.slice(0, 3).map((s, i) => subscribe(model, ch, s, i === 0 && services.length === 1)) });
    });
});

/** `channel ~> service`, with `deadLetter: true` on the broker when the channel has no dead-letter channel yet. */
function subscribe(model: ArchModel, channel: Channel, service: Component, preferred: boolean): FixIntent {
    const broker = model.elements.get(channel.broker);
    const deadLetter = broker?.type === 'component' && broker.location.uri === channel.location.uri ? deadLetterFor(model, broker, channel) : [];
    const title = `Subscribe '${service.id}' to '${channel.id}'${deadLetter.length > 0 ? ` (with deadLetter: true on '${channel.broker}')` : ''}`;
    return fix(title, [addConnection({ source: channel.id, target: service.id, style: 'async' }), ...deadLetter], preferred);
}
