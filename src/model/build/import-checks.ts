/**
 * Import diagnostics: an import path that is empty, names no file (or a directory, an
 * unreadable file, a file that is not `.arch`), or closes a cycle of imports.
 */
import type { BuildContext, ImportStatus, ModelFile } from './build-context.js';

/** Reports the problems of each import of `file`. */
export function checkImports(ctx: BuildContext, file: ModelFile): void {
    const status = ctx.options.importStatus ?? ((uri: string) => ctx.files.some(f => f.uri === uri) ? 'ok' : 'missing');
    for (const imp of file.root.imports) {
        if (typeof imp.path !== 'string') continue;
        const location = ctx.location(imp);
        if (imp.path.trim() === '') {
            ctx.problem('unresolved-import', 'error', location, 'The import path is empty.', []);
            continue;
        }
        const target = ctx.options.resolveImport(file.uri, imp.path);
        const state = status(target);
        if (state !== 'ok') {
            ctx.problem('unresolved-import', 'error', location, unresolvedMessage(imp.path, state), []);
        } else if (target === file.uri) {
            ctx.problem('import-cycle', 'warning', location, `The file imports itself through '${imp.path}'.`, []);
        } else if (reaches(ctx, target, file.uri)) {
            ctx.problem('import-cycle', 'warning', location,
                `The import of '${imp.path}' forms a cycle: that file imports this one again, directly or through others.`, []);
        }
    }
}

function unresolvedMessage(path: string, state: Exclude<ImportStatus, 'ok'>): string {
    switch (state) {
        case 'missing': return `The imported file '${path}' does not exist.`;
        case 'directory': return `The import '${path}' names a directory; import a .arch file instead.`;
        case 'unreadable': return `The imported file '${path}' cannot be read.`;
        case 'not-arch': return `The imported file '${path}' is not an .arch file.`;
    }
}

/** True when `from` imports `to`, directly or transitively, within this model. */
function reaches(ctx: BuildContext, from: string, to: string): boolean {
    const byUri = new Map(ctx.files.map(f => [f.uri, f] as const));
    const seen = new Set<string>([from]);
    const queue = [from];
    while (queue.length > 0) {
        const file = byUri.get(queue.pop()!);
        if (!file) continue;
        for (const imp of file.root.imports) {
            if (typeof imp.path !== 'string') continue;
            const next = ctx.options.resolveImport(file.uri, imp.path);
            if (next === to) return true;
            if (!seen.has(next)) {
                seen.add(next);
                queue.push(next);
            }
        }
    }
    return false;
}
