/**
 * `schemas/archway.schema.json` (contributed for `archway.json`) matches the rule registry, and
 * the snippets the extension contributes expand to text that parses.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfigSchema } from '../../src/extension/config-schema.js';
import { listRules } from '../../src/rules/registry.js';
import { parseConfig } from '../../src/rules/config.js';
import { COMPONENT_KINDS } from '../../src/model/component-kinds.js';
import { loadText } from '../support/services.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCHEMA = join(ROOT, 'schemas/archway.schema.json');

describe('the archway.json schema', () => {
    // That the file is what buildConfigSchema writes: test/generated/freshness.test.ts.
    it('is valid JSON that equals the schema built from the rule registry', () => {
        expect(JSON.parse(readFileSync(SCHEMA, 'utf8'))).toEqual(buildConfigSchema(listRules()));
    });

    it('names every rule id and every option the checker accepts', () => {
        const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
        const rules = schema.properties.rules.properties;
        for (const rule of listRules()) {
            expect(rules[rule.id], rule.id).toBeDefined();
            const options = rules[rule.id].anyOf[1].items[1].properties ?? {};
            expect(Object.keys(options).sort(), rule.id).toEqual(Object.keys(rule.options).sort());
        }
    });
});

describe('the schema and the checker', () => {
    it('agree on a configuration that uses severities, options and a preset', () => {
        const text = JSON.stringify({
            extends: 'strict',
            rules: { 'gateway-missing-rate-limit': 'off', 'sync-chain-too-deep': ['warning', { maxDepth: 5 }], 'jwt-missing-expiry': ['error', { maxExpiry: '30m' }] },
        });
        expect(parseConfig(text).errors).toEqual([]);
    });
    it('agree on the numbers section: every kind, both sections, the written forms', () => {
        const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
        const numbers = schema.properties.numbers.properties;
        const kinds = Object.keys(numbers.availability.properties);
        expect(Object.keys(numbers.latency.properties)).toEqual(kinds);
        const percent = new RegExp(numbers.availability.properties.service.anyOf[0].pattern);
        const duration = new RegExp(numbers.latency.properties.service.pattern);
        expect(percent.test('99.95%') && duration.test('5ms')).toBe(true);
        const text = JSON.stringify({ numbers: {
            availability: Object.fromEntries(kinds.map(kind => [kind, '99.9%'])),
            latency: Object.fromEntries(kinds.map(kind => [kind, '5ms'])),
        } });
        expect(parseConfig(text).errors).toEqual([]);
    });
});

/** Expands a snippet body with every placeholder at its default (first choice). */
function expand(body: string[]): string {
    return body.join('\n')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
}

describe('the snippets', () => {
    const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets/arch.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;

    it('cover every component kind, zones, views and flows', () => {
        const prefixes = Object.values(snippets).map(snippet => snippet.prefix);
        for (const kind of [...COMPONENT_KINDS, 'zone', 'view', 'flow']) {
            expect(prefixes, kind).toContain(kind);
        }
    });

    it('expand to text that parses, with properties the schema knows', async () => {
        const declarations = Object.entries(snippets).filter(([name]) => !['flow', 'allow', 'architecture', 'view with direction'].includes(name));
        const text = ['service orders', 'service idp0', 'storage assets', 'idp idp', 'client browser', 'client a', 'service b', 'gateway api',
            ...declarations.map(([, snippet]) => expand(snippet.body).replace(/^(\w+) (\w+?)Id /, '$1 $2Snippet ')),
            expand(snippets['view with direction'].body).replace('a, b', 'orders'),
            expand(snippets.flow.body).replace(/browser -> api[^\n]*/, 'a -> b'), 'a -> b',
            expand(snippets.allow.body) + ' service c'].join('\n');
        const { document, diagnostics } = await loadText(text);
        expect(document.parseResult.parserErrors.map(error => error.message)).toEqual([]);
        expect(document.parseResult.lexerErrors).toEqual([]);
        const wrong = diagnostics.filter(d => d.code === 'unknown-property' || d.code === 'invalid-property-value');
        expect(wrong.map(d => d.message)).toEqual([]);
    });
});
