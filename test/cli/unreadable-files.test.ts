/**
 * One bad file never hides the rest: `archway check` on a real folder that holds a binary file,
 * a FIFO, a file that is not UTF-8 and good files reports every good file's findings plus one
 * `'unreadable-file'` finding per bad one, as a complete JSON report and a SARIF log that the
 * official SARIF 2.1.0 schema accepts. Usage errors are in the report too. Control characters
 * never reach the output raw, and lexer errors read as sentences.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { archway, ensureBuilt } from './cli-process.js';

const require = createRequire(import.meta.url);
/** The SARIF 2.1.0 schema as published by the OASIS committee (shipped in Microsoft's SARIF matchers). */
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// The published schema is draft-04 and has one pattern that is not valid with the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

let dir = '';
let folder = '';

interface JsonDiagnostic { file: string; line: number; column: number; severity: string; code: string; message: string }

beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'archway-unreadable-'));
    folder = join(dir, 'model');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'a-good.arch'), 'service orders { replicas: 2 }\nservice users { replicas: 2  -> orders : https { timeout: 1s } }\n');
    writeFileSync(join(folder, 'b-binary.arch'), Buffer.concat([Buffer.from('service x\n// '), Buffer.from([0x00, 0x01, 0xff, 0x00])]));
    expect(spawnSync('mkfifo', [join(folder, 'c-pipe.arch')]).status).toBe(0);
    writeFileSync(join(folder, 'sub', 'd-errors.arch'), 'service a\na -> nowhere : https\n');
    writeFileSync(join(folder, 'sub', 'e-latin1.arch'), Buffer.concat([Buffer.from('service caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder with a binary file, a FIFO, a file that is not UTF-8 and good files', () => {
    test('JSON: every good file checked, one unreadable-file finding per bad file, exit 1, nothing on stderr', () => {
        const result = archway(['check', '.', '--format', 'json'], folder);
        expect([result.status, result.stderr]).toEqual([1, '']);
        const report = JSON.parse(result.stdout);
        expect(report.files).toBe(5);
        expect(report.invocationErrors).toEqual([]);
        expect(report.diagnostics.map((d: JsonDiagnostic) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
            'b-binary.arch:2:4 unreadable-file The file contains a NUL byte here, so it is binary data, not .arch text; it was not checked.',
            'c-pipe.arch:1:1 unreadable-file This is a named pipe (FIFO), not a regular file; it was not read.',
            "sub/d-errors.arch:2:6 unresolved-reference The connection target 'nowhere' is not declared.",
            'sub/e-latin1.arch:1:12 unreadable-file The byte 0xE9 here is not UTF-8; save the file as UTF-8 text to have it checked.',
        ]);
        expect(report.diagnostics.filter((d: JsonDiagnostic) => d.code === 'unreadable-file').map((d: JsonDiagnostic) => d.severity)).toEqual(['error', 'error', 'error']);
    });

    test('SARIF: a log the SARIF 2.1.0 schema accepts, with the same results and the rule described', () => {
        const result = archway(['check', '.', '--format', 'sarif'], folder);
        expect(result.status).toBe(1);
        const sarif = JSON.parse(result.stdout);
        expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
        const run = sarif.runs[0];
        expect(run.results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
            `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`)).toEqual([
            'b-binary.arch unreadable-file', 'c-pipe.arch unreadable-file', 'sub/d-errors.arch unresolved-reference', 'sub/e-latin1.arch unreadable-file',
        ]);
        expect(run.tool.driver.rules.find((r: { id: string }) => r.id === 'unreadable-file').helpUri).toMatch(/unreadable-file\.md$/);
        expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    });

    test('text: one line per finding and the summary counts the bad files among the files', () => {
        const result = archway(['check', '.'], folder);
        expect(result.status).toBe(1);
        expect(result.stdout.trim().split('\n').at(-1)).toBe('5 files checked: 4 errors, 0 warnings, 0 infos.');
    });

    test('the rule can be turned off in archway.json like any other', () => {
        const configured = join(dir, 'configured');
        mkdirSync(configured);
        writeFileSync(join(configured, 'archway.json'), '{ "rules": { "unreadable-file": "warning" } }');
        writeFileSync(join(configured, 'bin.arch'), Buffer.from([0x00]));
        writeFileSync(join(configured, 'ok.arch'), 'service a { replicas: 2 }\nservice b { replicas: 2  -> a : https { timeout: 1s } }\n');
        const result = archway(['check', '.', '--format', 'json'], configured);
        expect(result.status, result.stderr).toBe(0);
        expect(JSON.parse(result.stdout).diagnostics.map((d: JsonDiagnostic) => [d.code, d.severity])).toEqual([['unreadable-file', 'warning']]);
    });
});

describe('usage errors', () => {
    test('an explicitly named path that does not exist exits 2; JSON and SARIF still describe the run on stdout', () => {
        const missing = join(dir, 'missing.arch');
        const json = archway(['check', folder, missing, '--format', 'json']);
        expect([json.status, json.stderr.trim()]).toEqual([2, `archway check: No such file or folder: '${missing}'.`]);
        expect(JSON.parse(json.stdout)).toEqual({ files: 0, diagnostics: [], suppressed: [], invocationErrors: [{ message: `No such file or folder: '${missing}'.` }] });

        const sarif = archway(['check', folder, missing, '--format=sarif']);
        expect(sarif.status).toBe(2);
        const log = JSON.parse(sarif.stdout);
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
        expect(log.runs[0].invocations).toEqual([{
            executionSuccessful: false,
            toolExecutionNotifications: [{ level: 'error', message: { text: `No such file or folder: '${missing}'.` } }],
        }]);
    });

    test('an unknown option with --format json: exit 2, the reason in the report and on stderr', () => {
        const result = archway(['check', folder, '--format', 'json', '--colour']);
        expect(result.status).toBe(2);
        expect(JSON.parse(result.stdout).invocationErrors).toEqual([{ message: "Unknown option '--colour'." }]);
        expect(result.stderr).toContain("Unknown option '--colour'.");
    });

    test('the text format prints nothing on stdout for a usage error', () => {
        const result = archway(['check', join(dir, 'nope')]);
        expect([result.status, result.stdout]).toEqual([2, '']);
    });
});

describe('control characters and lexer errors', () => {
    test('control characters from the source show as U+XXXX in every format; lexer errors are sentences', () => {
        const controls = join(dir, 'controls');
        mkdirSync(controls);
        writeFileSync(join(controls, 'bell.arch'), 'service a { -> b : "ht\u0007tp" }\nservice b\u001b[31m\nservice c %\nservice d "unterminated\n');
        const text = archway(['check', '.'], controls);
        expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        const messages = JSON.parse(archway(['check', '.', '--format', 'json'], controls).stdout).diagnostics
            .filter((d: JsonDiagnostic) => d.code === 'syntax-error').map((d: JsonDiagnostic) => `${d.line}:${d.column} ${d.message}`);
        expect(messages).toEqual(expect.arrayContaining([
            `1:20 Unexpected '"htU+0007tp"': expected a name.`,
            '2:10 Unexpected character U+001B: it is not part of the .arch language here.',
            "3:11 Unexpected character '%': it is not part of the .arch language here.",
            '4:11 This string has no closing double quote on its line; a string ends on the line it starts.',
        ]));
        expect(messages.join('\n')).not.toMatch(/->|offset|skipped/);
    });

    test('a file name with a control character is escaped in text output', () => {
        const named = join(dir, 'named');
        mkdirSync(named);
        writeFileSync(join(named, 'bad\u0007name.arch'), 'service a\na -> nowhere : https\n');
        const result = archway(['check', '.'], named);
        expect(result.stdout.split('\n')[0]).toBe("badU+0007name.arch:2:6 error unresolved-reference The connection target 'nowhere' is not declared.");
    });
});
