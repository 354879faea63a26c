/**
 * Rule configuration: finds the `archway.json` that applies to each model root (walking up
 * from the file, or one file given for all) and merges the editor setting `archway.rules`.
 * With a deployment reader, it also reads the deployment files a configuration names (for the
 * drift rules), once per configuration until the next `invalidate`. The language server adds
 * file watching and diagnostics on `archway.json` (`src/lsp/rule-config-watcher.ts`).
 *
 * Configuration files are read through Langium's `FileSystemProvider` — the disk on Node, the
 * editor's file system in a browser (a repository opened in github.dev) — which is asynchronous,
 * while rules are configured during validation, which is not: before each build validates, the
 * configuration of every loaded document's folder is read (`prepare`, registered by
 * `registerRuleConfigurationLoading`), and validation then only looks it up.
 */
import { DocumentState, URI, UriUtils, type FileSystemProvider, type LangiumSharedCoreServices } from 'langium';
import type { Deployment } from '../model/arch-model.js';
import { CONFIG_FILE_NAME, resolveConfig, type DeploymentConfig, type LoadedConfig } from '../rules/config.js';
import type { RuleSettings } from '../rules/engine.js';
import type { NumberAssumptions } from '../numbers/assumptions.js';

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

/** Reads deployment files (Compose files, Kubernetes manifests) from disk into the model's `Deployment`. */
export type DeploymentReader = (sources: DeploymentSources) => DeploymentRead;

/** How the rule configuration is found. */
export interface RuleConfigurationOptions {
    /** One configuration file for every document (the CLI's `--config`, a path); otherwise each model root finds its own. */
    configFile?: string;
    /** Where configuration files are read (by default none is found). */
    fileSystem?: FileSystemProvider;
    /**
     * Reads the deployment files a configuration names, for the drift rules; without it, models
     * have no deployment. (It brings a YAML parser and reads the disk: the CLI passes it only
     * when a configuration names deployment files, the browser's server never.)
     */
    deploymentReader?: DeploymentReader;
}

/** A configuration file as read: its text, or that it exists but cannot be read. */
type ConfigText = { text: string } | { unreadable: true };

/** Loads and caches configuration per model root. */
export class ArchwayRuleConfiguration {
    /** An explicit configuration file used for every document (the CLI's `--config`). */
    readonly explicitFile: string | undefined;
    /** The re-check started by the last configuration change (tests await it). */
    pending: Promise<void> = Promise.resolve();
    /** The editor setting `archway.rules` (same shape as `"rules"` in archway.json). */
    private editorOverrides: unknown = undefined;
    private readonly fileSystem: FileSystemProvider | undefined;
    private readonly deploymentReader: DeploymentReader | undefined;
    /** Deployments read, by configuration file URI. */
    private readonly deployments = new Map<string, DeploymentRead>();
    /** Resolved configurations by configuration file URI ('' for none). */
    private readonly byFile = new Map<string, LoadedConfig>();
    /** What was read of the configuration files (replaced, not emptied, when they change). */
    private lookup = new ConfigLookup();
    /** Set by `invalidate`: the next `prepare` reads everything again into a new lookup. */
    private stale = false;

    constructor(options: RuleConfigurationOptions = {}) {
        this.explicitFile = options.configFile;
        this.fileSystem = options.fileSystem;
        this.deploymentReader = options.deploymentReader;
    }

    /**
     * Applies a new value of the editor setting `archway.rules`; false (and nothing forgotten)
     * when it is the same as before.
     */
    setOverrides(overrides: unknown): boolean {
        if (JSON.stringify(overrides) === JSON.stringify(this.editorOverrides)) return false;
        this.editorOverrides = overrides;
        this.byFile.clear();
        return true;
    }

