/**
 * The numbers of real parsed models: each figure of docs/numbers.md worked out by hand for a
 * small `.arch` text (redundancy, managed kinds, flows with async hops, CDN hit ratio,
 * composition fan-out, timeout budgets, retry chains, admitted rates, assumptions).
 */
import { describe, expect, it } from 'vitest';
import { assumptionsWith } from '../../src/numbers/assumptions.js';
import { describeAvailability, describeLatency } from '../../src/numbers/describe.js';
import { numbersOf } from '../../src/numbers/model-numbers.js';
import { modelOf } from '../rules/rule-tester.js';

async function numbers(text: string, overrides?: Parameters<typeof assumptionsWith>[0]) {
    const model = await modelOf(text);
    expect(model.problems.map(p => p.message)).toEqual([]);
    return numbersOf(model, assumptionsWith(overrides));
}

describe('a component', () => {
    it('single instance: the default for its kind (99.5 %)', async () => {
        const n = await numbers('service a');
        expect(n.component('a')).toMatchObject({ availability: 0.995, basis: 'instances', instances: 1, availabilityDeclared: false });
    });
    it('replicas are redundant: 99.9 % × 3 → 1 − 0.001³', async () => {
        const n = await numbers('service a { availability: 99.9%  replicas: 3 }');
        expect(n.component('a')!.availability).toBeCloseTo(1 - 0.001 ** 3, 12);
    });
    it('ha: true with a figure takes the figure for the whole setup', async () => {
        const n = await numbers('database d { availability: 99.95%  ha: true }');
        expect(n.component('d')).toMatchObject({ availability: 0.9995, basis: 'ha' });
    });
    it('ha: true without a figure is a failover pair of default instances: 1 − 0.005²', async () => {
        const n = await numbers('database d { ha: true }');
        expect(n.component('d')!.availability).toBeCloseTo(0.999975, 12);
    });
    it('managed kinds take the provider\'s figure for the service; clients count as 100 %', async () => {
        const n = await numbers('storage s\ncdn e { origin: s }\nclient web');
        expect(n.component('s')).toMatchObject({ availability: 0.999, basis: 'managed' });
        expect(n.component('e')).toMatchObject({ availability: 0.999, basis: 'managed' });
        expect(n.component('web')).toMatchObject({ availability: 1, basis: 'client' });
    });
    it('archway.json assumptions replace the defaults per kind', async () => {
        const n = await numbers('service a\ndatabase d', { availability: { service: 99.9 }, latency: { database: 5 } });
        expect(n.component('a')!.availability).toBeCloseTo(0.999, 12);
        expect(n.component('d')).toMatchObject({ availability: 0.995, latency: 5, latencyDeclared: false });
    });
    it('capacity × replicas is what it serves', async () => {
        const n = await numbers('service a { capacity: 100/s  replicas: 3 }');
        expect(n.component('a')).toMatchObject({ capacity: 100, served: 300 });
    });
});

const SHOP = `
client browser
gateway api { replicas: 2  latency: 5ms }
service orders { latency: 20ms }
database ordersDb { availability: 99.9%  replicas: 2  latency: 30ms }
broker bus { replicas: 3  topic placed }
service billing
database billingDb
browser -> api : https { latency: 40ms }
api -> orders : grpcs { latency: 1ms }
orders -> ordersDb : sql+tls { latency: 1ms }
orders ~> bus.placed
bus.placed ~> billing
billing -> billingDb : sql+tls
flow checkout {
  browser -> api
  api -> orders
  orders -> ordersDb
  orders ~> bus.placed
  bus.placed ~> billing
  billing -> billingDb
}`;

