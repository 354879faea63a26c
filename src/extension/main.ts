/**
 * The Archway VS Code extension: starts the bundled language server over IPC, owns the live
 * previews and the export commands. Everything with logic lives behind small interfaces in
 * sibling files (`preview-manager.ts`, `command-args.ts`, `crash-policy.ts`); this file wires
 * them to VS Code.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
    CloseAction, ErrorAction, LanguageClient, State, TransportKind,
    type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import {
    DiagramMethods, type DiagramChangedParams, type DiagramDirection, type DiagramParams, type DiagramResult,
    type DiagramSourceLocation, type DiagramTheme, type ExportDiagramParams, type ExportDiagramResult,
} from '../protocol/diagram-protocol.js';
import { parsePreviewState } from '../webview/protocol.js';
import { defaultExportPath, isArchUri, parsePreviewTarget } from './command-args.js';
import { CrashPolicy } from './crash-policy.js';
import { resvgWasmPath, svgToPng } from './png-export.js';
import { createNonce, renderPreviewHtml } from './preview-html.js';
import { PreviewManager, type PreviewColumn, type PreviewHost, type PreviewPanel, type PreviewTarget } from './preview-manager.js';

/** The webview panel type (also the `onWebviewPanel:` activation event). */
export const PREVIEW_VIEW_TYPE = 'archway.preview';

let client: LanguageClient | undefined;
let manager: PreviewManager | undefined;

function themeFromEditor(): DiagramTheme {
    switch (vscode.window.activeColorTheme.kind) {
        case vscode.ColorThemeKind.Dark: return 'dark';
        case vscode.ColorThemeKind.HighContrast: return 'high-contrast';
        case vscode.ColorThemeKind.HighContrastLight: return 'high-contrast';
        default: return 'light';
    }
}

function configuredTheme(setting: string): DiagramTheme {
    const value = vscode.workspace.getConfiguration('archway').get<string>(setting, 'auto');
    return value === 'light' || value === 'dark' || value === 'high-contrast' ? value : themeFromEditor();
}

function configuredDirection(): DiagramDirection | undefined {
    const value = vscode.workspace.getConfiguration('archway').get<string>('preview.direction', 'auto');
    return value === 'right' || value === 'down' || value === 'left' || value === 'up' ? value : undefined;
}

function fileNameOf(uri: string): string {
    try {
        return vscode.Uri.parse(uri).path.split('/').pop() || uri;
    } catch {
        return uri;
    }
}

function activeArchUri(): string | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document && (document.languageId === 'arch' || isArchUri(document.uri.toString())) ? document.uri.toString() : undefined;
}

/** Wraps a `vscode.WebviewPanel` as the manager's `PreviewPanel`, with the preview HTML set. */
function adaptPanel(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): PreviewPanel {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.iconPath = {
        light: vscode.Uri.joinPath(media, 'icons', 'preview-light.svg'),
        dark: vscode.Uri.joinPath(media, 'icons', 'preview-dark.svg'),
    };
    panel.webview.html = renderPreviewHtml({
        cspSource: panel.webview.cspSource,
        nonce: createNonce(size => randomBytes(size)),
        scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js')).toString(),
        styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
        title: panel.title,
    });
    return {
        postMessage: message => panel.webview.postMessage(message),
        reveal: (column, preserveFocus) => panel.reveal(column === 'beside' ? vscode.ViewColumn.Beside : undefined, preserveFocus),
        setTitle: title => { panel.title = title; },
        get visible() { return panel.visible; },
        onDidReceiveMessage: listener => { panel.webview.onDidReceiveMessage(listener); },
        onDidChangeVisibility: listener => { panel.onDidChangeViewState(event => listener(event.webviewPanel.visible, event.webviewPanel.active)); },
        onDidDispose: listener => { panel.onDidDispose(listener); },
        dispose: () => panel.dispose(),
    };
}

