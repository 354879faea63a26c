/**
 * `archway check` as a process: exit codes, output formats, bad input.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { archway, ensureBuilt } from './cli-process.js';
import { tempDir } from '../support/temp-dirs.js';

let dir: string;

/** Writes files into a fresh temporary folder and returns its path. */
function files(contents: Record<string, string>): string {
    const folder = mkdtempSync(join(dir, 'case-'));
    for (const [name, text] of Object.entries(contents)) {
        mkdirSync(join(folder, name, '..'), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    return folder;
}

const CLEAN = 'architecture "Empty"\n';
const WARNING_ONLY = 'zone z { trust: private  colour: "red" }\n';
const ERROR = 'service a\na -> nowhere : https\n';

beforeAll(() => {
    ensureBuilt();
    dir = tempDir('archway-cli-');
});

describe('archway check', () => {
    test('exits 0 on a clean file', () => {
        const folder = files({ 'clean.arch': CLEAN });
        expect(archway(['check', join(folder, 'clean.arch')]).status).toBe(0);
    });

    test('exits 1 when a file has errors', () => {
        const folder = files({ 'bad.arch': ERROR });
        expect(archway(['check', folder]).status).toBe(1);
    });

    test('exits 0 with warnings when no --max-warnings is given', () => {
        const folder = files({ 'warn.arch': WARNING_ONLY });
        expect(archway(['check', folder]).status).toBe(0);
    });

    test('exits 1 when warnings exceed --max-warnings', () => {
        const folder = files({ 'warn.arch': WARNING_ONLY });
        expect(archway(['check', folder, '--max-warnings', '0']).status).toBe(1);
    });

    test('exits 0 when warnings stay within --max-warnings', () => {
        const folder = files({ 'warn.arch': WARNING_ONLY });
        expect(archway(['check', folder, '--max-warnings', '1']).status).toBe(0);
    });

    test('exits 2 and says so when a path does not exist', () => {
        const result = archway(['check', join(dir, 'missing.arch')]);
        expect([result.status, result.stderr.trim()]).toEqual([2, `archway check: No such file or folder: '${join(dir, 'missing.arch')}'.`]);
    });

    test('exits 2 on an unknown option', () => {
        expect(archway(['check', '--colour']).status).toBe(2);
    });

    test('exits 2 on an unknown format', () => {
        const folder = files({ 'clean.arch': CLEAN });
        expect(archway(['check', folder, '--format', 'xml']).status).toBe(2);
    });

    test('exits 2 when a folder holds no .arch file', () => {
        const folder = files({ 'notes.txt': 'hello' });
        expect(archway(['check', folder]).status).toBe(2);
    });

    test('checks every .arch file of a folder recursively', () => {
        const folder = files({ 'a.arch': CLEAN, 'sub/b.arch': CLEAN, 'sub/deeper/c.arch': CLEAN });
        const report = JSON.parse(archway(['check', folder, '--format', 'json']).stdout);
        expect(report.files).toBe(3);
    });

    test('prints text diagnostics as file:line:col severity code message', () => {
        const folder = files({ 'bad.arch': ERROR });
        const first = archway(['check', join(folder, 'bad.arch')], folder).stdout.split('\n')[0];
        expect(first).toBe("bad.arch:2:6 error unresolved-reference The connection target 'nowhere' is not declared.");
    });

    test('prints JSON with files and 1-based diagnostics', () => {
        const folder = files({ 'bad.arch': ERROR });
        const report = JSON.parse(archway(['check', join(folder, 'bad.arch'), '--format', 'json'], folder).stdout);
        expect(report.diagnostics[0]).toEqual({
            file: 'bad.arch', line: 2, column: 6, endLine: 2, endColumn: 13, severity: 'error',
            code: 'unresolved-reference', message: "The connection target 'nowhere' is not declared.",
        });
    });

    test('prints SARIF 2.1.0 with the required fields', () => {
        const folder = files({ 'bad.arch': ERROR });
        const sarif = JSON.parse(archway(['check', join(folder, 'bad.arch'), '--format', 'sarif'], folder).stdout);
        const result = sarif.runs[0].results[0];
        expect({
            version: sarif.version, driver: sarif.runs[0].tool.driver.name, ruleId: result.ruleId, level: result.level,
            text: typeof result.message.text, uri: result.locations[0].physicalLocation.artifactLocation.uri,
            region: result.locations[0].physicalLocation.region,
            ruleListed: sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === result.ruleId),
        }).toEqual({
            version: '2.1.0', driver: 'archway', ruleId: 'unresolved-reference', level: 'error', text: 'string', uri: 'bad.arch',
            region: { startLine: 2, startColumn: 6, endLine: 2, endColumn: 13 }, ruleListed: true,
        });
    });

    test('reports several syntax errors of one file in one run', () => {
        const folder = files({ 'broken.arch': 'service a { replicas: }\nservice b { -> }\na -> : https\n' });
        const report = JSON.parse(archway(['check', folder, '--format', 'json']).stdout);
        expect(report.diagnostics.filter((d: { code: string }) => d.code === 'syntax-error').length).toBeGreaterThanOrEqual(3);
    });

    test('reports a file full of typos once per problem, each with a location', () => {
        const folder = files({
            'typos.arch': 'zone vpc {\n  trust: pubic\n  servce orders\n  service users { replcas: 3 }\n  gateway api { rateLimit: fast }\n}\nusers -> usrs : https\n',
        });
        const report = JSON.parse(archway(['check', folder, '--format', 'json']).stdout);
        const codes = report.diagnostics.map((d: { code: string; line: number }) => `${d.line} ${d.code}`)
            .filter((c: string) => !/orphan|single-point|gateway-|sync-|replicas-/.test(c));
        expect(codes).toEqual(['2 invalid-property-value', '3 unknown-kind', '4 unknown-property', '5 invalid-property-value', '7 unresolved-reference']);
    });

    test('checks the imports of a file even when they are outside the given paths', () => {
        const folder = files({ 'app/main.arch': 'import "../lib/payments.arch"\nservice orders\norders -> payments : grpcs\n', 'lib/payments.arch': 'service payments\n' });
        const report = JSON.parse(archway(['check', join(folder, 'app'), '--format', 'json']).stdout);
        expect(report.files).toBe(2);
    });

    test('an import of a directory is a precise diagnostic', () => {
        const folder = files({ 'main.arch': 'import "./lib"\nservice a\n', 'lib/x.arch': CLEAN });
        const report = JSON.parse(archway(['check', join(folder, 'main.arch'), '--format', 'json']).stdout);
        expect(report.diagnostics.find((d: { code: string }) => d.code === 'unresolved-import')?.message)
            .toBe("The import './lib' names a directory; import a .arch file instead.");
    });

    test('prints help and exits 2 without a command', () => {
        const result = archway([]);
        expect([result.status, result.stdout.includes('archway check')]).toEqual([2, true]);
    });

    test('runs on the bundled examples', () => {
        const result = archway(['check', 'examples', '--format', 'json']);
        expect(JSON.parse(result.stdout).files).toBeGreaterThanOrEqual(6);
    });

    test('lists every rule with --list-rules', () => {
        const result = archway(['check', '--list-rules']);
        expect(result.stdout.split('\n').filter(line => /^gateway-bypass\s/.test(line))).toHaveLength(1);
    });

    test('lists suppressed findings separately in JSON, with their reasons', () => {
        const folder = files({
            'allowed.arch': 'service a { replicas: 2  -> b : grpcs }\nservice b { replicas: 2 }\n'
                + '@allow(sync-call-without-timeout, "fire and forget")\na -> b : grpcs { loadBalancing: mesh }\n',
        });
        const report = JSON.parse(archway(['check', folder, '--format', 'json']).stdout);
        expect(report.suppressed.map((s: { code: string; reason: string; line: number }) => [s.code, s.reason, s.line]))
            .toEqual([['sync-call-without-timeout', 'fire and forget', 4]]);
    });

    test('a rule turned off in --config no longer reports', () => {
        const folder = files({ 'warn.arch': WARNING_ONLY, 'archway.json': '{ "rules": { "unknown-property": "off" } }' });
        const report = JSON.parse(archway(['check', join(folder, 'warn.arch'), '--config', join(folder, 'archway.json'), '--format', 'json']).stdout);
        expect(report.diagnostics).toEqual([]);
    });

    test('an archway.json next to the files is found without --config', () => {
        const folder = files({ 'warn.arch': WARNING_ONLY, 'archway.json': '{ "rules": { "unknown-property": "error" } }' });
        expect(archway(['check', folder]).status).toBe(1);
    });

    test('an unknown rule id in --config exits 2 naming the place', () => {
        const folder = files({ 'clean.arch': CLEAN, 'archway.json': '{ "rules": { "no-such-rule": "off" } }' });
        const result = archway(['check', folder, '--config', join(folder, 'archway.json')]);
        expect([result.status, result.stderr.includes(`${join(folder, 'archway.json')}:1:14: Unknown rule id "no-such-rule".`)]).toEqual([2, true]);
    });

    test('a missing --config file exits 2', () => {
        const folder = files({ 'clean.arch': CLEAN });
        expect(archway(['check', folder, '--config', join(folder, 'nope.json')]).status).toBe(2);
    });
});
