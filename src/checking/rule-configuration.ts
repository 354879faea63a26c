/**
 * Rule configuration: finds the `archway.json` that applies to each model root (walking up
 * from the file, or one file given for all) and merges the editor setting `archway.rules`.
 * The language server adds file watching and diagnostics on `archway.json`
 * (`src/lsp/rule-config-watcher.ts`).
 *
 * Configuration files are read through Langium's `FileSystemProvider` — the disk on Node, the
 * editor's file system in a browser (a repository opened in github.dev) — which is asynchronous,
 * while rules are configured during validation, which is not: before each build validates, the
 * configuration of every loaded document's folder is read (`prepare`, registered by
 * `registerRuleConfigurationLoading`), and validation then only looks it up.
 */
import { DocumentState, URI, UriUtils, type FileSystemProvider, type LangiumSharedCoreServices } from 'langium';
import { CONFIG_FILE_NAME, resolveConfig, type LoadedConfig } from '../rules/config.js';
import type { RuleSettings } from '../rules/engine.js';

/** How the rule configuration is found. */
export interface RuleConfigurationOptions {
    /** One configuration file for every document (the CLI's `--config`, a path); otherwise each model root finds its own. */
    configFile?: string;
    /** Where configuration files are read (by default none is found). */
    fileSystem?: FileSystemProvider;
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
    /** Resolved configurations by configuration file URI ('' for none). */
    private readonly byFile = new Map<string, LoadedConfig>();
    /** The configuration file URI ('' for none) that applies in a folder, by folder URI, once looked up. */
    private readonly fileOfFolder = new Map<string, Promise<string>>();
    private readonly fileOfFolderKnown = new Map<string, string>();
    /** Texts of the configuration files found. */
    private readonly texts = new Map<string, ConfigText>();

    constructor(options: RuleConfigurationOptions = {}) {
        this.explicitFile = options.configFile;
        this.fileSystem = options.fileSystem;
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
     */
    async prepare(uris: Iterable<URI>): Promise<void> {
        if (this.explicitFile !== undefined) {
            const file = this.explicitUri();
            if (!this.texts.has(file.toString())) await this.read(file);
            return;
        }
        const folders = new Set<string>();
        for (const uri of uris) {
            if (uri.scheme === 'untitled' || uri.scheme === 'inmemory') continue;
            folders.add(UriUtils.dirname(uri).toString());
        }
        await Promise.all([...folders].map(folder => this.findFrom(URI.parse(folder))));
    }

    /** The configuration that applies to a document URI (as prepared: a folder not looked up yet has none). */
    configFor(uri: string): LoadedConfig {
        let file = '';
        if (this.explicitFile !== undefined) {
            file = this.explicitUri().toString();
        } else {
            const parsed = URI.parse(uri);
            if (parsed.scheme !== 'untitled') file = this.fileOfFolderKnown.get(UriUtils.dirname(parsed).toString()) ?? '';
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

    /** Every configuration resolved so far (for publishing their problems). */
    loaded(): LoadedConfig[] {
        return [...this.byFile.values()];
    }

    /** Forgets everything (after archway.json or the editor setting changed). */
    invalidate(): void {
        this.byFile.clear();
        this.fileOfFolder.clear();
        this.fileOfFolderKnown.clear();
        this.texts.clear();
    }

    private explicitUri(): URI {
        const file = this.explicitFile!;
        return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? URI.parse(file) : URI.file(file);
    }

    private resolve(file: string): LoadedConfig {
        if (!file) return resolveConfig({ overrides: this.editorOverrides });
        const uri = URI.parse(file);
        const shown = uri.scheme === 'file' ? uri.fsPath : file;
        const read = this.texts.get(file);
        const loaded = resolveConfig({
            file: shown, text: read && 'text' in read ? read.text : undefined, unreadable: !read || 'unreadable' in read, overrides: this.editorOverrides,
        });
        return { ...loaded, uri: file };
    }

    /** The configuration file URI ('' for none) that applies in `folder`: its own archway.json, else its parent's. */
    private findFrom(folder: URI): Promise<string> {
        const key = folder.toString();
        let found = this.fileOfFolder.get(key);
        if (!found) {
            found = (async () => {
                const candidate = UriUtils.joinPath(folder, CONFIG_FILE_NAME);
                if (await this.read(candidate)) return candidate.toString();
                const parent = UriUtils.dirname(folder);
                return parent.toString() === key ? '' : this.findFrom(parent);
            })().then(file => {
                this.fileOfFolderKnown.set(key, file);
                return file;
            });
            this.fileOfFolder.set(key, found);
        }
        return found;
    }

    /** Reads a configuration file into `texts`; false when there is no such file. */
    private async read(uri: URI): Promise<boolean> {
        const key = uri.toString();
        if (this.texts.has(key)) return true;
        const fileSystem = this.fileSystem;
        if (!fileSystem) {
            if (this.explicitFile !== undefined) this.texts.set(key, { unreadable: true });
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
            if (this.explicitFile !== undefined) this.texts.set(key, { unreadable: true });
            return this.explicitFile !== undefined;
        }
        try {
            this.texts.set(key, { text: await fileSystem.readFile(uri) });
        } catch {
            this.texts.set(key, { unreadable: true });
        }
        return true;
    }
}

/**
 * Reads the configuration of every loaded document before a build validates (validation
 * looks it up synchronously; the file system may be asynchronous).
 */
export function registerRuleConfigurationLoading(shared: LangiumSharedCoreServices, configuration: ArchwayRuleConfiguration): void {
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedReferences, async () => {
        await configuration.prepare(shared.workspace.LangiumDocuments.all.map(document => document.uri));
    });
}
