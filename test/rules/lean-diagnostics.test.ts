/**
 * Lean diagnostics: on the bench's generated 1,000-component models (the usual one and the
 * finding-heavy one), what the language server publishes stays small — no quick-fix payload
 * (fixes are resolved lazily, see `test/lsp/lazy-quick-fixes.test.ts`) and no data, at most a
 * handful of related locations per diagnostic and none at its own place, messages of a sentence
 * or two naming few elements, none over 2,000 bytes. The bench's section 5 measures the same
 * over stdio; the test prints the averages.
 */
import { describe, expect, it } from 'vitest';
import { generateModel } from '../../bench/generate-model.js';
import { toDiagnosticInfo } from '../../src/checking/diagnostics.js';
import { MAX_RELATED } from '../../src/rules/analysis.js';
import { check } from './rule-tester.js';

/**
 * A file URI as long as the bench's (`file:///tmp/archway-bench-<pid>/diagnostics-5000/main.arch`);
 * a user's project path is about as long.
 */
const REALISTIC_URI = 'file:///tmp/archway-bench-1234567/diagnostics-5000/main.arch';

const LSP_SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** The diagnostic as the language server publishes it (Langium adds the source), its file at `REALISTIC_URI`. */
function published(finding: Parameters<typeof toDiagnosticInfo>[0]) {
    const { message, severity, info } = toDiagnosticInfo(finding, undefined as never, { elementIds: false });
    const { node: _node, ...rest } = info;
    const relatedInformation = rest.relatedInformation?.map(r => ({ ...r, location: { ...r.location, uri: REALISTIC_URI } }));
    return { message, severity: LSP_SEVERITY[severity], source: 'archway', ...rest, ...(relatedInformation ? { relatedInformation } : {}) };
}

/** Issue 21's limit: bytes per published diagnostic on average, on a model where most components have findings. */
const MAX_AVERAGE_BYTES = 600;

describe('diagnostics of a large model', () => {
    for (const findings of ['some', 'many'] as const) {
        it(`carry no fix payload, at most a handful of related locations and short messages, a few hundred bytes each (${findings} findings)`, async () => {
            const { findings: found } = await check(generateModel({ components: 1000, findings }));
            expect(found.length).toBeGreaterThan(findings === 'many' ? 1200 : 100);
            if (findings === 'many') expect(found.filter(f => f.fixes && f.fixes.length > 0).length, 'findings with quick fixes').toBeGreaterThan(500);
            const diagnostics = found.map(published);
            for (const d of diagnostics) {
                expect(d).not.toHaveProperty('data');
                expect(d.relatedInformation?.length ?? 1, 'no empty related list').toBeGreaterThan(0);
                for (const r of d.relatedInformation ?? []) expect(r.location.range, `${d.code}: no related location at its own place`).not.toEqual(d.range);
            }
            const longest = Math.max(...diagnostics.map(d => d.message.length));
            const mostRelated = Math.max(...diagnostics.map(d => d.relatedInformation?.length ?? 0));
            const bytes = diagnostics.map(d => JSON.stringify(d).length);
            const average = bytes.reduce((a, b) => a + b, 0) / bytes.length;
            console.log(`${diagnostics.length} diagnostics: ${average.toFixed(0)} B each on average, largest ${Math.max(...bytes)} B, longest message ${longest} chars`);
            expect({ mostRelated: mostRelated <= MAX_RELATED, longest: longest <= 400 }).toEqual({ mostRelated: true, longest: true });
            // Growth with model size: no diagnostic's size depends on how long a path or list is.
            expect(Math.max(...bytes), 'the largest diagnostic').toBeLessThanOrEqual(2000);
            // The limit is for the finding-heavy model; on the tidier one most diagnostics that remain point at one other place (a budget, a route).
            expect(average, 'bytes per diagnostic on average').toBeLessThanOrEqual(findings === 'many' ? MAX_AVERAGE_BYTES : 700);
        });
    }

    it('grow linearly with the number of findings: the same bytes per diagnostic at 1,000 and 2,000 components', async () => {
        const average = async (components: number) => {
            const diagnostics = (await check(generateModel({ components, findings: 'many' }))).findings.map(published);
            return { count: diagnostics.length, bytes: diagnostics.reduce((sum, d) => sum + JSON.stringify(d).length, 0) / diagnostics.length };
        };
        const small = await average(1000);
        const large = await average(2000);
        expect(large.count / small.count).toBeGreaterThan(1.9);
        expect(large.bytes / small.bytes).toBeGreaterThan(0.95);
        expect(large.bytes / small.bytes).toBeLessThan(1.05);
        expect(large.bytes, 'bytes per diagnostic on average at 2,000 components').toBeLessThanOrEqual(MAX_AVERAGE_BYTES);
    });

    it('stay the same size however long the paths and lists they are about', async () => {
        // A gateway leading to s299 through a 300-service chain; a client calling s299 directly; 40 peers without discovery.
        const chain = Array.from({ length: 300 }, (_, i) => `service s${i}`);
        const hops = Array.from({ length: 299 }, (_, i) => `s${i} -> s${i + 1} : grpcs { timeout: 1s }`);
        const peers = Array.from({ length: 40 }, (_, i) => `peer p${i}`);
        const links = Array.from({ length: 39 }, (_, i) => `p${i} -> p${i + 1} : tls`);
        const text = ['client web', 'gateway api {', '  route "/s" -> s0', '}', ...chain, ...hops, 'web -> api : https', 'web -> s299 : https', ...peers, ...links].join('\n');
        const diagnostics = (await check(text)).findings.map(published);
        expect(diagnostics.map(d => d.code)).toEqual(expect.arrayContaining(['gateway-bypass', 'single-point-of-failure', 'p2p-without-discovery']));
        const largest = Math.max(...diagnostics.map(d => JSON.stringify(d).length));
        expect(largest, 'the largest diagnostic, in bytes').toBeLessThanOrEqual(1500);
        expect(Math.max(...diagnostics.map(d => d.relatedInformation?.length ?? 0))).toBeLessThanOrEqual(MAX_RELATED);
        expect(diagnostics.find(d => d.code === 'p2p-without-discovery')?.message).toMatch(/^The peers 'p0', 'p1', 'p2' and 37 more connect/);
    });
});
