import { boolProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import type { Channel, Finding } from '../../model/arch-model.js';

/** Consumed channels with no dead-letter handling: one finding per broker, where the setting lives. */
export const consumerWithoutDlq = defineRule({
    id: 'consumer-without-dlq',
    area: 'messaging',
    severity: 'info',
    title: 'A broker has consumed channels without dead-letter handling.',
    rationale: 'A message that always fails (a poison message) is retried forever and blocks the queue, or is dropped and lost. A dead-letter channel parks it for inspection. Dead-lettering is usually one broker-level setting, so it is reported once per broker.',
    fires: 'A broker has queues, or topics with a subscriber, that have no `deadLetter: true` while the broker has none either: one info on the broker, listing those channels as related information.',
    fix: 'Insert `deadLetter: true` in the broker.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'broker bus {\n  queue jobs\n}\nservice worker\nservice api\napi ~> bus.jobs\nbus.jobs ~> worker',
        valid: 'broker bus {\n  queue jobs\n  deadLetter: true\n}\nservice worker\nservice api\napi ~> bus.jobs\nbus.jobs ~> worker',
    },
}, (model, { finding }) => {
    const result: Finding[] = [];
    for (const broker of model.components) {
        if (broker.kind !== 'broker' || broker.hasUnresolvedReferences || boolProp(broker.properties, 'deadLetter') === true) continue;
        const channels = broker.channels.map(id => model.elements.get(id)).filter((ch): ch is Channel =>
            ch?.type === 'channel' && (ch.kind === 'queue' || ch.subscribers.length > 0) && boolProp(ch.properties, 'deadLetter') !== true);
        if (channels.length === 0) continue;
        const names = channels.length <= 3 ? channels.map(ch => `'${ch.name}'`).join(', ') : `${channels.length} consumed channels`;
        result.push(finding(broker.properties.get('deadLetter')?.location ?? broker.nameLocation,
            `The broker '${broker.id}' has no dead-letter channel for ${names}; a message that keeps failing is retried forever or lost.`,
            {
                elements: [broker.id, ...channels.map(ch => ch.id)],
                related: channels.map(ch => ({ location: ch.nameLocation, message: `The ${ch.kind} '${ch.id}' is consumed without dead-lettering.` })),
                fixes: [fix('Insert deadLetter: true in the broker', setProperty(broker, 'deadLetter', 'true'))],
            }));
    }
    return result;
});
