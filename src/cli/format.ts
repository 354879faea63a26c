/**
 * `archway format <paths…> [--check] [--force]` — rewrites `.arch` files in the canonical
 * layout, with the same formatter as the language server.
 *
 * Exit codes: 0 done (or, with `--check`, everything already formatted); 1 with `--check` when
 * a file would change, or when a file was skipped because of syntax errors; 2 on bad usage or
 * unreadable input. Files are written atomically (temporary file + rename).
 */
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createArchwayCoreServices } from '../language/archway-module.js';
import { formatArchText } from '../format/format-text.js';
import { parseArgs, UsageError, type CliIo } from './args.js';
import { discoverArchFiles, InputError, readArchFileOrThrow } from './load-workspace.js';

export const FORMAT_USAGE = 'Usage: archway format <paths…> [--check] [--force]';

/** Runs `archway format`; resolves to the exit code. */
export async function runFormat(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { check: 'boolean', force: 'boolean', help: 'boolean' });
    if (args.flags.has('help')) {
        io.stdout(`${FORMAT_USAGE}\n\n  --check  list files that are not formatted and exit 1 if any; write nothing\n  --force  also re-indent files that have syntax errors\n`);
        return 0;
    }
    if (args.positionals.length === 0) throw new UsageError(`Name the files or folders to format.\n${FORMAT_USAGE}`);
    const check = args.flags.has('check');
    const force = args.flags.has('force');
    const files = discoverArchFiles(args.positionals);
    if (files.length === 0) throw new InputError(`No .arch files found in ${args.positionals.map(p => `'${p}'`).join(', ')}.`);

    const { Archway } = createArchwayCoreServices(EmptyFileSystem);
    let changed = 0;
    let skipped = 0;
    for (const file of files) {
        const shown = displayName(file);
        const original = readArchFileOrThrow(file);
        const { text, syntaxErrors } = formatArchText(original, Archway);
        if (syntaxErrors && !force) {
            io.stderr(`${shown}: has syntax errors; not formatted (use --force to re-indent it anyway)\n`);
            skipped++;
            continue;
        }
        if (text === original) continue;
        changed++;
        if (check) {
            io.stdout(`${shown}\n`);
            continue;
        }
        writeAtomically(file, text);
        io.stdout(`formatted ${shown}\n`);
    }
    if (check && changed > 0) {
        io.stderr(`${changed} file${changed === 1 ? '' : 's'} would be reformatted.\n`);
        return 1;
    }
    return skipped > 0 ? 1 : 0;
}

/** Writes `text` to a temporary file beside `path` and renames it over `path`. */
function writeAtomically(path: string, text: string): void {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    let mode: number | undefined;
    try {
        mode = statSync(path).mode & 0o777;
    } catch {
        mode = undefined;
    }
    try {
        writeFileSync(temp, text, { encoding: 'utf8', mode });
        renameSync(temp, path);
    } catch (error) {
        try {
            unlinkSync(temp);
        } catch {
            // nothing to clean up
        }
        throw new InputError(`Cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
}

function displayName(file: string): string {
    const rel = relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
}
