import { analyze, Describe, opOf, refProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { addComponent, fix, freshId, setProperty, type FixIntent } from '../fix.js';
import type { ArchModel, Component } from '../../model/arch-model.js';

/** An event-sourced component with nowhere to keep its events. */
export const eventSourcingWithoutEventStore = defineRule({
    id: 'event-sourcing-without-event-store',
    area: 'event-sourcing',
    severity: 'error',
    title: 'An event-sourced component has no event store.',
    rationale: 'Event sourcing derives state from an append-only log of events; the log is the source of truth. Without an event store there is nothing to replay, audit or rebuild from.',
    fires: 'A component with `eventSourced: true` has no `eventStore:` and no `op: append` connection to an `eventstore`.',
    fix: 'Add an event store and set `eventStore:`.',
    quickFix: ['set-property', 'add-component'],
    examples: {
        invalid: 'service ledger { eventSourced: true }',
        valid: 'service ledger { eventSourced: true  eventStore: events }\neventstore events { replicas: 3 }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.components
        .filter(c => !c.hasUnresolvedReferences && c.properties.get('eventSourced')?.value.type === 'boolean' && (c.properties.get('eventSourced')!.value as { value: boolean }).value)
        .filter(c => refProp(c.properties, 'eventStore').length === 0)
        .filter(c => !a.outgoing(c.id).some(x => opOf(x) === 'append' && a.components.get(x.target)?.kind === 'eventstore'))
        .map(c => finding(c.properties.get('eventSourced')!.location,
            `${Describe(c)} is event-sourced but has no event store; set eventStore: or append to an eventstore.`,
            { elements: [c.id], fixes: [eventStoreFix(model, c)] }));
});

/** `eventStore:` the first event store of the component's file, or a new one. */
function eventStoreFix(model: ArchModel, component: Component): FixIntent {
    const store = model.components.find(s => s.kind === 'eventstore' && s.location.uri === component.location.uri);
    if (store) return fix(`Set eventStore: ${store.id}`, setProperty(component, 'eventStore', store.id));
    const id = freshId(model, 'events');
    return fix(`Add an event store '${id}'`, [
        setProperty(component, 'eventStore', id),
        addComponent({ kind: 'eventstore', id, label: 'Event store', members: ['replicas: 3'] }, component),
    ]);
}
