import { boolProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';

/** Consumed channels with no dead-letter handling. */
export const consumerWithoutDlq = defineRule({
    id: 'consumer-without-dlq',
    area: 'messaging',
    severity: 'info',
    title: 'A queue or subscribed topic has no dead-letter handling.',
    rationale: 'A message that always fails (a poison message) is retried forever and blocks the queue, or is dropped and lost. A dead-letter channel parks it for inspection.',
    fires: 'A `queue`, or a `topic` with a subscriber, has no `deadLetter: true`, and neither does its broker.',
    fix: 'Insert `deadLetter: true` in the broker.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'broker bus {\n  queue jobs\n}\nservice worker\nservice api\napi ~> bus.jobs\nbus.jobs ~> worker',
        valid: 'broker bus {\n  queue jobs\n  deadLetter: true\n}\nservice worker\nservice api\napi ~> bus.jobs\nbus.jobs ~> worker',
    },
}, (model, { finding }) => model.channels
    .filter(ch => ch.kind === 'queue' || ch.subscribers.length > 0)
    .filter(ch => boolProp(ch.properties, 'deadLetter') !== true)
    .flatMap(ch => {
        const broker = model.elements.get(ch.broker);
        if (broker?.type === 'component' && (boolProp(broker.properties, 'deadLetter') === true || broker.hasUnresolvedReferences)) return [];
        return [finding(ch.nameLocation,
            `The ${ch.kind} '${ch.id}' has no dead-letter channel; a message that keeps failing is retried forever or lost.`,
            { elements: [ch.id], fixes: broker?.type === 'component' ? [fix('Insert deadLetter: true in the broker', setProperty(broker, 'deadLetter', 'true'))] : [] })];
    }));