    /**
     * Reads the configuration files that apply to `uris` (each folder's, walking up), so that
     * `configFor` finds them. Folders already looked up are not looked up again until `invalidate`.
     * True when it learned something (a folder's configuration, or everything again after a
     * change): checks made before, with what was known then, are out of date.
     */
    async prepare(uris: Iterable<URI>): Promise<boolean> {
        // After a change, read into a new lookup and swap it in when complete: a build already
        // validating meanwhile keeps the configuration it prepared.
        const lookup = this.stale ? new ConfigLookup() : this.lookup;
        this.stale = false;
        let learned = lookup !== this.lookup;
        if (this.explicitFile !== undefined) {
            const file = this.explicitUri();
            if (!lookup.texts.has(file.toString())) {
                await this.read(lookup, file);
                learned = true;
            }
        } else {
            const folders = new Set<string>();
            for (const uri of uris) {
                if (uri.scheme === 'untitled' || uri.scheme === 'inmemory') continue;
                const folder = UriUtils.dirname(uri).toString();
                if (!lookup.known.has(folder)) folders.add(folder);
            }
            if (folders.size > 0) learned = true;
            await Promise.all([...folders].map(folder => this.findFrom(lookup, URI.parse(folder))));
        }
        if (lookup !== this.lookup) {
            this.lookup = lookup;
            this.byFile.clear();
            this.deployments.clear();
        }
        return learned;
    }

