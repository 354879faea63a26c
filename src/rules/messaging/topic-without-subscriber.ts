import { finding, relatedConnection } from '../analysis.js';
import { defineRule } from '../define.js';

/** Messages published into a channel nobody reads. */
export const topicWithoutSubscriber = defineRule({
    id: 'topic-without-subscriber',
    area: 'messaging',
    severity: 'warning',
    title: 'A topic or queue has publishers but no subscriber.',
    rationale: 'In pub-sub the publisher does not know its consumers, so nothing else notices when there are none: events pile up or vanish, and the feature they were meant to drive silently does not happen.',
    fires: 'A channel (`topic` or `queue` of a `broker`) has at least one `~>` publisher and no `~>` subscriber.',
    fix: 'Add a subscriber (`broker.topic ~> service`).',
    examples: {
        invalid: 'service orders\nbroker bus {\n  topic placed\n  deadLetter: true\n}\norders ~> bus.placed',
        valid: 'service orders\nservice billing\nbroker bus {\n  topic placed\n  deadLetter: true\n}\norders ~> bus.placed\nbus.placed ~> billing',
    },
}, (model) => model.channels
    .filter(ch => ch.publishers.length > 0 && ch.subscribers.length === 0)
    .map(ch => {
        const publishers = ch.publishers.map(id => model.connections.find(c => c.id === id)!).filter(Boolean);
        return finding('topic-without-subscriber', 'warning', ch.nameLocation,
            `The ${ch.kind} '${ch.id}' is published to by ${publishers.map(p => `'${p.source}'`).join(', ')} but nothing subscribes to it.`,
            { elements: [ch.id], related: publishers.map(p => relatedConnection(p, `'${p.source}' publishes here.`)), data: { channel: ch.id, publishers: publishers.map(p => p.source) } });
    }));
