/**
 * `archway import compose <docker-compose.yml …>` and `archway import kubernetes <files or
 * folders…>`: writes a formatted `.arch` model of what the deployment files describe (stdout,
 * or `-o FILE`). Files that cannot be read are reported on stderr with their line, and the
 * rest is still imported. Exit 0 when everything was read, 1 when some input was skipped,
 * 2 on bad usage or when nothing could be imported.
 */
import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createArchwayServices } from '../lsp/archway-services.js';
import { formatArchText } from '../lsp/archway-formatter.js';
import { formatProblem, readDeploymentFiles, writeArch, type DeploymentFormat } from '../import/index.js';
import { parseArgs, UsageError, type CliIo } from './args.js';
import { InputError } from './load-workspace.js';

export const IMPORT_USAGE = 'Usage: archway import compose <docker-compose.yml…> | kubernetes <files or folders…> [-o OUT.arch] [--force] [--name NAME]';

const FORMATS: readonly DeploymentFormat[] = ['compose', 'kubernetes'];

/** Runs `archway import`; resolves to the exit code. */
export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { output: 'string', force: 'boolean', name: 'string', help: 'boolean' });
    if (args.flags.has('help')) {
        io.stdout(`${IMPORT_USAGE}

  compose      Compose files, merged in the order given (like docker compose -f a -f b)
  kubernetes   manifests: files, or folders searched for .yaml and .yml files
  -o FILE      write the model to FILE instead of stdout (an existing file needs --force)
  --name NAME  the model's architecture "NAME" header
`);
        return 0;
    }
    const [format, ...paths] = args.positionals;
    if (format === undefined) throw new UsageError(`Say what to import: compose or kubernetes.\n${IMPORT_USAGE}`);
    if (!FORMATS.includes(format as DeploymentFormat)) throw new UsageError(`Unknown source '${format}'; use compose or kubernetes.\n${IMPORT_USAGE}`);
    if (paths.length === 0) throw new UsageError(`Name the ${format === 'compose' ? 'Compose files' : 'manifest files or folders'} to import.\n${IMPORT_USAGE}`);
    const output = args.options.output;
    if (output !== undefined && output !== '-' && existsSync(output) && !args.flags.has('force')) {
        throw new InputError(`'${output}' exists; use --force to overwrite it.`);
    }

    const { system } = readDeploymentFiles(format as DeploymentFormat, paths);
    for (const problem of system.problems) io.stderr(`${formatProblem(problem)}\n`);
    if (system.workloads.length === 0 && system.problems.length > 0) {
        io.stderr('Nothing could be imported.\n');
        return 2;
    }
    const raw = writeArch(system, { name: args.options.name, sources: paths });
    const { Archway } = createArchwayServices(EmptyFileSystem);
    const { text, syntaxErrors } = formatArchText(raw, Archway);
    if (syntaxErrors) throw new Error('the generated model does not parse; this is a bug in archway import.');

    const final = text.endsWith('\n') ? text : text + '\n';
    if (output === undefined || output === '-') io.stdout(final);
    else writeAtomically(output, final);
    io.stderr(summary(system.workloads.length, system.connections.length, system.skipped, output));
    return system.problems.length > 0 ? 1 : 0;
}

function summary(workloads: number, connections: number, skipped: ReadonlyMap<string, number>, output: string | undefined): string {
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    const ignored = [...skipped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([kind, n]) => `${n} ${kind}`).join(', ');
    return `Imported ${plural(workloads, 'workload')} and ${plural(connections, 'connection')}${output && output !== '-' ? ` into ${output}` : ''}.${ignored ? ` Not part of the topology: ${ignored}.` : ''}\n`;
}

function writeAtomically(path: string, text: string): void {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
        writeFileSync(temp, text, 'utf8');
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
