/**
 * A command of the extension, one per file in this folder (as VS Code's Markdown preview
 * does): its id, as contributed in `package.json`, and what it does.
 */
import * as vscode from 'vscode';
import { isArchUri } from '../command-args.js';
import type { LanguageServer } from '../language-server.js';
import type { PreviewManager } from '../preview-manager.js';

export interface Command {
    readonly id: string;
    execute(...args: unknown[]): unknown;
}

/** What commands work with. */
export interface CommandServices {
    context: vscode.ExtensionContext;
    server: LanguageServer;
    previews: PreviewManager;
    output: vscode.LogOutputChannel;
    /** SVG → PNG; undefined where the host cannot make PNGs (the browser). */
    toPng?: PngConverter;
}

/** Converts a standalone SVG to PNG bytes. */
export type PngConverter = (svg: string) => Promise<Uint8Array>;

/** Registers each command under its id. */
export function registerCommands(commands: readonly Command[]): vscode.Disposable[] {
    return commands.map(command => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args)));
}

/** The URI of the active editor's document when it is an `.arch` document. */
export function activeArchUri(): string | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document && (document.languageId === 'arch' || isArchUri(document.uri.toString())) ? document.uri.toString() : undefined;
}
