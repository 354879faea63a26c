import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigError, parseConfig, resolveSettings } from '../../src/rules/config.js';
import { configErrors, findConfigFile, loadConfig } from '../../src/rules/config-files.js';
import { check } from './rule-tester.js';
import { tempDir } from '../support/temp-dirs.js';

function workspace(files: Record<string, string>): string {
    const root = tempDir('archway-config-');
    for (const [name, text] of Object.entries(files)) {
        const path = join(root, name);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
    }
    return root;
}

describe('parseConfig', () => {
    it('accepts the documented example', () => {
        const { errors } = parseConfig('{ "extends": "recommended",\n  "rules": { "gateway-missing-rate-limit": "off",\n             "sync-chain-too-deep": ["warning", { "maxDepth": 5 }] } }');
        expect(errors).toEqual([]);
    });
    it('accepts comments and trailing commas', () => {
        expect(parseConfig('{\n  // team policy\n  "rules": { "orphan-component": "off", },\n}').errors).toEqual([]);
    });
    it('reports an unknown rule id on its key, with a suggestion', () => {
        const { errors } = parseConfig('{\n  "rules": {\n    "gateway-missing-ratelimit": "off"\n  }\n}', 'archway.json');
        expect(errors).toEqual([{
            message: 'Unknown rule id "gateway-missing-ratelimit". Did you mean \'gateway-missing-rate-limit\'?',
            file: 'archway.json',
            range: { start: { line: 2, character: 4 }, end: { line: 2, character: 31 } },
        }]);
    });
    it('reports a bad severity', () => {
        expect(parseConfig('{ "rules": { "orphan-component": "loud" } }').errors[0].message).toMatch(/must be "off", "info", "warning" or "error"/);
    });
    it('reports an unknown option with the rule\'s options', () => {
        expect(parseConfig('{ "rules": { "sync-chain-too-deep": ["warning", { "depth": 5 }] } }').errors[0].message)
            .toBe('Unknown option "depth" for "sync-chain-too-deep"; its options are "maxDepth".');
    });
    it('reports an option of the wrong type', () => {
        expect(parseConfig('{ "rules": { "sync-chain-too-deep": ["warning", { "maxDepth": "five" }] } }').errors[0].message)
            .toMatch(/"maxDepth" of "sync-chain-too-deep" must be a whole number of at least 1, not "five"/);
    });
    it('reports a duration option without a unit', () => {
        expect(parseConfig('{ "rules": { "jwt-missing-expiry": ["error", { "maxExpiry": 60 }] } }').errors[0].message)
            .toMatch(/must be a duration such as "15m"/);
    });
    it('reports options given to a rule that has none', () => {
        expect(parseConfig('{ "rules": { "orphan-component": ["warning", { "x": 1 }] } }').errors[0].message).toBe('The rule "orphan-component" has no options.');
    });
    it('reports an unknown preset', () => {
        expect(parseConfig('{ "extends": "pedantic" }').errors[0].message).toBe('"extends" must be "recommended" or "strict", not "pedantic".');
    });
    it('reports an unknown top-level key', () => {
        expect(parseConfig('{ "rule": {} }').errors[0].message).toMatch(/Unknown configuration key "rule".*Did you mean 'rules'\?/);
    });
    it('reports invalid JSON with its position', () => {
        const { errors } = parseConfig('{ "rules": { "orphan-component" "off" } }');
        expect(errors[0].message).toMatch(/not valid JSON: Expected a colon/);
    });
});

