/**
 * Loading `.arch` files from disk for the CLI: discovery of files under folders, loading
 * of everything they import, and one Langium build with validation — the same services and
 * diagnostics as the language server.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { importedUris } from '../language/archway-imports.js';
import { MAX_FILE_BYTES } from '../language/archway-limits.js';
import type { ArchModel } from '../model/arch-model.js';
import type { ImportStatus } from '../model/build-model.js';
import { buildDocumentModel, modelRootsOf } from '../model/workspace-models.js';
import { createArchwayCheckServices, type ArchwayCheckServices } from '../checking/check-services.js';
import type { DeploymentReader } from '../checking/rule-configuration.js';

/** A path the user gave that could not be used. */
export class InputError extends Error {
    override readonly name = 'InputError';
}

/** Files larger than this are not parsed (the same limit as the language server's). */
export { MAX_FILE_BYTES };

/** `.arch` files named by `paths` (files, or folders searched recursively), sorted, absolute. */
export function discoverArchFiles(paths: readonly string[]): string[] {
    const found = new Set<string>();
    const visited = new Set<string>();
    const realFiles = new Set<string>();
    const addFile = (path: string): void => {
        let real = path;
        try {
            real = realpathSync(path);
        } catch {
            // keep the path as given
        }
        if (realFiles.has(real)) return; // the same file again, through a symlink
        realFiles.add(real);
        found.add(resolve(path));
    };
    const walk = (dir: string): void => {
        let real: string;
        try {
            real = realpathSync(dir);
        } catch {
            return;
        }
        if (visited.has(real)) return; // symlink loop
        visited.add(real);
        let entries: import('node:fs').Dirent[];
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        } catch (error) {
            throw new InputError(`Cannot read the folder '${dir}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'out') continue;
            const full = join(dir, entry.name);
            let stats;
            try {
                stats = statSync(full);
            } catch {
                continue; // dangling symlink
            }
            if (stats.isDirectory()) walk(full);
            else if (stats.isFile() && extname(entry.name) === '.arch') addFile(full);
        }
    };
    for (const path of paths) {
        let stats;
        try {
            stats = statSync(path);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            throw new InputError(code === 'ENOENT' ? `No such file or folder: '${path}'.` : `Cannot read '${path}': ${code ?? String(error)}.`);
        }
        if (stats.isDirectory()) walk(path);
        else if (stats.isFile()) addFile(path);
        else throw new InputError(`'${path}' is neither a file nor a folder.`);
    }
    return [...found].sort();
}

/** The loaded, linked and validated workspace. */
export interface LoadedWorkspace {
    services: ArchwayCheckServices;
    /** Documents of the files asked for, in order. */
    requested: LangiumDocument[];
    /** Every loaded document (requested and imported). */
    all: LangiumDocument[];
    /** Models whose roots are among the loaded documents. */
    models(): ArchModel[];
    /** The model(s) a requested document belongs to. */
    modelsOf(document: LangiumDocument): ArchModel[];
}

/** Reads a file as UTF-8 text, refusing files that are too large or binary. */
export function readArchFile(path: string): string {
    const stats = statSync(path);
    // A FIFO or device would block the read forever (or never end).
    if (!stats.isFile()) throw new InputError(`'${path}' is not a regular file.`);
    if (stats.size > MAX_FILE_BYTES) {
        throw new InputError(`'${path}' is ${(stats.size / 1024 / 1024).toFixed(1)} MB; files over ${MAX_FILE_BYTES / 1024 / 1024} MB are not checked.`);
    }
    let buffer: Buffer;
    try {
        buffer = readFileSync(path);
    } catch (error) {
        throw new InputError(`Cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    if (buffer.includes(0)) throw new InputError(`'${path}' is a binary file, not .arch text.`);
    let text = buffer.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
}

function importStatusOnDisk(uri: string): ImportStatus {
    const path = URI.parse(uri).fsPath;
    try {
        const stats = statSync(path);
        if (stats.isDirectory()) return 'directory';
        if (extname(path) !== '.arch') return 'not-arch';
        // FIFOs, sockets and devices are not read (reading a FIFO blocks forever).
        if (!stats.isFile()) return 'unreadable';
        return 'ok';
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
    }
}

/** Where files come from instead of the disk (e.g. a git revision). */
export interface FileSource {
    status(path: string): 'file' | 'directory' | 'missing';
    /** The file's text; undefined when it cannot be read as text. */
    read(path: string): string | undefined;
}

export interface LoadOptions {
    /** An explicit `archway.json` for every file (`--config`); otherwise each model finds its own. */
    configFile?: string;
    /** Read files (and follow imports) from here instead of the disk; configuration still comes from the disk. */
    source?: FileSource;
    /** Reads deployment files for the drift rules (loaded only when a configuration names some). */
    deploymentReader?: DeploymentReader;
}

function importStatusIn(source: FileSource, uri: string): ImportStatus {
    const path = URI.parse(uri).fsPath;
    const status = source.status(path);
    if (status === 'missing') return 'missing';
    if (status === 'directory') return 'directory';
    return extname(path) === '.arch' ? 'ok' : 'not-arch';
}

/** Loads the files (and, transitively, what they import) and builds them with validation. */
export async function loadWorkspace(files: readonly string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
    const statuses = new Map<string, ImportStatus>();
    const source = options.source;
    const statusOf = (uri: string): ImportStatus => (source ? importStatusIn(source, uri) : importStatusOnDisk(uri));
    const { shared, Archway } = createArchwayCheckServices(NodeFileSystem, {
        configFile: options.configFile ? resolve(options.configFile) : undefined,
        importStatus: (uri) => statuses.get(uri) ?? statusOf(uri),
        deploymentReader: options.deploymentReader,
    });
    const langiumDocuments = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;

    const requested: LangiumDocument[] = [];
    const all: LangiumDocument[] = [];
    const load = (path: string): LangiumDocument | undefined => {
        const uri = URI.file(path);
        const existing = langiumDocuments.getDocument(uri);
        if (existing) return existing;
        const text = source ? source.read(path) : readArchFile(path);
        if (text === undefined) throw new InputError(`Cannot read '${path}'.`);
        const document = factory.fromString(text, uri);
        langiumDocuments.addDocument(document);
        all.push(document);
        return document;
    };
    for (const file of files) {
        const document = load(file);
        if (document && !requested.includes(document)) requested.push(document);
    }
    // Follow imports.
    for (let i = 0; i < all.length; i++) {
        for (const uri of importedUris(all[i])) {
            if (statuses.has(uri)) continue;
            const status = statusOf(uri);
            statuses.set(uri, status);
            if (status !== 'ok') continue;
            try {
                load(URI.parse(uri).fsPath);
            } catch {
                statuses.set(uri, 'unreadable');
            }
        }
    }
    await shared.workspace.DocumentBuilder.build(all, { validation: true });
    const modelOf = (root: LangiumDocument): ArchModel => buildDocumentModel(root, langiumDocuments, Archway.archway.ModelChecker.importStatus);
    return {
        services: Archway,
        requested,
        all,
        models: () => {
            const roots = new Set<LangiumDocument>();
            for (const document of all) for (const root of modelRootsOf(document, langiumDocuments)) roots.add(root);
            return [...roots].map(modelOf);
        },
        modelsOf: (document) => modelRootsOf(document, langiumDocuments).map(modelOf),
    };
}
