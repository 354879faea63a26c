/**
 * The rules of docs/numbers.md on real parsed models: each reports the numbers and the path in
 * its message, stays quiet when the figures are met or unknown, and offers its quick fix where
 * one change is enough.
 */
import { ruleTester } from './rule-tester.js';

const CHECKOUT = (slo: string, orders = '') => `client browser
gateway api { availability: 99.99%  ha: true }
service orders${orders}
database ordersDb
browser -> api : https
api -> orders : grpcs { timeout: 2s }
orders -> ordersDb : sql+tls { timeout: 1s }
flow checkout {
  slo: { ${slo} }
  browser -> api
  api -> orders
  orders -> ordersDb
}`;

ruleTester('flow-below-availability-slo', {
    valid: [
        { name: 'an objective the path meets', code: CHECKOUT('availability: 98.9%') },
        { name: 'a flow without an objective', code: CHECKOUT('latency: 1s') },
        { name: 'redundancy lifts the path over it', code: CHECKOUT('availability: 99.9%', ' { replicas: 3 }').replace('database ordersDb', 'database ordersDb { ha: true }') },
        {
            name: 'an asynchronous step and what follows are decoupled from the request',
            code: 'client web\nservice api { replicas: 3 }\nbroker bus { replicas: 3  topic t }\nservice worker\nweb -> api : https\napi ~> bus.t\nbus.t ~> worker\nflow f {\n  slo: { availability: 99.9% }\n  web -> api\n  api ~> bus.t\n  bus.t ~> worker\n}',
        },
    ],
    invalid: [
        {
            name: 'two single instances at 99.5 % behind an ha gateway (the issue\'s example); no one component\'s replicas are enough: no quick fix',
            code: CHECKOUT('availability: 99.9%'),
            // 0.9999 × 0.995 × 0.995 = 0.98990…; even orders at 1 − 0.005⁵ leaves 0.9999 × 0.995 < 0.999.
            errors: [{
                message: "checkout: 98.99 % (browser → api 99.99 % → orders 99.5 % → ordersDb 99.5 %) is below its SLO of 99.9 %. The weakest is 'orders' (99.5 %).",
                severity: 'warning', line: 9, text: 'availability: 99.9%',
                fixes: [],
            }],
            output: null,
        },
        {
            name: 'the quick fix adds the fewest replicas that suffice',
            code: CHECKOUT('availability: 99.4%'),
            errors: [{ message: /^checkout: 98\.99 % .* below its SLO of 99\.4 %/ }],
            output: CHECKOUT('availability: 99.4%').replace('service orders', 'service orders { replicas: 2 }'),
        },
        {
            name: 'a CDN weighs its origin by the miss ratio',
            code: 'client web\ncdn edge { origin: site  hitRatio: 50% }\nstorage site\nweb -> edge : https\nedge -> site : https\nflow page {\n  slo: { availability: 99.9% }\n  web -> edge\n  edge -> site\n}',
            // 0.999 × (0.5 + 0.5 × 0.999) = 0.9985005
            errors: [{ message: "page: 99.85 % (web → edge 99.9 % (50 % hits) → site 99.9 %) is below its SLO of 99.9 %. The weakest is 'edge' (99.9 %)." }],
            output: null,
        },
    ],
});

ruleTester('flow-over-latency-slo', {
    valid: [
        { name: 'a sum under the objective', code: CHECKOUT('latency: 300ms').replace('service orders', 'service orders { latency: 100ms }') },
        { name: 'no latency declared anywhere: nothing to say', code: CHECKOUT('latency: 10ms') },
        {
            name: 'a composition gateway waits for the slowest branch, not the sum',
            code: 'client app\ngateway bff { composition: true }\nservice a { latency: 80ms }\nservice b { latency: 90ms }\napp -> bff : https\nbff -> a : grpcs { timeout: 1s }\nbff -> b : grpcs { timeout: 1s }\nflow f {\n  slo: { latency: 100ms }\n  app -> bff\n  bff -> a\n  bff -> b\n}',
        },
    ],
    invalid: [
        {
            name: 'hops and components summed',
            code: CHECKOUT('latency: 100ms').replace('service orders', 'service orders { latency: 30ms }').replace('database ordersDb', 'database ordersDb { latency: 60ms }')
                .replace('browser -> api : https', 'browser -> api : https { latency: 40ms }'),
            errors: [{
                message: "checkout: 130ms (browser → api 40ms → orders 30ms → ordersDb 60ms) is over its SLO of 100ms. The slowest step is 'orders -> ordersDb' (60ms). Without a latency (counted as 0): 'api', 'api -> orders', 'orders -> ordersDb'.",
                severity: 'warning', line: 9, text: 'latency: 100ms',
            }],
            output: null,
        },
        {
            name: 'a plain gateway calls one after another: the sum',
            code: 'client app\ngateway bff\nservice a { latency: 80ms }\nservice b { latency: 90ms }\napp -> bff : https\nbff -> a : grpcs { timeout: 1s }\nbff -> b : grpcs { timeout: 1s }\nflow f {\n  slo: { latency: 100ms }\n  app -> bff\n  bff -> a\n  bff -> b\n}',
            errors: [{ message: "f: 170ms (app → bff ? → [a 80ms, b 90ms]) is over its SLO of 100ms. The slowest step is 'bff -> b' (90ms). Without a latency (counted as 0): 'bff', 'app -> bff', 'bff -> a', 'bff -> b'." }],
        },
    ],
});

