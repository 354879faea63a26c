/**
 * Loading `.arch` files from disk for the CLI: discovery of files under folders, loading
 * of everything they import, and one Langium build with validation — the same services and
 * diagnostics as the language server.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { importedUris } from '../language/archway-imports.js';
import { MAX_FILE_BYTES } from '../language/archway-limits.js';
import type { ArchModel, Finding } from '../model/arch-model.js';
import type { ImportStatus } from '../model/build-model.js';
import { modelRootsOf } from '../model/workspace-models.js';
import { createArchwayCheckServices, type ArchwayCheckServices } from '../checking/check-services.js';
import type { DeploymentReader } from '../checking/rule-configuration.js';
import { errnoReason, readArchFile, specialFileKind, unreadable, type UnreadableFile } from './read-arch-file.js';

export type { UnreadableFile };

/** A path the user gave that could not be used. */
export class InputError extends Error {
    override readonly name = 'InputError';
}

/** Files larger than this are not parsed (the same limit as the language server's). */
export { MAX_FILE_BYTES };

/** What `paths` name: the `.arch` files to check, and the files and folders that could not be read. */
export interface DiscoveredInputs {
    /** `.arch` files, sorted, absolute. */
    files: string[];
    /** Files and folders that exist but cannot be read (each is an `unreadable-file` finding). */
    unreadable: UnreadableFile[];
}

/**
 * `.arch` files named by `paths` (files, or folders searched recursively), and what could not
 * be read on the way. A path that does not exist is an `InputError` (a usage error, as in ESLint);
 * anything that exists but cannot be read is reported and the rest is checked.
 */
export function discoverArchInputs(paths: readonly string[]): DiscoveredInputs {
    const found = new Set<string>();
    const unreadableFiles: UnreadableFile[] = [];
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
            unreadableFiles.push(unreadable(resolve(dir), `The folder cannot be read: ${errnoReason(error)}; the .arch files in it were not checked.`).unreadable);
            return;
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'out') continue;
            const full = join(dir, entry.name);
            const isArch = extname(entry.name) === '.arch';
            let stats;
            try {
                stats = statSync(full);
            } catch (error) {
                // A dangling symlink is not a file; a loop or a denied .arch entry is one we cannot read.
                if (isArch && (error as NodeJS.ErrnoException).code !== 'ENOENT') unreadableFiles.push(readArchFile(full).unreadable!);
                continue;
            }
            if (stats.isDirectory()) walk(full);
            else if (isArch && stats.isFile()) addFile(full);
            else if (isArch) unreadableFiles.push(unreadable(resolve(full), `This is ${specialFileKind(stats)}, not a regular file; it was not read.`).unreadable);
        }
    };
    for (const path of paths) {
        let stats;
        try {
            stats = statSync(path);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`No such file or folder: '${path}'.`);
            unreadableFiles.push(unreadable(resolve(path), `The path cannot be read: ${errnoReason(error)}.`).unreadable);
            continue;
        }
        if (stats.isDirectory()) walk(path);
        else if (stats.isFile()) addFile(path);
        else unreadableFiles.push(unreadable(resolve(path), `This is ${specialFileKind(stats)}, not a regular file; it was not read.`).unreadable);
    }
    const unreadableByPath = new Map(unreadableFiles.map(u => [u.path, u]));
    return { files: [...found].sort(), unreadable: [...unreadableByPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/**
 * `.arch` files named by `paths`, sorted, absolute; an `InputError` for the first path that
 * does not exist or cannot be read (for commands that need every file, like `format`).
 */
export function discoverArchFiles(paths: readonly string[]): string[] {
    const { files, unreadable: problems } = discoverArchInputs(paths);
    if (problems.length > 0) throw new InputError(`'${problems[0].path}': ${problems[0].message}`);
    return files;
}

/** The loaded, linked and validated workspace. */
export interface LoadedWorkspace {
    services: ArchwayCheckServices;
    /** Documents of the files asked for, in order. */
    requested: LangiumDocument[];
    /** Every loaded document (requested and imported). */
    all: LangiumDocument[];
    /** Requested or imported files that could not be read as `.arch` text (not loaded). */
    unreadable: UnreadableFile[];
    /** Models whose roots are among the loaded documents, as validation built and checked them (not built again). */
    models(): ArchModel[];
    /** The model(s) a requested document belongs to. */
    modelsOf(document: LangiumDocument): ArchModel[];
    /** The findings located in a loaded document, with their quick fixes (its diagnostics carry none). */
    findingsIn(document: LangiumDocument): Finding[];
}

/**
 * Reads a file as UTF-8 text; an `InputError` saying why when it cannot be read as `.arch` text
 * (for commands that need the file, like `format` and `export`).
 */
export function readArchFileOrThrow(path: string): string {
    const result = readArchFile(path);
    if (result.unreadable) throw new InputError(`'${path}': ${describeUnreadable(result.unreadable)}`);
    return result.text;
}

/** The message of an unreadable file with its place when that is not the start of the file. */
export function describeUnreadable(problem: UnreadableFile): string {
    return problem.line === 1 && problem.column === 1 ? problem.message : `${problem.message.replace(/ here\b/, '')} (line ${problem.line}, column ${problem.column})`;
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
    const unreadableFiles: UnreadableFile[] = [];
    const load = (path: string): LangiumDocument | undefined => {
        const uri = URI.file(path);
        const existing = langiumDocuments.getDocument(uri);
        if (existing) return existing;
        if (unreadableFiles.some(u => u.path === path)) return undefined;
        let text: string;
        if (source) {
            // A file of another revision (`check --base`): read as that revision has it.
            const read = source.read(path);
            if (read === undefined) throw new InputError(`Cannot read '${path}'.`);
            text = read;
        } else {
            const { text: onDisk, unreadable: problem } = readArchFile(path);
            if (problem) {
                unreadableFiles.push(problem);
                return undefined;
            }
            text = onDisk;
        }
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
            // An unreadable import is read too (never opening a FIFO): the file gets a finding saying why.
            if (status !== 'ok' && status !== 'unreadable') continue;
            try {
                if (!load(URI.parse(uri).fsPath)) statuses.set(uri, 'unreadable');
            } catch {
                statuses.set(uri, 'unreadable');
            }
        }
    }
    await shared.workspace.DocumentBuilder.build(all, { validation: true });
    // The model validation built and checked (cached until a document changes, which in a CLI run
    // none does): a second build of a 2,000-component model costs about as much as the rules.
    const modelOf = (root: LangiumDocument): ArchModel => Archway.archway.ModelChecker.checkRootedAt(root).model;
    return {
        services: Archway,
        requested,
        all,
        unreadable: unreadableFiles,
        models: () => {
            const roots = new Set<LangiumDocument>();
            for (const document of all) for (const root of modelRootsOf(document, langiumDocuments)) roots.add(root);
            return [...roots].map(modelOf);
        },
        modelsOf: (document) => modelRootsOf(document, langiumDocuments).map(modelOf),
        findingsIn: (document) => Archway.archway.ModelChecker.findingsIn(document),
    };
}
