/**
 * A small argument parser: `--name value`, `--name=value`, boolean flags, `-o` alias, positionals.
 */

/** Output channels of a command, so commands can be tested in-process. */
export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
}

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
    override readonly name = 'UsageError';
}

/**
 * Whether `error` is an error of the named class. By name, not `instanceof`: the commands other
 * than `check` are separate bundles, each with its own copy of the error classes.
 */
export function isErrorNamed(error: unknown, name: 'UsageError' | 'InputError'): error is Error {
    return error instanceof Error && error.name === name;
}

export type OptionKinds = Record<string, 'string' | 'boolean'>;

export interface ParsedArgs {
    positionals: string[];
    options: Record<string, string | undefined>;
    flags: Set<string>;
}

const ALIASES: Record<string, string> = { o: 'output', h: 'help' };

export function parseArgs(argv: readonly string[], kinds: OptionKinds): ParsedArgs {
    const positionals: string[] = [];
    const options: Record<string, string | undefined> = {};
    const flags = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            positionals.push(...argv.slice(i + 1));
            break;
        }
        if (!arg.startsWith('-') || arg === '-') {
            positionals.push(arg);
            continue;
        }
        let name = arg.replace(/^--?/, '');
        let value: string | undefined;
        const eq = name.indexOf('=');
        if (eq >= 0) {
            value = name.slice(eq + 1);
            name = name.slice(0, eq);
        }
        name = ALIASES[name] ?? name;
        const kind = kinds[name];
        if (!kind) throw new UsageError(`Unknown option '${arg}'.`);
        if (kind === 'boolean') {
            if (value !== undefined) throw new UsageError(`The option '--${name}' takes no value.`);
            flags.add(name);
            continue;
        }
        if (value === undefined) {
            value = argv[++i];
            if (value === undefined) throw new UsageError(`The option '--${name}' needs a value.`);
        }
        options[name] = value;
    }
    return { positionals, options, flags };
}
