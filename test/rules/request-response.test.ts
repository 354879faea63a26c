import { ruleTester } from './rule-tester.js';

ruleTester('sync-cycle', {
    valid: [
        { name: 'a chain', code: 'service a\nservice b\nservice c\na -> b\nb -> c' },
        { name: 'a loop through a data store is not a call cycle', code: 'service a\ndatabase d\na -> d\nd -> a' },
        { name: 'a loop broken by async messaging', code: 'service a\nservice b\nbroker bus { topic t }\na -> b\nb ~> bus.t\nbus.t ~> a' },
    ],
    invalid: [
        {
            name: 'two services calling each other',
            code: 'service a\nservice b\na -> b : grpcs\nb -> a : grpcs',
            errors: [{ message: 'Synchronous call cycle: a -> b -> a; make one hop asynchronous through a broker.', severity: 'error', line: 4, text: 'b -> a : grpcs' }],
        },
        {
            name: 'a self-loop',
            code: 'service a {\n  -> a\n}',
            errors: [{ message: "'a' calls itself synchronously ('a -> a'); make the call asynchronous or remove it.", line: 2 }],
        },
        {
            name: 'one diagnostic per cycle, on the last connection declared',
            code: 'service a\nservice b\nservice c\nservice x\nservice y\na -> b\nb -> c\nc -> a\nx -> y\ny -> x',
            errors: [{ message: 'Synchronous call cycle: a -> b -> c -> a; make one hop asynchronous through a broker.', line: 8 }, { message: /x -> y -> x|y -> x -> y/, line: 10 }],
        },
        {
            name: 'a three-service cycle through a gateway route does not count the gateway',
            code: 'gateway g {\n  route "/a" -> a\n}\nservice a\nservice b\na -> b\nb -> a',
            errors: [{ line: 7 }],
        },
    ],
});

const chain = (n: number): string => {
    const names = Array.from({ length: n }, (_, i) => `s${i}`);
    return ['client web', ...names.map(s => `service ${s}`), `web -> ${names[0]} : https`, ...names.slice(1).map((s, i) => `${names[i]} -> ${s} : grpcs`)].join('\n');
};

ruleTester('sync-chain-too-deep', {
    valid: [
        { name: 'four hops is the limit', code: chain(5) },
        { name: 'the hop into a data store does not count', code: `${chain(5)}\ndatabase db\ns4 -> db` },
        { name: 'a deep chain no entry point reaches', code: chain(7).replace('web -> s0 : https', '') },
        { name: 'a higher maxDepth', code: chain(7), settings: { 'sync-chain-too-deep': { severity: 'warning', options: { maxDepth: 6 } } } },
    ],
    invalid: [
        {
            name: 'five hops',
            code: chain(6),
            errors: [{ message: 'The synchronous chain web -> s0 -> s1 -> s2 -> s3 -> s4 -> s5 has 5 service-to-service hops, more than the maximum of 4; make the tail asynchronous or add a cache.', severity: 'warning', line: 13, text: 's4 -> s5 : grpcs' }],
        },
        {
            name: 'a lower maxDepth',
            code: chain(4),
            settings: { 'sync-chain-too-deep': { severity: 'warning', options: { maxDepth: 2 } } },
            errors: [{ message: /has 3 service-to-service hops, more than the maximum of 2/ }],
        },
        {
            name: 'a fan-out at the end is one problem',
            code: `${chain(6)}\nservice s6\ns4 -> s6 : grpcs`,
            errors: [{ text: 's4 -> s5 : grpcs' }],
        },
    ],
});

ruleTester('sync-call-without-timeout', {
    valid: [
        { name: 'a timeout on the call', code: 'service a\nservice b\na -> b : grpcs { timeout: 2s }' },
        { name: 'a default timeout on the caller', code: 'service a { timeout: 1s }\nservice b\na -> b : grpcs' },
        { name: 'calls into data stores are not judged', code: 'service a\ndatabase b\na -> b : sql+tls' },
    ],
    invalid: [
        {
            name: 'no timeout',
            code: 'service a\nservice b\na -> b : grpcs',
            errors: [{ message: "The synchronous call 'a -> b' has no timeout; a slow 'b' ties up 'a' indefinitely.", severity: 'info', line: 3, text: 'a -> b : grpcs' }],
            output: 'service a\nservice b\na -> b : grpcs { timeout: 2s }',
        },
        {
            name: "the fix inserts into the connection's block",
            code: 'service a\nservice b\na -> b : grpcs { retries: 2 }',
            errors: [{ message: "The synchronous call 'a -> b' has no timeout; a slow 'b' ties up 'a' indefinitely." }],
            output: 'service a\nservice b\na -> b : grpcs { retries: 2  timeout: 2s }',
        },
        {
            name: 'a body connection: the fix gives it a block',
            code: 'service a {\n  -> b : grpcs\n}\nservice b',
            errors: [{ message: "The synchronous call 'a -> b' has no timeout; a slow 'b' ties up 'a' indefinitely." }],
            output: 'service a {\n  -> b : grpcs { timeout: 2s }\n}\nservice b',
        },
    ],
});
