/**
 * The one LSP client over stdio of the tests, the robustness suite and the benchmark: spawns a
 * built server (`out/server/main.cjs --stdio` unless told otherwise), talks JSON-RPC to it with
 * `vscode-jsonrpc`, answers the server's own requests blandly (configuration, registration,
 * progress), records every diagnostics notification and reads the server's memory and CPU time
 * from `/proc`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** This folder (`__dirname` also in the benchmark's CommonJS bundle, two levels under the root too). */
const HERE = typeof __dirname === 'string' ? __dirname : import.meta.dirname;
/** The repository root. */
export const ROOT = join(HERE, '..', '..');
/** The bundled language server. */
export const SERVER = join(ROOT, 'out/server/main.cjs');
/** Node options that let tests collect garbage in the server (see `LspClient.collectGarbage`). */
export const GC_HOOK_ARGS = ['--expose-gc', '-r', join(HERE, 'gc-hook.cjs')];

/** Builds the bundles once if the server bundle is missing (`npm test` builds first). */
export function ensureServerBuilt(): void {
    if (existsSync(SERVER)) return;
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`Build failed: ${build.stderr}`);
}

/** How to start the server. */
export interface LspClientOptions {
    /** Options for node before the script (`--expose-gc`, `--cpu-prof`…). */
    nodeArgs?: readonly string[];
    /** The script and its arguments; default the bundled server with `--stdio`. */
    command?: readonly string[];
}

/** One notification the server sent. */
export interface ServerNotification {
    method: string;
    params: unknown;
}

interface Waiter<T> {
    accept: (value: T) => boolean;
    resolve: (value: T) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
}

/** The language server as a child process, spoken to in LSP over stdio. */
export class LspClient {
    readonly process: ChildProcess;
    readonly connection: MessageConnection;
    /** Everything the server wrote to stderr so far. */
    stderr = '';
    /** How the server exited, once it has. */
    exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    /** Resolves when the server has exited. */
    readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    /** The last diagnostics notification of each document. */
    readonly published = new Map<string, PublishDiagnosticsParams>();
    /** Count of diagnostics notifications. */
    publishedCount = 0;
    /** Time (ms, `performance.now()`) of the last message from the server. */
    lastMessageAt = performance.now();
    private readonly versions = new Map<string, number>();
    private notificationWaiters: Waiter<ServerNotification>[] = [];

