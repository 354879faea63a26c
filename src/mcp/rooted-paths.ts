/**
 * Paths an MCP client names, confined to the server's root: relative paths resolve against
 * the root, and a path that leads outside it — by `..`, by being absolute elsewhere, or
 * through a symlink — is refused with a tool error naming it.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** A mistake in a tool call: reported to the client as a tool error, the server goes on. */
export class ToolError extends Error {
    override readonly name = 'ToolError';
}

export class RootedPaths {
    /** The root, with symlinks resolved. */
    readonly root: string;

    constructor(root: string) {
        const absolute = resolve(root);
        if (!existsSync(absolute) || !statSync(absolute).isDirectory()) throw new ToolError(`The root '${root}' is not a folder.`);
        this.root = realpathSync(absolute);
    }

    private inside(path: string): boolean {
        const rel = relative(this.root, path);
        return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
    }

    /** An existing file or folder under the root, as an absolute real path. */
    existing(path: string, kind: 'file' | 'folder' | 'any' = 'any'): string {
        const absolute = resolve(this.root, path);
        if (!this.inside(absolute)) throw new ToolError(`'${path}' is outside the workspace root; name a path inside it.`);
        if (!existsSync(absolute)) throw new ToolError(`No such file or folder: '${path}'.`);
        const real = realpathSync(absolute);
        if (!this.inside(real)) throw new ToolError(`'${path}' leads outside the workspace root (through a symlink).`);
        const stats = statSync(real);
        if (kind === 'file' && !stats.isFile()) throw new ToolError(`'${path}' is not a file.`);
        if (kind === 'folder' && !stats.isDirectory()) throw new ToolError(`'${path}' is not a folder.`);
        return real;
    }

    /** A file to write under the root (its folder must exist inside the root). */
    writable(path: string): string {
        const absolute = resolve(this.root, path);
        if (!this.inside(absolute)) throw new ToolError(`'${path}' is outside the workspace root; name a path inside it.`);
        const folder = dirname(absolute);
        if (!existsSync(folder)) throw new ToolError(`The folder of '${path}' does not exist.`);
        const real = resolve(realpathSync(folder), absolute.slice(folder.length + 1));
        if (!this.inside(real)) throw new ToolError(`'${path}' leads outside the workspace root (through a symlink).`);
        if (existsSync(real) && !this.inside(realpathSync(real))) throw new ToolError(`'${path}' leads outside the workspace root (through a symlink).`);
        return real;
    }

    /** A path as the client should see it: relative to the root, with `/`. */
    display(path: string): string {
        const rel = relative(this.root, path);
        return (rel === '' ? '.' : rel).split(sep).join('/');
    }
}
