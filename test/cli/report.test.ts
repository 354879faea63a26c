/**
 * The numbers on the command line (docs/numbers.md): `archway report` prints the table of
 * flows of examples/checkout-numbers (all SLOs met, exit 0) and of its broken variant (exit 1),
 * and `archway check --format json` carries the same figures per flow.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { archway, ensureBuilt } from './cli-process.js';
import { tempDir } from '../support/temp-dirs.js';

beforeAll(() => ensureBuilt());

describe('archway report', () => {
    test('prints the flows of the checkout example with availability and latency against their SLOs, and exits 0', () => {
        const result = archway(['report', 'examples/checkout-numbers']);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(result.stdout).toBe([
            '| Flow | Availability | SLO | Latency | SLO | Weakest | Costs most |',
            '|---|---|---|---|---|---|---|',
            '| browse | 99.88 % | 99.8 % ✓ | 97ms | 200ms ✓ | `cdn` 99.9 % | `browser -> cdn` 35ms |',
            '| placeOrder | 99.98 % | 99.9 % ✓ | 398ms | 800ms ✓ | `psp` 99.99 % | `payments -> psp` 270ms |',
            '',
        ].join('\n'));
    });

    test('prints the table docs/numbers.md shows', () => {
        const page = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'numbers.md'), 'utf8');
        for (const line of archway(['report', 'examples/checkout-numbers']).stdout.trim().split('\n')) expect(page).toContain(`  ${line}\n`);
    });

    test('exits 1 when a flow misses its SLO, and marks it', () => {
        const result = archway(['report', 'examples/checkout-numbers-broken']);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain('| placeOrder | 99.97 % | 99.99 % ✗ | 398ms | 300ms ✗ | `psp` 99.99 % | `payments -> psp` 270ms |');
    });

    test('prints JSON with --format json, and applies archway.json assumptions', () => {
        const dir = tempDir('archway-report-');
        writeFileSync(join(dir, 'a.arch'), 'client web\nservice api\nweb -> api : https\nflow f {\n  slo: { availability: 99.9% }\n  web -> api\n}\n');
        const plain = JSON.parse(archway(['report', dir, '--format', 'json']).stdout);
        expect(plain[0]).toMatchObject({ flow: 'f', file: expect.stringContaining('a.arch'), line: 4, availability: { value: 0.995, text: '99.5 %', slo: 0.999, meets: false } });
        writeFileSync(join(dir, 'archway.json'), '{ "numbers": { "availability": { "service": "99.95%" } } }');
        const configured = archway(['report', dir, '--format', 'json']);
        expect(configured.status).toBe(0);
        expect(JSON.parse(configured.stdout)[0].availability).toMatchObject({ value: 0.9995, meets: true });
    });

    test('says so when there are no flows, and refuses an unknown format', () => {
        const dir = tempDir('archway-report-');
        writeFileSync(join(dir, 'a.arch'), 'service api\n');
        expect(archway(['report', dir]).stdout).toMatch(/^No flows/);
        const bad = archway(['report', dir, '--format', 'csv']);
        expect(bad.status).toBe(2);
        expect(bad.stderr).toContain("Unknown format 'csv'; use markdown or json.");
    });
});

describe('archway check --format json', () => {
    test('has a figures section per flow, with paths, the weakest element and the step that costs most', () => {
        const result = archway(['check', 'examples/checkout-numbers', '--format', 'json']);
        expect(result.status).toBe(0);
        const report = JSON.parse(result.stdout);
        expect(report.figures.map((f: { flow: string }) => f.flow)).toEqual(['browse', 'placeOrder']);
        expect(report.figures[1]).toMatchObject({
            flow: 'placeOrder', label: 'Place an order',
            availability: { text: '99.98 %', slo: 0.999, meets: true, weakest: { element: 'psp', text: '99.99 %' } },
            latency: { milliseconds: 398, slo: 800, meets: true, costliest: { step: 'payments -> psp', milliseconds: 270 }, unknown: [] },
            decoupled: ['checkout ~> bus.orderPlaced', 'bus.orderPlaced ~> fulfilment', 'fulfilment -> shipmentsDb'],
        });
        expect(report.figures[1].availability.path).toBe('browser → api 99.99997 % → checkout 99.99998 % → [ordersDb 99.9975 %, payments 99.9975 % → [paymentsDb 99.9975 %, psp 99.99 %]]');
    });
});
