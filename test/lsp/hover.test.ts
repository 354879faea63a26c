import { afterEach, describe, test } from 'vitest';
import { expectHover } from 'langium/test';
import { editorServices } from '../support/services.js';

const { services, addFile, reset } = editorServices();
const hover = expectHover(services);

afterEach(() => reset());

const SHOP = `zone vpc "Platform VPC" {
  trust: private
  gateway api "API Gateway" {
    auth: jwt { expiry: 15m }
    route "/orders" -> orders
  }
  service orders "Order service" { replicas: 3 }
  database ordersDb "Orders DB" { engine: "postgres" }
  broker bus { topic orderPlaced }
}
orders -> ordersDb : sql
orders ~> bus.orderPlaced
`;

describe('hover', () => {
    test('on a kind keyword tells what it is and which rules apply', async () => {
        await hover({ text: '<|>gateway api', index: 0, hover: /API gateway[\s\S]*gateway-bypass[\s\S]*gateway-missing-rate-limit/ });
        await hover({ text: '<|>cdn edge', index: 0, hover: /content delivery network[\s\S]*cdn-missing-origin/ });
        await hover({ text: '<|>gateway api', index: 0, hover: /^(?![\s\S]*cdn-missing-origin)/ });
    });

    test('on a declared id shows kind, label, zone, trust, key properties and connections', async () => {
        const text = SHOP.replace('service orders', 'service <|>orders');
        await hover({ text, index: 0, hover: /\*\*service\*\* `orders` — Order service[\s\S]*Zone: `vpc` · trust: \*\*private\*\*[\s\S]*`replicas: 3`[\s\S]*Outgoing: -> `ordersDb` \(sql\), ~> `bus.orderPlaced`[\s\S]*Incoming: `api` -> route \/orders/ });
    });

    test('on a reference shows the referenced element', async () => {
        const text = SHOP.replace('orders -> ordersDb : sql', 'orders -> <|>ordersDb : sql');
        await hover({ text, index: 0, hover: /\*\*database\*\* `ordersDb` — Orders DB[\s\S]*Incoming: `orders` -> \(sql\)/ });
    });

    test('on a broker.topic reference shows the channel', async () => {
        const text = SHOP.replace('orders ~> bus.orderPlaced', 'orders ~> bus.<|>orderPlaced');
        await hover({ text, index: 0, hover: /\*\*topic\*\* `bus.orderPlaced`[\s\S]*Broker: `bus` · 1 publisher\(s\), 0 subscriber\(s\)/ });
        await hover({ text: SHOP.replace('orders ~> bus.orderPlaced', 'orders ~> b<|>us.orderPlaced'), index: 0, hover: /\*\*broker\*\* `bus`[\s\S]*Channels: `bus.orderPlaced`/ });
    });

    test('on a property shows its meaning, type and default', async () => {
        await hover({ text: 'dns d { <|>routing: geo }', index: 0, hover: /\*\*routing\*\* — How the DNS picks an answer\.[\s\S]*one of `simple`, `geo`[\s\S]*Default: `simple`/ });
        await hover({ text: 'gateway g { auth: jwt { <|>expiry: 15m } }', index: 0, hover: /\*\*expiry\*\* — Lifetime of an access token\.[\s\S]*duration/ });
    });

    test('on a rule id in @allow shows the rule', async () => {
        await hover({ text: 'service a\nservice b\n@allow(<|>sync-cycle, "known")\na -> b', index: 0, hover: /\*\*sync-cycle\*\* \(error\)/ });
    });

    test('on an id from an imported file shows it', async () => {
        await addFile('payments.arch', 'service payments "Payment service" { replicas: 2 }');
        await hover({ text: 'import "./payments.arch"\nservice orders\norders -> <|>payments : grpcs', index: 0, hover: /\*\*service\*\* `payments` — Payment service/ });
    });

    test('on a view or flow name lists what it shows', async () => {
        await hover({ text: 'service a\nservice b\na -> b\nview <|>v "V" { include a, b }', index: 0, hover: /\*\*view\*\* `v` — V[\s\S]*Includes `a`, `b`/ });
        await hover({ text: 'service a\nservice b\na -> b\nflow <|>f { a -> b "call"\n b -> a }', index: 0, hover: /1\. `a` -> `b` — call\n2\. `b` -> `a` \*\(no such connection\)\*/ });
    });

    test('on a protocol tells whether it is encrypted', async () => {
        await hover({ text: 'service a\nservice b\na -> b : <|>http', index: 0, hover: /plaintext/ });
        await hover({ text: 'gateway g {\n  route "/o" -> orders : <|>grpcs\n}\nservice orders', index: 0, hover: /\*\*grpcs\*\* — encrypted in transit/ });
        await hover({ text: 'gateway g {\n  route "/o" -> orders { <|>public: true }\n}\nservice orders', index: 0, hover: /Anonymous on purpose/ });
    });

    test('gives nothing on punctuation and never throws on broken text', async () => {
        await hover({ text: 'service a { <|>}', index: 0, hover: undefined });
        await hover({ text: 'service { : <|>-> }}', index: 0, hover: undefined });
    });
});

