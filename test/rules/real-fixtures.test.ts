import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../helpers.js';

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
        expect(found).toContain("87: timeout-budget-exceeded 'composePost -> textService' gives up after 10s, but 'textService' may spend 10s ('textService -> urlShorten' waits up to 10s): the work goes on for a request nobody waits for.");
        expect(found.every(f => f.includes('timeout-budget-exceeded'))).toBe(true);
        expect(found).toHaveLength(7);
    });
    it('reliable-web-app: 4 attempts through Front Door times 7 at the database', async () => {
        expect(await numberFindings('reliable-web-app.arch')).toEqual([
            "78: retry-amplification One request can reach 'sqlDb' 28 times: 4 attempts at 'web -> frontDoor' × 7 attempts at 'api -> sqlDb', above the maximum of 10; retry at one layer only.",
        ]);
    });
    it('the others state no figures the rules could miss', async () => {
        for (const name of ['eshop-on-containers.arch', 'online-boutique.arch', 'sock-shop.arch']) expect(await numberFindings(name), name).toEqual([]);
    });
});
