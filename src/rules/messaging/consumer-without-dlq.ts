import { boolProp, finding } from '../analysis.js';
import { defineRule } from '../define.js';

/** Consumed channels with no dead-letter handling. */
export const consumerWithoutDlq = defineRule({
    id: 'consumer-without-dlq',
    area: 'messaging',
    severity: 'info',
    title: 'A queue or subscribed topic has no dead-letter handling.',
    rationale: 'A message that always fails (a poison message) is retried forever and blocks the queue, or is dropped and lost. A dead-letter channel parks it for inspection.',
    fires: 'A `queue`, or a `topic` with a subscriber, has no `deadLetter: true`, and neither does its broker.',
    fix: 'Insert `deadLetter: true` in the broker.',
    examples: {
        invalid: 'broker bus {\n  queue jobs\n}\nservice worker\nservice api\napi ~> bus.jobs\nbus.jobs ~> worker',
        valid: 'broker bus {\n  queue jobs\n  deadLetter: true\n}\nservice worker\nservice api\napi ~> bus.jobs\nbus.jobs ~> worker',
    },
}, (model) => model.channels
    .filter(ch => ch.kind === 'queue' || ch.subscribers.length > 0)
    .filter(ch => boolProp(ch.properties, 'deadLetter') !== true)
    .filter(ch => { const b = model.elements.get(ch.broker); return !(b?.type === 'component' && (boolProp(b.properties, 'deadLetter') === true || b.hasUnresolvedReferences)); })
    .map(ch => finding('consumer-without-dlq', 'info', ch.nameLocation,
        `The ${ch.kind} '${ch.id}' has no dead-letter channel; a message that keeps failing is retried forever or lost.`,
        { elements: [ch.id], data: { channel: ch.id, broker: ch.broker } })));
