/** `archway.showSource`: from a preview, back to the document it draws. */
import * as vscode from 'vscode';
import type { PreviewManager } from '../preview-manager.js';
import type { Command } from './command.js';

export class ShowSourceCommand implements Command {
    readonly id = 'archway.showSource';

    constructor(private readonly previews: PreviewManager) {}

    async execute(): Promise<void> {
        const preview = this.previews.active;
        if (!preview) {
            void vscode.window.showInformationMessage('Archway: no preview is open.');
            return;
        }
        const uri = vscode.Uri.parse(preview.uri);
        const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === preview.uri);
        await vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
    }
}
