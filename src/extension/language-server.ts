/**
 * The Archway language server as the extension runs it: the bundled server over IPC, restarted
 * after a crash as `CrashPolicy` decides, with a language status item saying whether it runs.
 * Commands wait for it (`running`) rather than fail while it starts.
 */
import * as vscode from 'vscode';
import {
    CloseAction, ErrorAction, LanguageClient, State, TransportKind,
    type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import type { CrashPolicy } from './crash-policy.js';

/** How long a command waits for the server to start. */
const START_TIMEOUT_MS = 30_000;

export class LanguageServer {
    readonly client: LanguageClient;
    /** Set on deactivation: the server is not restarted and commands no longer wait for it. */
    private shutDown = false;

    constructor(context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel, private readonly crashes: CrashPolicy) {
        this.client = createClient(context, output, crashes);
    }

    /** The client once the server runs (waiting for it to start, at most 30 s). */
    async running(): Promise<LanguageClient> {
        if (this.shutDown) throw new Error('The Archway language server is not running.');
        const client = this.client;
        if (client.state === State.Running) return client;
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => { subscription.dispose(); reject(new Error('The Archway language server did not start.')); }, START_TIMEOUT_MS);
            const subscription = client.onDidChangeState(event => {
                if (event.newState === State.Running) {
                    clearTimeout(timer);
                    subscription.dispose();
                    resolve();
                }
            });
            if (client.state === State.Running) {
                clearTimeout(timer);
                subscription.dispose();
                resolve();
            }
        });
        return client;
    }

    /** Starts the server without holding up activation; logs how long it took from `started` (a `performance.now()`). */
    start(started: number): void {
        this.client.start().then(
            () => this.output.info(`Archway language server ready ${Math.round(performance.now() - started)} ms after activation began.`),
            (error: unknown) => {
                this.output.error(`The Archway language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
                void vscode.window.showErrorMessage('Archway: the language server failed to start. See the "Archway" output.', 'Show Output')
                    .then(choice => { if (choice === 'Show Output') this.output.show(); });
            });
    }

    /** Restarts the server (starts it when it stopped), forgetting earlier crashes; false after deactivation. */
    async restart(): Promise<boolean> {
        this.crashes.reset();
        if (this.shutDown) return false;
        this.output.info('Restarting the Archway language server…');
        if (this.client.state === State.Stopped) await this.client.start();
        else await this.client.restart();
        return true;
    }

    /** Stops the server for good (deactivation). */
    async stop(): Promise<void> {
        this.shutDown = true;
        if (this.client.state !== State.Stopped) await this.client.stop(5000).catch(() => undefined);
    }

    /** A language status item for `.arch` files: starting, running or stopped (click to restart). */
    showStatus(): vscode.Disposable {
        const status = vscode.languages.createLanguageStatusItem('archway.server', { language: 'arch' });
        status.name = 'Archway Language Server';
        status.text = '$(sync~spin) Archway starting';
        status.command = { title: 'Restart', command: 'archway.restartServer' };
        const subscription = this.client.onDidChangeState(event => {
            status.busy = event.newState === State.Starting;
            status.severity = event.newState === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
            status.text = event.newState === State.Running ? '$(check) Archway' : event.newState === State.Starting ? '$(sync~spin) Archway starting' : '$(error) Archway stopped';
        });
        return vscode.Disposable.from(status, subscription);
    }
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
