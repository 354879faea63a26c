/**
 * The Archway language server in a Web Worker (the web extension's server, `out/web/server.js`):
 * the same Langium services as on Node, over `postMessage`, reading files through the client
 * (`ClientFileSystemProvider`: VS Code's `workspace.fs`, forwarded over LSP) and laying out
 * diagrams in the worker itself (it is already off the editor's thread). No Node built-ins:
 * the build fails when this bundle imports one.
 */
import { startLanguageServer as startLangium } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { configureLayout } from '../diagram/index.js';
import { ClientFileSystemProvider } from '../lsp/client-file-system.js';
import { createArchwayServices } from '../lsp/module.js';
import { registerArchwayRequests } from './archway-requests.js';

/** The worker's global scope, as far as messaging goes. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

/** Starts the server on the worker's message port. */
export function startBrowserLanguageServer(): void {
    configureLayout({ worker: false });
    const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
    const fileSystem = new ClientFileSystemProvider({ sendRequest: (method, params) => connection.sendRequest(method, params) });
    const { shared, Archway } = createArchwayServices({ connection, fileSystemProvider: () => fileSystem });
    startLangium(shared);
    registerArchwayRequests(connection, shared, Archway);
}

startBrowserLanguageServer();