function toRange(range: DiagramSourceLocation['range']): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Opens the document of `location` beside the preview and selects the declaration's name. */
async function revealSource(location: DiagramSourceLocation): Promise<void> {
    const uri = vscode.Uri.parse(location.uri);
    const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === uri.toString());
    const column = visible?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false });
    const select = location.selection ?? { start: location.range.start, end: location.range.start };
    editor.selection = new vscode.Selection(select.start.line, select.start.character, select.end.line, select.end.character);
    editor.revealRange(toRange(location.range), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function requireClient(): Promise<LanguageClient> {
    if (!client) throw new Error('The Archway language server is not running.');
    if (client.state !== State.Running) {
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => { subscription.dispose(); reject(new Error('The Archway language server did not start.')); }, 30_000);
            const subscription = client!.onDidChangeState(event => {
                if (event.newState === State.Running) {
                    clearTimeout(timer);
                    subscription.dispose();
                    resolve();
                }
            });
            if (client!.state === State.Running) {
                clearTimeout(timer);
                subscription.dispose();
                resolve();
            }
        });
    }
    return client;
}

/** Export: asks the server for the standalone SVG, converts to PNG when asked, writes via a save dialog. */
async function exportDiagram(context: vscode.ExtensionContext, target: PreviewTarget & { theme?: DiagramTheme; output?: string },
    format: 'svg' | 'png'): Promise<vscode.Uri | undefined> {
    const languageClient = await requireClient();
    const params: ExportDiagramParams = {
        uri: target.uri, view: target.view, flow: target.flow, expandedZones: target.expandedZones, theme: target.theme ?? configuredTheme('export.theme'),
        direction: configuredDirection(),
    };
    const result = await languageClient.sendRequest<ExportDiagramResult>(DiagramMethods.exportDiagram, params);
    if (!result.svg) {
        void vscode.window.showErrorMessage(`Archway: cannot export the diagram: ${result.error ?? 'nothing to draw'}.`);
        return undefined;
    }
    if (result.error) void vscode.window.showWarningMessage(`Archway: ${result.error}`);
    const source = vscode.Uri.parse(target.uri);
    let destination: vscode.Uri | undefined;
    if (target.output) {
        destination = /^[a-z][a-z0-9+.-]+:/i.test(target.output) ? vscode.Uri.parse(target.output) : vscode.Uri.file(target.output);
    } else {
        const defaultUri = source.scheme === 'file'
            ? vscode.Uri.file(defaultExportPath(source.fsPath, target.view, format))
            : undefined;
        destination = await vscode.window.showSaveDialog({
            defaultUri,
            filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
            saveLabel: `Export ${format.toUpperCase()}`,
            title: `Export Archway diagram as ${format.toUpperCase()}`,
        });
    }
    if (!destination) return undefined;
    const bytes = format === 'svg'
        ? new TextEncoder().encode(result.svg)
        : await svgToPng(result.svg, resvgWasmPath(context.extensionPath));
    await vscode.workspace.fs.writeFile(destination, bytes);
    const name = destination.path.split('/').pop();
    if (!target.output) {
        void vscode.window.showInformationMessage(`Archway: exported ${name}.`, 'Open', 'Reveal in Explorer').then(choice => {
            if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', destination);
            if (choice === 'Reveal in Explorer') void vscode.commands.executeCommand('revealInExplorer', destination);
        });
    }
    return destination;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, crashes: CrashPolicy): LanguageClient {
    const module = context.asAbsolutePath('out/server/main.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'arch' }, { scheme: 'untitled', language: 'arch' }],
        // The extension contributes snippets for every kind; the server need not offer them again.
        initializationOptions: { clientSnippets: true },
        synchronize: {
            configurationSection: 'archway',
            // Deployment files too: the drift rules re-check when one named in archway.json changes.
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.arch,archway.json,*.yaml,*.yml}'),
        },
        outputChannel: output,
        errorHandler: {
            error: (_error, _message, count) => ({ action: (count ?? 0) < 5 ? ErrorAction.Continue : ErrorAction.Shutdown }),
            closed: () => {
                const decision = crashes.onClosed(Date.now());
                output.error(decision.message);
                if (decision.restart) {
                    void vscode.window.showWarningMessage(decision.message);
                    return { action: CloseAction.Restart, handled: true };
                }
                void vscode.window.showErrorMessage(decision.message, 'Restart Language Server', 'Show Output').then(choice => {
                    if (choice === 'Restart Language Server') void vscode.commands.executeCommand('archway.restartServer');
                    if (choice === 'Show Output') output.show();
                });
                return { action: CloseAction.DoNotRestart, handled: true };
            },
        },
    };
    return new LanguageClient('archway', 'Archway Language Server', serverOptions, clientOptions);
}

