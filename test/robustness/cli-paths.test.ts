/**
 * The CLI with hostile paths: unreadable files and folders, symlink loops, FIFOs, spaces and
 * non-ASCII names, binary and non-UTF-8 files, BOM, CRLF and lone CR, output paths it cannot
 * write — `check` reports an input it cannot read as an `unreadable-file` finding, other
 * commands exit 2 with one clear line; never a stack trace or a hang.
 * Also `archway format`: refuses text with syntax errors unless --force, writes atomically.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../cli/cli-process.js';

const NOBODY = 65534;
let dir = '';

/**
 * The CLI `nobody` runs: a world-readable copy of the built CLI in the test's folder, since the
 * checkout itself may sit in a folder only its owner can enter (a clone into `mktemp -d`).
 */
let nobodyBin = '';

function run(args: string[], options: { uid?: number } = {}) {
    const asOther = options.uid !== undefined;
    const result = spawnSync(process.execPath, [asOther ? nobodyBin : BIN, ...args], {
        cwd: asOther ? dirname(dirname(nobodyBin)) : ROOT, encoding: 'utf8', timeout: 60_000, ...(asOther ? { uid: options.uid, gid: options.uid } : {}),
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 2 and exactly one line on stderr, without a stack trace. */
function expectOneClearLine(result: ReturnType<typeof run>, pattern: RegExp): void {
    expect(result.status, result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

/** Exit 1, nothing on stderr, and a JSON report whose only finding is `unreadable-file` on `path` (at `[line, column]`). */
function expectUnreadable(result: ReturnType<typeof run>, path: string, message: string, [line, column] = [1, 1]): void {
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics).toEqual([{ file: path, line, column, endLine: line, endColumn: column, severity: 'error', code: 'unreadable-file', message }]);
    expect(report.invocationErrors).toEqual([]);
}

const VALID = 'service a "A" { replicas: 2 }\nservice b { -> a : https { timeout: 1s } }\n';
const canSwitchUser = process.getuid?.() === 0;

beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'archway-cli-robust-'));
    chmodSync(dir, 0o755);
    if (canSwitchUser) {
        const copy = join(dir, 'archway');
        for (const part of ['bin', 'out/cli', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
        nobodyBin = join(copy, relative(ROOT, BIN));
    }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI input paths', () => {
    // As root every file is readable, so these run the CLI as `nobody`; as another user, chmod suffices.
    test('an unreadable file: a finding about it, exit 1', () => {
        const file = join(dir, 'secret.arch');
        writeFileSync(file, VALID);
        chmodSync(file, 0o000);
        const result = run(['check', file, '--format', 'json'], canSwitchUser ? { uid: NOBODY } : {});
        expectUnreadable(result, file, 'The file cannot be read: permission denied (EACCES).');
    });

    test('an unreadable folder: a finding about it, exit 1', () => {
        const folder = join(dir, 'locked');
        mkdirSync(folder);
        writeFileSync(join(folder, 'x.arch'), VALID);
        chmodSync(folder, 0o000);
        const result = run(['check', folder, '--format', 'json'], canSwitchUser ? { uid: NOBODY } : {});
        expectUnreadable(result, folder, 'The folder cannot be read: permission denied (EACCES); the .arch files in it were not checked.');
    });

    test('symlink loops: folders linking to themselves are walked once, each file counted once; a file loop is a finding', () => {
        const folder = join(dir, 'loop');
        mkdirSync(folder);
        writeFileSync(join(folder, 'a.arch'), VALID);
        mkdirSync(join(folder, 'sub'));
        symlinkSync('.', join(folder, 'self'));
        symlinkSync('..', join(folder, 'sub', 'up'));
        symlinkSync('../a.arch', join(folder, 'sub', 'same.arch'));
        const walked = run(['check', folder, '--format', 'json']);
        expect(walked.status, walked.stderr).toBe(0);
        expect(JSON.parse(walked.stdout).files).toBe(1);
        symlinkSync(join(dir, 'y.arch'), join(dir, 'x.arch'));
        symlinkSync(join(dir, 'x.arch'), join(dir, 'y.arch'));
        expectUnreadable(run(['check', join(dir, 'x.arch'), '--format', 'json']), join(dir, 'x.arch'), 'The path cannot be read: its symbolic links form a loop (ELOOP).');
    });

    test('a FIFO, named or imported, is never read (reading one blocks forever)', () => {
        const fifo = join(dir, 'pipe.arch');
        expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
        expectUnreadable(run(['check', fifo, '--format', 'json']), fifo, 'This is a named pipe (FIFO), not a regular file; it was not read.');
        const importer = join(dir, 'imports-pipe.arch');
        writeFileSync(importer, `import "./pipe.arch"\n${VALID}`);
        const result = run(['check', importer]);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain("The imported file './pipe.arch' cannot be read.");
        expect(result.stdout).toContain(`${fifo}:1:1 error unreadable-file This is a named pipe (FIFO), not a regular file; it was not read.`);
    });

    test('paths with spaces and non-ASCII names, imports between them', () => {
        const folder = join(dir, 'my dir', 'Überblick ✓ 名前');
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'other é.arch'), 'service a "A" { replicas: 2 }\n');
        writeFileSync(join(folder, 'main file.arch'), 'import "./other é.arch"\nservice b { -> a : https { timeout: 1s } }\n');
        const result = run(['check', folder, '--format', 'json']);
        expect(result.status, result.stderr + result.stdout).toBe(0);
        const report = JSON.parse(result.stdout);
        expect(report.files).toBe(2);
        expect(report.diagnostics).toEqual([]);
        const exported = run(['export', join(folder, 'main file.arch'), '-o', join(folder, 'out ü.svg')]);
        expect(exported.status, exported.stderr).toBe(0);
        expect(readFileSync(join(folder, 'out ü.svg'), 'utf8')).toContain('<svg');
    });

    test('imports of a directory, a missing file, a binary file and a file over 5 MB: precise diagnostics', () => {
        mkdirSync(join(dir, 'adir.arch'));
        writeFileSync(join(dir, 'bin.arch'), Buffer.from([0x73, 0x00, 0x01, 0xff, 0x00]));
        writeFileSync(join(dir, 'huge.arch'), `// ${'x'.repeat(5.5 * 1024 * 1024)}\n`);
        writeFileSync(join(dir, 'importer.arch'), `import "./adir.arch"\nimport "./nowhere.arch"\nimport "./bin.arch"\nimport "./huge.arch"\n${VALID}`);
        const result = run(['check', join(dir, 'importer.arch'), '--format', 'json']);
        expect(result.status).toBe(1);
        const messages = JSON.parse(result.stdout).diagnostics.map((d: { message: string }) => d.message);
        expect(messages).toEqual(expect.arrayContaining([
            "The import './adir.arch' names a directory; import a .arch file instead.",
            "The imported file './nowhere.arch' does not exist.",
            "The imported file './bin.arch' cannot be read.",
            "The imported file './huge.arch' cannot be read.",
        ]));
        expectUnreadable(run(['check', join(dir, 'bin.arch'), '--format', 'json']), join(dir, 'bin.arch'),
            'The file contains a NUL byte here, so it is binary data, not .arch text; it was not checked.', [1, 2]);
        expectUnreadable(run(['check', join(dir, 'huge.arch'), '--format', 'json']), join(dir, 'huge.arch'), 'The file is 5.5 MB; files over 5 MB are not checked.');
    });

    test('non-UTF-8 bytes, a BOM, CRLF and lone CR: diagnostics on the right lines, no crash', () => {
        writeFileSync(join(dir, 'latin1.arch'), Buffer.concat([Buffer.from('// é\nservice a "caf'), Buffer.from([0xe9]), Buffer.from('"\nservce b\n')]));
        expectUnreadable(run(['check', join(dir, 'latin1.arch'), '--format', 'json']), join(dir, 'latin1.arch'),
            'The byte 0xE9 here is not UTF-8; save the file as UTF-8 text to have it checked.', [2, 15]);
        for (const [name, eol, bom] of [['bom', '\n', '\uFEFF'], ['crlf', '\r\n', ''], ['cr', '\r', '']] as const) {
            writeFileSync(join(dir, `${name}.arch`), `${bom}// head${eol}service a${eol}${eol}  servce b${eol}`);
            const result = run(['check', join(dir, `${name}.arch`), '--format', 'json']);
            expect(result.status, name).toBe(1);
            const kind = JSON.parse(result.stdout).diagnostics.find((d: { code: string }) => d.code === 'unknown-kind');
            expect([kind.line, kind.column], name).toEqual([4, 3]);
        }
    });
});

