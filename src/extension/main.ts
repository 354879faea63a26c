/**
 * The Archway VS Code extension on desktop (Node extension host): the language server in a Node
 * process, PNG export with resvg's WebAssembly build and the system's fonts. The wiring shared
 * with the web extension (`browser.ts`) is `activate.ts`.
 */
import type * as vscode from 'vscode';
import { activateArchway, deactivateArchway, type RunningExtension } from './activate.js';
import { NODE_DOCUMENT_SELECTOR, nodeClientFactory } from './node-client.js';
import { resvgWasmPath, svgToPng } from './png-export.js';

let running: RunningExtension | undefined;

/** Activation: start the language server, register previews and commands. */
export async function activate(context: vscode.ExtensionContext): Promise<RunningExtension['api']> {
    running = activateArchway(context, {
        createClient: nodeClientFactory(context),
        documentSelector: NODE_DOCUMENT_SELECTOR,
        toPng: svg => svgToPng(svg, resvgWasmPath(context.extensionPath)),
    });
    return running.api;
}

/** Deactivation: close previews and stop the language server. */
export async function deactivate(): Promise<void> {
    const stopping = running;
    running = undefined;
    await deactivateArchway(stopping);
}
