/**
 * A small LSP client over stdio for protocol-level tests: spawns the bundled server
 * (`node out/server/main.cjs --stdio`) and talks JSON-RPC to it with `vscode-jsonrpc`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER_BUNDLE = 'out/server/main.cjs';

export interface StdioServer {
    process: ChildProcess;
    connection: MessageConnection;
    stderr: () => string;
    /** Resolves with the next diagnostics for `uri` that satisfy `accept` (also checks the latest ones already received). */
    diagnostics(uri: string, accept?: (diagnostics: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
    /** The last diagnostics published for `uri`, if any. */
    latestDiagnostics(uri: string): Diagnostic[] | undefined;
    /** Resolves when the process has exited, with its exit code. */
    exited: Promise<number | null>;
}

/** Starts the bundled server over stdio. */
export function startStdioServer(args: string[] = [SERVER_BUNDLE, '--stdio']): StdioServer {
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run node scripts/build.mjs first`);
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const latest = new Map<string, Diagnostic[]>();
    const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        latest.set(params.uri, params.diagnostics);
        for (const waiter of [...waiters]) {
            if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(params.diagnostics);
            }
        }
    });
    // Requests the server may send to the client.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    return {
        process: child,
        connection,
        stderr: () => stderr,
        exited,
        latestDiagnostics: (uri) => latest.get(uri),
        diagnostics(uri, accept = () => true, timeoutMs = 60_000) {
            return new Promise((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
                waiters.push({ uri, accept, resolve: (d) => { clearTimeout(timer); resolve(d); } });
            });
        },
    };
}