describe('a flow', () => {
    it('availability: the product along its synchronous steps; the async hop and what follows are decoupled', async () => {
        const n = await numbers(SHOP);
        const f = n.flow(n.model.flows[0]);
        // api 1 − 0.005² = 0.999975; orders 0.995; ordersDb 1 − 0.001² = 0.999999.
        expect(f.availability).toBeCloseTo(0.999975 * 0.995 * 0.999999, 12);
        expect(f.decoupled.map(s => s.index)).toEqual([4, 5, 6]);
        expect(f.weakest?.element).toBe('orders');
        expect(describeAvailability(n.source, f)).toBe('browser → api 99.9975 % → orders 99.5 % → ordersDb 99.9999 %');
    });
    it('latency: hops and components summed (40 + 5 + 1 + 20 + 1 + 30 = 97ms)', async () => {
        const n = await numbers(SHOP);
        const f = n.flow(n.model.flows[0]);
        expect(f.latency).toBe(97);
        expect(f.missingLatency).toEqual([]);
        expect(f.slowest?.element).toBe('api');
        expect(describeLatency(n.source, f)).toBe('browser → api 45ms → orders 21ms → ordersDb 31ms');
    });
    it('latency is unknown when nothing on the request declares one, and lists what is missing', async () => {
        const n = await numbers('client web\nservice a\nservice b\nweb -> a\na -> b { latency: 3ms }\nflow f {\n  web -> a\n  a -> b\n}');
        const f = n.flow(n.model.flows[0]);
        expect(f.latency).toBe(3);
        expect(f.missingLatency).toEqual(['a', 'web -> a', 'b']);
        const none = await numbers('client web\nservice a\nweb -> a\nflow f {\n  web -> a\n}');
        expect(none.flow(none.model.flows[0]).latency).toBeUndefined();
    });
    it('a CDN weighs its miss path: 0.999 × (0.9 + 0.1 × 0.999) and 30 + 0.1 × 55 = 35.5ms', async () => {
        const n = await numbers(`
client browser
cdn edge { origin: assets  hitRatio: 90%  latency: 10ms }
storage assets { latency: 50ms }
browser -> edge : https { latency: 20ms }
edge -> assets : https { latency: 5ms }
flow page {
  browser -> edge
  edge -> assets
}`);
        const f = n.flow(n.model.flows[0]);
        expect(f.availability).toBeCloseTo(0.999 * (0.9 + 0.1 * 0.999), 12);
        expect(f.latency).toBeCloseTo(35.5, 12);
        expect(describeLatency(n.source, f)).toBe('browser → edge 30ms (90 % hits) → assets 55ms');
        expect(f.nodes.map(node => node.share)).toEqual([1, 1, expect.closeTo(0.1, 12)]);
    });
    it('a composition gateway calls in parallel: the slowest branch (max(20, 35) = 35ms), a plain one in sequence (55ms)', async () => {
        const text = (composition: boolean) => `
client app
gateway bff { composition: ${composition} }
service orders { latency: 20ms }
service users { latency: 35ms }
app -> bff
bff -> orders
bff -> users
flow home {
  app -> bff
  bff -> orders
  bff -> users
}`;
        const parallel = await numbers(text(true));
        const f = parallel.flow(parallel.model.flows[0]);
        expect(f.latency).toBe(35);
        expect(describeLatency(parallel.source, f)).toBe('app → bff ? → [orders 20ms | users 35ms]');
        const sequential = await numbers(text(false));
        expect(sequential.flow(sequential.model.flows[0]).latency).toBe(55);
        // Both calls must answer either way: 0.995³.
        expect(f.availability).toBeCloseTo(0.995 ** 3, 12);
    });
    it('a component called twice counts once for availability, twice for latency', async () => {
        const n = await numbers(`
client web
service a
service b
database db { latency: 10ms }
web -> a
a -> db
a -> b
b -> db
flow f {
  web -> a
  a -> db
  a -> b
  b -> db
}`);
        const f = n.flow(n.model.flows[0]);
        expect(f.availability).toBeCloseTo(0.995 ** 3, 12);
        expect(f.latency).toBe(20);
        expect(describeAvailability(n.source, f)).toBe('web → a 99.5 % → [db 99.5 %, b 99.5 % → db (again)]');
    });
    it('reads its slo', async () => {
        const n = await numbers('client web\nservice a\nweb -> a\nflow f {\n  slo: { availability: 99.9%  latency: 300ms }\n  web -> a\n}');
        expect(n.flow(n.model.flows[0]).slo).toEqual({ availability: 0.999, latency: 300 });
    });
});

