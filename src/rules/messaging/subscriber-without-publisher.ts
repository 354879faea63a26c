import { boolProp, quotedList, relatedConnection } from '../analysis.js';
import { defineRule } from '../define.js';
import { closest } from '../../model/suggest.js';

/** A subscription to a channel nothing publishes to. */
export const subscriberWithoutPublisher = defineRule({
    id: 'subscriber-without-publisher',
    area: 'messaging',
    severity: 'warning',
    title: 'A topic or queue has subscribers but nothing publishes to it.',
    rationale: 'A consumer of a channel nobody publishes to waits forever: usually a renamed topic, a missing publish, or a producer outside the model that should be marked `external: true`.',
    fires: 'A channel has at least one `~>` subscriber, no `~>` publisher, and neither it nor its broker is `external: true`.',
    fix: 'Rename the subscription to the nearest channel that has publishers.',
    examples: {
        invalid: 'service billing\nbroker bus {\n  topic placed\n  deadLetter: true\n}\nbus.placed ~> billing',
        valid: 'service billing\nbroker bus {\n  topic placed { external: true }\n  deadLetter: true\n}\nbus.placed ~> billing',
    },
}, (model, { finding }) => {
    const live = model.channels.filter(ch => ch.publishers.length > 0).map(ch => ch.id);
    return model.channels
        .filter(ch => ch.subscribers.length > 0 && ch.publishers.length === 0 && boolProp(ch.properties, 'external') !== true)
        .filter(ch => { const b = model.elements.get(ch.broker); return !(b?.type === 'component' && boolProp(b.properties, 'external') === true); })
        .map(ch => {
            // A channel's subscribers are the connections leaving it.
            const subscribers = (model.outgoing.get(ch.id) ?? []).filter(c => ch.subscribers.includes(c.id));
            const suggestion = closest(ch.id, live);
            return finding(ch.nameLocation,
                `The ${ch.kind} '${ch.id}' is consumed by ${quotedList(subscribers.map(s => s.target))} but nothing publishes to it${suggestion ? `; did you mean '${suggestion}'?` : '; add a publisher or mark it external: true.'}`,
                { elements: [ch.id], related: subscribers.map(s => relatedConnection(s, `'${s.target}' subscribes here.`)) });
        });
});
