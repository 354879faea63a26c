/**
 * Rule configuration for the language server: finds the `archway.json` that applies to each
 * model root (walking up from the file), merges the editor setting `archway.rules`, publishes
 * configuration problems as diagnostics on `archway.json`, and re-checks every document when
 * the file or the setting changes.
 */
import { dirname, resolve, sep } from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { CONFIG_FILE_NAME, findConfigFile, loadConfig, type ConfigError, type LoadedConfig } from '../rules/config.js';
import type { RuleSettings } from '../rules/engine.js';
import type { Deployment } from '../model/arch-model.js';
import type { DeploymentSources } from '../import/drift-source.js';

/** What reading a configuration's deployment files gave. */
export interface DeploymentRead {
    deployment: Deployment;
    /** Problems, one line each (`file:line: message`). */
    problems: string[];
    /** The files read. */
    files: string[];
}
import type { ArchwayServices } from './archway-services.js';

/** Loads and caches configuration per model root. */
export class ArchwayRuleConfiguration {
    /** The editor setting `archway.rules` (same shape as `"rules"` in archway.json). */
    overrides: unknown = undefined;
    /** An explicit configuration file used for every document (the CLI's `--config`). */
    explicitFile: string | undefined = undefined;
    /** The re-check started by the last configuration change (tests await it). */
    pending: Promise<void> = Promise.resolve();
    /** Reads deployment files for the drift rules; without it, models have no deployment. */
    deploymentReader: ((sources: DeploymentSources) => DeploymentRead) | undefined = undefined;
    private readonly byFile = new Map<string, LoadedConfig>();
    private readonly fileOfDirectory = new Map<string, string | undefined>();
    private readonly deployments = new Map<string, DeploymentRead>();

    /** What the deployment files of the configuration that applies to a model root say runs. */
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

    /** Problems reading deployment files, per configuration file. */
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
            loaded = loadConfig({ file, overrides: this.overrides });
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

    /** Forgets everything (after archway.json or the editor setting changed). */
    invalidate(): void {
        this.byFile.clear();
        this.fileOfDirectory.clear();
        this.deployments.clear();
    }
}

/** LSP diagnostics for configuration problems in one file. */
export function configDiagnostics(errors: readonly ConfigError[]): Diagnostic[] {
    return errors.map(error => ({
        range: error.range, severity: DiagnosticSeverity.Error, source: 'archway', code: 'invalid-config', message: error.message,
    }));
}

/**
 * Connects the configuration to the checker and, with an LSP connection, to file watching,
 * the `archway.rules` setting and diagnostics on archway.json.
 */
export function registerRuleConfiguration(shared: LangiumSharedServices, services: ArchwayServices, configuration: ArchwayRuleConfiguration): void {
    const checker = services.archway.ModelChecker;
    checker.settingsFor = uri => configuration.settingsFor(uri);
    checker.deploymentFor = uri => configuration.deploymentFor(uri);
    const connection = shared.lsp.Connection;
    /** What was last sent per archway.json URI, so unchanged diagnostics are not re-sent on every build. */
    const published = new Map<string, string>();
    let lastSettingWarning = '';
    const publish = (): void => {
        if (!connection) return;
        const now = new Map<string, Diagnostic[]>();
        const deploymentProblems = new Map(configuration.deploymentProblems().map(d => [d.file, d.problems]));
        for (const loaded of configuration.loaded()) {
            if (!loaded.file) continue;
            const problems = (deploymentProblems.get(loaded.file) ?? []).map((message): Diagnostic => ({
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning,
                source: 'archway', code: 'invalid-deployment', message: `A deployment file could not be read: ${message}`,
            }));
            now.set(URI.file(loaded.file).toString(), [...configDiagnostics(loaded.errors.filter(e => e.file === loaded.file)), ...problems]);
        }
        for (const uri of [...published.keys()]) {
            if (now.has(uri)) continue;
            published.delete(uri);
            void connection.sendDiagnostics({ uri, diagnostics: [] });
        }
        for (const [uri, diagnostics] of now) {
            const key = JSON.stringify(diagnostics);
            if ((published.get(uri) ?? '[]') === key) continue;
            published.set(uri, key);
            void connection.sendDiagnostics({ uri, diagnostics });
        }
        const settingErrors = [...new Set(configuration.loaded().flatMap(l => l.errors.filter(e => !e.file).map(e => e.message)))].join('\n');
        if (settingErrors !== lastSettingWarning) {
            lastSettingWarning = settingErrors;
            if (settingErrors) connection.console.warn(settingErrors);
        }
    };
    const recheck = (): Promise<void> => {
        configuration.invalidate();
        checker.clear();
        const documents = shared.workspace.LangiumDocuments.all.toArray().map((d: LangiumDocument) => d.uri);
        configuration.pending = shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(documents, [], token)).then(publish, () => undefined);
        return configuration.pending;
    };
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        // archway.json, or a deployment file it names (the drift rules read them).
        if (params.changes.some(change => change.uri.endsWith(`/${CONFIG_FILE_NAME}`) || (change.uri.startsWith('file:') && configuration.isDeploymentFile(URI.parse(change.uri).fsPath)))) void recheck();
    });
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== 'archway') return;
        const rules = (update.configuration as { rules?: unknown } | undefined)?.rules;
        if (JSON.stringify(rules) === JSON.stringify(configuration.overrides)) return;
        configuration.overrides = rules;
        void recheck();
    });
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => publish());
}