describe('over the topology', () => {
    it('time budget: a call with a timeout costs (1 + retries) × timeout; without one, what the callee may spend', async () => {
        const n = await numbers(`
service api { latency: 5ms }
service orders { latency: 10ms }
service stock
database db
api -> orders
orders -> db { timeout: 2s  retries: 2 }
orders -> stock { retries: 1 }
stock -> db { timeout: 1s }`);
        // orders: 10ms + max(3 × 2s, 2 × (0 + 1s)) = 6010ms; api: 5ms + orders' 6010ms (no timeout on the call).
        expect(n.timeBudget('orders')).toMatchObject({ milliseconds: 6010, known: true });
        expect(n.timeBudget('orders').call?.connection.target).toBe('db');
        expect(n.timeBudget('api').milliseconds).toBe(6015);
        expect(n.timeBudget('db')).toMatchObject({ milliseconds: 0, known: false });
    });
    it('retry amplification: 4 × 4 × 4 = 64 along a chain, the worst chain through a connection', async () => {
        const n = await numbers(`
service a
service b
service c
database d
service x
a -> b { retries: 3 }
b -> c { retries: 3 }
c -> d { retries: 3 }
x -> c`);
        const bc = n.model.connections.find(c => c.source === 'b')!;
        const amplification = n.retryAmplification(bc);
        expect(amplification.factor).toBe(64);
        expect(amplification.above.factor).toBe(4);
        expect(amplification.below.factor).toBe(4);
        expect(amplification.connections.map(c => c.id)).toEqual(['a->b', 'b->c', 'c->d']);
    });
    it('a synchronous cycle does not loop forever', async () => {
        const n = await numbers('service a\nservice b\na -> b { retries: 2 }\nb -> a { retries: 2 }');
        expect(n.retryAmplification(n.model.connections[0]).factor).toBe(9);
        expect(n.worstPath('a').availabilityPath.map(c => c.id)).toEqual(['a->b']);
    });
    it('on a cycle, a figure does not depend on which element was asked about first', async () => {
        // The front end calls the API back through the edge that routes to it (as the Reliable Web App does).
        const text = 'client browser\ncdn fd { origin: web }\nservice web\nservice api\ndatabase db\nbrowser -> fd\nfd -> web\nfd -> api\nweb -> fd { retries: 3 }\napi -> db { retries: 6 }';
        const first = await numbers(text);
        const [webFd, apiDb] = ['web->fd', 'api->db'].map(id => first.model.connections.find(c => c.id === id)!);
        first.retryAmplification(webFd);
        const afterWeb = first.retryAmplification(apiDb).factor;
        const second = await numbers(text);
        const alone = second.retryAmplification(second.model.connections.find(c => c.id === 'api->db')!).factor;
        // web retries 4 times through fd into api, which tries db 7 times: 28.
        expect([afterWeb, alone]).toEqual([28, 28]);
        expect(first.retryAmplification(webFd).factor).toBe(28);
    });
    it('admitted rate: a rate limit, else the sum of the callers (gateways send what they admit, services what they serve)', async () => {
        const n = await numbers(`
client web
gateway public { rateLimit: 300/s }
gateway partners { rateLimit: 200/s }
service batch { capacity: 50/s }
loadbalancer lb
loadbalancer open
service orders { capacity: 100/s  replicas: 3 }
web -> public
public -> lb
partners -> lb
batch -> lb
lb -> orders
web -> open
open -> orders`);
        expect(n.admittedRate('public')).toMatchObject({ perSecond: 300, basis: 'rateLimit' });
        expect(n.admittedRate('lb')).toMatchObject({ perSecond: 550, basis: 'callers' });
        expect(n.admittedRate('lb')!.callers).toEqual([{ id: 'public', perSecond: 300 }, { id: 'partners', perSecond: 200 }, { id: 'batch', perSecond: 50 }]);
        expect(n.admittedRate('open')!.perSecond).toBeUndefined();
        expect(n.admittedRate('orders')).toBeUndefined();
    });
    it('the worst path below a component and a view\'s figure from its entry points', async () => {
        const n = await numbers(`
client web
service api { replicas: 2 }
service orders
database cache { availability: 99.99% }
web -> api
api -> orders
api -> cache
view all { include * }`);
        const worst = n.worstPath('api');
        expect(worst.availability).toBeCloseTo(0.999975 * 0.995, 12);
        expect(worst.availabilityPath.map(c => c.target)).toEqual(['orders']);
        const view = n.view(n.model.views[0]);
        expect(view?.entry).toBe('web');
        expect(view?.path.availability).toBeCloseTo(0.999975 * 0.995, 12);
    });
});
