import { analyze, arrow, opOf, quotedList, refProp, relatedConnection, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { isServiceLike, type Finding } from '../../model/arch-model.js';

/** Updates or deletes in an event store, or several writers appending to one. */
export const eventStoreNotAppendOnly = defineRule({
    id: 'event-store-not-append-only',
    area: 'event-sourcing',
    severity: 'error',
    title: 'An event store is updated or deleted from, or appended to by several services.',
    rationale: 'Events are facts: rewriting or deleting them destroys the history that event sourcing exists to keep. And one store with several owners has no single service that guards its invariants.',
    fires: 'A connection into an `eventstore` has `op: write` or `op: delete`; a warning when two different service-like components append to the same store (`op: append` or `eventStore:`).',
    fix: 'Use `op: append`; go through the owning service.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service ledger\neventstore events\nledger -> events { op: write }',
        valid: 'service ledger\neventstore events\nledger -> events { op: append }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    // Services naming each store in `eventStore:` (one pass, not one scan of the model per store).
    const declaredBy = new Map<string, typeof model.components>();
    for (const s of model.components) {
        if (!isServiceLike(s)) continue;
        for (const id of refProp(s.properties, 'eventStore')) declaredBy.set(id, [...(declaredBy.get(id) ?? []), s]);
    }
    for (const store of model.components) {
        if (store.kind !== 'eventstore') continue;
        const incoming = a.incoming(store.id);
        for (const c of incoming) {
            const op = opOf(c);
            if ((op === 'write' || op === 'delete') && !a.components.get(c.source)?.hasUnresolvedReferences) {
                result.push(finding(c.properties.get('op')!.location,
                    `'${c.source}' ${op === 'write' ? 'updates' : 'deletes from'} the event store '${store.id}' ('${arrow(c)}'); events are append-only, use op: append.`,
                    { elements: [c.source, store.id], fixes: [fix('Change to op: append', setProperty(c, 'op', 'append'))] }));
            }
        }
        const appenders = new Map<string, { location: typeof store.location; connection?: typeof incoming[number] }>();
        for (const c of incoming) {
            if (opOf(c) === 'append' && isServiceLike(a.components.get(c.source)) && !appenders.has(c.source)) appenders.set(c.source, { location: c.location, connection: c });
        }
        for (const s of declaredBy.get(store.id) ?? []) {
            if (!appenders.has(s.id)) {
                appenders.set(s.id, { location: s.properties.get('eventStore')!.location });
            }
        }
        if (appenders.size < 2) continue;
        const [first, ...others] = [...appenders.entries()];
        const [, second] = others[0];
        result.push(finding(second.location,
            `The event store '${store.id}' is appended to by ${quotedList(appenders.keys())}; one service should own the stream and others go through it.`,
            {
                severity: 'warning',
                elements: [store.id, ...appenders.keys()],
                related: [first[1].connection ? relatedConnection(first[1].connection, `'${first[0]}' also appends here.`) : { location: first[1].location, message: `'${first[0]}' also appends here.` },
                    relatedElement(store, `The event store '${store.id}'.`)],
            }));
    }
    return result;
});
