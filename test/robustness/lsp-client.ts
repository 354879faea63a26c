/**
 * A minimal LSP client over stdio for tests: spawns the built language server
 * (`out/server/main.cjs --stdio`), records published diagnostics, and reads the server's
 * resident memory from `/proc/<pid>/status`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = join(__dirname, '../..');
export const SERVER = join(ROOT, 'out/server/main.cjs');
/** Node options that let tests collect garbage in the server (see `collectGarbage`). */
export const GC_HOOK_ARGS = ['--expose-gc', '-r', join(__dirname, 'gc-hook.cjs')];

/** Builds the bundles once if the server bundle is missing (`npm test` builds first). */
export function ensureServerBuilt(): void {
    if (existsSync(SERVER)) return;
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`Build failed: ${build.stderr}`);
}

export interface PublishedDiagnostics {
    uri: string;
    version?: number;
    diagnostics: { message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity?: number; code?: unknown }[];
}

export class LspClient {
    readonly process: ChildProcess;
    readonly connection: MessageConnection;
    readonly diagnostics = new Map<string, PublishedDiagnostics>();
    /** Count of publishDiagnostics notifications. */
    published = 0;
    exited: { code: number | null; signal: string | null } | undefined;
    stderr = '';
    private readonly versions = new Map<string, number>();

    constructor(args: string[] = []) {
        this.process = spawn(process.execPath, [...args, SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.on('exit', (code, signal) => { this.exited = { code, signal }; });
        this.process.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
        this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
            this.published++;
            this.diagnostics.set(params.uri, params);
        });
        // Answer the server's requests (configuration, registration, progress) blandly.
        this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.connection.onRequest(() => null);
        this.connection.onNotification(() => { /* log messages, progress, diagram changes */ });
        this.connection.listen();
    }

    async initialize(rootFolder?: string): Promise<void> {
        const rootUri = rootFolder ? `file://${rootFolder}` : null;
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: rootFolder ? [{ uri: rootUri, name: 'ws' }] : null,
            capabilities: {
                textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { didSave: true } },
                workspace: { configuration: true, workspaceFolders: true },
            },
        });
        await this.connection.sendNotification('initialized', {});
    }

    open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text } });
    }

    change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    close(uri: string): Promise<void> {
        this.versions.delete(uri);
        return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    /** Resident set size of the server in KB (`VmRSS`). */
    rssKb(): number {
        if (this.exited) throw new Error(`The server exited (${JSON.stringify(this.exited)}). stderr:\n${this.stderr.slice(-3000)}`);
        const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
        const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
        if (!match) throw new Error('No VmRSS');
        return Number(match[1]);
    }

    /**
     * Collects garbage in the server and returns its memory (needs the `gc-hook.cjs` preload:
     * `new LspClient(GC_HOOK_ARGS)`).
     */
    async collectGarbage(): Promise<NodeJS.MemoryUsage> {
        const marker = 'archway-test-memory ';
        const before = this.stderr.length;
        this.process.kill('SIGUSR2');
        await this.waitFor('the memory report', () => this.stderr.indexOf(marker, before) >= 0, 10_000);
        const line = this.stderr.slice(this.stderr.indexOf(marker, before) + marker.length).split('\n')[0];
        return JSON.parse(line) as NodeJS.MemoryUsage;
    }

    /** CPU time (user + system) the server has used, in ms, from `/proc/<pid>/stat` (clock ticks of 10 ms). */
    cpuMs(): number {
        const stat = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
    }

    /** Waits until `predicate` holds, polling; throws after `timeoutMs`. */
    async waitFor(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
        const start = Date.now();
        while (!predicate()) {
            if (this.exited) throw new Error(`The server exited (${JSON.stringify(this.exited)}) while waiting for ${what}. stderr:\n${this.stderr}`);
            if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
            await new Promise(resolve => setTimeout(resolve, 25));
        }
    }

    async shutdown(): Promise<void> {
        if (this.exited) return;
        try {
            await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            await this.connection.sendNotification('exit');
        } catch {
            // already gone
        }
        const start = Date.now();
        while (!this.exited && Date.now() - start < 5000) await new Promise(resolve => setTimeout(resolve, 50));
        if (!this.exited) this.process.kill();
        this.connection.dispose();
    }
}
