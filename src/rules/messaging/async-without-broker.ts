import { analyze, arrow, finding } from '../analysis.js';
import { defineRule } from '../define.js';

const ASYNC_ENDS = new Set(['broker', 'eventstore', 'stream']);

/** A `~>` straight from service to service, with no broker in between. */
export const asyncWithoutBroker = defineRule({
    id: 'async-without-broker',
    area: 'messaging',
    severity: 'error',
    title: 'An asynchronous connection has no broker, channel, event store or stream at either end.',
    rationale: 'Asynchronous messaging needs something that holds the message while the consumer is busy or down. A `~>` directly between two services is either a synchronous call in disguise or a missing broker.',
    fires: 'A `~>` connection neither starts nor ends at a channel, a `broker`, an `eventstore` or a `stream`.',
    fix: 'Introduce a broker topic between the two ends.',
    examples: {
        invalid: 'service orders\nservice billing\norders ~> billing',
        valid: 'service orders\nservice billing\nbroker bus {\n  topic placed\n  deadLetter: true\n}\norders ~> bus.placed\nbus.placed ~> billing',
    },
}, (model) => {
    const a = analyze(model);
    const ok = (id: string): boolean => {
        const e = model.elements.get(id);
        return e?.type === 'channel' || (e?.type === 'component' && ASYNC_ENDS.has(e.kind));
    };
    return model.connections
        .filter(c => c.style === 'async' && !ok(c.source) && !ok(c.target))
        .filter(c => !a.components.get(c.source)?.hasUnresolvedReferences)
        .map(c => finding('async-without-broker', 'error', c.location,
            `The asynchronous connection '${arrow(c)}' has no broker in between; publish to a topic or queue that '${c.target}' subscribes to.`,
            { elements: [c.source, c.target], data: { connection: c.id, brokers: model.components.filter(b => b.kind === 'broker').map(b => b.id) } }));
});
