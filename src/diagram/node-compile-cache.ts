/**
 * A V8 code cache for the command line's bundles: a fresh `archway` process otherwise parses
 * and compiles about 1–3 MB of JavaScript (and its layout worker 1.6 MB of elkjs) at every
 * start. On Node 22.1 and later, Node's own `module.enableCompileCache` does it; on Node 20
 * the bundles below the `out/` folder are compiled with `vm.Script` and `cachedData`.
 *
 * - Where: `$ARCHWAY_CACHE_DIR`, else the platform's user cache folder (`$XDG_CACHE_HOME` or
 *   `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), in
 *   `archway/v8-<node version>-<arch>` (Node's own cache: `archway/node-compile-cache`).
 * - Keyed by a hash of the bundle's text: a rebuilt or upgraded bundle never meets an old entry
 *   (V8 itself only compares the source's length); entries of an older text of the same bundle
 *   are deleted when the new one is written. V8 rejects data from another V8 version or other
 *   flags, and the entry is then rewritten.
 * - Written once per bundle text, when the process exits (so it holds the functions the run
 *   compiled, not only the top level), atomically (a temporary file renamed); a cache that
 *   cannot be read or written is ignored: the bundle is compiled as usual.
 * - Off with `ARCHWAY_COMPILE_CACHE=0` (or Node's `NODE_DISABLE_COMPILE_CACHE=1`).
 *
 * Node-only, for the command line and its layout worker (here, beside `node-layout-worker.ts`,
 * because the worker's bundle turns it on too); the extension never turns it on.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

/** Tells a layout worker started by a process with the cache on where the cache is. */
const WORKER_ENV = 'ARCHWAY_COMPILE_CACHE_DIR';

/** Node's internals this file uses: the loader's per-extension compilers and the CommonJS wrapper. */
interface NodeModuleInternals {
    _extensions: Record<string, (module: NodeJS.Module, filename: string) => void>;
    wrap(source: string): string;
    enableCompileCache?: (directory?: string) => unknown;
}

/** The folder for cached code, or undefined when the cache is off. */
export function compileCacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
    if (env.ARCHWAY_COMPILE_CACHE === '0' || env.ARCHWAY_COMPILE_CACHE === 'false' || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
    if (env.ARCHWAY_CACHE_DIR) return env.ARCHWAY_CACHE_DIR;
    let home: string;
    try {
        home = homedir();
    } catch {
        return undefined;
    }
    if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'archway', 'Cache');
    if (platform === 'darwin') return join(home, 'Library', 'Caches', 'archway');
    return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'archway');
}

/**
 * Turns the code cache on for the bundles in `bundleRoot` (the `out/` folder) loaded from now
 * on, in the main thread (its entries are written when the process exits); the layout worker's
 * bundle turns it on in its thread when this process did. Returns the cache folder used, or
 * undefined when off.
 */
export function enableCompileCache(bundleRoot: string, directory = compileCacheDirectory()): string | undefined {
    if (directory === undefined) return undefined;
    const internals = Module as unknown as NodeModuleInternals;
    if (typeof internals.enableCompileCache === 'function') {
        // Node 22.1+: Node's own cache (it covers worker threads started with the same environment).
        const target = join(directory, 'node-compile-cache');
        try {
            internals.enableCompileCache(target);
        } catch {
            return undefined;
        }
        return target;
    }
    const cacheDir = join(directory, `v8-${process.version}-${process.arch}`);
    installV8Cache(internals, bundleRoot.endsWith(sep) ? bundleRoot : bundleRoot + sep, cacheDir, true);
    process.env[WORKER_ENV] = cacheDir;
    return cacheDir;
}

/**
 * In a layout worker: the code cache of the process that started it (nothing when it had none,
 * or when `isMainThread`: the caller says, so that the main thread's start never loads
 * `worker_threads` for it).
 */
export function enableWorkerCompileCache(bundleRoot: string, isMainThread: boolean): void {
    const cacheDir = process.env[WORKER_ENV];
    if (isMainThread || !cacheDir) return;
    const internals = Module as unknown as NodeModuleInternals;
    if (typeof internals.enableCompileCache === 'function') return;
    installV8Cache(internals, bundleRoot.endsWith(sep) ? bundleRoot : bundleRoot + sep, cacheDir, false);
}

/** A compiled bundle whose cache entry is to be written. */
interface PendingEntry {
    script: Script;
    file: string;
    prefix: string;
}

/** Bundles compiled without usable cached data in this thread, and the folder their entries go to. */
const pending: PendingEntry[] = [];
let pendingDir: string | undefined;

/**
 * Writes the cache entries of the bundles this thread compiled afresh. The main thread does it
 * when the process exits; a layout worker (which may be stopped without an exit event) once its
 * ELK has run its first layouts, so the entry holds their compiled functions too.
 */
export function writePendingCompileCache(): void {
    if (pendingDir !== undefined) writeEntries(pending.splice(0), pendingDir);
}

/** `mainThread`: the entries are written when the process exits (a worker writes its own, see `writePendingCompileCache`). */
function installV8Cache(internals: NodeModuleInternals, bundleRoot: string, cacheDir: string, mainThread: boolean): void {
    if (pendingDir !== undefined) return; // already on in this thread
    pendingDir = cacheDir;
    const original = internals._extensions['.cjs'] ?? internals._extensions['.js'];
    internals._extensions['.cjs'] = (module, filename) => {
        if (!filename.startsWith(bundleRoot)) return original(module, filename);
        let source: string;
        try {
            source = readFileSync(filename, 'utf8');
        } catch {
            return original(module, filename);
        }
        const prefix = `${basename(filename, '.cjs')}-`;
        const file = join(cacheDir, `${prefix}${createHash('sha1').update(source).digest('hex').slice(0, 20)}.bin`);
        let cachedData: Buffer | undefined;
        try {
            cachedData = readFileSync(file);
        } catch {
            // not cached yet (or unreadable): compiled as usual, written at exit
        }
        const script = new Script(internals.wrap(source.startsWith('#!') ? `//${source}` : source), { filename, cachedData });
        if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ script, file, prefix });
        const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
        const require = createRequire(filename);
        wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
        (module as { loaded: boolean }).loaded = true;
    };
    if (mainThread) process.once('exit', writePendingCompileCache);
}

/** Writes cache entries (atomically) and deletes older entries of the same bundles; never throws. */
function writeEntries(entries: readonly PendingEntry[], cacheDir: string): void {
    if (entries.length === 0) return;
    try {
        mkdirSync(cacheDir, { recursive: true });
        const existing = readdirSync(cacheDir);
        for (const { script, file, prefix } of entries) {
            const data = script.createCachedData();
            const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
            writeFileSync(temporary, data);
            renameSync(temporary, file);
            for (const name of existing) {
                if (name.startsWith(prefix) && name.endsWith('.bin') && join(cacheDir, name) !== file) {
                    try {
                        unlinkSync(join(cacheDir, name));
                    } catch {
                        // another process may have removed it
                    }
                }
            }
        }
    } catch {
        // a read-only or full disk: no cache, the next run compiles as usual
    }
}
