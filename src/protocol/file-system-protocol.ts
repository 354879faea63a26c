/**
 * The file-system protocol: custom LSP requests by which a language server that cannot read
 * files itself (the web extension's server, in a Web Worker) asks its client to read them
 * through the editor's file system (`workspace.fs` in VS Code: a GitHub repository opened in
 * github.dev, a remote or virtual folder). Plain types and method names only: imported by the
 * server and by the extension.
 */

/** Method names of the file-system requests (server → client). */
export const FileSystemMethods = {
    /** `{ uri }` → `FileStatResult` (a missing file is `{ type: 'none' }`, not an error). */
    stat: 'archway/fs/stat',
    /** `{ uri }` → `{ text }` (UTF-8), or an error when the file cannot be read. */
    readFile: 'archway/fs/readFile',
    /** `{ uri }` → `{ entries }`, or an error when the folder cannot be read. */
    readDirectory: 'archway/fs/readDirectory',
} as const;

/** What a URI names. */
export type FileKind = 'file' | 'directory' | 'none';

/** Parameters of every file-system request. */
export interface FileSystemParams {
    uri: string;
}

/** `archway/fs/stat` result. */
export interface FileStatResult {
    type: FileKind;
}

/** `archway/fs/readFile` result. */
export interface ReadFileResult {
    text: string;
}

/** One entry of `archway/fs/readDirectory`: its full URI and kind. */
export interface DirectoryEntry {
    uri: string;
    type: Exclude<FileKind, 'none'>;
}

/** `archway/fs/readDirectory` result. */
export interface ReadDirectoryResult {
    entries: DirectoryEntry[];
}