/** Activation: start the language server, register previews and commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const started = performance.now();
    const output = vscode.window.createOutputChannel('Archway', { log: true });
    context.subscriptions.push(output);
    const crashes = new CrashPolicy();
    client = createClient(context, output, crashes);

    const status = vscode.languages.createLanguageStatusItem('archway.server', { language: 'arch' });
    status.name = 'Archway Language Server';
    status.text = '$(sync~spin) Archway starting';
    status.command = { title: 'Restart', command: 'archway.restartServer' };
    context.subscriptions.push(status);
    context.subscriptions.push(client.onDidChangeState(event => {
        status.busy = event.newState === State.Starting;
        status.severity = event.newState === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
        status.text = event.newState === State.Running ? '$(check) Archway' : event.newState === State.Starting ? '$(sync~spin) Archway starting' : '$(error) Archway stopped';
    }));

    const host: PreviewHost = {
        createPanel: (title: string, column: PreviewColumn, preserveFocus: boolean) => {
            const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, title,
                { viewColumn: column === 'beside' ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus },
                { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')] });
            return adaptPanel(panel, context.extensionUri);
        },
        requestDiagram: (params: DiagramParams) => {
            const source = new vscode.CancellationTokenSource();
            const result = requireClient()
                .then(languageClient => languageClient.sendRequest<DiagramResult>(DiagramMethods.diagram, params, source.token))
                .finally(() => source.dispose());
            return { result, cancel: () => source.cancel() };
        },
        revealSource,
        exportDiagram: async (target, format) => { await exportDiagramCommand(target, format); },
        theme: () => configuredTheme('preview.theme'),
        followsEditorTheme: () => vscode.workspace.getConfiguration('archway').get<string>('preview.theme', 'auto') === 'auto',
        direction: configuredDirection,
        followActiveEditor: () => vscode.workspace.getConfiguration('archway').get<boolean>('preview.followActiveEditor', true),
        fileName: fileNameOf,
        log: message => output.warn(message),
    };
    const previews = new PreviewManager(host);
    manager = previews;
    context.subscriptions.push({ dispose: () => previews.dispose() });

    const exportDiagramCommand = async (arg: unknown, format: 'svg' | 'png') => {
        const target = parsePreviewTarget(arg, activeArchUri() ?? previews.active?.uri);
        if (!target) {
            void vscode.window.showInformationMessage('Archway: open an .arch file (or its preview) to export its diagram.');
            return undefined;
        }
        const preview = previews.find(target.uri);
        if (preview && (!target.view || target.view === preview.view)) {
            // Export what the preview shows: its view, flow and the zones the user expanded.
            target.view = preview.view;
            target.flow ??= preview.flow;
            target.expandedZones = [...preview.expandedZones];
        }
        const extra = typeof arg === 'object' && arg !== null ? arg as { theme?: unknown; output?: unknown } : {};
        const theme = extra.theme === 'light' || extra.theme === 'dark' || extra.theme === 'high-contrast' ? extra.theme : undefined;
        const output = typeof extra.output === 'string' ? extra.output : undefined;
        try {
            return await exportDiagram(context, { ...target, theme, output }, format);
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            output === undefined && void vscode.window.showErrorMessage(`Archway: export failed: ${message}`);
            host.log(`Export failed: ${message}`);
            if (output !== undefined) throw error;
            return undefined;
        }
    };

    const openPreview = (arg: unknown, column: PreviewColumn) => {
        const target = parsePreviewTarget(arg, activeArchUri());
        if (!target) {
            void vscode.window.showInformationMessage('Archway: open an .arch file to preview its diagram.');
            return;
        }
        // A code lens names a view or flow: show it beside the text rather than over it.
        const side = column === 'beside' || target.view !== undefined || target.flow !== undefined;
        previews.open(target, { column: side ? 'beside' : column, preserveFocus: side });
    };

    context.subscriptions.push(
        vscode.commands.registerCommand('archway.openPreview', (arg?: unknown) => openPreview(arg, 'active')),
        vscode.commands.registerCommand('archway.openPreviewToSide', (arg?: unknown) => openPreview(arg, 'beside')),
        vscode.commands.registerCommand('archway.showSource', async () => {
            const preview = previews.active;
            if (!preview) {
                void vscode.window.showInformationMessage('Archway: no preview is open.');
                return;
            }
            const uri = vscode.Uri.parse(preview.uri);
            const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === preview.uri);
            await vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
        }),
        vscode.commands.registerCommand('archway.togglePreviewLock', () => {
            const preview = previews.active;
            if (preview) preview.setLocked(!preview.locked);
        }),
        vscode.commands.registerCommand('archway.exportSvg', (arg?: unknown) => exportDiagramCommand(arg, 'svg')),
        vscode.commands.registerCommand('archway.exportPng', (arg?: unknown) => exportDiagramCommand(arg, 'png')),
        vscode.commands.registerCommand('archway.restartServer', async () => {
            crashes.reset();
            if (!client) return;
            output.info('Restarting the Archway language server…');
            try {
                if (client.state === State.Stopped) await client.start();
                else await client.restart();
                void vscode.window.setStatusBarMessage('Archway language server restarted', 3000);
            } catch (error) {
                void vscode.window.showErrorMessage(`Archway: could not restart the language server: ${error instanceof Error ? error.message : String(error)}`);
            }
        }),
        vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel: vscode.WebviewPanel, raw: unknown) => {
                const state = parsePreviewState(raw);
                if (!state) {
                    output.warn('Closing a restored preview without a valid state.');
                    panel.dispose();
                    return;
                }
                previews.adopt(adaptPanel(panel, context.extensionUri), state);
            },
        }),
        vscode.window.onDidChangeActiveTextEditor(editor => {
            if (editor && editor.document.languageId === 'arch') previews.onActiveEditorChanged(editor.document.uri.toString());
        }),
        vscode.window.onDidChangeTextEditorSelection(event => {
            if (event.textEditor.document.languageId !== 'arch') return;
            const position = event.selections[0]?.active;
            if (position) previews.onCursorMoved(event.textEditor.document.uri.toString(), { line: position.line, character: position.character });
        }),
        vscode.window.onDidChangeActiveColorTheme(() => previews.refreshAll()),
        vscode.workspace.onDidChangeConfiguration(event => {
            if (event.affectsConfiguration('archway.preview')) previews.refreshAll();
        }),
    );

    client.onNotification(DiagramMethods.diagramChanged, (params: DiagramChangedParams) => {
        if (params && Array.isArray(params.uris)) previews.onDiagramsChanged(params.uris.filter((uri): uri is string => typeof uri === 'string'));
    });
    // Start the server without holding up activation: commands work at once and wait for it.
    const starting = client;
    starting.start().then(
        () => output.info(`Archway language server ready ${Math.round(performance.now() - started)} ms after activation began.`),
        (error: unknown) => {
            output.error(`The Archway language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
            void vscode.window.showErrorMessage('Archway: the language server failed to start. See the "Archway" output.', 'Show Output')
                .then(choice => { if (choice === 'Show Output') output.show(); });
        });
    output.info(`Archway activated in ${Math.round(performance.now() - started)} ms.`);
}

/** Deactivation: close previews and stop the language server. */
export async function deactivate(): Promise<void> {
    manager?.dispose();
    manager = undefined;
    const running = client;
    client = undefined;
    if (running && running.state !== State.Stopped) await running.stop(5000).catch(() => undefined);
}
