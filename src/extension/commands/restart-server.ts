/** `archway.restartServer`: restarts the language server (also after it crashed too often to restart on its own). */
import * as vscode from 'vscode';
import type { LanguageServer } from '../language-server.js';
import type { Command } from './command.js';

export class RestartServerCommand implements Command {
    readonly id = 'archway.restartServer';

    constructor(private readonly server: LanguageServer) {}

    async execute(): Promise<void> {
        try {
            if (await this.server.restart()) void vscode.window.setStatusBarMessage('Archway language server restarted', 3000);
        } catch (error) {
            void vscode.window.showErrorMessage(`Archway: could not restart the language server: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}
