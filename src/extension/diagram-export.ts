/**
 * Exporting a diagram from the editor: the server draws the standalone SVG (the same renderer
 * as the preview and the CLI), converted to PNG when asked, written where the user chooses in
 * a save dialog (or to `output`, for scripted use), then offered to open or reveal.
 */
import * as vscode from 'vscode';
import { DiagramMethods, type DiagramTheme, type ExportDiagramParams, type ExportDiagramResult } from '../protocol/diagram-protocol.js';
import { defaultExportPath } from './command-args.js';
import type { LanguageServer } from './language-server.js';
import type { PngConverter } from './commands/command.js';
import type { PreviewTarget } from './preview-manager.js';
import { configuredDirection, configuredTheme } from './settings.js';

export type ExportFormat = 'svg' | 'png';

/** What to export: a preview target, optionally drawn in `theme` and written to `output` without asking. */
export type ExportTarget = PreviewTarget & { theme?: DiagramTheme; output?: string };

/** Exports the diagram of `target`; resolves to the file written, undefined when nothing was. */
export async function exportDiagram(server: LanguageServer, toPng: PngConverter | undefined, target: ExportTarget,
    format: ExportFormat): Promise<vscode.Uri | undefined> {
    if (format === 'png' && !toPng) throw new Error('PNG export is not available in the browser; export SVG instead');
    const languageClient = await server.running();
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
    const destination = target.output ? outputUri(target.output) : await askDestination(target, format);
    if (!destination) return undefined;
    const bytes = format === 'svg'
        ? new TextEncoder().encode(result.svg)
        : await toPng!(result.svg);
    await vscode.workspace.fs.writeFile(destination, bytes);
    if (!target.output) offerToOpen(destination);
    return destination;
}

/** `output` as a URI: taken as one when it has a scheme, else as a file path. */
function outputUri(output: string): vscode.Uri {
    return /^[a-z][a-z0-9+.-]+:/i.test(output) ? vscode.Uri.parse(output) : vscode.Uri.file(output);
}

/** The save dialog, proposing a file next to the source named after the view. */
function askDestination(target: ExportTarget, format: ExportFormat): Thenable<vscode.Uri | undefined> {
    const source = vscode.Uri.parse(target.uri);
    const defaultUri = source.scheme === 'file'
        ? vscode.Uri.file(defaultExportPath(source.fsPath, target.view, format))
        : undefined;
    return vscode.window.showSaveDialog({
        defaultUri,
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        saveLabel: `Export ${format.toUpperCase()}`,
        title: `Export Archway diagram as ${format.toUpperCase()}`,
    });
}

function offerToOpen(destination: vscode.Uri): void {
    const name = destination.path.split('/').pop();
    void vscode.window.showInformationMessage(`Archway: exported ${name}.`, 'Open', 'Reveal in Explorer').then(choice => {
        if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', destination);
        if (choice === 'Reveal in Explorer') void vscode.commands.executeCommand('revealInExplorer', destination);
    });
}
