import { analyze, Describe, finding, opOf, refProp } from '../analysis.js';
import { defineRule } from '../define.js';

/** An event-sourced component with nowhere to keep its events. */
export const eventSourcingWithoutEventStore = defineRule({
    id: 'event-sourcing-without-event-store',
    area: 'event-sourcing',
    severity: 'error',
    title: 'An event-sourced component has no event store.',
    rationale: 'Event sourcing derives state from an append-only log of events; the log is the source of truth. Without an event store there is nothing to replay, audit or rebuild from.',
    fires: 'A component with `eventSourced: true` has no `eventStore:` and no `op: append` connection to an `eventstore`.',
    fix: 'Add an event store and set `eventStore:`.',
    examples: {
        invalid: 'service ledger { eventSourced: true }',
        valid: 'service ledger { eventSourced: true  eventStore: events }\neventstore events { replicas: 3 }',
    },
}, (model) => {
    const a = analyze(model);
    return model.components
        .filter(c => !c.hasUnresolvedReferences && c.properties.get('eventSourced')?.value.type === 'boolean' && (c.properties.get('eventSourced')!.value as { value: boolean }).value)
        .filter(c => refProp(c.properties, 'eventStore').length === 0)
        .filter(c => !a.outgoing(c.id).some(x => opOf(x) === 'append' && a.components.get(x.target)?.kind === 'eventstore'))
        .map(c => finding('event-sourcing-without-event-store', 'error', c.properties.get('eventSourced')!.location,
            `${Describe(c)} is event-sourced but has no event store; set eventStore: or append to an eventstore.`,
            { elements: [c.id], data: { component: c.id } }));
});
