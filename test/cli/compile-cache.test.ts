/**
 * The command line's V8 code cache (src/diagram/node-compile-cache.ts): entries appear per
 * bundle, a stale or broken entry is replaced, an unusable cache folder or a disabled cache
 * changes nothing but speed, and output is the same with and without it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileCacheDirectory } from '../../src/diagram/node-compile-cache.js';
import { BIN, ensureBuilt, ROOT } from './cli-process.js';

beforeAll(() => ensureBuilt());

const SHOP = join(ROOT, 'examples/online-shop/shop.arch');
const temporary: string[] = [];
afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'archway-cache-'));
    temporary.push(dir);
    return dir;
}

function run(args: string[], env: Record<string, string>) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Entries of the cache folder (one sub-folder per Node version), by bundle name. */
function entries(cacheDir: string): Map<string, string> {
    const found = new Map<string, string>();
    if (!existsSync(cacheDir)) return found;
    for (const version of readdirSync(cacheDir)) {
        for (const name of readdirSync(join(cacheDir, version))) found.set(name.replace(/-[0-9a-f]+\.bin$/, ''), join(cacheDir, version, name));
    }
    return found;
}

describe('the code cache of `archway check`', () => {
    it('is written on the first run and used on the next, with the same report as without it', () => {
        const cache = tempDir();
        const without = run(['check', SHOP, '--format', 'json'], { ARCHWAY_COMPILE_CACHE: '0', ARCHWAY_CACHE_DIR: cache });
        expect(entries(cache).size).toBe(0);
        const first = run(['check', SHOP, '--format', 'json'], { ARCHWAY_CACHE_DIR: cache });
        const written = entries(cache);
        expect([...written.keys()].sort()).toEqual(['main']);
        const mtime = statSync(written.get('main')!).mtimeMs;
        const second = run(['check', SHOP, '--format', 'json'], { ARCHWAY_CACHE_DIR: cache });
        expect(statSync(written.get('main')!).mtimeMs).toBe(mtime); // accepted, not rewritten
        expect(without.stdout.length).toBeGreaterThan(100);
        expect([first, second].map(r => [r.status, r.stdout, r.stderr])).toEqual([[without.status, without.stdout, without.stderr], [without.status, without.stdout, without.stderr]]);
    });

    it('replaces an entry V8 rejects, and keeps only the current entry of each bundle', () => {
        const cache = tempDir();
        run(['check', SHOP], { ARCHWAY_CACHE_DIR: cache });
        const entry = entries(cache).get('main')!;
        writeFileSync(entry, 'not V8 code');
        const versionDir = join(entry, '..');
        writeFileSync(join(versionDir, 'main-0123456789abcdef0123.bin'), 'an older build of the bundle');
        const result = run(['check', SHOP, '--format', 'json'], { ARCHWAY_CACHE_DIR: cache });
        const expected = run(['check', SHOP, '--format', 'json'], { ARCHWAY_COMPILE_CACHE: '0' });
        expect([result.status, result.stdout]).toEqual([expected.status, expected.stdout]);
        expect(readFileSync(entry).length).toBeGreaterThan(1000);
        expect(readdirSync(versionDir).filter(name => name.startsWith('main-'))).toEqual([entry.slice(versionDir.length + 1)]);
    });

    it('is ignored when its folder cannot be created', () => {
        const file = join(tempDir(), 'a-file');
        writeFileSync(file, 'not a folder');
        const result = run(['check', SHOP, '--format', 'json'], { ARCHWAY_CACHE_DIR: join(file, 'cache') });
        const expected = run(['check', SHOP, '--format', 'json'], { ARCHWAY_COMPILE_CACHE: '0' });
        expect([result.status, result.stdout, result.stderr]).toEqual([expected.status, expected.stdout, expected.stderr]);
    });
});

describe('the code cache of `archway export`', () => {
    it('covers the export bundle and the layout worker\'s elkjs, and draws the same SVG', () => {
        const cache = tempDir();
        const out = tempDir();
        const without = run(['export', SHOP, '-o', join(out, 'plain.svg')], { ARCHWAY_COMPILE_CACHE: '0', ARCHWAY_CACHE_DIR: cache });
        expect(entries(cache).size).toBe(0);
        const first = run(['export', SHOP, '-o', join(out, 'first.svg')], { ARCHWAY_CACHE_DIR: cache });
        expect([...entries(cache).keys()].sort()).toEqual(['early-layout-worker', 'elk', 'export', 'main']);
        const second = run(['export', SHOP, '-o', join(out, 'second.svg')], { ARCHWAY_CACHE_DIR: cache });
        expect([without.status, first.status, second.status]).toEqual([0, 0, 0]);
        const plain = readFileSync(join(out, 'plain.svg'), 'utf8');
        expect(plain.startsWith('<svg')).toBe(true);
        expect([readFileSync(join(out, 'first.svg'), 'utf8'), readFileSync(join(out, 'second.svg'), 'utf8')]).toEqual([plain, plain]);
    });
});

describe('compileCacheDirectory', () => {
    it('follows the platform\'s user cache folder, ARCHWAY_CACHE_DIR, and the switches that turn it off', () => {
        expect(compileCacheDirectory({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(join('/x/cache', 'archway'));
        expect(compileCacheDirectory({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toBe(join('C:\\Users\\a\\AppData\\Local', 'archway', 'Cache'));
        expect(compileCacheDirectory({}, 'darwin')).toMatch(/Library[\\/]Caches[\\/]archway$/);
        expect(compileCacheDirectory({ ARCHWAY_CACHE_DIR: '/tmp/a', XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/tmp/a');
        expect(compileCacheDirectory({ ARCHWAY_COMPILE_CACHE: '0', ARCHWAY_CACHE_DIR: '/tmp/a' }, 'linux')).toBeUndefined();
        expect(compileCacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux')).toBeUndefined();
    });
});
