/**
 * The Archway VS Code extension in the browser (VS Code's web worker extension host: vscode.dev,
 * github.dev, code-server's browser host): the language server in a Web Worker, reading files
 * through `workspace.fs`. PNG export is not offered here (resvg in WebAssembly needs font files,
 * which a browser cannot read; see README), SVG export is. No Node built-ins: the build fails
 * when this bundle imports one.
 */
import type * as vscode from 'vscode';
import { activateArchway, deactivateArchway, type RunningExtension } from './activate.js';
import { BROWSER_DOCUMENT_SELECTOR, browserClientFactory } from './browser-client.js';

let running: RunningExtension | undefined;

/** Activation: start the language server worker, register previews and commands. */
export async function activate(context: vscode.ExtensionContext): Promise<RunningExtension['api']> {
    running = activateArchway(context, { createClient: browserClientFactory(context), documentSelector: BROWSER_DOCUMENT_SELECTOR });
    return running.api;
}

/** Deactivation: close previews and stop the language server. */
export async function deactivate(): Promise<void> {
    const stopping = running;
    running = undefined;
    await deactivateArchway(stopping);
}
