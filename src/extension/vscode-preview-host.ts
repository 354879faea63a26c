/**
 * The preview manager's `PreviewHost` and `PreviewPanel` implemented with VS Code: webview
 * panels with the preview HTML, diagrams requested from the language server (cancellable),
 * reveal in the editor, settings; plus the serializer that restores previews after a reload
 * and the editor events previews follow.
 */
import * as vscode from 'vscode';
import { DiagramMethods, type DiagramParams, type DiagramResult, type DiagramSourceLocation } from '../protocol/diagram-protocol.js';
import { parsePreviewState } from '../webview/protocol.js';
import type { LanguageServer } from './language-server.js';
import { createNonce, renderPreviewHtml } from './preview-html.js';
import type { PreviewColumn, PreviewHost, PreviewManager, PreviewPanel, PreviewTarget } from './preview-manager.js';
import { configuredDirection, configuredTheme, previewFollowsActiveEditor, previewFollowsEditorTheme } from './settings.js';

/** The webview panel type (also the `onWebviewPanel:` activation event). */
export const PREVIEW_VIEW_TYPE = 'archway.preview';

/** What the host needs besides VS Code itself. */
export interface PreviewHostOptions {
    context: vscode.ExtensionContext;
    server: LanguageServer;
    output: vscode.LogOutputChannel;
    /** Exports what a preview shows (its toolbar's SVG and PNG buttons). */
    exportDiagram(target: PreviewTarget, format: 'svg' | 'png'): Promise<unknown>;
    /** Whether this host makes PNGs: without, the toolbar has no PNG button. */
    offersPng: boolean;
}

export function createPreviewHost(options: PreviewHostOptions): PreviewHost {
    const { context, server, output } = options;
    return {
        createPanel: (title: string, column: PreviewColumn, preserveFocus: boolean) => {
            const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, title,
                { viewColumn: column === 'beside' ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus },
                { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')] });
            return adaptPanel(panel, context.extensionUri, options.offersPng);
        },
        requestDiagram: (params: DiagramParams) => {
            const source = new vscode.CancellationTokenSource();
            const result = server.running()
                .then(languageClient => languageClient.sendRequest<DiagramResult>(DiagramMethods.diagram, params, source.token))
                .finally(() => source.dispose());
            return { result, cancel: () => source.cancel() };
        },
        revealSource,
        focusDocument,
        exportDiagram: async (target, format) => { await options.exportDiagram(target, format); },
        theme: () => configuredTheme('preview.theme'),
        followsEditorTheme: previewFollowsEditorTheme,
        direction: configuredDirection,
        followActiveEditor: previewFollowsActiveEditor,
        fileName: fileNameOf,
        log: message => output.warn(message),
    };
}

/** Restores the previews VS Code kept across a reload, with the state they saved. */
export function registerPreviewSerializer(context: vscode.ExtensionContext, previews: PreviewManager, output: vscode.LogOutputChannel, offersPng: boolean): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, raw: unknown) => {
            const state = parsePreviewState(raw);
            if (!state) {
                output.warn('Closing a restored preview without a valid state.');
                panel.dispose();
                return;
            }
            previews.adopt(adaptPanel(panel, context.extensionUri, offersPng), state);
        },
    });
}

/** Previews follow the active `.arch` editor and its cursor, and redraw when the theme or settings change. */
export function followEditors(previews: PreviewManager): vscode.Disposable[] {
    return [
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
    ];
}

/** Wraps a `vscode.WebviewPanel` as the manager's `PreviewPanel`, with the preview HTML set. */
function adaptPanel(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, offersPng: boolean): PreviewPanel {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.iconPath = {
        light: vscode.Uri.joinPath(media, 'icons', 'preview-light.svg'),
        dark: vscode.Uri.joinPath(media, 'icons', 'preview-dark.svg'),
    };
    panel.webview.html = renderPreviewHtml({
        cspSource: panel.webview.cspSource,
        nonce: createNonce(size => globalThis.crypto.getRandomValues(new Uint8Array(size))),
        scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js')).toString(),
        styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
        title: panel.title,
        offersPng,
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

/** Focuses the editor showing `uri` (in its column), opening the document there when none does. */
async function focusDocument(uri: string): Promise<void> {
    const target = vscode.Uri.parse(uri);
    const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === target.toString());
    await vscode.window.showTextDocument(target, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
}

function toRange(range: DiagramSourceLocation['range']): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function fileNameOf(uri: string): string {
    try {
        return vscode.Uri.parse(uri).path.split('/').pop() || uri;
    } catch {
        return uri;
    }
}
