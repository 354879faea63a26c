/**
 * The client side of the file-system protocol (`src/protocol/file-system-protocol.ts`): the web
 * extension's language server, in a Web Worker, reads workspace files, imports and
 * `archway.json` through VS Code's `workspace.fs` — so a repository opened in github.dev works,
 * not only its open tabs. Only files inside a workspace folder are served: anything else is
 * answered as missing (a stat) or refused (a read).
 */
import * as vscode from 'vscode';
import {
    FileSystemMethods, type DirectoryEntry, type FileKind, type FileStatResult, type FileSystemParams, type ReadDirectoryResult,
    type ReadFileResult,
} from '../protocol/file-system-protocol.js';
import type { LanguageClient } from './language-server.js';

/** Answers the server's `archway/fs/*` requests from `workspace.fs`. */
export function serveFileSystem(client: LanguageClient): vscode.Disposable {
    return vscode.Disposable.from(
        client.onRequest(FileSystemMethods.stat, async (params: FileSystemParams): Promise<FileStatResult> => {
            const uri = workspaceUri(params);
            if (!uri) return { type: 'none' };
            try {
                return { type: kindOf((await vscode.workspace.fs.stat(uri)).type) };
            } catch {
                return { type: 'none' };
            }
        }),
        client.onRequest(FileSystemMethods.readFile, async (params: FileSystemParams): Promise<ReadFileResult> => {
            const uri = workspaceUri(params);
            if (!uri) throw new Error(`'${String(params?.uri)}' is not a file of the workspace.`);
            return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
        }),
        client.onRequest(FileSystemMethods.readDirectory, async (params: FileSystemParams): Promise<ReadDirectoryResult> => {
            const uri = workspaceUri(params);
            if (!uri) throw new Error(`'${String(params?.uri)}' is not a folder of the workspace.`);
            const entries: DirectoryEntry[] = [];
            for (const [name, type] of await vscode.workspace.fs.readDirectory(uri)) {
                const kind = kindOf(type);
                if (kind !== 'none') entries.push({ uri: vscode.Uri.joinPath(uri, name).toString(), type: kind });
            }
            return { entries };
        }),
    );
}

/** The request's URI when it lies inside a workspace folder. */
function workspaceUri(params: FileSystemParams): vscode.Uri | undefined {
    if (!params || typeof params.uri !== 'string') return undefined;
    let uri: vscode.Uri;
    try {
        uri = vscode.Uri.parse(params.uri, true);
    } catch {
        return undefined;
    }
    return vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

function kindOf(type: vscode.FileType): FileKind {
    if (type & vscode.FileType.Directory) return 'directory';
    if (type & vscode.FileType.File) return 'file';
    return 'none';
}
