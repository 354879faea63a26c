/**
 * Activation shared by both hosts (desktop `main.ts`, browser `browser.ts`): start the language
 * server, register previews and commands. The host gives its language client and, when it can
 * make PNGs, its converter.
 */
import * as vscode from 'vscode';
import { DiagramMethods, type DiagramChangedParams } from '../protocol/diagram-protocol.js';
import { archwayCommands, exportFromCommand, registerCommands, type CommandServices, type PngConverter } from './commands/index.js';
import { CrashPolicy } from './crash-policy.js';
import { LanguageServer, type LanguageClientFactory } from './language-server.js';
import { registerMarkdownPreview } from './markdown-preview.js';
import { PreviewManager } from './preview-manager.js';
import { createPreviewHost, followEditors, registerPreviewSerializer } from './vscode-preview-host.js';

/** What a host provides. */
export interface ExtensionHost {
    createClient: LanguageClientFactory;
    /** The documents the server gets (by scheme). */
    documentSelector: { scheme?: string; language: string }[];
    /** SVG → PNG; undefined where PNG export is not offered. */
    toPng?: PngConverter;
}

/** What `deactivate` stops. */
export interface RunningExtension {
    server: LanguageServer;
    previews: PreviewManager;
    /** What `activate` returns: VS Code's Markdown preview calls `extendMarkdownIt` with its markdown-it. */
    api: { extendMarkdownIt: ReturnType<typeof registerMarkdownPreview> };
}

/** Activates the extension on `host`. */
export function activateArchway(context: vscode.ExtensionContext, host: ExtensionHost): RunningExtension {
    const started = performance.now();
    const output = vscode.window.createOutputChannel('Archway', { log: true });
    context.subscriptions.push(output);
    const server = new LanguageServer(host.createClient, output, new CrashPolicy(), host.documentSelector);
    context.subscriptions.push(server.showStatus());

    // A preview's export buttons run the export command (called only once `services` is set).
    const previewHost = createPreviewHost({ context, server, output, exportDiagram: (target, format) => exportFromCommand(services, target, format),
        offersPng: host.toPng !== undefined });
    const previews = new PreviewManager(previewHost);
    const services: CommandServices = { context, server, previews, output, toPng: host.toPng };
    context.subscriptions.push(
        { dispose: () => previews.dispose() },
        ...registerCommands(archwayCommands(services)),
        registerPreviewSerializer(context, previews, output, host.toPng !== undefined),
        ...followEditors(previews),
    );
    server.client.onNotification(DiagramMethods.diagramChanged, (params: DiagramChangedParams) => {
        if (params && Array.isArray(params.uris)) previews.onDiagramsChanged(params.uris.filter((uri): uri is string => typeof uri === 'string'));
    });
    // Start the server without holding up activation: commands work at once and wait for it.
    server.start(started);
    output.info(`Archway activated in ${Math.round(performance.now() - started)} ms.`);
    return { server, previews, api: { extendMarkdownIt: registerMarkdownPreview(context, server) } };
}

/** Deactivation: close previews and stop the language server. */
export async function deactivateArchway(running: RunningExtension | undefined): Promise<void> {
    running?.previews.dispose();
    await running?.server.stop();
}
