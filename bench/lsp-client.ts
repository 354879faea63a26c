/**
 * A minimal LSP client over stdio for the benchmark: Content-Length framing, requests with
 * responses, and waiting for notifications (publishDiagnostics) that match a predicate.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A JSON-RPC message as the server sends it. */
export interface RpcMessage {
    id?: number | string;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string };
}

interface Waiter {
    match: (message: RpcMessage) => boolean;
    resolve: (message: RpcMessage) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
}

/** The language server as a child process, spoken to in LSP over stdio. */
export class LspClient {
    readonly process: ChildProcess;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    private waiters: Waiter[] = [];
    /** Time (ms, `performance.now()`) of the last message received. */
    lastMessageAt = performance.now();
    private exited = false;

    constructor(serverScript: string, args: readonly string[] = ['--stdio']) {
        // ARCHWAY_BENCH_NODE_FLAGS (e.g. `--cpu-prof --cpu-prof-dir=prof`) profiles the server.
        const flags = (process.env.ARCHWAY_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
        this.process = spawn(process.execPath, [...flags, serverScript, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
        this.process.stderr!.on('data', () => { /* the server's logs are not measured */ });
        this.process.on('exit', () => {
            this.exited = true;
            const error = new Error('The language server exited.');
            for (const p of this.pending.values()) p.reject(error);
            this.pending.clear();
            for (const w of this.waiters) { clearTimeout(w.timer); w.reject(error); }
            this.waiters = [];
        });
    }

    /** Process id of the server. */
    get pid(): number {
        return this.process.pid!;
    }

    private onData(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const header = this.buffer.subarray(0, headerEnd).toString('ascii');
            const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1] ?? NaN);
            if (!Number.isFinite(length)) throw new Error(`Bad LSP header: ${header}`);
            if (this.buffer.length < headerEnd + 4 + length) return;
            const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.onMessage(JSON.parse(body) as RpcMessage);
        }
    }

    private onMessage(message: RpcMessage): void {
        this.lastMessageAt = performance.now();
        if (message.id !== undefined && message.method === undefined) {
            const pending = this.pending.get(Number(message.id));
            if (pending) {
                this.pending.delete(Number(message.id));
                if (message.error) pending.reject(new Error(message.error.message));
                else pending.resolve(message.result);
            }
            return;
        }
        if (message.id !== undefined && message.method !== undefined) {
            // A request from the server (configuration, registration): answer with defaults.
            const result = message.method === 'workspace/configuration'
                ? ((message.params as { items?: unknown[] }).items ?? []).map(() => null)
                : null;
            this.send({ jsonrpc: '2.0', id: message.id, result });
            return;
        }
        for (const waiter of [...this.waiters]) {
            if (waiter.match(message)) {
                clearTimeout(waiter.timer);
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                waiter.resolve(message);
            }
        }
    }

    private send(message: object): void {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.process.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
        this.process.stdin!.write(body);
    }

    /** Sends a request and resolves with its result. */
    request<T = unknown>(method: string, params: unknown): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
            this.send({ jsonrpc: '2.0', id, method, params });
        });
    }

    /** Sends a notification. */
    notify(method: string, params: unknown): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** Resolves with the next notification that matches, or rejects after `timeoutMs`. */
    waitFor(match: (message: RpcMessage) => boolean, timeoutMs = 120_000): Promise<RpcMessage> {
        return new Promise<RpcMessage>((resolve, reject) => {
            if (this.exited) {
                reject(new Error('The language server exited.'));
                return;
            }
            const timer = setTimeout(() => {
                this.waiters = this.waiters.filter(w => w.timer !== timer);
                reject(new Error(`Timed out after ${timeoutMs} ms waiting for a server message.`));
            }, timeoutMs);
            this.waiters.push({ match, resolve, reject, timer });
        });
    }

    /** Waits until the server has sent nothing for `quietMs`. */
    async settle(quietMs = 150, timeoutMs = 120_000): Promise<void> {
        const start = performance.now();
        while (performance.now() - this.lastMessageAt < quietMs) {
            if (performance.now() - start > timeoutMs) return;
            await new Promise(resolve => setTimeout(resolve, 20));
        }
    }

    /** Shuts the server down (and kills it if it does not exit). */
    async close(): Promise<void> {
        if (this.exited) return;
        try {
            await Promise.race([this.request('shutdown', null), new Promise(resolve => setTimeout(resolve, 2000))]);
            this.notify('exit', null);
        } catch {
            // already gone
        }
        await new Promise<void>(resolve => {
            if (this.exited) return resolve();
            const timer = setTimeout(() => { this.process.kill('SIGKILL'); resolve(); }, 2000);
            this.process.once('exit', () => { clearTimeout(timer); resolve(); });
        });
    }
}

/** True for `textDocument/publishDiagnostics` of `uri`. */
export function isDiagnosticsFor(uri: string): (message: RpcMessage) => boolean {
    return message => message.method === 'textDocument/publishDiagnostics' && (message.params as { uri?: string }).uri === uri;
}