describe('the numbers section', () => {
    it('accepts percentages and durations per kind, as strings or plain numbers of percent', () => {
        const { config, errors } = parseConfig('{ "numbers": { "availability": { "service": "99.9%", "database": 99.95 }, "latency": { "database": "5ms" } } }');
        expect(errors).toEqual([]);
        expect(config.numbers).toEqual({ availability: { service: 99.9, database: 99.95 }, latency: { database: 5 } });
    });
    it('reports an unknown kind with a suggestion, on its key', () => {
        const { errors } = parseConfig('{ "numbers": { "availability": { "servce": "99.9%" } } }');
        expect(errors.map(e => e.message)).toEqual(['Unknown component kind "servce" in "numbers.availability". Did you mean \'service\'?']);
        expect(errors[0].range.start.character).toBe(33);
    });
    it('reports a percentage out of range and a latency without a unit', () => {
        const { errors } = parseConfig('{ "numbers": { "availability": { "service": "120%" }, "latency": { "cache": 2 } } }');
        expect(errors.map(e => e.message)).toEqual([
            'The availability of "service" must be a percentage from 0% to 100% such as "99.9%", not "120%".',
            'The latency of "cache" must be a duration such as "5ms", not 2.',
        ]);
    });
    it('reports an unknown section', () => {
        expect(parseConfig('{ "numbers": { "latencies": {} } }').errors[0].message).toMatch(/Unknown key "latencies" in "numbers".*Did you mean 'latency'\?/);
    });
    it('gives the loaded configuration its assumptions, the defaults where not overridden', () => {
        const root = workspace({ 'archway.json': '{ "numbers": { "availability": { "service": "99.9%" } } }' });
        const { assumptions } = loadConfig({ file: join(root, 'archway.json') });
        expect(assumptions.availability.service).toBe(99.9);
        expect(assumptions.availability.database).toBe(99.5);
    });
});

describe('resolveSettings', () => {
    it('turns off a rule', () => {
        expect(resolveSettings({ rules: { 'orphan-component': 'off' } })['orphan-component']).toEqual({ severity: 'off' });
    });
    it('keeps options', () => {
        expect(resolveSettings({ rules: { 'sync-chain-too-deep': ['error', { maxDepth: 6 }] } })['sync-chain-too-deep']).toEqual({ severity: 'error', options: { maxDepth: 6 } });
    });
    it('raises info rules to warnings under strict', () => {
        expect(resolveSettings({ extends: 'strict' })['sync-call-without-timeout']).toEqual({ severity: 'warning', strict: true });
    });
    it('lets overrides win over the file', () => {
        expect(resolveSettings({ rules: { 'orphan-component': 'off' } }, { 'orphan-component': 'error' })['orphan-component']).toEqual({ severity: 'error' });
    });
});

describe('loadConfig', () => {
    it('finds archway.json by walking up from a file', () => {
        const root = workspace({ 'archway.json': '{}', 'src/deep/a.arch': '' });
        expect(findConfigFile(join(root, 'src/deep/a.arch'))).toBe(join(root, 'archway.json'));
    });
    it('returns defaults when there is no file', () => {
        const root = workspace({ 'a.arch': '' });
        const loaded = loadConfig({ from: join(root, 'a.arch') });
        expect(loaded.settings).toEqual({});
    });
    it('loads an explicit file', () => {
        const root = workspace({ 'ci.json': '{ "extends": "strict" }' });
        expect(loadConfig({ file: join(root, 'ci.json') }).preset).toBe('strict');
    });
    it('reports a missing explicit file', () => {
        expect(loadConfig({ file: '/nonexistent/archway.json' }).errors[0].message).toMatch(/cannot be read/);
    });
    it('gives the CLI a list of errors with file and position', () => {
        const root = workspace({ 'archway.json': '{\n  "rules": { "nope": "off" }\n}' });
        expect(configErrors(join(root, 'archway.json')).map(formatConfigError)).toEqual([`${join(root, 'archway.json')}:2:14: Unknown rule id "nope".`]);
    });
    it('reports bad editor overrides', () => {
        expect(loadConfig({ overrides: { 'not-a-rule': 'off' } }).errors[0].message).toMatch(/^archway.rules setting: Unknown rule id "not-a-rule"/);
    });
});

