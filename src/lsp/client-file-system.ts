/**
 * A Langium `FileSystemProvider` that reads through the LSP client (the `archway/fs/*`
 * requests of `src/protocol/file-system-protocol.ts`): the web extension's language server runs
 * in a Web Worker with no file system of its own, so workspace files, imports and
 * `archway.json` are read through VS Code's `workspace.fs` — the files of a repository opened in
 * github.dev, not only the open tabs.
 *
 * Langium's synchronous reads cannot be forwarded (a request is asynchronous); they fail with a
 * clear error, and Archway's own code never calls them.
 */
import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import {
    FileSystemMethods, type FileStatResult, type FileSystemParams, type ReadDirectoryResult, type ReadFileResult,
} from '../protocol/file-system-protocol.js';

/** The part of an LSP connection this provider needs. */
export interface FileSystemRequester {
    sendRequest<R>(method: string, params: FileSystemParams): Promise<R>;
}

/** Reads files through the client. */
export class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly requester: FileSystemRequester) {}

    async stat(uri: URI): Promise<FileSystemNode> {
        const result = await this.requester.sendRequest<FileStatResult>(FileSystemMethods.stat, { uri: uri.toString() });
        if (!result || result.type === 'none') throw new Error(`No file or folder '${uri.toString()}'.`);
        return { uri, isFile: result.type === 'file', isDirectory: result.type === 'directory' };
    }

    async exists(uri: URI): Promise<boolean> {
        const result = await this.requester.sendRequest<FileStatResult>(FileSystemMethods.stat, { uri: uri.toString() });
        return !!result && result.type !== 'none';
    }

    async readFile(uri: URI): Promise<string> {
        const result = await this.requester.sendRequest<ReadFileResult>(FileSystemMethods.readFile, { uri: uri.toString() });
        if (!result || typeof result.text !== 'string') throw new Error(`The file '${uri.toString()}' cannot be read.`);
        return result.text;
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const result = await this.requester.sendRequest<ReadDirectoryResult>(FileSystemMethods.readDirectory, { uri: uri.toString() });
        if (!result || !Array.isArray(result.entries)) return [];
        return result.entries
            .filter(entry => entry && typeof entry.uri === 'string' && (entry.type === 'file' || entry.type === 'directory'))
            .map(entry => ({ uri: URI.parse(entry.uri), isFile: entry.type === 'file', isDirectory: entry.type === 'directory' }));
    }

    statSync(uri: URI): FileSystemNode {
        throw syncUnsupported(uri);
    }

    existsSync(): boolean {
        return false;
    }

    readBinarySync(uri: URI): Uint8Array {
        throw syncUnsupported(uri);
    }

    readFileSync(uri: URI): string {
        throw syncUnsupported(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        throw syncUnsupported(uri);
    }
}

function syncUnsupported(uri: URI): Error {
    return new Error(`The file '${uri.toString()}' cannot be read synchronously: files are read through the editor.`);
}
