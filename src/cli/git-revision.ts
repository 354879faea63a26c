/**
 * Reading `.arch` files as they were at a git revision, for `archway check --base` and
 * `archway diff`. Git runs through `execFileSync` with an argument list (no shell), and the
 * revision is verified before use, so nothing the user types is interpreted by a shell or
 * taken by git as an option.
 */
import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import { MAX_FILE_BYTES } from '../language/archway-limits.js';
import { InputError } from './load-workspace.js';

/** Files of a revision, by absolute path (where they are in the working tree). */
export interface Revision {
    /** The revision as the user named it (`main`, `HEAD~1`). */
    ref: string;
    /** The commit it names. */
    commit: string;
    /** The repository's top folder. */
    root: string;
    /** Whether a path (absolute) is a file, a folder or missing at the revision. */
    status(path: string): 'file' | 'directory' | 'missing';
    /** The text of a file at the revision (undefined when missing). */
    read(path: string): string | undefined;
    /** `.arch` files at the revision under the given paths (absolute; files or folders), sorted. */
    archFiles(paths: readonly string[]): string[];
}

const GIT_BUFFER = 64 * 1024 * 1024;

let childProcess: typeof ChildProcess | undefined;

/**
 * `node:child_process`, loaded on first use: with `net` and `dgram` it costs every fresh
 * `archway check` about 3 ms, and only `--base` and `diff` run git.
 */
function loadChildProcess(): typeof ChildProcess {
    return childProcess ??= createRequire(process.execPath)('node:child_process') as typeof ChildProcess;
}

function git(args: readonly string[], cwd: string, input?: string): Buffer {
    try {
        return loadChildProcess().execFileSync('git', args, { cwd, input, maxBuffer: GIT_BUFFER, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: Buffer; status?: number };
        if (failure.code === 'ENOENT') throw new InputError('git is not installed (or not on the PATH); --base and diff need it.');
        const message = failure.stderr?.toString('utf8').trim().split('\n')[0] ?? String(error);
        throw new GitError(message);
    }
}

class GitError extends Error {
    override readonly name = 'GitError';
}

/** Opens a revision of the repository that holds `cwd`. Throws `InputError` when it cannot. */
export function openRevision(ref: string, cwd = process.cwd()): Revision {
    if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref)) throw new InputError(`'${ref}' is not a git revision.`);
    let root: string;
    try {
        root = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`'${cwd}' is not inside a git repository; --base and diff compare with a git revision.`);
    }
    let commit: string;
    try {
        commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root).toString('utf8').trim();
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`Unknown git revision '${ref}' (a shallow clone may need \`git fetch\` of it first).`);
    }
    const tree = new Map<string, 'file' | 'directory'>();
    for (const entry of git(['ls-tree', '-r', '-t', '-z', '--full-tree', commit], root).toString('utf8').split('\0')) {
        const tab = entry.indexOf('\t');
        if (tab < 0) continue;
        const type = entry.slice(0, tab).split(' ')[1];
        tree.set(entry.slice(tab + 1), type === 'tree' ? 'directory' : 'file');
    }
    const inRepo = (path: string): string | undefined => {
        const rel = relative(root, resolve(path));
        if (rel.startsWith('..') || resolve(root, rel) !== resolve(path)) return undefined;
        return rel.split(sep).join('/');
    };
    const cache = new Map<string, string | undefined>();
    return {
        ref,
        commit,
        root,
        status: (path) => {
            const rel = inRepo(path);
            if (rel === undefined) return 'missing';
            if (rel === '') return 'directory';
            return tree.get(rel) ?? 'missing';
        },
        read: (path) => {
            const rel = inRepo(path);
            if (rel === undefined || tree.get(rel) !== 'file') return undefined;
            if (!cache.has(rel)) {
                const size = Number(git(['cat-file', '-s', `${commit}:${rel}`], root).toString('utf8').trim());
                if (size > MAX_FILE_BYTES) throw new InputError(`'${rel}' at ${ref} is ${(size / 1024 / 1024).toFixed(1)} MB; files over ${MAX_FILE_BYTES / 1024 / 1024} MB are not checked.`);
                const bytes = git(['cat-file', 'blob', `${commit}:${rel}`], root);
                let text = bytes.includes(0) ? undefined : bytes.toString('utf8');
                if (text?.charCodeAt(0) === 0xfeff) text = text.slice(1);
                cache.set(rel, text);
            }
            return cache.get(rel);
        },
        archFiles: (paths) => {
            const found = new Set<string>();
            for (const path of paths) {
                const rel = inRepo(path);
                if (rel === undefined) continue;
                for (const [file, type] of tree) {
                    if (type !== 'file' || !file.endsWith('.arch')) continue;
                    const under = rel === '' || file === rel || file.startsWith(rel + '/');
                    const hidden = file.split('/').some(part => part.startsWith('.') || part === 'node_modules' || part === 'out');
                    if (under && !hidden) found.add(resolve(root, file));
                }
            }
            return [...found].sort();
        },
    };
}
