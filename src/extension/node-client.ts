/**
 * The desktop extension's language client: the bundled server (`out/server/main.cjs`) in a Node
 * process over IPC, reading files from disk itself.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { LanguageClientFactory } from './language-server.js';

/** Files of every local scheme the server can read (`file`) and unsaved ones. */
export const NODE_DOCUMENT_SELECTOR = [{ scheme: 'file', language: 'arch' }, { scheme: 'untitled', language: 'arch' }];

/** A factory of clients of the Node server bundled with the extension. */
export function nodeClientFactory(context: vscode.ExtensionContext): LanguageClientFactory {
    return (options: LanguageClientOptions) => {
        const module = context.asAbsolutePath('out/server/main.cjs');
        const serverOptions: ServerOptions = {
            run: { module, transport: TransportKind.ipc },
            debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
        };
        return new LanguageClient('archway', 'Archway Language Server', serverOptions, options);
    };
}
