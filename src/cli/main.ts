/**
 * The `archway` command line: `check`, `report`, `diff`, `export`, `format`, `import`, `mcp`, `lsp`.
 */
import { runCheck, CHECK_USAGE } from './check.js';
import { isErrorNamed, type CliIo } from './args.js';

const HELP = `archway — architecture-as-code: check and draw .arch topologies

Commands:
  archway check [paths…] [--format text|json|sarif] [--max-warnings N] [--config archway.json] [--base GIT-REF]
  archway diff <git-ref> [paths…] [--format text|json|markdown|svg|png] [--view NAME] [-o OUT]
  archway report [paths…] [--format markdown|json] [--config archway.json]
  archway export <file.arch> [--view NAME] [--flow NAME] [--format svg|png|json] [--theme light|dark|high-contrast] [-o OUT]
  archway export --format markdown <file.md…>   (arch blocks → SVGs next to the file, linked)
  archway format <paths…> [--check] [--force]
  archway import compose|kubernetes|likec4|structurizr <files or folders…> [-o OUT.arch] [--force] [--name NAME]
  archway mcp [--root DIR]
  archway lsp --stdio

Exit codes: 0 clean, 1 findings (errors, or more warnings than --max-warnings), 2 bad usage
(an unknown option, a path that does not exist, a broken archway.json).
`;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Commands by name; each module is loaded only when used (in the CLI bundle: a bundle of its own, see scripts/build.mjs). */
const COMMANDS: Record<string, () => Promise<Command>> = {
    check: async () => runCheck,
    report: async () => (await import('./flows-report.js')).runReport,
    export: async () => (await import('./export.js')).runExport,
    format: async () => (await import('./format.js')).runFormat,
    import: async () => (await import('./import.js')).runImport,
    diff: async () => (await import('./diff.js')).runDiff,
    mcp: async () => (await import('./mcp.js')).runMcp,
    lsp: async () => async () => {
        (await import('../server/main.js')).startArchwayLanguageServer();
        return new Promise<number>(() => { /* runs until the client exits */ });
    },
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        io.stdout(HELP);
        return name ? 0 : 2;
    }
    if (name === '--version' || name === '-v') {
        io.stdout('0.1.0\n');
        return 0;
    }
    const load = COMMANDS[name];
    if (!load) {
        io.stderr(`archway: unknown command '${name}'.\n${HELP}`);
        return 2;
    }
    try {
        const command = await load();
        return await command(rest, io);
    } catch (error) {
        if (isErrorNamed(error, 'UsageError')) {
            io.stderr(`archway ${name}: ${error.message}\n${name === 'check' ? CHECK_USAGE + '\n' : ''}`);
            return 2;
        }
        if (isErrorNamed(error, 'InputError')) {
            io.stderr(`archway ${name}: ${error.message}\n`);
            return 2;
        }
        io.stderr(`archway ${name}: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
        return 2;
    }
}

const defaultIo: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
};
