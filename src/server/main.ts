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
import { registerMarkdownBlockHandler } from '../lsp/markdown-block-handler.js';
import { registerDiagramHandler } from '../lsp/diagram-handler.js';
import { isLayoutCancellation, renderServerDiagram } from './diagram-renderer.js';

/** Starts the server on the transport named in `process.argv` (`--stdio`, `--node-ipc`, …). */
export function startArchwayLanguageServer(): void {
    configureLayout({ worker: bundledLayoutWorker() });
    const connection = createConnection(ProposedFeatures.all);
    // The editor reads the deployment files archway.json names for the drift rules (the CLI only when a configuration names some).
    const { shared, Archway } = createArchwayServices({ connection, ...NodeFileSystem }, { deploymentReader: readDeploymentSources });
    startLangium(shared);
    registerDiagramHandler(connection, shared, {
        render: renderServerDiagram,
        isCancellation: isLayoutCancellation,
        ruleSettings: rootUri => Archway.archway.ModelChecker.settingsFor(rootUri),
        checkedModel: document => {
            const check = Archway.archway.ModelChecker.checkRootedAt(document);
            return { model: check.model, findings: check.result.findings, assumptions: Archway.archway.ModelChecker.assumptionsFor(document.uri.toString()) };
        },
    });
    registerMarkdownBlockHandler(connection, shared, renderServerDiagram);
}