    constructor(options: LspClientOptions = {}) {
        const command = options.command ?? [SERVER, '--stdio'];
        if (!existsSync(resolve(ROOT, command[0]))) throw new Error(`${command[0]} is missing: run node scripts/build.mjs first`);
        this.process = spawn(process.execPath, [...options.nodeArgs ?? [], ...command], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
        this.exit = new Promise(resolve => this.process.on('exit', (code, signal) => {
            this.exited = { code, signal };
            const error = new Error(`The language server exited (${code ?? signal}).`);
            for (const waiter of this.notificationWaiters) { clearTimeout(waiter.timer); waiter.reject(error); }
            this.notificationWaiters = [];
            resolve(this.exited);
        }));
        this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
        this.connection.onNotification((method, params) => this.onNotification(method, params));
        // Requests the server sends the client: configuration (no settings), registration, progress.
        this.connection.onRequest((method, params) => {
            this.lastMessageAt = performance.now();
            return method === 'workspace/configuration' ? ((params as { items?: unknown[] }).items ?? []).map(() => null) : null;
        });
        this.connection.listen();
    }

    /** Process id of the server. */
    get pid(): number {
        return this.process.pid!;
    }

    private onNotification(method: string, params: unknown): void {
        this.lastMessageAt = performance.now();
        if (method === 'textDocument/publishDiagnostics') {
            const published = params as PublishDiagnosticsParams;
            this.publishedCount++;
            this.published.set(published.uri, published);
        }
        const notification = { method, params };
        for (const waiter of [...this.notificationWaiters]) {
            if (!waiter.accept(notification)) continue;
            clearTimeout(waiter.timer);
            this.notificationWaiters.splice(this.notificationWaiters.indexOf(waiter), 1);
            waiter.resolve(notification);
        }
    }

    /**
     * `initialize` and `initialized`, with a workspace folder if given; `textDocument` capabilities
     * are added to the defaults (e.g. `codeAction.resolveSupport`). Returns the server's answer.
     */
    async initialize(rootFolder?: string, initializationOptions?: unknown, textDocument: Record<string, unknown> = {}): Promise<InitializeResult> {
        const rootUri = rootFolder ? `file://${rootFolder}` : null;
        const result = await this.connection.sendRequest<InitializeResult>('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: rootFolder ? [{ uri: rootUri, name: 'ws' }] : null,
            capabilities: {
                textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { didSave: true }, ...textDocument },
                workspace: { configuration: true, workspaceFolders: true },
            },
            initializationOptions,
        });
        await this.connection.sendNotification('initialized', {});
        return result;
    }

    open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
    }

    /** Replaces the whole text of an open document. */
    change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    close(uri: string): Promise<void> {
        this.versions.delete(uri);
        return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    /** Resolves with the next notification that `accept`s, or rejects after `timeoutMs` or when the server exits. */
    nextNotification(accept: (notification: ServerNotification) => boolean, timeoutMs = 120_000): Promise<ServerNotification> {
        return new Promise((resolve, reject) => {
            if (this.exited) return reject(new Error('The language server exited.'));
            const timer = setTimeout(() => {
                this.notificationWaiters = this.notificationWaiters.filter(w => w.timer !== timer);
                reject(new Error(`Timed out after ${timeoutMs} ms waiting for a server notification; stderr: ${this.stderr.slice(-3000)}`));
            }, timeoutMs);
            this.notificationWaiters.push({ accept, resolve, reject, timer });
        });
    }

    /** Resolves with the next diagnostics of `uri` (published after this call) that `accept` takes. */
    async diagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 60_000): Promise<Diagnostic[]> {
        const diagnosticsOf = (n: ServerNotification): Diagnostic[] => (n.params as PublishDiagnosticsParams).diagnostics;
        const notification = await this.nextNotification(n => isDiagnosticsFor(uri)(n) && accept(diagnosticsOf(n)), timeoutMs)
            .catch((error: Error) => { throw new Error(`No matching diagnostics for ${uri}: ${error.message}`); });
        return diagnosticsOf(notification);
    }

    /** The last diagnostics published for `uri`, if any. */
    latestDiagnostics(uri: string): Diagnostic[] | undefined {
        return this.published.get(uri)?.diagnostics;
    }

    /** Waits until `predicate` holds, polling; throws after `timeoutMs` or when the server exits. */
    async waitFor(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
        const start = Date.now();
        while (!predicate()) {
            if (this.exited) throw new Error(`The server exited (${JSON.stringify(this.exited)}) while waiting for ${what}. stderr:\n${this.stderr}`);
            if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
            await new Promise(resolve => setTimeout(resolve, 25));
        }
    }

    /** Waits until the server has sent nothing for `quietMs` (gives up silently after `timeoutMs`). */
    async settle(quietMs = 150, timeoutMs = 120_000): Promise<void> {
        const start = performance.now();
        while (performance.now() - this.lastMessageAt < quietMs) {
            if (performance.now() - start > timeoutMs) return;
            await new Promise(resolve => setTimeout(resolve, 20));
        }
    }

    /** Resident set size of the server in KB (`VmRSS`). */
    rssKb(): number {
        if (this.exited) throw new Error(`The server exited (${JSON.stringify(this.exited)}). stderr:\n${this.stderr.slice(-3000)}`);
        const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
        if (!match) throw new Error('No VmRSS');
        return Number(match[1]);
    }

    /** CPU time (user + system) the server has used, in ms, from `/proc/<pid>/stat` (clock ticks of 10 ms). */
    cpuMs(): number {
        const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
    }

    /** Collects garbage in the server and returns its memory (needs `nodeArgs: GC_HOOK_ARGS`). */
    async collectGarbage(): Promise<NodeJS.MemoryUsage> {
        const marker = 'archway-test-memory ';
        const before = this.stderr.length;
        this.process.kill('SIGUSR2');
        await this.waitFor('the memory report', () => this.stderr.indexOf(marker, before) >= 0, 10_000);
        const line = this.stderr.slice(this.stderr.indexOf(marker, before) + marker.length).split('\n')[0];
        return JSON.parse(line) as NodeJS.MemoryUsage;
    }

    /** `shutdown` and `exit`; kills the server if it has not exited after a few seconds. */
    async shutdown(): Promise<void> {
        if (!this.exited) {
            try {
                await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
                await this.connection.sendNotification('exit');
            } catch {
                // already gone
            }
            const killed = setTimeout(() => this.process.kill('SIGKILL'), 5000);
            await this.exit;
            clearTimeout(killed);
        }
        this.connection.dispose();
    }
}

/** True for a diagnostics notification of `uri`. */
export function isDiagnosticsFor(uri: string): (notification: ServerNotification) => boolean {
    return notification => notification.method === 'textDocument/publishDiagnostics' && (notification.params as { uri?: string }).uri === uri;
}
