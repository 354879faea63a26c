/**
 * `archway.json` on disk, for the command line: finding it (walking up from a file, or an
 * explicit path) and loading it. The language server reads configuration files through its
 * file system instead (`src/checking/rule-configuration.ts`), so the same rules apply to a
 * folder on disk and to a repository opened in a browser.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, resolveConfig, type ConfigError, type LoadedConfig } from './config.js';

/** The nearest `archway.json` in the directory of `start` or above it. */
export function findConfigFile(start: string): string | undefined {
    let dir = resolve(start);
    try {
        if (!statSync(dir).isDirectory()) dir = dirname(dir);
    } catch {
        dir = dirname(dir);
    }
    for (;;) {
        const candidate = join(dir, CONFIG_FILE_NAME);
        if (existsSync(candidate)) return candidate;
        const parent = dirname(dir);
        if (parent === dir) return undefined;
        dir = parent;
    }
}

/** Options for `loadConfig`. */
export interface LoadConfigOptions {
    /** An explicit configuration file (`--config`); errors when it does not exist. */
    file?: string;
    /** A file or directory to start walking up from when no explicit file is given. */
    from?: string;
    /** Per-rule overrides (the editor setting `archway.rules`). */
    overrides?: unknown;
}

/** Finds, reads, validates and resolves the configuration. Never throws; problems are in `errors`. */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
    const file = options.file ? resolve(options.file) : options.from ? findConfigFile(options.from) : undefined;
    if (!file) return resolveConfig({ overrides: options.overrides });
    let text: string | undefined;
    try {
        text = readFileSync(file, 'utf8');
    } catch {
        const loaded = resolveConfig({ file, unreadable: true, overrides: options.overrides });
        // A file found by walking up that vanished meanwhile is no file; an explicit one is named.
        return options.file ? loaded : { ...loaded, file: undefined };
    }
    return resolveConfig({ file, text, overrides: options.overrides, deploymentSourceExists: source => existsSync(resolve(dirname(file), source)) });
}

/** The configuration problems of a file, for the CLI (`archway check --config`, exit 2 when not empty). */
export function configErrors(file: string): ConfigError[] {
    return loadConfig({ file }).errors;
}
