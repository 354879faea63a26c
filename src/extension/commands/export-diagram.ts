/**
 * `archway.exportSvg` and `archway.exportPng`: the diagram of the active document (or of the
 * one the argument names), as its preview shows it. Scripts may pass `{ uri, view?, flow?,
 * theme?, output? }`: with `output` the file is written without a dialog, and a failure is
 * thrown to the caller instead of shown.
 */
import * as vscode from 'vscode';
import { exportTargetOf, parseExportOptions, parsePreviewTarget } from '../command-args.js';
import { exportDiagram, type ExportFormat } from '../diagram-export.js';
import { activeArchUri, type Command, type CommandServices } from './command.js';

/** Runs an export command with its (untrusted) argument; resolves to the file written, if any. */
export async function exportFromCommand(services: CommandServices, arg: unknown, format: ExportFormat): Promise<vscode.Uri | undefined> {
    const { server, previews, output: log, toPng } = services;
    const target = parsePreviewTarget(arg, activeArchUri() ?? previews.active?.uri);
    if (!target) {
        void vscode.window.showInformationMessage('Archway: open an .arch file (or its preview) to export its diagram.');
        return undefined;
    }
    const { theme, output } = parseExportOptions(arg);
    try {
        return await exportDiagram(server, toPng, { ...exportTargetOf(target, previews.find(target.uri)), theme, output }, format);
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (output === undefined) void vscode.window.showErrorMessage(`Archway: export failed: ${message}`);
        log.warn(`Export failed: ${message}`);
        if (output !== undefined) throw error;
        return undefined;
    }
}

export class ExportSvgCommand implements Command {
    readonly id = 'archway.exportSvg';

    constructor(private readonly services: CommandServices) {}

    execute(arg?: unknown): Promise<vscode.Uri | undefined> {
        return exportFromCommand(this.services, arg, 'svg');
    }
}

export class ExportPngCommand implements Command {
    readonly id = 'archway.exportPng';

    constructor(private readonly services: CommandServices) {}

    execute(arg?: unknown): Promise<vscode.Uri | undefined> {
        return exportFromCommand(this.services, arg, 'png');
    }
}
