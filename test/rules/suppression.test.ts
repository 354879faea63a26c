import { describe, expect, it } from 'vitest';
import { check } from './rule-tester.js';

describe('@allow suppression', () => {
    it('suppresses a rule on a connection and keeps the finding with its reason', async () => {
        const { findings, suppressed } = await check('service a\nservice b\n@allow(sync-call-without-timeout, "b answers from memory")\na -> b : grpcs');
        expect([findings.some(f => f.code === 'sync-call-without-timeout'), suppressed.map(s => [s.finding.code, s.allow.reason])])
            .toEqual([false, [['sync-call-without-timeout', 'b answers from memory']]]);
    });
    it('lets an @allow of jwt-missing-expiry cover jwt-expiry-too-long, split out of it', async () => {
        const { findings, suppressed } = await check('@allow(jwt-missing-expiry, "legacy tokens, replaced in Q3")\nservice api {\n  auth: jwt { expiry: 7d  revocation: denylist }\n}');
        expect([findings.map(f => f.code).filter(code => code.startsWith('jwt-') && code !== 'jwt-without-issuer'), suppressed.map(s => [s.finding.code, s.allow.rule])]).toEqual([[], [['jwt-expiry-too-long', 'jwt-missing-expiry']]]);
    });
    it('suppresses a rule on a declaration', async () => {
        const { findings, suppressed } = await check('@allow(orphan-component, "kept for the migration")\nservice legacy');
        expect([findings.map(f => f.code), suppressed.length]).toEqual([[], 1]);
    });
    it('covers findings placed inside the declaration (a property, a route)', async () => {
        const { findings } = await check('@allow(missing-identity-propagation, "orders trusts the mesh")\ngateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders');
        expect(findings.some(f => f.code === 'missing-identity-propagation')).toBe(false);
    });
    it('lets a zone\'s allow cover its members', async () => {
        const { findings, suppressed } = await check('@allow(orphan-component, "sandbox")\nzone lab {\n  service x\n  service y\n}');
        expect([findings.filter(f => f.code === 'orphan-component').length, suppressed.length]).toEqual([0, 2]);
    });
    it('lets a nested zone inherit the outer zone\'s allow', async () => {
        const { findings } = await check('@allow(orphan-component, "sandbox")\nzone lab {\n  zone inner {\n    service x\n  }\n}');
        expect(findings.filter(f => f.code === 'orphan-component')).toEqual([]);
    });
    it('lets a broker\'s allow cover its channels', async () => {
        const { findings } = await check('@allow(consumer-without-dlq, "idempotent consumers")\nbroker bus {\n  queue q\n}');
        expect(findings.filter(f => f.code === 'consumer-without-dlq')).toEqual([]);
    });
    it('suppresses only the named rule', async () => {
        const { findings } = await check('@allow(sync-cycle, "intended")\nservice legacy');
        expect(findings.map(f => f.code)).toEqual(['orphan-component']);
    });
    it('does not suppress findings on other elements', async () => {
        const { findings } = await check('@allow(orphan-component, "kept")\nservice a\nservice b');
        expect(findings.map(f => f.message)).toEqual(["The service 'b' has no connections and nothing references it; connect it or remove it."]);
    });
    it('suppresses a path finding on the connection it is placed on (sync-chain-too-deep)', async () => {
        const names = ['s0', 's1', 's2', 's3', 's4', 's5'];
        const text = ['client web', ...names.map(s => `service ${s} { replicas: 2 }`), 'web -> s0 : https', 's0 -> s1', 's1 -> s2', 's2 -> s3', 's3 -> s4',
            '@allow(sync-chain-too-deep, "checkout must confirm stock synchronously")', 's4 -> s5'].join('\n');
        const { findings, suppressed } = await check(text);
        expect([findings.some(f => f.code === 'sync-chain-too-deep'), suppressed.map(s => s.finding.code)]).toEqual([false, ['sync-chain-too-deep']]);
    });
});

describe('allow-without-reason', () => {
    it('reports an @allow without a reason but still suppresses', async () => {
        const { findings, suppressed } = await check('@allow(orphan-component)\nservice legacy');
        expect([findings.map(f => [f.code, f.severity, f.message]), suppressed.length]).toEqual([
            [['allow-without-reason', 'warning', 'The @allow of \'orphan-component\' gives no reason; write @allow(orphan-component, "why this is acceptable here") so reviewers can judge it.']], 1]);
    });
    it('reports an unknown rule id with a suggestion', async () => {
        const { findings } = await check('@allow(orphan-componet, "kept")\nservice legacy');
        expect(findings.map(f => f.message)).toEqual([
            "The @allow names the unknown rule 'orphan-componet'; it suppresses nothing. Did you mean 'orphan-component'?",
            "The service 'legacy' has no connections and nothing references it; connect it or remove it.",
        ]);
    });
    it('is placed on the annotation', async () => {
        const { findings } = await check('@allow(orphan-component)\nservice legacy');
        expect(findings[0].location.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 24 } });
    });
    it('accepts a model-level id', async () => {
        const { findings } = await check('@allow(unknown-property, "vendor extension")\nservice a { replica: 2 }\nclient c\nc -> a : https');
        expect(findings.filter(f => f.code === 'unknown-property' || f.code === 'allow-without-reason')).toEqual([]);
    });
});
