/**
 * `archway.openPreview` (in the active column) and `archway.openPreviewToSide`: the diagram of
 * the active `.arch` document, or of the document, view or flow the argument names (explorer
 * and editor title menus pass a URI, code lenses `{ uri, view }` or `{ uri, flow }`).
 */
import * as vscode from 'vscode';
import { parsePreviewTarget } from '../command-args.js';
import type { PreviewColumn, PreviewManager } from '../preview-manager.js';
import { activeArchUri, type Command } from './command.js';

function openPreview(previews: PreviewManager, arg: unknown, column: PreviewColumn): void {
    const target = parsePreviewTarget(arg, activeArchUri());
    if (!target) {
        void vscode.window.showInformationMessage('Archway: open an .arch file to preview its diagram.');
        return;
    }
    // A code lens names a view or flow: show it beside the text rather than over it.
    const side = column === 'beside' || target.view !== undefined || target.flow !== undefined;
    previews.open(target, { column: side ? 'beside' : column, preserveFocus: side });
}

export class OpenPreviewCommand implements Command {
    readonly id = 'archway.openPreview';

    constructor(private readonly previews: PreviewManager) {}

    execute(arg?: unknown): void {
        openPreview(this.previews, arg, 'active');
    }
}

export class OpenPreviewToSideCommand implements Command {
    readonly id = 'archway.openPreviewToSide';

    constructor(private readonly previews: PreviewManager) {}

    execute(arg?: unknown): void {
        openPreview(this.previews, arg, 'beside');
    }
}
