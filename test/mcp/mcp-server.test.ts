/**
 * `archway mcp` driven by the MCP SDK's own client over stdio (the built CLI as a child
 * process): every tool, with good and bad arguments — bad ones get clear tool errors and the
 * server stays up — and paths outside the root refused, symlinks included.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../cli/cli-process.js';

type Content = { type: string; text?: string; data?: string; mimeType?: string };
interface ToolResult { content: Content[]; isError?: boolean }

describe('archway mcp over stdio with the SDK client', () => {
    let dir: string;
    let outside: string;
    let client: Client;
    let stderr = '';

    const call = async (name: string, args: Record<string, unknown>): Promise<ToolResult> =>
        (await client.callTool({ name, arguments: args })) as ToolResult;
    const text = (result: ToolResult): string => result.content.map(c => c.text ?? '').join('\n');
    const json = <T = Record<string, unknown>>(result: ToolResult): T => {
        expect(result.isError, text(result)).toBeFalsy();
        return JSON.parse(result.content[0].text!) as T;
    };
    /** A bad call: a tool error, or the SDK's invalid-params error; either way a clear message. */
    const refused = async (name: string, args: Record<string, unknown>): Promise<string> => {
        try {
            const result = await call(name, args);
            expect(result.isError, text(result)).toBe(true);
            return text(result);
        } catch (error) {
            return String((error as Error).message);
        }
    };

    beforeAll(async () => {
        ensureBuilt();
        dir = mkdtempSync(join(tmpdir(), 'archway-mcp-'));
        outside = mkdtempSync(join(tmpdir(), 'archway-mcp-outside-'));
        cpSync(join(ROOT, 'examples/online-shop'), join(dir, 'shop'), { recursive: true });
        cpSync(join(ROOT, 'test/interop/fixtures/structurizr-pharmacy'), join(dir, 'pharmacy'), { recursive: true });
        cpSync(join(ROOT, 'test/fixtures/deploy/voting-app'), join(dir, 'vote'), { recursive: true });
        writeFileSync(join(dir, 'vote/archway.json'), '{ "deployment": { "compose": ["docker-compose.yml"] } }\n');
        writeFileSync(join(outside, 'secret.arch'), 'service secret "Outside the root"\n');
        symlinkSync(join(outside, 'secret.arch'), join(dir, 'link.arch'));
        writeFileSync(join(dir, 'small.arch'), 'gateway api "API" {\n  route "/a" -> a\n}\nservice a "A"\nclient web "Web"\nweb -> api : https\nweb -> a : https\n');
        const transport = new StdioClientTransport({
            command: process.execPath, args: [BIN, 'mcp', '--root', dir], cwd: ROOT,
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stderr: 'pipe',
        });
        transport.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        client = new Client({ name: 'archway-test', version: '1.0.0' });
        await client.connect(transport);
    }, 60_000);

    afterAll(async () => {
        await client?.close();
        rmSync(dir, { recursive: true, force: true });
        rmSync(outside, { recursive: true, force: true });
    });

    it('lists six tools, each with an input schema', async () => {
        const { tools } = await client.listTools();
        expect(tools.map(t => t.name).sort()).toEqual(['archway_check', 'archway_explain_rule', 'archway_export', 'archway_fix', 'archway_import', 'archway_model']);
        for (const tool of tools) {
            expect(tool.description!.length).toBeGreaterThan(40);
            expect(tool.inputSchema.type).toBe('object');
        }
        const fix = tools.find(t => t.name === 'archway_fix')!;
        expect(fix.inputSchema.required).toEqual(['path', 'line', 'column']);
        expect(client.getServerVersion()?.name).toBe('archway');
        expect(stderr).toContain('archway mcp: serving');
    });

    it('archway_check: findings with rule ids, 1-based positions and doc links; a severity floor', async () => {
        const result = json<{ files: string[]; summary: { errors: number; warnings: number }; diagnostics: { file: string; line: number; column: number; rule: string; severity: string; message: string; docs: string }[] }>(
            await call('archway_check', { path: 'shop' }));
        expect(result.files).toEqual(['shop/payments.arch', 'shop/shop.arch']);
        expect(result.diagnostics.length).toBeGreaterThan(0);
        for (const d of result.diagnostics) {
            expect(d.file).toMatch(/^shop\//);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.docs).toBe(`https://github.com/archway-dev/archway/blob/main/docs/rules/${d.rule}.md`);
        }
        const errorsOnly = json<{ diagnostics: { severity: string }[] }>(await call('archway_check', { path: 'shop', minSeverity: 'error' }));
        expect(errorsOnly.diagnostics.every(d => d.severity === 'error')).toBe(true);
        const small = json<{ diagnostics: { rule: string }[] }>(await call('archway_check', { path: 'small.arch' }));
        expect(small.diagnostics.map(d => d.rule)).toContain('gateway-bypass');
    });

    it('archway_check: a binary file among good ones is an unreadable-file finding; the good ones are still checked', async () => {
        mkdirSync(join(dir, 'mixed'));
        writeFileSync(join(dir, 'mixed', 'binary.arch'), Buffer.from([0x73, 0x00, 0x01]));
        writeFileSync(join(dir, 'mixed', 'good.arch'), 'service a\na -> nowhere : https\n');
        const result = json<{ files: string[]; diagnostics: { file: string; line: number; column: number; rule: string; message: string }[] }>(
            await call('archway_check', { path: 'mixed', minSeverity: 'error' }));
        expect(result.files).toEqual(['mixed/binary.arch', 'mixed/good.arch']);
        expect(result.diagnostics.map(d => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['mixed/binary.arch:1:2 unreadable-file', 'mixed/good.arch:2:6 unresolved-reference']);
        expect(await refused('archway_model', { path: 'mixed/binary.arch' })).toContain("'mixed/binary.arch' cannot be read: The file contains a NUL byte here");
    });

    it('archway_model: components, kinds, properties, connections, views and flows as JSON', async () => {
        const model = json<{ name: string; kinds: string[]; components: { id: string; kind: string; zone: string | null; properties: Record<string, unknown>; file: string; line: number }[]; connections: { source: string; target: string; style: string; protocol: string | null }[]; zones: { id: string }[]; views: { id: string }[]; flows: { id: string; steps: unknown[] }[] }>(
            await call('archway_model', { path: 'shop/shop.arch' }));
        expect(model.name).toBe('Online Shop');
        expect(model.kinds).toContain('gateway');
        const orders = model.components.find(c => c.id === 'orders')!;
        expect(orders).toMatchObject({ kind: 'service', zone: 'vpc', file: 'shop/shop.arch' });
        expect(orders.properties.replicas).toBe(3);
        const api = model.components.find(c => c.id === 'api')!;
        expect(api.properties.auth).toMatchObject({ mode: 'jwt', expiry: '15m' });
        expect(model.connections).toContainEqual(expect.objectContaining({ source: 'orders', target: 'bus.orderPlaced', style: 'async' }));
        expect(model.zones.map(z => z.id)).toContain('pci');
        expect(model.views.map(v => v.id)).toEqual(['overview', 'ordering']);
        expect(model.flows[0].steps.length).toBe(4);
    });

    it('archway_explain_rule: the rule page, and a suggestion for a misspelt id', async () => {
        const result = await call('archway_explain_rule', { id: 'gateway-bypass' });
        expect(result.isError).toBeFalsy();
        expect(result.content[0].text).toMatch(/^# `gateway-bypass`/);
        expect(result.content[0].text).toContain('## Why');
        expect(JSON.parse(result.content[1].text!)).toMatchObject({ id: 'gateway-bypass', area: 'gateway' });
        expect(await refused('archway_explain_rule', { id: 'gateway-bypas' })).toContain("No rule 'gateway-bypas'. Did you mean 'gateway-bypass'?");
    });

    it('archway_fix: the quick fixes at a finding as text edits that remove the finding', async () => {
        const check = json<{ diagnostics: { rule: string; line: number; column: number }[] }>(await call('archway_check', { path: 'small.arch' }));
        const bypass = check.diagnostics.find(d => d.rule === 'gateway-bypass')!;
        const result = json<{ findings: { rule: string }[]; fixes: { title: string; rule: string; preferred: boolean; edits: { file: string; start: { line: number; column: number }; end: { line: number; column: number }; newText: string }[] }[] }>(
            await call('archway_fix', { path: 'small.arch', line: bypass.line, column: bypass.column, rule: 'gateway-bypass' }));
        expect(result.findings.map(f => f.rule)).toEqual(['gateway-bypass']);
        expect(result.fixes.length).toBeGreaterThanOrEqual(2); // a fix and "Suppress with @allow…"
        const fix = result.fixes.find(f => f.preferred) ?? result.fixes[0];
        expect(fix.edits.every(e => e.file === 'small.arch')).toBe(true);
        // Apply it as an agent would, and check again.
        const file = join(dir, 'small.arch');
        const lines = readFileSync(file, 'utf8').split('\n');
        const offset = (p: { line: number; column: number }) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
        let content = lines.join('\n');
        for (const edit of [...fix.edits].sort((a, b) => offset(b.start) - offset(a.start))) content = content.slice(0, offset(edit.start)) + edit.newText + content.slice(offset(edit.end));
        writeFileSync(file, content);
        const after = json<{ diagnostics: { rule: string }[] }>(await call('archway_check', { path: 'small.arch' }));
        expect(after.diagnostics.map(d => d.rule)).not.toContain('gateway-bypass');
        const none = await refused('archway_fix', { path: 'small.arch', line: 1, column: 1, rule: 'gateway-bypass' });
        expect(none).toContain('No finding of \'gateway-bypass\' at small.arch:1:1.');
        expect(await refused('archway_fix', { path: 'small.arch', line: 999, column: 1 })).toContain('line 999 does not exist');
    });

    it('archway_export: svg, png, json, mermaid and the model formats; unknown views are tool errors', async () => {
        const svg = await call('archway_export', { path: 'shop/shop.arch', format: 'svg', view: 'ordering' });
        expect(svg.content[0].text).toMatch(/^<svg/);
        expect(svg.content[0].text).toContain('Order service');
        const png = await call('archway_export', { path: 'shop/shop.arch', format: 'png' });
        expect(png.content[0]).toMatchObject({ type: 'image', mimeType: 'image/png' });
        expect(Buffer.from(png.content[0].data!, 'base64').subarray(1, 4).toString()).toBe('PNG');
        const layout = JSON.parse((await call('archway_export', { path: 'shop/shop.arch', format: 'json', flow: 'checkout' })).content[0].text!) as { flow: string; nodes: unknown[] };
        expect(layout.flow).toBe('checkout');
        expect((await call('archway_export', { path: 'shop/shop.arch', format: 'mermaid' })).content[0].text).toContain('flowchart LR');
        expect((await call('archway_export', { path: 'shop/shop.arch', format: 'likec4' })).content[0].text).toContain('specification {');
        expect(await refused('archway_export', { path: 'shop/shop.arch', format: 'svg', view: 'nope' })).toContain("No view named 'nope'. Views: overview, ordering.");
        expect(await refused('archway_export', { path: 'shop/shop.arch', format: 'd2', view: 'ordering' })).toContain('exports the whole model');
    });

    it('archway_import: a Structurizr workspace to .arch text, written only when asked, never over a file', async () => {
        const result = json<{ written: string | null; counts: { components: number }; problems: unknown[]; arch: string }>(
            await call('archway_import', { source: 'structurizr', paths: ['pharmacy/workspace.dsl'] }));
        expect(result.written).toBeNull();
        expect(result.problems).toEqual([]);
        expect(result.counts.components).toBe(17);
        expect(result.arch).toContain('architecture "Online Pharmacy"');
        expect(existsSync(join(dir, 'pharmacy/workspace.arch'))).toBe(false);
        const written = json<{ written: string }>(await call('archway_import', { source: 'structurizr', paths: ['pharmacy/workspace.dsl'], output: 'pharmacy/pharmacy.arch' }));
        expect(written.written).toBe('pharmacy/pharmacy.arch');
        const checked = json<{ diagnostics: { rule: string }[] }>(await call('archway_check', { path: 'pharmacy/pharmacy.arch' }));
        expect(checked.diagnostics.filter(d => ['syntax-error', 'unresolved-reference', 'unknown-property'].includes(d.rule))).toEqual([]);
        expect(await refused('archway_import', { source: 'structurizr', paths: ['pharmacy/workspace.dsl'], output: 'pharmacy/pharmacy.arch' }))
            .toContain("'pharmacy/pharmacy.arch' exists; pass overwrite: true to replace it");
        expect(await refused('archway_import', { source: 'structurizr', paths: ['pharmacy/workspace.dsl'], output: '../escape.arch' })).toContain('outside the workspace root');
    });

    it('archway_import: a Compose file through the same registry; archway_check then compares the model with it (drift)', async () => {
        const result = json<{ written: string | null; counts: { zones: number; components: number; connections: number }; problems: unknown[]; arch: string }>(
            await call('archway_import', { source: 'compose', paths: ['vote/docker-compose.yml'], output: 'vote/vote.arch', name: 'Voting app' }));
        expect(result.written).toBe('vote/vote.arch');
        expect(result.problems).toEqual([]);
        expect(result.counts).toMatchObject({ zones: 3, components: 7, connections: 7 });
        expect(result.arch).toMatch(/^\/\/ Imported with `archway import compose` from vote\/docker-compose\.yml\.$/m);
        expect(result.arch).toContain('architecture "Voting app"');
        expect(result.arch).toMatch(/^ {2}database db \{$/m);
        expect(readFileSync(join(dir, 'vote/vote.arch'), 'utf8')).toBe(result.arch);
        type Checked = { diagnostics: { rule: string; message: string }[] };
        const drift = (checked: Checked) => checked.diagnostics.filter(d => d.rule.startsWith('drift-')).map(d => d.message);
        expect(drift(json<Checked>(await call('archway_check', { path: 'vote/vote.arch' })))).toEqual([]);
        // The deployment scales the worker: the model's 1 replica is now drift.
        const compose = join(dir, 'vote/docker-compose.yml');
        writeFileSync(compose, readFileSync(compose, 'utf8').replace(/( {2}worker:\n)/, '$1    deploy:\n      replicas: 3\n'));
        expect(drift(json<Checked>(await call('archway_check', { path: 'vote/vote.arch' })))).toEqual([
            "The service 'worker' declares 1 replica, but the Compose service 'worker' (docker-compose.yml:39) runs 3.",
        ]);
        writeFileSync(join(dir, 'vote/binary.yml'), Buffer.from([0, 1, 2]));
        expect(await refused('archway_import', { source: 'compose', paths: ['vote/binary.yml'] })).toContain("'vote/binary.yml': A binary file, not text.");
        writeFileSync(join(dir, 'vote/other.yml'), 'retries: 3\n');
        expect(await refused('archway_import', { source: 'kubernetes', paths: ['vote/other.yml'] }))
            .toContain('Nothing could be imported:\nvote/other.yml:1: Document 1 has no apiVersion and kind: not a Kubernetes manifest; it is skipped.');
    });

    it('refuses paths outside the root, through .. or a symlink', async () => {
        expect(await refused('archway_check', { path: '..' })).toContain("'..' is outside the workspace root");
        expect(await refused('archway_model', { path: join(outside, 'secret.arch') })).toContain('is outside the workspace root');
        expect(await refused('archway_model', { path: 'link.arch' })).toContain("'link.arch' leads outside the workspace root (through a symlink).");
        expect(await refused('archway_import', { source: 'likec4', paths: ['../'] })).toContain('outside the workspace root');
        expect(await refused('archway_model', { path: 'missing.arch' })).toContain("No such file or folder: 'missing.arch'.");
        expect(await refused('archway_model', { path: 'pharmacy/workspace.dsl' })).toContain("'pharmacy/workspace.dsl' is not an .arch file.");
    });

    it('answers arguments that break the schema with an error, and stays up', async () => {
        expect(await refused('archway_fix', { path: 'small.arch', line: 'three', column: 1 }))
            .toContain('Invalid arguments for tool archway_fix: Invalid input: expected number, received string at line');
        expect(await refused('archway_fix', { path: 'small.arch', line: 0, column: 1 })).toMatch(/Invalid arguments for tool archway_fix: .*at line/);
        expect(await refused('archway_export', { path: 'shop/shop.arch', format: 'pdf' }))
            .toContain('Invalid arguments for tool archway_export: Invalid option: expected one of "svg"|"png"|"json"|"mermaid"|"drawio"|"d2"|"likec4"|"structurizr" at format');
        expect(await refused('archway_model', {})).toContain('Invalid arguments for tool archway_model: Invalid input: expected string, received undefined at path');
        expect(await refused('archway_import', { source: 'visio', paths: ['x'] })).toMatch(/Invalid arguments for tool archway_import: .* at source/);
        expect(await refused('archway_nothing', {})).toContain('Tool archway_nothing not found');
        // Still serving.
        const after = json<{ files: string[] }>(await call('archway_check', { path: 'shop/shop.arch' }));
        expect(after.files).toContain('shop/shop.arch');
    });
});