const CHAIN = (outer: string, inner: string) => `service api\nservice orders\ndatabase db\napi -> orders : grpcs { ${outer} }\norders -> db : sql+tls { ${inner} }`;

ruleTester('timeout-budget-exceeded', {
    valid: [
        { name: 'the caller waits longer than the callee', code: CHAIN('timeout: 3s', 'timeout: 2s') },
        { name: 'nothing known below the callee', code: CHAIN('timeout: 1s', 'retries: 2') },
        { name: 'a caller without a timeout (sync-call-without-timeout reports it)', code: CHAIN('retries: 1', 'timeout: 2s') },
    ],
    invalid: [
        {
            name: 'the gateway gives up after 1s while the service waits 2s on its database (the issue\'s example)',
            code: CHAIN('timeout: 1s', 'timeout: 2s'),
            errors: [{
                message: "'api -> orders' gives up after 1s, but 'orders' may spend 2s ('orders -> db' waits up to 2s): the work goes on for a request nobody waits for.",
                severity: 'warning', line: 4, text: 'api -> orders : grpcs { timeout: 1s }',
                fixes: ['Set timeout: 2.5s'],
            }],
            output: CHAIN('timeout: 2.5s', 'timeout: 2s'),
        },
        {
            name: 'retries multiply the callee\'s wait, and its own latency adds',
            code: CHAIN('timeout: 2s', 'timeout: 800ms  retries: 2').replace('service orders', 'service orders { latency: 20ms }'),
            errors: [{ message: "'api -> orders' gives up after 2s, but 'orders' may spend 2.42s (its own latency is 20ms and 'orders -> db' waits up to 3 × 800ms = 2.4s): the work goes on for a request nobody waits for." }],
            output: CHAIN('timeout: 2.5s', 'timeout: 800ms  retries: 2').replace('service orders', 'service orders { latency: 20ms }'),
        },
        {
            name: 'the caller\'s default timeout counts, and a callee without a timeout passes its callee\'s wait up',
            code: 'service api { timeout: 1s }\nservice orders\nservice stock\ndatabase db\napi -> orders : grpcs\norders -> stock : grpcs { latency: 5ms }\nstock -> db : sql+tls { timeout: 2s }',
            errors: [
                { message: "'api -> orders' gives up after 1s (the default timeout of 'api'), but 'orders' may spend 2s ('orders -> stock' has no timeout and may take 2s, as 'stock -> db' waits up to 2s): the work goes on for a request nobody waits for.", line: 5 },
            ],
            output: 'service api { timeout: 1s }\nservice orders\nservice stock\ndatabase db\napi -> orders : grpcs { timeout: 2.5s }\norders -> stock : grpcs { latency: 5ms }\nstock -> db : sql+tls { timeout: 2s }',
        },
    ],
});

