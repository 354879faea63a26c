import { ruleTester } from './rule-tester.js';

ruleTester('stream-processor-without-source', {
    valid: [
        { name: 'subscribed to a topic', code: 'broker bus { topic t }\nstream s\nbus.t ~> s' },
        { name: 'from: set', code: 'eventstore es\nstream s { from: es }' },
        { name: 'fed by an event store', code: 'eventstore es\nstream s\nes ~> s' },
    ],
    invalid: [
        {
            name: 'no input',
            code: 'stream fraud',
            errors: [{ message: "The stream processor 'fraud' has no input: nothing streams into it from a topic or event store, and it has no from:.", severity: 'error', line: 1, text: 'fraud' }],
        },
        {
            name: 'a sync call is not a stream',
            code: 'service a\nstream s\na -> s',
            errors: [{ line: 2 }],
        },
    ],
});

ruleTester('etl-incomplete-pipeline', {
    valid: [
        { name: 'from and to', code: 'database a\ndatabase b\netl e { from: a  to: b }' },
        { name: 'connections with ops', code: 'database a\ndatabase b\netl e\ne -> a { op: read }\ne -> b { op: write }' },
        { name: 'unmarked connections are given the benefit of the doubt', code: 'database a\ndatabase b\netl e\ne -> a\ne -> b' },
        { name: 'fed by a topic and publishing', code: 'broker bus {\n  topic in\n  topic out\n}\netl e\nbus.in ~> e\ne ~> bus.out' },
    ],
    invalid: [
        {
            name: 'no sink',
            code: 'database a\netl e { from: a }',
            errors: [{ message: "The ETL job 'e' has no sink (to: or a write).", severity: 'error', line: 2, text: 'e' }],
        },
        {
            name: 'no source',
            code: 'database b\netl e { to: b }',
            errors: [{ message: "The ETL job 'e' has no source (from: or a read)." }],
        },
        {
            name: 'nothing',
            code: 'etl e',
            errors: [{ message: "The ETL job 'e' has neither a source (from:) nor a sink (to:)." }],
        },
    ],
});

ruleTester('batch-job-without-trigger', {
    valid: [
        { name: 'a schedule', code: 'batch b { schedule: "0 2 * * *" }' },
        { name: 'a threshold', code: 'batch b { every: 1000 items }' },
        { name: 'fed by a queue', code: 'broker bus { queue q }\nbatch b\nbus.q ~> b' },
        { name: 'called by a service', code: 'service s\nbatch b\ns -> b' },
        { name: 'reading a queue', code: 'broker bus { queue q }\nbatch b { from: bus.q }' },
    ],
    invalid: [
        {
            name: 'a batch job nothing starts',
            code: 'batch invoices',
            errors: [{ message: "The batch job 'invoices' has no schedule, no threshold (every:) and nothing calls or feeds it, so it never runs.", severity: 'warning', line: 1, text: 'invoices' }],
            output: 'batch invoices { schedule: "0 2 * * *" }',
        },
        {
            name: 'an ETL job nothing starts',
            code: 'database a\ndatabase b\netl e { from: a  to: b }',
            errors: [{ message: /The ETL job 'e' has no schedule/, line: 3 }],
        },
    ],
});

ruleTester('batch-in-request-path', {
    valid: [
        { name: 'enqueued work', code: 'client web\nservice api\nbroker bus { queue q }\nbatch b\nweb -> api : https\napi ~> bus.q\nbus.q ~> b' },
        { name: 'a call from a service no user reaches', code: 'service cron\nbatch b\ncron -> b' },
    ],
    invalid: [
        {
            name: 'a user-facing service waits for a batch job',
            code: 'client web\nservice api\nbatch b\nweb -> api : https\napi -> b : https',
            errors: [{ message: "'api' is on a user path and calls the batch job 'b' synchronously ('api -> b'); enqueue the work instead of waiting for it.", severity: 'warning', line: 5, text: 'api -> b : https' }],
        },
        {
            name: 'a client calls an ETL job directly',
            code: 'client web\netl e\nweb -> e : https',
            errors: [{ message: /calls the ETL job 'e' synchronously/ }],
        },
    ],
});

ruleTester('analytics-on-serving-database', {
    valid: [
        { name: 'a read replica', code: 'client web\nservice api\ndatabase db { readReplica: true }\netl e { from: db }\nweb -> api : https\napi -> db' },
        { name: 'no user-facing service uses the database', code: 'service internal\ndatabase db\netl e { from: db }\ninternal -> db' },
        { name: 'the job only writes to it', code: 'client web\nservice api\ndatabase db\netl e\nweb -> api : https\napi -> db\ne -> db { op: write }' },
    ],
    invalid: [
        {
            name: 'an ETL job reads the serving database',
            code: 'client web\nservice api\ndatabase db\netl e { from: db }\nweb -> api : https\napi -> db',
            errors: [{ message: "The ETL job 'e' reads the database 'db' (from: db), which 'api' uses to serve users; read from a replica or stream changes out instead.", severity: 'warning', line: 4, text: 'from: db' }],
        },
        {
            name: 'a batch job with a read connection',
            code: 'client web\nservice api\ndatabase db\nbatch b\nweb -> api : https\napi -> db\nb -> db { op: read }',
            errors: [{ message: /The batch job 'b' reads the database 'db'/, line: 7 }],
        },
    ],
});
