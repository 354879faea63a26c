/**
 * Rule configuration: finds the `archway.json` that applies to each model root (walking up
 * from the file, or one file given for all) and merges the editor setting `archway.rules`.
 * With a deployment reader, it also reads the deployment files a configuration names (for the
 * drift rules), once per configuration until the next `invalidate`. The language server adds
 * file watching and diagnostics on `archway.json` (`src/lsp/rule-config-watcher.ts`).
 */
import { dirname, resolve, sep } from 'node:path';
import { URI } from 'langium';
import type { Deployment } from '../model/arch-model.js';
import { findConfigFile, loadConfig, type DeploymentConfig, type LoadedConfig } from '../rules/config.js';
import type { RuleSettings } from '../rules/engine.js';

/** The deployment files of a configuration, with the folder their paths are relative to (the one holding archway.json). */
export interface DeploymentSources extends DeploymentConfig {
    base: string;
}

/** What reading a configuration's deployment files gave. */
export interface DeploymentRead {
    deployment: Deployment;
    /** Problems, one line each (`file:line: message`). */
    problems: string[];
    /** The files read. */
    files: string[];
}

/** Reads deployment files (Compose files, Kubernetes manifests) into the model's `Deployment`. */
export type DeploymentReader = (sources: DeploymentSources) => DeploymentRead;

/** How the rule configuration is found. */
export interface RuleConfigurationOptions {
    /** One configuration file for every document (the CLI's `--config`); otherwise each model root finds its own. */
    configFile?: string;
    /**
     * Reads the deployment files a configuration names, for the drift rules; without it, models
     * have no deployment. (It brings a YAML parser: the CLI passes it only when a configuration
     * names deployment files.)
     */
    deploymentReader?: DeploymentReader;
}

/** Loads and caches configuration per model root. */
export class ArchwayRuleConfiguration {
    /** An explicit configuration file used for every document (the CLI's `--config`). */
    readonly explicitFile: string | undefined;
    /** The re-check started by the last configuration change (tests await it). */
    pending: Promise<void> = Promise.resolve();
    /** The editor setting `archway.rules` (same shape as `"rules"` in archway.json). */
    private editorOverrides: unknown = undefined;
    private readonly deploymentReader: DeploymentReader | undefined;
    private readonly byFile = new Map<string, LoadedConfig>();
    private readonly fileOfDirectory = new Map<string, string | undefined>();
    private readonly deployments = new Map<string, DeploymentRead>();

    constructor(options: RuleConfigurationOptions = {}) {
        this.explicitFile = options.configFile;
        this.deploymentReader = options.deploymentReader;
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

    /** Every configuration loaded so far (for publishing their problems). */
    loaded(): LoadedConfig[] {
        return [...this.byFile.values()];
    }

    /** What the deployment files of the configuration that applies to a model root say runs; undefined without such files or a reader. */
    deploymentFor(uri: string): Deployment | undefined {
        const config = this.configFor(uri);
        if (!config.deployment || !config.file || !this.deploymentReader) return undefined;
        let read = this.deployments.get(config.file);
        if (!read) {
            read = this.deploymentReader({ base: dirname(config.file), ...config.deployment });
            this.deployments.set(config.file, read);
        }
        return read.deployment;
    }

    /** Problems reading deployment files, per configuration file (those read so far). */
    deploymentProblems(): { file: string; problems: string[] }[] {
        return [...this.deployments].filter(([, read]) => read.problems.length > 0).map(([file, read]) => ({ file, problems: read.problems }));
    }

    /** True when `path` is, or is inside, a deployment source of a loaded configuration. */
    isDeploymentFile(path: string): boolean {
        const target = resolve(path);
        for (const config of this.byFile.values()) {
            if (!config.deployment || !config.file) continue;
            for (const source of [...config.deployment.kubernetes, ...config.deployment.compose]) {
                const full = resolve(dirname(config.file), source);
                if (target === full || target.startsWith(full.endsWith(sep) ? full : full + sep)) return true;
            }
        }
        return false;
    }

    /** Forgets everything (after archway.json, a deployment file or the editor setting changed). */
    invalidate(): void {
        this.byFile.clear();
        this.fileOfDirectory.clear();
        this.deployments.clear();
    }
}
