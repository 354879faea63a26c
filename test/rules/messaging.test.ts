import { ruleTester } from './rule-tester.js';

ruleTester('topic-without-subscriber', {
    valid: [
        { name: 'a topic with a subscriber', code: 'service a\nservice b\nbroker bus { topic t }\na ~> bus.t\nbus.t ~> b' },
        { name: 'an unused topic is not judged', code: 'broker bus { topic t }' },
    ],
    invalid: [
        {
            name: 'published, never consumed',
            code: 'service orders\nbroker bus {\n  topic placed\n}\norders ~> bus.placed',
            errors: [{ message: "The topic 'bus.placed' is published to by 'orders' but nothing subscribes to it.", severity: 'warning', line: 3, text: 'placed' }],
        },
        {
            name: 'a queue with two publishers',
            code: 'service a\nservice b\nbroker bus {\n  queue jobs\n}\na ~> bus.jobs\nb ~> bus.jobs',
            errors: [{ message: "The queue 'bus.jobs' is published to by 'a', 'b' but nothing subscribes to it." }],
        },
        {
            name: 'the fix subscribes the only service that does not publish',
            code: 'service orders\nservice billing\nbroker bus {\n  topic placed\n}\norders ~> bus.placed',
            errors: [{ message: "The topic 'bus.placed' is published to by 'orders' but nothing subscribes to it." }],
            output: 'service orders\nservice billing\nbroker bus {\n  topic placed\n  deadLetter: true\n}\norders ~> bus.placed\nbus.placed ~> billing\n',
        },
    ],
});

ruleTester('subscriber-without-publisher', {
    valid: [
        { name: 'a published topic', code: 'service a\nservice b\nbroker bus { topic t }\na ~> bus.t\nbus.t ~> b' },
        { name: 'an external topic', code: 'service b\nbroker bus { topic t { external: true } }\nbus.t ~> b' },
        { name: 'an external broker', code: 'service b\nbroker bus {\n  external: true\n  topic t\n}\nbus.t ~> b' },
    ],
    invalid: [
        {
            name: 'consumed, never published',
            code: 'service billing\nbroker bus {\n  topic placed\n}\nbus.placed ~> billing',
            errors: [{ message: "The topic 'bus.placed' is consumed by 'billing' but nothing publishes to it; add a publisher or mark it external: true.", severity: 'warning', line: 3, text: 'placed' }],
        },
        {
            name: 'a near miss suggests the live topic',
            code: 'service a\nservice b\nbroker bus {\n  topic orderPlaced\n  topic orderPlace\n}\na ~> bus.orderPlaced\nbus.orderPlaced ~> b\nbus.orderPlace ~> b',
            errors: [{ message: /did you mean 'bus.orderPlaced'\?/, line: 5 }],
        },
    ],
});

ruleTester('async-without-broker', {
    valid: [
        { name: 'through a topic', code: 'service a\nservice b\nbroker bus { topic t }\na ~> bus.t\nbus.t ~> b' },
        { name: 'into an event store', code: 'service a\neventstore es\na ~> es' },
        { name: 'into a stream processor', code: 'service a\nstream s\na ~> s' },
        { name: 'to a broker itself', code: 'service a\nbroker bus\na ~> bus' },
    ],
    invalid: [
        {
            name: 'service to service',
            code: 'service orders\nservice billing\norders ~> billing',
            errors: [{ message: "The asynchronous connection 'orders ~> billing' has no broker in between; publish to a topic or queue that 'billing' subscribes to.", severity: 'error', line: 3, text: 'orders ~> billing' }],
            output: 'service orders\nservice billing\norders ~> events.ordersToBilling\nbroker events "Events" {\n  topic ordersToBilling\n  deadLetter: true\n  replicas: 2\n}\n\nevents.ordersToBilling ~> billing',
        },
        {
            name: 'written in a body',
            code: 'service orders {\n  ~> billing : amqps\n}\nservice billing',
            errors: [{ line: 2, text: '~> billing : amqps' }],
        },
        {
            name: 'a body connection: the fix publishes through a new topic of the existing broker',
            code: 'service orders {\n  ~> billing\n}\nservice billing\nbroker bus {\n  topic other\n}',
            errors: [{ message: "The asynchronous connection 'orders ~> billing' has no broker in between; publish to a topic or queue that 'billing' subscribes to." }],
            output: 'service orders {\n  ~> bus.ordersToBilling\n}\nbus.ordersToBilling ~> billing\nservice billing\nbroker bus {\n  topic other\n  topic ordersToBilling\n  deadLetter: true\n}',
        },
    ],
});

ruleTester('consumer-without-dlq', {
    valid: [
        { name: 'dead letters on the broker', code: 'service b\nservice a\nbroker bus {\n  topic t\n  deadLetter: true\n}\na ~> bus.t\nbus.t ~> b' },
        { name: 'dead letters on the topic', code: 'service b\nservice a\nbroker bus {\n  topic t { deadLetter: true }\n}\na ~> bus.t\nbus.t ~> b' },
        { name: 'a topic nobody consumes', code: 'service a\nbroker bus { topic t }\na ~> bus.t' },
    ],
    invalid: [
        {
            name: 'a consumed topic',
            code: 'service b\nservice a\nbroker bus {\n  topic t\n}\na ~> bus.t\nbus.t ~> b',
            errors: [{ message: "The broker 'bus' has no dead-letter channel for 't'; a message that keeps failing is retried forever or lost.", severity: 'info', line: 3, text: 'bus' }],
        },
        {
            name: 'one finding per broker, not per topic, with the channels as related information',
            code: 'service b\nservice a\nbroker bus {\n  topic t1\n  topic t2\n  topic t3 { deadLetter: true }\n  queue q\n  topic unused\n}\na ~> bus.t1\na ~> bus.t2\na ~> bus.t3\nbus.t1 ~> b\nbus.t2 ~> b\nbus.t3 ~> b',
            errors: [{ message: "The broker 'bus' has no dead-letter channel for 't1', 't2', 'q'; a message that keeps failing is retried forever or lost.", severity: 'info', line: 3, text: 'bus' }],
            output: 'service b\nservice a\nbroker bus {\n  topic t1\n  topic t2\n  topic t3 { deadLetter: true }\n  queue q\n  topic unused\n  deadLetter: true\n}\na ~> bus.t1\na ~> bus.t2\na ~> bus.t3\nbus.t1 ~> b\nbus.t2 ~> b\nbus.t3 ~> b',
        },
        {
            name: 'many channels are counted',
            code: 'broker bus {\n  queue q1\n  queue q2\n  queue q3\n  queue q4\n}',
            errors: [{ message: "The broker 'bus' has no dead-letter channel for 4 consumed channels; a message that keeps failing is retried forever or lost." }],
        },
        {
            name: 'any queue',
            code: 'broker bus {\n  queue q\n}',
            errors: [{ message: /The broker 'bus' has no dead-letter channel for 'q'/ }],
            output: 'broker bus {\n  queue q\n  deadLetter: true\n}',
        },
    ],
});
