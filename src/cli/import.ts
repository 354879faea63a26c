/**
 * `archway import <source> <files…> [-o OUT.arch] [--force] [--name NAME]`: turns another
 * tool's model (LikeC4, Structurizr) or deployment files (Compose, Kubernetes manifests) into
 * `.arch` text, so a team can run Archway's checks on the model it already has or on what it
 * runs. The text goes to stdout, or to `-o FILE` (written atomically; an existing file only
 * with `--force`), in the canonical layout of `archway format`. Sources come from one registry
 * (the MCP server's `archway_import` uses it too); each reads its inputs and reports problems
 * with file and line. What could be read is written even when some input could not: exit 1
 * then; exit 2 on bad usage or when nothing could be imported.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { formatArchText } from '../format/format-text.js';
import { createArchwayCoreServices } from '../language/archway-module.js';
import { decodeText, type ImportProblem, type SourceFile } from '../interop/import/index.js';
import { IMPORT_SOURCES, importedNothing, importSource, type ImportSource } from '../interop/import/sources.js';
import { parseArgs, type CliIo, UsageError } from './args.js';

/** A path the user gave that could not be used (exit 2). Matched by name in `main.ts`. */
class InputError extends Error {
    override readonly name = 'InputError';
}

/** Input files larger than this are not read. */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;

export const IMPORT_USAGE = `Usage: archway import <source> <files or folders…> [-o OUT.arch] [--force] [--name NAME]   (the model goes to stdout without -o)
Sources:
${IMPORT_SOURCES.map(source => `  ${source.name.padEnd(12)} ${source.summary}`).join('\n')}
Options:
  -o FILE      write the model to FILE instead of stdout (an existing file only with --force)
  --name NAME  the model's architecture "NAME" (instead of the one the source gives, if any)`;

function usage(message: string): UsageError {
    return new UsageError(`${message}\n${IMPORT_USAGE}`);
}

function displayName(file: string): string {
    const rel = relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
}

/** Reads a text input; a problem (not an exception) when it cannot. */
function readSource(file: string, problems: ImportProblem[]): SourceFile | undefined {
    const name = displayName(file);
    try {
        const stats = statSync(file);
        if (!stats.isFile()) {
            problems.push({ file: name, message: 'Not a regular file.' });
            return undefined;
        }
        if (stats.size > MAX_IMPORT_FILE_BYTES) {
            problems.push({ file: name, message: `${(stats.size / 1024 / 1024).toFixed(1)} MB; files over ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB are not read.` });
            return undefined;
        }
        const decoded = decodeText(readFileSync(file));
        if ('problem' in decoded) {
            problems.push({ file: name, ...(decoded.line !== undefined ? { line: decoded.line } : {}), message: decoded.problem });
            return undefined;
        }
        return { file: name, text: decoded.text };
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        problems.push({ file: name, message: code === 'ENOENT' ? 'No such file.' : `Cannot read it: ${code ?? String(error)}.` });
        return undefined;
    }
}

/** Files a source reads from the paths given (folders searched for its extensions, sorted). */
function inputFiles(paths: string[], source: ImportSource): string[] {
    const files: string[] = [];
    const walk = (dir: string, depth: number): void => {
        if (depth > 16) return;
        for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            const full = join(dir, entry.name);
            if (entry.isDirectory()) walk(full, depth + 1);
            else if (entry.isFile() && source.extensions.includes(extname(entry.name).toLowerCase())) files.push(full);
        }
    };
    for (const path of paths) {
        const full = resolve(path);
        let stats;
        try {
            stats = statSync(full);
        } catch {
            throw new InputError(`No such file or folder: '${path}'.`);
        }
        if (stats.isDirectory()) {
            const before = files.length;
            walk(full, 0);
            if (files.length === before) throw new InputError(`No ${source.extensions.join(' or ')} files in the folder '${path}'.`);
        } else files.push(full);
    }
    return [...new Set(files)];
}

/** Writes through a temporary file, so an interrupted write never leaves half a model. */
function writeAtomically(path: string, text: string): void {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
        writeFileSync(temp, text, 'utf8');
        renameSync(temp, path);
    } catch (error) {
        rmSync(temp, { force: true });
        throw new InputError(`Cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
}

/** Imported text in `archway format`'s layout; throws when it would not parse (a bug in the importer). */
export function formatImported(text: string): string {
    const { Archway } = createArchwayCoreServices(EmptyFileSystem);
    const result = formatArchText(text, Archway);
    if (result.syntaxErrors) throw new Error('the imported model does not parse; this is a bug in archway import.');
    return result.text.endsWith('\n') ? result.text : `${result.text}\n`;
}

/** Runs `archway import`; resolves to the exit code. */
export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { output: 'string', force: 'boolean', name: 'string', help: 'boolean' });
    if (args.flags.has('help')) {
        io.stdout(IMPORT_USAGE + '\n');
        return 0;
    }
    const [name, ...paths] = args.positionals;
    if (!name) throw usage('Name the source to import from.');
    const source = importSource(name);
    if (!source) throw usage(`Unknown source '${name}'; use ${IMPORT_SOURCES.map(s => s.name).join(', ')}.`);
    if (paths.length === 0) throw usage(`Name the ${name} file${source.single ? '' : 's'} to import.`);
    const files = inputFiles(paths, source);
    if (source.single && files.length !== 1) throw usage(`${name} imports one workspace file at a time (it reads the files it includes itself).`);

    const output = args.options.output === '-' ? undefined : args.options.output;
    if (output !== undefined && existsSync(output) && !args.flags.has('force')) throw new InputError(`'${output}' exists; use --force to overwrite it.`);
    if (output !== undefined && files.some(file => resolve(file) === resolve(output))) throw new InputError(`'${output}' is an input; choose another output file.`);

    const problems: ImportProblem[] = [];
    const read = (path: string, from?: string): SourceFile | undefined => {
        const file = from === undefined ? path : resolve(dirname(resolve(from)), path);
        if (from !== undefined) {
            try {
                if (!statSync(file).isFile()) return undefined;
            } catch {
                return undefined; // the reader reports the include it could not read
            }
        }
        return readSource(file, problems);
    };
    const outcome = source.run(files, read, { name: args.options.name });
    const all = [...problems, ...(outcome?.problems ?? [])];
    for (const problem of all) {
        const where = [problem.file, problem.line, problem.column].filter(part => part !== undefined).join(':');
        io.stderr(`${where}: ${problem.message}\n`);
    }
    if (!outcome || importedNothing(outcome)) {
        io.stderr('Nothing could be imported.\n');
        return 2;
    }
    const text = formatImported(outcome.text);
    if (output === undefined) io.stdout(text);
    else writeAtomically(output, text);
    const c = outcome.counts;
    io.stderr(`Imported ${plural(c.zones, 'zone')}, ${plural(c.components, 'component')}, ${plural(c.channels, 'channel')}, `
        + `${plural(c.connections, 'connection')}, ${plural(c.views, 'view')} and ${plural(c.flows, 'flow')}${output ? ` into ${output}` : ''}; `
        + `${plural(c.notes, '`// import:` note')} to review.\n`);
    if (all.length > 0) {
        io.stderr(`${plural(all.length, 'problem')} in the input; the model holds what could be read.\n`);
        return 1;
    }
    return 0;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
