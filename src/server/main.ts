/**
 * The Archway language server entry: LSP over stdio (`--stdio`), IPC (`--node-ipc`) or sockets,
 * for VS Code and any other editor.
 */
import { startLanguageServer as startLangium } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { configureLayout } from '../diagram/index.js';
import { bundledLayoutWorker } from '../diagram/node-layout-worker.js';
import { readDeploymentSources } from '../import/drift-source.js';
import { createArchwayServices } from '../lsp/module.js';
import { registerArchwayRequests } from './archway-requests.js';

/** Starts the server on the transport named in `process.argv` (`--stdio`, `--node-ipc`, …). */
export function startArchwayLanguageServer(): void {
    configureLayout({ worker: bundledLayoutWorker() });
    const connection = createConnection(ProposedFeatures.all);
    // The editor reads the deployment files archway.json names for the drift rules (the CLI only when a configuration names some).
    const { shared, Archway } = createArchwayServices({ connection, ...NodeFileSystem }, { deploymentReader: readDeploymentSources });
    startLangium(shared);
    registerArchwayRequests(connection, shared, Archway);
}