    /** The configuration that applies to a document URI (as prepared: a folder not looked up yet has none). */
    configFor(uri: string): LoadedConfig {
        let file = '';
        if (this.explicitFile !== undefined) {
            file = this.explicitUri().toString();
        } else {
            const parsed = URI.parse(uri);
            if (parsed.scheme !== 'untitled') file = this.lookup.known.get(UriUtils.dirname(parsed).toString()) ?? '';
        }
        let loaded = this.byFile.get(file);
        if (!loaded) {
            loaded = this.resolve(file);
            this.byFile.set(file, loaded);
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

    /** Every configuration resolved so far (for publishing their problems). */
    loaded(): LoadedConfig[] {
        return [...this.byFile.values()];
    }

    /** What the deployment files of the configuration that applies to a model root say runs; undefined without such files or a reader. */
    deploymentFor(uri: string): Deployment | undefined {
        const config = this.configFor(uri);
        const folder = config.uri ? diskFolderOf(config.uri) : undefined;
        if (!config.deployment || !folder || !this.deploymentReader) return undefined;
        let read = this.deployments.get(config.uri!);
        if (!read) {
            read = this.deploymentReader({ base: folder, ...config.deployment });
            this.deployments.set(config.uri!, read);
        }
        return read.deployment;
    }

    /** Problems reading deployment files, per configuration file (those read so far; `file` as in `LoadedConfig.file`). */
    deploymentProblems(): { file: string; problems: string[] }[] {
        const shown = new Map(this.loaded().filter(config => config.uri && config.file).map(config => [config.uri!, config.file!]));
        return [...this.deployments].filter(([, read]) => read.problems.length > 0)
            .map(([uri, read]) => ({ file: shown.get(uri) ?? URI.parse(uri).fsPath, problems: read.problems }));
    }

    /** True when `path` (on disk) is, or is inside, a deployment source of a loaded configuration. */
    isDeploymentFile(path: string): boolean {
        const target = URI.file(path).path;
        for (const config of this.byFile.values()) {
            if (!config.deployment || !config.uri) continue;
            const folder = UriUtils.dirname(URI.parse(config.uri));
            for (const source of [...config.deployment.kubernetes, ...config.deployment.compose]) {
                const full = UriUtils.joinPath(folder, source).path.replace(/\/+$/, '');
                if (target === full || target.startsWith(full + '/')) return true;
            }
        }
        return false;
    }

    /** Forgets everything (after archway.json, a deployment file or the editor setting changed). */
    invalidate(): void {
        this.byFile.clear();
        this.deployments.clear();
        this.stale = true;
    }

    private explicitUri(): URI {
        const file = this.explicitFile!;
        return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? URI.parse(file) : URI.file(file);
    }

    private resolve(file: string): LoadedConfig {
        if (!file) return resolveConfig({ overrides: this.editorOverrides });
        const uri = URI.parse(file);
        const shown = uri.scheme === 'file' ? uri.fsPath : file;
        const read = this.lookup.texts.get(file);
        const loaded = resolveConfig({
            file: shown, text: read && 'text' in read ? read.text : undefined, unreadable: !read || 'unreadable' in read, overrides: this.editorOverrides,
            deploymentSourceExists: this.deploymentSourceCheck(uri),
        });
        return { ...loaded, uri: file };
    }

    /**
     * Whether the deployment sources a configuration names exist: checked only where they can be
     * read (with a deployment reader, on a file system that answers synchronously: Node's).
     */
    private deploymentSourceCheck(configUri: URI): ((source: string) => boolean) | undefined {
        const fileSystem = this.fileSystem;
        if (!this.deploymentReader || !fileSystem || configUri.scheme !== 'file') return undefined;
        const folder = UriUtils.dirname(configUri);
        return source => {
            try {
                return fileSystem.existsSync(UriUtils.joinPath(folder, source));
            } catch {
                return false;
            }
        };
    }

    /** The configuration file URI ('' for none) that applies in `folder`: its own archway.json, else its parent's. */
    private findFrom(lookup: ConfigLookup, folder: URI): Promise<string> {
        const key = folder.toString();
        let found = lookup.pending.get(key);
        if (!found) {
            found = (async () => {
                const candidate = UriUtils.joinPath(folder, CONFIG_FILE_NAME);
                if (await this.read(lookup, candidate)) return candidate.toString();
                const parent = UriUtils.dirname(folder);
                return parent.toString() === key ? '' : this.findFrom(lookup, parent);
            })().then(file => {
                lookup.known.set(key, file);
                return file;
            });
            lookup.pending.set(key, found);
        }
        return found;
    }

    /** Reads a configuration file into `texts`; false when there is no such file. */
    private async read(lookup: ConfigLookup, uri: URI): Promise<boolean> {
        const key = uri.toString();
        const texts = lookup.texts;
        if (texts.has(key)) return true;
        const fileSystem = this.fileSystem;
        if (!fileSystem) {
            if (this.explicitFile !== undefined) texts.set(key, { unreadable: true });
            return this.explicitFile !== undefined;
        }
        let isFile = false;
        try {
            isFile = (await fileSystem.stat(uri)).isFile;
        } catch {
            isFile = false;
        }
        if (!isFile) {
            // An explicit file that is missing is reported; a missing one found by walking up is no file.
            if (this.explicitFile !== undefined) texts.set(key, { unreadable: true });
            return this.explicitFile !== undefined;
        }
        try {
            texts.set(key, { text: await fileSystem.readFile(uri) });
        } catch {
            texts.set(key, { unreadable: true });
        }
        return true;
    }
}

/** Configuration files as read: which applies in each folder looked up, and their texts. */
class ConfigLookup {
    /** The configuration file URI ('' for none) that applies in a folder, by folder URI, being looked up. */
    readonly pending = new Map<string, Promise<string>>();
    /** The same, once known. */
    readonly known = new Map<string, string>();
    /** Texts of the configuration files found, by URI. */
    readonly texts = new Map<string, ConfigText>();
}

/** The folder on disk holding a configuration file, when it is on disk. */
function diskFolderOf(configUri: string): string | undefined {
    const uri = URI.parse(configUri);
    return uri.scheme === 'file' ? UriUtils.dirname(uri).fsPath : undefined;
}

/**
 * Reads the configuration of every loaded document before a build validates (validation
 * looks it up synchronously; the file system may be asynchronous).
 */
export function registerRuleConfigurationLoading(shared: LangiumSharedCoreServices, configuration: ArchwayRuleConfiguration,
    checks: { clear(): void }): void {
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedReferences, async () => {
        // An editor feature (semantic tokens, inlay hints, …) may have checked a model before its
        // folder's configuration was read: those checks are redone with it.
        if (await configuration.prepare(shared.workspace.LangiumDocuments.all.map(document => document.uri))) checks.clear();
    });
}
