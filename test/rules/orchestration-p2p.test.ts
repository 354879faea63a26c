import { ruleTester } from './rule-tester.js';

ruleTester('orchestrator-single-point-of-failure', {
    valid: [
        { name: 'redundant with a state store', code: 'orchestrator o { replicas: 2  stateStore: st }\ndatabase st\nservice a\nservice b\no -> a\no -> b' },
        { name: 'coordinating one service', code: 'orchestrator o\nservice a\no -> a' },
    ],
    invalid: [
        {
            name: 'a single instance without state store',
            code: 'orchestrator o\nservice a\nservice b\no -> a\no -> b',
            errors: [{ message: "The orchestrator 'o' coordinates 'a', 'b' but runs as a single instance and has no stateStore for workflow state.", severity: 'warning', line: 1, text: 'o' }],
            output: 'orchestrator o { replicas: 2  stateStore: oState }\ndatabase oState "Workflow state" { replicas: 2 }\nservice a\nservice b\no -> a\no -> b',
        },
        {
            name: 'redundant but stateless',
            code: 'orchestrator o { ha: true }\nservice a\nservice b\no -> a\no ~> b',
            errors: [{ message: "The orchestrator 'o' coordinates 'a', 'b' but has no stateStore for workflow state." }],
        },
        {
            name: 'on a user path it is an error',
            code: 'client web\norchestrator o { stateStore: st }\ndatabase st\nservice a\nservice b\nweb -> o : https\no -> a\no -> b',
            errors: [{ message: /runs as a single instance, and user requests depend on it/, severity: 'error' }],
        },
        {
            name: 'the fix raises replicas and points at the existing database',
            code: 'orchestrator o { replicas: 1 }\nservice a\nservice b\ndatabase st\no -> a\no -> b',
            errors: [{ message: "The orchestrator 'o' coordinates 'a', 'b' but runs as a single instance and has no stateStore for workflow state." }],
            output: 'orchestrator o { replicas: 2  stateStore: st }\nservice a\nservice b\ndatabase st\no -> a\no -> b',
        },
    ],
});

ruleTester('orchestrator-without-compensation', {
    valid: [
        { name: 'compensation declared', code: 'orchestrator o { compensation: saga }\nservice a\nservice b\ndatabase x\ndatabase y\no -> a\no -> b\na -> x\nb -> y' },
        { name: 'writes to a single store', code: 'orchestrator o\nservice a\nservice b\ndatabase x\no -> a\no -> b\na -> x\nb -> x' },
        { name: 'reads do not count', code: 'orchestrator o\nservice a\nservice b\ndatabase x\ndatabase y\no -> a\no -> b\na -> x { op: read }\nb -> y' },
    ],
    invalid: [
        {
            name: 'two stores written by coordinated services',
            code: 'orchestrator o\nservice a\nservice b\ndatabase x\ndatabase y\no -> a\no -> b\na -> x\nb -> y',
            errors: [{ message: "The orchestrator 'o' drives writes to 'x', 'y' but declares no compensation for undoing completed steps when a later one fails.", severity: 'info', line: 1, text: 'o' }],
            output: 'orchestrator o { compensation: saga }\nservice a\nservice b\ndatabase x\ndatabase y\no -> a\no -> b\na -> x\nb -> y',
        },
    ],
});

ruleTester('p2p-without-discovery', {
    valid: [
        { name: 'discovery declared', code: 'peer a { discovery: dht }\npeer b\na -> b' },
        { name: 'a single peer', code: 'peer a\nservice s\na -> s' },
    ],
    invalid: [
        {
            name: 'two connected peers',
            code: 'peer a\npeer b\na -> b : tls',
            errors: [{ message: "The peers 'a', 'b' connect to each other but none declares discovery; set discovery: (dht, tracker, bootstrap, mdns).", severity: 'warning', line: 1, text: 'a' }],
            output: 'peer a { discovery: dht }\npeer b\na -> b : tls',
        },
        {
            name: 'one diagnostic per group of peers',
            code: 'peer a\npeer b\npeer c\npeer d\na -> b\nc -> d',
            errors: [{ line: 1 }, { line: 3 }],
        },
    ],
});

ruleTester('p2p-unauthenticated-peer-link', {
    valid: [
        { name: 'private peers are not judged', code: 'peer a\npeer b\na -> b : tcp' },
        { name: 'mutual TLS on a public link', code: 'zone net {\n  trust: public\n  peer a\n  peer b\n}\na -> b : tls { auth: mtls }' },
        { name: 'signed messages on both peers', code: 'zone net {\n  trust: public\n  peer a { signed: true }\n  peer b { signed: true }\n}\na -> b : tls' },
    ],
    invalid: [
        {
            name: 'plaintext across a public zone',
            code: 'zone net {\n  trust: public\n  peer a\n  peer b\n}\na -> b : tcp',
            errors: [{ message: "The peer link 'a -> b' touches a public zone and is plaintext (tcp) and unauthenticated.", severity: 'warning', line: 6, text: 'a -> b : tcp' }],
            output: 'zone net {\n  trust: public\n  peer a\n  peer b\n}\na -> b : tls { auth: mtls }',
        },
        {
            name: 'encrypted but unauthenticated',
            code: 'zone net {\n  trust: public\n  peer a\n}\npeer b\na -> b : tls',
            errors: [{ message: /has neither auth: mtls nor signed: true/ }],
        },
    ],
});
