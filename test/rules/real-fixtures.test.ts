import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../support/services.js';
import { check } from './rule-tester.js';

/**
 * The models of real systems in test/fixtures/real (see BASELINE.md there) are written in
 * the language as it is: whatever the rules say about them, they must parse, resolve every
 * reference and use only known properties, each file on its own.
 */
const dir = join(import.meta.dirname, '..', 'fixtures', 'real');
const files = readdirSync(dir).filter(name => name.endsWith('.arch')).sort();

/** Diagnostics that mean the model itself is broken, not the system it describes. */
const MODEL_PROBLEMS = new Set(['unresolved-reference', 'unknown-property', 'invalid-property-value', 'duplicate-id', 'unknown-kind']);

describe('models of real systems', () => {
    it('are there: at least five', () => {
        expect(files.length).toBeGreaterThanOrEqual(5);
    });

    for (const name of files) {
        it(`${name} parses and resolves, with a header saying what it is based on`, async () => {
            const text = readFileSync(join(dir, name), 'utf8');
            expect(text).toMatch(/^\/\/ .+\n(\/\/.*\n)*\/\/ Based on: .+https:\/\/github\.com\/\S+/);
            const workspace = await loadWorkspace({ [name]: text });
            const broken = workspace.diagnostics(name)
                .filter(d => d.code === undefined || MODEL_PROBLEMS.has(String(d.code)))
                .map(d => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`);
            expect(broken).toEqual([]);
        });
    }
});

/** `code@line` of the errors and warnings each `// expect: a, b` comment promises for the next code line. */
function promised(text: string): string[] {
    const lines = text.split('\n');
    const expected: string[] = [];
    lines.forEach((line, i) => {
        const match = /\/\/\s*expect:\s*(.+)$/.exec(line);
        if (!match) return;
        let target = i + 1;
        while (target < lines.length && /^\s*(\/\/.*)?$/.test(lines[target])) target++;
        for (const code of match[1].split(',').map(c => c.trim()).filter(Boolean)) expected.push(`${code}@${target + 1}`);
    });
    return expected.sort();
}

/** Every finding of a real model under `recommended`: `code@line severity: message`. */
async function findingsOf(name: string): Promise<{ code: string; line: number; severity: string; message: string; related: number }[]> {
    const { findings } = await check({ [name]: readFileSync(join(dir, name), 'utf8') });
    return findings.map(f => ({ code: f.code, line: f.location.range.start.line + 1, severity: f.severity, message: f.message, related: f.related?.length ?? 0 }));
}

describe('models of real systems report exactly what their comments promise', () => {
    for (const name of files) {
        it(`${name}: the errors and warnings marked // expect:`, async () => {
            const text = readFileSync(join(dir, name), 'utf8');
            const actual = (await findingsOf(name)).filter(f => f.severity !== 'info').map(f => `${f.code}@${f.line}`).sort();
            expect(actual).toEqual(promised(text));
        });
    }
});

describe('models of real systems: one finding per root cause, and none of the wrong ones (BASELINE.md)', () => {
    it('Online Boutique: the load generator is internal traffic, and paths start at the shopper', async () => {
        const found = await findingsOf('online-boutique.arch');
        expect(found.filter(f => /loadgenerator/.test(f.message))).toEqual([]);
        const spof = found.filter(f => f.code === 'single-point-of-failure');
        expect(spof.length).toBe(11);
        expect(spof.every(f => /requests from 'shopper' depend on it \(shopper -> /.test(f.message))).toBe(true);
        const plaintext = found.filter(f => f.code === 'plaintext-connection');
        expect(plaintext.map(f => `${f.severity}: ${f.message}`)).toEqual([
            "info: 17 connections inside the zone 'cluster' use plaintext (grpc, http, redis); consider TLS, or mtls: true on the zone if a service mesh encrypts them.",
            "error: The connection 'shopper -> frontendExternal' crosses the public boundary over plaintext 'http'; use 'https'.",
        ]);
        expect(plaintext[0].related).toBe(17);
    });

    it('Social Network: anonymous follow/unfollow/compose routes are reported, login and register are not', async () => {
        const found = await findingsOf('social-network.arch');
        expect(found.filter(f => f.code === 'missing-identity-propagation')).toEqual([]);
        const routes = found.filter(f => f.code === 'unauthenticated-route').map(f => /route '([^']+)'/.exec(f.message)?.[1]);
        expect(routes).toEqual(['/api/user/follow', '/api/user/unfollow', '/wrk2-api/user/follow', '/wrk2-api/user/unfollow', '/wrk2-api/post/compose', '/wrk2-api/user-timeline/read', '/wrk2-api/home-timeline/read']);
        expect(found.filter(f => f.code === 'missing-authentication').map(f => f.message)).toEqual([
            "The service 'mediaFrontend' does not authenticate callers and is not marked public: true, yet 'browser' reaches it with no authentication on the way (browser -> mediaFrontend); authenticate it, or mark it public: true if it is anonymous on purpose.",
        ]);
        expect(found.filter(f => f.code === 'gateway-bypass')).toEqual([]);
        expect(found.filter(f => /operator|wrk2 ->|'wrk2'|jaeger/.test(f.message))).toEqual([]);
        expect(found.find(f => f.code === 'jwt-insecure-client-storage')?.message).toMatch(/in a cookie without HttpOnly/);
    });

    it('eShopOnContainers: one dead-letter finding for the bus, token policy once on IdentityServer, the worker judged', async () => {
        const found = await findingsOf('eshop-on-containers.arch');
        const dlq = found.filter(f => f.code === 'consumer-without-dlq');
        expect(dlq.map(f => f.message)).toEqual(["The broker 'eventBus' has no dead-letter channel for 14 consumed channels; a message that keeps failing is retried forever or lost."]);
        expect(dlq[0].related).toBe(14);
        const tokens = found.filter(f => f.code.startsWith('jwt-') && f.code !== 'jwt-insecure-client-storage');
        expect(tokens.map(f => `${f.code}: ${f.message}`)).toEqual([
            "jwt-no-revocation-strategy: The identity provider 'identity' issues JWTs that cannot be revoked: set revocation: denylist, or refresh: rotating with an expiry of 15m or less.",
            "jwt-expiry-too-long: The identity provider 'identity' issues JWTs that live 2h, longer than the maximum of 1h.",
        ]);
        expect(found.filter(f => f.code === 'gateway-bypass' || f.code === 'client-direct-datastore-access')).toEqual([]);
        expect(found.filter(f => /operator/.test(f.message))).toEqual([]);
        expect(found.find(f => f.code === 'single-point-of-failure' && /'orderingTasks'/.test(f.message))?.message)
            .toMatch(/nothing calls it: when it stops, its background work stops \(it publishes to 'eventBus.gracePeriodConfirmed' and writes to 'orderingDb'\)/);
        expect(found.find(f => f.code === 'single-point-of-failure' && /'payment'/.test(f.message))?.message)
            .toMatch(/when it stops, the events on 'eventBus.orderStatusChangedToStockConfirmed' stop being processed/);
        expect(found.filter(f => f.code === 'plaintext-connection' && f.severity === 'info').length).toBe(2);
    });

    it('Reliable Web App: no DNS lookup as a plaintext leak, no cookie through DNS, Front Door balances App Service', async () => {
        const found = await findingsOf('reliable-web-app.arch');
        expect(found.filter(f => ['plaintext-connection', 'session-cookie-insecure', 'replicas-without-load-balancer'].includes(f.code))).toEqual([]);
    });

    it('Sock Shop: the queue master stops processing shipping tasks; one dead-letter finding', async () => {
        const found = await findingsOf('sock-shop.arch');
        expect(found.find(f => /'queueMaster'/.test(f.message))?.message).toBe(
            "The service 'queueMaster' runs as a single instance, and when it stops, the events on 'rabbitmq.shippingTask' stop being processed (shopper -> frontEnd -> orders -> shipping ~> rabbitmq.shippingTask ~> queueMaster); run at least two replicas.");
        expect(found.filter(f => f.code === 'consumer-without-dlq').length).toBe(1);
    });
});

/**
 * The numbers on the real models, from what their sources state (timeouts and retries; none
 * states latencies or availabilities): DeathStarBench's Thrift clients all wait 10 s, so every
 * caller gives up exactly when its callee's own call does; the Reliable Web App's front end
 * retries through Front Door into an API that retries its database.
 */
describe('the numbers of real systems', () => {
    const NUMBER_RULES = new Set(['flow-below-availability-slo', 'flow-over-latency-slo', 'timeout-budget-exceeded', 'retry-amplification', 'capacity-below-admitted-rate']);
    const numberFindings = async (name: string): Promise<string[]> => {
        const workspace = await loadWorkspace({ [name]: readFileSync(join(dir, name), 'utf8') });
        return workspace.diagnostics(name).filter(d => NUMBER_RULES.has(String(d.code))).map(d => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`);
    };
    it('social-network: equal 10s timeouts at every layer exceed the budgets of the calls below', async () => {
        const found = await numberFindings('social-network.arch');
        expect(found).toContain("101: timeout-budget-exceeded 'composePost -> textService' gives up after 10s, but 'textService' may spend 10s ('textService -> urlShorten' waits up to 10s): the work goes on for a request nobody waits for.");
        expect(found.every(f => f.includes('timeout-budget-exceeded'))).toBe(true);
        expect(found).toHaveLength(7);
    });
    it('reliable-web-app: 4 attempts through Front Door times 7 at the database', async () => {
        expect(await numberFindings('reliable-web-app.arch')).toEqual([
            "81: retry-amplification One request can reach 'sqlDb' 28 times: 4 attempts at 'web -> frontDoor' × 7 attempts at 'api -> sqlDb', above the maximum of 10; retry at one layer only.",
        ]);
    });
    it('the others state no figures the rules could miss', async () => {
        for (const name of ['eshop-on-containers.arch', 'online-boutique.arch', 'sock-shop.arch']) expect(await numberFindings(name), name).toEqual([]);
    });
});
