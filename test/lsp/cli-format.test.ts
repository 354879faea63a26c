import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFormat } from '../../src/cli/format.js';
import type { CliIo } from '../../src/cli/args.js';
import { tempDir } from '../support/temp-dirs.js';

function io(): CliIo & { out: string; err: string } {
    const result = { out: '', err: '', stdout: (t: string) => { result.out += t; }, stderr: (t: string) => { result.err += t; } };
    return result;
}

function folder(files: Record<string, string>): string {
    const dir = tempDir('archway-format-');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

describe('archway format', () => {
    test('rewrites files in the canonical layout and leaves formatted files alone', async () => {
        const dir = folder({ 'a.arch': 'service a{replicas:2}\n', 'b.arch': 'service b\n' });
        const out = io();
        expect(await runFormat([dir], out)).toBe(0);
        expect(readFileSync(join(dir, 'a.arch'), 'utf8')).toBe('service a { replicas: 2 }\n');
        expect(out.out).toContain('a.arch');
        expect(out.out).not.toContain('b.arch');
        expect(readdirSync(dir).sort()).toEqual(['a.arch', 'b.arch']);
    });

    test('--check lists files that would change, writes nothing and exits 1', async () => {
        const dir = folder({ 'a.arch': 'service a{replicas:2}\n', 'b.arch': 'service b\n' });
        const out = io();
        expect(await runFormat([dir, '--check'], out)).toBe(1);
        expect(out.out.trim().split('\n')).toHaveLength(1);
        expect(out.out).toContain('a.arch');
        expect(readFileSync(join(dir, 'a.arch'), 'utf8')).toBe('service a{replicas:2}\n');
        expect(await runFormat([join(dir, 'b.arch'), '--check'], io())).toBe(0);
    });

    test('refuses to rewrite a file with syntax errors unless --force', async () => {
        const dir = folder({ 'bad.arch': 'zone z {\nservice a {{\n' });
        const out = io();
        expect(await runFormat([dir], out)).toBe(1);
        expect(out.err).toContain('syntax errors');
        expect(readFileSync(join(dir, 'bad.arch'), 'utf8')).toBe('zone z {\nservice a {{\n');
        expect(await runFormat([dir, '--force'], io())).toBe(0);
        expect(readFileSync(join(dir, 'bad.arch'), 'utf8')).toBe('zone z {\n  service a {{\n');
    });

    test('rejects a missing path and a call without paths', async () => {
        await expect(runFormat([], io())).rejects.toThrow(/Name the files/);
        await expect(runFormat(['/no/such/place'], io())).rejects.toThrow(/No such file/);
    });
});