describe('configuration applied to a check', () => {
    const text = 'service a\nservice b\na -> b : grpcs';
    it('reports the default severity', async () => {
        const { findings } = await check(text);
        expect(findings.find(f => f.code === 'sync-call-without-timeout')?.severity).toBe('info');
    });
    it('turns a rule off', async () => {
        const { findings } = await check(text, resolveSettings({ rules: { 'sync-call-without-timeout': 'off' } }));
        expect(findings.some(f => f.code === 'sync-call-without-timeout')).toBe(false);
    });
    it('changes a rule\'s severity', async () => {
        const { findings } = await check(text, resolveSettings({ rules: { 'sync-call-without-timeout': 'error' } }));
        expect(findings.find(f => f.code === 'sync-call-without-timeout')?.severity).toBe('error');
    });
    it('raises private plaintext-connection to a warning under strict', async () => {
        const { findings } = await check('service a\ncache c\na -> c : redis', resolveSettings({ extends: 'strict' }));
        expect(findings.find(f => f.code === 'plaintext-connection')?.severity).toBe('warning');
    });
    it('caps a lesser variant at the configured severity', async () => {
        const { findings } = await check('client web\nservice a\nservice b { public: true }\nweb -> b : https\nb -> a : http',
            resolveSettings({ rules: { 'plaintext-connection': 'info' } }));
        expect(findings.find(f => f.code === 'plaintext-connection')?.severity).toBe('info');
        const capped = await check('client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders { public: true }\nweb -> api : https', resolveSettings({ rules: { 'gateway-missing-auth': 'warning' } }));
        expect(capped.findings.find(f => f.code === 'gateway-missing-auth')?.severity).toBe('info');
    });
    it('keeps a lesser variant below a raised main severity', async () => {
        const { findings } = await check('client web\nservice api {\n  auth: jwt { expiry: 15m  revocation: denylist }\n}\nweb -> api : https', resolveSettings({ rules: { 'jwt-insecure-client-storage': 'error' } }));
        expect(findings.find(f => f.code === 'jwt-insecure-client-storage')?.severity).toBe('info');
    });
    it('applies the setting of jwt-missing-expiry to jwt-expiry-too-long, split out of it', async () => {
        const text = 'service api {\n  auth: jwt { expiry: 7d  revocation: denylist }\n}';
        const severityUnder = async (rules: Record<string, unknown>) => (await check(text, resolveSettings({ rules } as never))).findings.find(f => f.code === 'jwt-expiry-too-long')?.severity ?? 'none';
        expect([
            await severityUnder({}),
            await severityUnder({ 'jwt-missing-expiry': 'off' }),
            await severityUnder({ 'jwt-missing-expiry': 'info' }),
            await severityUnder({ 'jwt-missing-expiry': 'error' }),
            await severityUnder({ 'jwt-missing-expiry': 'off', 'jwt-expiry-too-long': 'error' }),
            await severityUnder({ 'jwt-missing-expiry': ['warning', { maxExpiry: '8d' }] }),
        ]).toEqual(['warning', 'none', 'info', 'warning', 'error', 'none']);
        const strict = await check(text, resolveSettings({ extends: 'strict', rules: { 'jwt-missing-expiry': 'off' } }));
        expect(strict.findings.map(f => f.code)).not.toContain('jwt-expiry-too-long');
    });
    it('applies to model problems too', async () => {
        const { findings } = await check('service a { replica: 2 }', resolveSettings({ rules: { 'unknown-property': 'error' } }));
        expect(findings.find(f => f.code === 'unknown-property')?.severity).toBe('error');
    });
});

describe('"deployment"', () => {
    it('lists Kubernetes and Compose sources, relative to the file', () => {
        const root = workspace({ 'archway.json': '{ "deployment": { "kubernetes": ["k8s/", "extra.yaml"], "compose": "docker-compose.yml" } }', 'k8s/a.yaml': '', 'extra.yaml': '', 'docker-compose.yml': '' });
        const loaded = loadConfig({ file: join(root, 'archway.json') });
        expect(loaded.errors).toEqual([]);
        expect(loaded.deployment).toEqual({ kubernetes: ['k8s/', 'extra.yaml'], compose: ['docker-compose.yml'] });
    });
    it('reports missing paths, unknown formats and values that are not paths, where they are written', () => {
        const root = workspace({ 'archway.json': '{\n  "deployment": {\n    "kubernetes": ["k8s/"],\n    "helm": ["chart/"],\n    "compose": [3]\n  }\n}' });
        const errors = loadConfig({ file: join(root, 'archway.json') }).errors.map(e => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`);
        expect(errors).toEqual([
            "3:20 The deployment source 'k8s/' does not exist (paths are relative to archway.json).",
            '4:5 Unknown deployment format "helm"; use "kubernetes" or "compose".',
            '5:17 The "compose" deployment sources must be paths (strings), not 3.',
        ]);
    });
    it('is absent without sources', () => {
        expect(parseConfig('{ "deployment": { "kubernetes": [] } }').config.deployment).toBeUndefined();
    });
});
