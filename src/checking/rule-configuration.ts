/**
 * Rule configuration: finds the `archway.json` that applies to each model root (walking up
 * from the file, or one file given for all) and merges the editor setting `archway.rules`.
 * The language server adds file watching and diagnostics on `archway.json`
 * (`src/lsp/rule-config-watcher.ts`).
 */
import { dirname } from 'node:path';
import { URI } from 'langium';
import { findConfigFile, loadConfig, type LoadedConfig } from '../rules/config.js';
import type { RuleSettings } from '../rules/engine.js';
import type { NumberAssumptions } from '../numbers/assumptions.js';

/** How the rule configuration is found. */
export interface RuleConfigurationOptions {
    /** One configuration file for every document (the CLI's `--config`); otherwise each model root finds its own. */
    configFile?: string;
}

/** Loads and caches configuration per model root. */
export class ArchwayRuleConfiguration {
    /** An explicit configuration file used for every document (the CLI's `--config`). */
    readonly explicitFile: string | undefined;
    /** The re-check started by the last configuration change (tests await it). */
    pending: Promise<void> = Promise.resolve();
    /** The editor setting `archway.rules` (same shape as `"rules"` in archway.json). */
    private editorOverrides: unknown = undefined;
    private readonly byFile = new Map<string, LoadedConfig>();
    private readonly fileOfDirectory = new Map<string, string | undefined>();

    constructor(options: RuleConfigurationOptions = {}) {
        this.explicitFile = options.configFile;
    }

    /**
     * Applies a new value of the editor setting `archway.rules`; false (and nothing forgotten)
     * when it is the same as before.
     */
    setOverrides(overrides: unknown): boolean {
        if (JSON.stringify(overrides) === JSON.stringify(this.editorOverrides)) return false;
        this.editorOverrides = overrides;
        this.invalidate();
        return true;
    }

    /** The configuration that applies to a document URI. */
    configFor(uri: string): LoadedConfig {
        let file = this.explicitFile;
        if (!file) {
            const parsed = URI.parse(uri);
            if (parsed.scheme === 'file') {
                const directory = dirname(parsed.fsPath);
                if (!this.fileOfDirectory.has(directory)) this.fileOfDirectory.set(directory, findConfigFile(directory));
                file = this.fileOfDirectory.get(directory);
            }
        }
        const key = file ?? '';
        let loaded = this.byFile.get(key);
        if (!loaded) {
            loaded = loadConfig({ file, overrides: this.editorOverrides });
            this.byFile.set(key, loaded);
        }
        return loaded;
    }

    /** Engine settings for the model rooted at `uri`. */
    settingsFor(uri: string): RuleSettings {
        return this.configFor(uri).settings;
    }

    /** The numbers assumed for the model rooted at `uri` (archway.json `numbers`). */
    assumptionsFor(uri: string): NumberAssumptions {
        return this.configFor(uri).assumptions;
    }

    /** Every configuration loaded so far (for publishing their problems). */
    loaded(): LoadedConfig[] {
        return [...this.byFile.values()];
    }

    /** Forgets everything (after archway.json or the editor setting changed). */
    invalidate(): void {
        this.byFile.clear();
        this.fileOfDirectory.clear();
    }
}
