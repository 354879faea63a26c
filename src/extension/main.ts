/**
 * The Archway VS Code extension: starts the bundled language server (`language-server.ts`),
 * owns the live previews (`preview-manager.ts`, wired to VS Code by `vscode-preview-host.ts`)
 * and registers the commands (`commands/`, one file each). This file only wires them.
 */
import * as vscode from 'vscode';
import { DiagramMethods, type DiagramChangedParams } from '../protocol/diagram-protocol.js';
import { archwayCommands, exportFromCommand, registerCommands, type CommandServices } from './commands/index.js';
import { CrashPolicy } from './crash-policy.js';
import { LanguageServer } from './language-server.js';
import { PreviewManager } from './preview-manager.js';
import { createPreviewHost, followEditors, registerPreviewSerializer } from './vscode-preview-host.js';

/** What `deactivate` stops. */
let running: { server: LanguageServer; previews: PreviewManager } | undefined;

/** Activation: start the language server, register previews and commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const started = performance.now();
    const output = vscode.window.createOutputChannel('Archway', { log: true });
    context.subscriptions.push(output);
    const server = new LanguageServer(context, output, new CrashPolicy());
    context.subscriptions.push(server.showStatus());

    // A preview's export buttons run the export command (called only once `services` is set).
    const host = createPreviewHost({ context, server, output, exportDiagram: (target, format) => exportFromCommand(services, target, format) });
    const previews = new PreviewManager(host);
    const services: CommandServices = { context, server, previews, output };
    running = { server, previews };
    context.subscriptions.push(
        { dispose: () => previews.dispose() },
        ...registerCommands(archwayCommands(services)),
        registerPreviewSerializer(context, previews, output),
        ...followEditors(previews),
    );
    server.client.onNotification(DiagramMethods.diagramChanged, (params: DiagramChangedParams) => {
        if (params && Array.isArray(params.uris)) previews.onDiagramsChanged(params.uris.filter((uri): uri is string => typeof uri === 'string'));
    });
    // Start the server without holding up activation: commands work at once and wait for it.
    server.start(started);
    output.info(`Archway activated in ${Math.round(performance.now() - started)} ms.`);
}

/** Deactivation: close previews and stop the language server. */
export async function deactivate(): Promise<void> {
    const stopping = running;
    running = undefined;
    stopping?.previews.dispose();
    await stopping?.server.stop();
}
