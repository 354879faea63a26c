import { analyze, arrow } from '../analysis.js';
import { defineRule } from '../define.js';
import { addChannel, addComponent, addConnection, fix, freshId, retargetConnection, type FixIntent } from '../fix.js';
import { deadLetterFor } from './dead-letter.js';
import type { ArchModel, Connection } from '../../model/arch-model.js';
import { hasTrait } from '../../model/component-kinds.js';

/** A `~>` straight from service to service, with no broker in between. */
export const asyncWithoutBroker = defineRule({
    id: 'async-without-broker',
    area: 'messaging',
    severity: 'error',
    title: 'An asynchronous connection has no broker, channel, event store or stream at either end.',
    rationale: 'Asynchronous messaging needs something that holds the message while the consumer is busy or down. A `~>` directly between two services is either a synchronous call in disguise or a missing broker.',
    fires: 'A `~>` connection neither starts nor ends at a channel, a `broker`, an `eventstore` or a `stream`.',
    fix: 'Introduce a broker topic between the two ends.',
    quickFix: ['add-channel', 'add-component', 'retarget-connection', 'add-connection', 'set-property'],
    examples: {
        invalid: 'service orders\nservice billing\norders ~> billing',
        valid: 'service orders\nservice billing\nbroker bus {\n  topic placed\n  deadLetter: true\n}\norders ~> bus.placed\nbus.placed ~> billing',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const ok = (id: string): boolean => isAsyncEnd(model, id);
    return model.connections
        .filter(c => c.style === 'async' && !ok(c.source) && !ok(c.target))
        .filter(c => !a.components.get(c.source)?.hasUnresolvedReferences)
        .map(c => finding(c.location,
            `The asynchronous connection '${arrow(c)}' has no broker in between; publish to a topic or queue that '${c.target}' subscribes to.`,
            { elements: [c.source, c.target], fixes: [throughTopic(model, c)] }));
});

/**
 * Publish through a topic `sourceToTarget`: on the first broker of the connection's file, or
 * on a new broker `events`; the connection publishes to it and the target subscribes (the
 * broker gets `deadLetter: true` when it has none: a subscribed topic needs one).
 */
function throughTopic(model: ArchModel, c: Connection): FixIntent {
    const topic = `${c.source}To${c.target.charAt(0).toUpperCase()}${c.target.slice(1)}`.replace(/[^\w]/g, '');
    const existing = model.components.find(b => b.kind === 'broker' && b.location.uri === c.location.uri);
    const broker = existing?.id ?? freshId(model, 'events');
    const channel = `${broker}.${topic}`;
    return fix(`Publish through the topic '${channel}'`, [
        existing ? addChannel(existing, topic) : addComponent({ kind: 'broker', id: broker, label: 'Events', members: [`topic ${topic}`, 'deadLetter: true', 'replicas: 2'] }),
        ...(existing ? deadLetterFor(model, existing) : []),
        retargetConnection(c, channel),
        addConnection({ source: channel, target: c.target, style: 'async' }, { after: c.location }),
    ]);
}

/** A channel, or a component that takes asynchronous messages itself (a broker, event store or stream). */
export function isAsyncEnd(model: ArchModel, id: string): boolean {
    const e = model.elements.get(id);
    return e?.type === 'channel' || (e?.type === 'component' && hasTrait(e.kind, 'asyncEnd'));
}
