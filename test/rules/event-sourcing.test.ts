import { ruleTester } from './rule-tester.js';

ruleTester('event-sourcing-without-event-store', {
    valid: [
        { name: 'eventStore set', code: 'service ledger { eventSourced: true  eventStore: es }\neventstore es' },
        { name: 'an append connection', code: 'service ledger { eventSourced: true }\neventstore es\nledger -> es { op: append }' },
        { name: 'not event-sourced', code: 'service ledger { eventSourced: false }' },
    ],
    invalid: [
        {
            name: 'no store',
            code: 'service ledger {\n  eventSourced: true\n}',
            errors: [{ message: "The service 'ledger' is event-sourced but has no event store; set eventStore: or append to an eventstore.", severity: 'error', line: 2, text: 'eventSourced: true' }],
        },
        {
            name: 'a connection that does not append',
            code: 'service ledger { eventSourced: true }\neventstore es\nledger -> es { op: read }',
            errors: [{ line: 1 }],
        },
        {
            name: 'the fix points at the event store of the file',
            code: 'service ledger { eventSourced: true }\neventstore es',
            errors: [{ message: "The service 'ledger' is event-sourced but has no event store; set eventStore: or append to an eventstore." }],
            output: 'service ledger { eventSourced: true  eventStore: es }\neventstore es',
        },
        {
            name: 'the fix adds an event store when the file has none',
            code: 'service ledger { eventSourced: true }',
            errors: [{ message: "The service 'ledger' is event-sourced but has no event store; set eventStore: or append to an eventstore." }],
            output: 'service ledger { eventSourced: true  eventStore: events }\neventstore events "Event store" { replicas: 3 }',
        },
    ],
});

ruleTester('event-store-not-append-only', {
    valid: [
        { name: 'one appender', code: 'service a\neventstore es\na -> es { op: append }' },
        { name: 'readers do not count', code: 'service a\nservice b\neventstore es\na -> es { op: append }\nb -> es { op: read }' },
    ],
    invalid: [
        {
            name: 'an update',
            code: 'service a\neventstore es\na -> es { op: write }',
            errors: [{ message: "'a' updates the event store 'es' ('a -> es'); events are append-only, use op: append.", severity: 'error', line: 3, text: 'op: write' }],
            output: 'service a\neventstore es\na -> es { op: append }',
        },
        {
            name: 'a delete',
            code: 'service a\neventstore es\na -> es { op: delete }',
            errors: [{ message: /deletes from the event store 'es'/, severity: 'error' }],
        },
        {
            name: 'two services append',
            code: 'service a\nservice b\neventstore es\na -> es { op: append }\nb -> es { op: append }',
            errors: [{ message: "The event store 'es' is appended to by 'a', 'b'; one service should own the stream and others go through it.", severity: 'warning', line: 5 }],
            output: null,
        },
    ],
});