const NUMBERS = `client browser
gateway api { rateLimit: 1000/s  latency: 5ms }
service orders { replicas: 2  capacity: 200/s  latency: 20ms }
database ordersDb { ha: true }
broker bus { replicas: 3  topic placed }
browser -> api : https { latency: 30ms }
api -> orders : grpcs { timeout: 1s  retries: 2 }
orders -> ordersDb : sql+tls { timeout: 200ms  retries: 1  latency: 2ms }
orders ~> bus.placed
flow checkout {
  slo: { availability: 99.9%  latency: 50ms }
  browser -> api
  api -> orders
  orders -> ordersDb
  orders ~> bus.placed
}
`;

describe('hover shows the numbers (docs/numbers.md)', () => {
    test('on a component: availability with its basis and with what it calls, latency, served rate, time budget', async () => {
        await hover({
            text: NUMBERS.replace('service orders', 'service <|>orders'), index: 0,
            hover: /\*\*Numbers\*\*[\s\S]*- Availability 99\.9975 % \(2 instances of 99\.5 % each, assumed for its kind\)\n- With what it calls: 99\.995 % at worst \(`orders` → `ordersDb`\)\n- Latency 20ms\n- Serves 400\/s \(200\/s × 2\)\n- May spend 420ms on a request, waiting on `orders -> ordersDb`/,
        });
    });
    test('on a gateway: what it admits', async () => {
        await hover({ text: NUMBERS.replace('gateway api', 'gateway <|>api'), index: 0, hover: /- Admits 1000\/s \(its `rateLimit`\)/ });
    });
    test('on a connection\'s arrow: its wait against the callee\'s budget, the retry chain, admitted against served', async () => {
        await hover({
            text: NUMBERS.replace('api -> orders', 'api <|>-> orders'), index: 0,
            hover: /\*\*connection\*\* `api -> orders` \(grpcs\)[\s\S]*- Waits 1s × 3 attempts = 3s at most; `orders` may spend 420ms\n- Retries: one request can reach `ordersDb` 6 times along `api -> orders`, `orders -> ordersDb`\n- Admitted 1000\/s against 400\/s served/,
        });
        await hover({ text: NUMBERS.replace('orders ~> bus', 'orders <|>~> bus'), index: 0, hover: /Asynchronous: the caller does not wait/ });
    });
    test('on a view\'s name: the least available path from its entry points', async () => {
        await hover({
            text: `${NUMBERS}view <|>all { include * }\n`, index: 0,
            hover: /- Availability 99\.49 % on its least available path from an entry point \(`browser` → `api` → `orders` → `ordersDb`\)/,
        });
    });
    test('on a flow\'s name: availability and latency with their paths, against its SLO', async () => {
        await hover({
            text: NUMBERS.replace('flow checkout', 'flow <|>checkout'), index: 0,
            hover: /- Availability 99\.49 % — \*\*below its SLO of 99\.9 %\*\*: browser → api 99\.5 % → orders 99\.9975 % → ordersDb 99\.9975 %\n- Latency 57ms — \*\*over its SLO of 50ms\*\*: browser → api 35ms → orders 20ms → ordersDb 2ms\n- Costs most: `browser -> api` \(35ms\)\n- Not counted \(after an asynchronous step\): `orders ~> bus\.placed`/,
        });
    });
});