ruleTester('retry-amplification', {
    valid: [
        { name: 'retries at one layer', code: CHAIN('timeout: 3s  retries: 3', 'timeout: 500ms') },
        { name: 'three attempts twice is 9, within 10', code: CHAIN('timeout: 3s  retries: 2', 'timeout: 500ms  retries: 2') },
        { name: 'a higher threshold', code: CHAIN('timeout: 3s  retries: 3', 'timeout: 500ms  retries: 3'), settings: { 'retry-amplification': { severity: 'warning', options: { maxFactor: 16 } } } },
        {
            name: 'an asynchronous hop breaks the chain',
            code: 'service api\nbroker bus { queue jobs }\nservice worker\ndatabase db\napi ~> bus.jobs : amqps { retries: 3 }\nbus.jobs ~> worker\nworker -> db : sql+tls { timeout: 1s  retries: 3 }',
        },
    ],
    invalid: [
        {
            name: 'three retries at each of three hops: 64 calls (the issue\'s example)',
            code: 'gateway gw\nservice api\nservice orders\ndatabase db\ngw -> api : grpcs { timeout: 9s  retries: 3 }\napi -> orders : grpcs { timeout: 3s  retries: 3 }\norders -> db : sql+tls { timeout: 500ms  retries: 3 }',
            errors: [{
                message: "One request can reach 'db' 64 times: 4 attempts at 'gw -> api' × 4 attempts at 'api -> orders' × 4 attempts at 'orders -> db', above the maximum of 10; retry at one layer only.",
                severity: 'warning', line: 7, fixes: ["Retry only at 'gw -> api'"],
            }],
            output: 'gateway gw\nservice api\nservice orders\ndatabase db\ngw -> api : grpcs { timeout: 9s  retries: 3 }\napi -> orders : grpcs { timeout: 3s  retries: 0 }\norders -> db : sql+tls { timeout: 500ms  retries: 0 }',
        },
        {
            name: 'a lower threshold',
            code: CHAIN('timeout: 3s  retries: 1', 'timeout: 500ms  retries: 1'),
            settings: { 'retry-amplification': { severity: 'warning', options: { maxFactor: 3 } } },
            errors: [{ message: /can reach 'db' 4 times: 2 attempts at 'api -> orders' × 2 attempts at 'orders -> db', above the maximum of 3/ }],
        },
        {
            name: 'the outermost alone is above the threshold: no quick fix',
            code: CHAIN('timeout: 30s  retries: 11', 'timeout: 500ms  retries: 1'),
            errors: [{ message: /can reach 'db' 24 times/ }],
            output: null,
        },
    ],
});

ruleTester('capacity-below-admitted-rate', {
    valid: [
        { name: 'the replicas serve what the gateway admits', code: 'gateway api { rateLimit: 1000/s }\nservice orders { capacity: 200/s  replicas: 5 }\napi -> orders : grpcs { timeout: 2s }' },
        { name: 'a gateway without a rate limit, called by clients: unknown (gateway-missing-rate-limit reports it)', code: 'client web\ngateway api\nservice orders { capacity: 200/s }\nweb -> api : https\napi -> orders : grpcs { timeout: 2s }' },
        { name: 'a callee without a capacity', code: 'gateway api { rateLimit: 1000/s }\nservice orders\napi -> orders : grpcs { timeout: 2s }' },
    ],
    invalid: [
        {
            name: 'the gateway admits 1,000 requests a second into a service that serves 200 (the issue\'s example)',
            code: 'gateway api { rateLimit: 1000/s }\nservice orders { capacity: 200/s }\napi -> orders : grpcs { timeout: 2s }',
            errors: [{
                message: "'api' admits 1000/s (its rateLimit) into 'orders', which serves 200/s (200/s × 1 replica) on 'api -> orders'.",
                severity: 'warning', line: 3, fixes: ["Set replicas: 5 on 'orders'"],
            }],
            output: 'gateway api { rateLimit: 1000/s }\nservice orders { capacity: 200/s  replicas: 5 }\napi -> orders : grpcs { timeout: 2s }',
        },
        {
            name: 'a load balancer admits what its callers send',
            code: 'gateway edge { rateLimit: 300/s }\ngateway partners { rateLimit: 200/s }\nloadbalancer lb\nservice orders { capacity: 100/s  replicas: 4 }\nedge -> lb : https\npartners -> lb : https\nlb -> orders : https',
            errors: [{ message: "'lb' admits 500/s (what 'edge' (300/s) and 'partners' (200/s) send) into 'orders', which serves 400/s (100/s × 4 replicas) on 'lb -> orders'." }],
            output: 'gateway edge { rateLimit: 300/s }\ngateway partners { rateLimit: 200/s }\nloadbalancer lb\nservice orders { capacity: 100/s  replicas: 5 }\nedge -> lb : https\npartners -> lb : https\nlb -> orders : https',
        },
    ],
});