describe('CLI output paths', () => {
    test('export to a missing folder, to a folder, to a file it may not write: exit 2, one line', () => {
        const file = join(dir, 'ok.arch');
        writeFileSync(file, VALID);
        expectOneClearLine(run(['export', file, '-o', join(dir, 'no/such/folder/x.svg')]), /Cannot write .*ENOENT/);
        mkdirSync(join(dir, 'is-a-dir.svg'));
        expectOneClearLine(run(['export', file, '-o', join(dir, 'is-a-dir.svg')]), /Cannot write .*EISDIR/);
        if (canSwitchUser) {
            expectOneClearLine(run(['export', file, '-o', join(dir, 'root-owned', 'x.svg')], { uid: NOBODY }), /Cannot write/);
        }
    });

    test('format refuses text with syntax errors unless --force, and leaves the file untouched', () => {
        const file = join(dir, 'broken.arch');
        const broken = 'service a {\nreplicas: 2\n  -> \n';
        writeFileSync(file, broken);
        const refused = run(['format', file]);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(/syntax errors; not formatted/);
        expect(readFileSync(file, 'utf8')).toBe(broken);
        const forced = run(['format', file, '--force']);
        expect(forced.status, forced.stderr).toBe(0);
        expect(readFileSync(file, 'utf8')).toContain('  replicas: 2');
    });

    test('format writes atomically: same mode, no temporary files left; a file it may not write is one clear line', () => {
        const folder = join(dir, 'fmt');
        mkdirSync(folder);
        chmodSync(folder, 0o755);
        const file = join(folder, 'messy.arch');
        writeFileSync(file, 'service   a   "A"{replicas:2}\n');
        chmodSync(file, 0o640);
        const result = run(['format', file]);
        expect(result.status, result.stderr).toBe(0);
        expect(readFileSync(file, 'utf8')).toBe('service a "A" { replicas: 2 }\n');
        expect(statSync(file).mode & 0o777).toBe(0o640);
        expect(readdirSync(folder)).toEqual(['messy.arch']);
        if (canSwitchUser) {
            writeFileSync(file, 'service   b\n');
            chmodSync(file, 0o644);
            const denied = run(['format', file], { uid: NOBODY });
            expectOneClearLine(denied, /Cannot write .*messy\.arch.*EACCES/);
            expect(readFileSync(file, 'utf8')).toBe('service   b\n');
            expect(readdirSync(folder)).toEqual(['messy.arch']);
        }
        expect(existsSync(file)).toBe(true);
    });
});
