/**
 * The one walk of the examples folder (and other folders of `.arch` files) for tests: texts by
 * path relative to the repository root, in a stable order, and example folders as workspaces
 * (file name → text) so that their imports resolve.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Every `.arch` file of the paths (folders or files, relative to the root), folders walked
 * recursively and sorted by name, as path relative to the root → text, in the order of the
 * paths; paths under `except` are left out.
 */
export function archFiles(paths: readonly string[], except: readonly string[] = []): Map<string, string> {
    const result = new Map<string, string>();
    const skipped = new Set(except.map(path => join(ROOT, path)));
    const visit = (full: string): void => {
        if (skipped.has(full)) return;
        if (statSync(full).isDirectory()) for (const name of readdirSync(full).sort()) visit(join(full, name));
        else if (full.endsWith('.arch')) result.set(relative(ROOT, full), readFileSync(full, 'utf8'));
    };
    for (const path of paths) visit(join(ROOT, path));
    return result;
}

/** Every `.arch` file of `examples/`, as `examples/<folder>/<file>` → text. */
export function exampleFiles(): Map<string, string> {
    return archFiles(['examples']);
}

/** Files grouped by folder as workspaces: `examples/online-shop` → { 'shop.arch': text, … }. */
export function workspacesOf(files: ReadonlyMap<string, string>): Map<string, Record<string, string>> {
    const result = new Map<string, Record<string, string>>();
    for (const [path, text] of files) {
        const dir = path.slice(0, path.lastIndexOf('/'));
        const workspace = result.get(dir) ?? {};
        workspace[path.slice(path.lastIndexOf('/') + 1)] = text;
        result.set(dir, workspace);
    }
    return result;
}

/** The example folders as workspaces, by folder name (`online-shop`). */
export function exampleWorkspaces(): Map<string, Record<string, string>> {
    return new Map([...workspacesOf(exampleFiles())].map(([dir, files]) => [dir.slice('examples/'.length), files]));
}
