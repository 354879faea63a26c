/**
 * The web extension's language client (vscode.dev, github.dev, code-server's browser host): the
 * bundled server (`out/web/server.js`) in a Web Worker, reading files through the extension
 * (`file-system-forwarding.ts`).
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import { serveFileSystem } from './file-system-forwarding.js';
import type { LanguageClientFactory } from './language-server.js';

/** `.arch` files of any scheme: a virtual workspace's (`vscode-vfs`, …) as much as local ones. */
export const BROWSER_DOCUMENT_SELECTOR = [{ language: 'arch' }];

/** A factory of clients of the Web Worker server bundled with the extension. */
export function browserClientFactory(context: vscode.ExtensionContext): LanguageClientFactory {
    return (options: LanguageClientOptions) => {
        const script = vscode.Uri.joinPath(context.extensionUri, 'out', 'web', 'server.js');
        // A new worker at every (re)start (the previous one stopped). Transports, not the worker:
        // the client's `instanceof Worker` test fails on the extension host's patched `Worker`.
        let running: Worker | undefined;
        const transports = async (): Promise<MessageTransports> => {
            running?.terminate();
            const worker = running = await startWorker(script);
            return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        };
        const client = new LanguageClient('archway', 'Archway Language Server', transports, options);
        context.subscriptions.push({ dispose: () => running?.terminate() });
        context.subscriptions.push(serveFileSystem(client));
        return client;
    };
}

/**
 * Starts the server's worker. VS Code's web extension host refuses `new Worker` on a
 * `vscode-remote:` script (an extension installed on a remote server, as in code-server:
 * "Creating workers from remote extensions is currently not supported"); there the script is
 * read through `workspace.fs` and started from a blob URL. Elsewhere (vscode.dev, github.dev:
 * an `https:` extension location) the URL is used as it is.
 */
async function startWorker(script: vscode.Uri): Promise<Worker> {
    if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true));
    const bytes = await vscode.workspace.fs.readFile(script);
    return new Worker(URL.createObjectURL(new Blob([new TextDecoder().decode(bytes)], { type: 'text/javascript' })));
}
