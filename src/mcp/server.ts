/**
 * `archway mcp`: Archway as a Model Context Protocol server over stdio (the official SDK), so
 * an AI agent can work with a model the way a person does in the editor: check it, read it,
 * learn what a rule means, get the quick fixes for a finding, draw or export a view, and
 * import another tool's model. Every tool validates its input against its schema, reads files
 * only under the root it was started with, and answers a mistake with a tool error (the
 * server stays up). Nothing is written except by `archway_import` with an `output`.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { INTEROP_FORMAT_INFO, INTEROP_FORMATS } from '../interop/export/index.js';
import { IMPORT_SOURCES } from '../interop/import/sources.js';
import { RootedPaths, ToolError } from './rooted-paths.js';
import type { McpHost } from './host.js';
import { check, describeModel, explainRule, EXPORT_FORMATS, exportModel, importModel, quickFixes, type ToolContext } from './tools.js';

/** The server's name and version as it tells clients. */
export const SERVER_INFO = { name: 'archway', version: '0.1.0' };

const path = (what: string) => z.string().min(1).describe(`${what}, relative to the workspace root.`);

/** A tool result of JSON text. */
function json(value: unknown): CallToolResult {
    return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

/** Runs a tool; a `ToolError` (or anything else) becomes a tool error result, never a crash. */
async function run(body: () => Promise<CallToolResult> | CallToolResult): Promise<CallToolResult> {
    try {
        return await body();
    } catch (error) {
        const message = error instanceof ToolError ? error.message : `Internal error: ${error instanceof Error ? error.message : String(error)}`;
        return { content: [{ type: 'text', text: message }], isError: true };
    }
}

/** An MCP server with Archway's tools, rooted at `root`; `host` loads, renders and formats. */
export function createArchwayMcpServer(root: string, host: McpHost): McpServer {
    const paths = new RootedPaths(root);
    const context: ToolContext = { paths, host };
    const server = new McpServer(SERVER_INFO, {
        instructions: 'Archway checks software architecture described in .arch files against best practices and draws it. '
            + 'Paths are relative to the workspace root. Start with archway_check (findings with rule ids and positions), '
            + 'read a model with archway_model, ask archway_explain_rule about a rule, and get edits for a finding with archway_fix.',
    });

    server.registerTool('archway_check', {
        title: 'Check architecture',
        description: 'Checks .arch files (a file, or every .arch file in a folder; default the whole workspace) and returns the findings: '
            + 'rule id, severity, message, file, 1-based line and column, and a link to the rule\'s documentation.',
        inputSchema: {
            path: path('An .arch file or a folder').optional(),
            minSeverity: z.enum(['error', 'warning', 'info', 'hint']).optional().describe('Leave out findings below this severity (default: hint, everything).'),
        },
        annotations: { readOnlyHint: true, openWorldHint: false },
    }, (input) => run(async () => json(await check(context, input))));

    server.registerTool('archway_model', {
        title: 'Read a model',
        description: 'The model rooted at an .arch file (with everything it imports) as JSON: zones, components with kinds and properties, '
            + 'channels, connections (sync or async, protocol, label), views and flows, each with its file and line.',
        inputSchema: { path: path('The root .arch file of the model') },
        annotations: { readOnlyHint: true, openWorldHint: false },
    }, (input) => run(async () => json(await describeModel(context, input))));

    server.registerTool('archway_explain_rule', {
        title: 'Explain a rule',
        description: 'The documentation of an Archway rule (what it checks, why, an example that reports and a clean one, how to fix it), by rule id as findings name it.',
        inputSchema: { id: z.string().min(1).describe('Rule id, e.g. gateway-bypass.') },
        annotations: { readOnlyHint: true, openWorldHint: false },
    }, (input) => run(() => {
        const rule = explainRule(input);
        return { content: [{ type: 'text', text: rule.markdown }, { type: 'text', text: JSON.stringify({ id: rule.id, title: rule.title, severity: rule.severity, area: rule.area, docs: rule.docs }) }] };
    }));

    server.registerTool('archway_fix', {
        title: 'Quick fixes for a finding',
        description: 'The quick fixes for the finding(s) at a position, as text edits (file, 1-based start and end, new text) — the same fixes the editor offers. '
            + 'Nothing is changed: apply the edits you choose, then check again.',
        inputSchema: {
            path: path('The .arch file holding the finding'),
            line: z.number().int().min(1).describe('1-based line of the finding (as archway_check reports it).'),
            column: z.number().int().min(1).describe('1-based column of the finding.'),
            rule: z.string().min(1).optional().describe('Only fixes for this rule id.'),
        },
        annotations: { readOnlyHint: true, openWorldHint: false },
    }, (input) => run(async () => json(await quickFixes(context, input))));

    server.registerTool('archway_export', {
        title: 'Draw or export a view',
        description: 'A view (or flow) of the model rooted at an .arch file: svg or png (the diagram with findings as badges), json (the laid-out graph), '
            + `${interopFormats('view')} (one view), or ${interopFormats('model')} (the whole model with its views).`,
        inputSchema: {
            path: path('The root .arch file of the model'),
            format: z.enum(EXPORT_FORMATS).describe('Output format.'),
            view: z.string().min(1).optional().describe('View id (default: the overview).'),
            flow: z.string().min(1).optional().describe('Flow id: its steps numbered and highlighted.'),
        },
        annotations: { readOnlyHint: true, openWorldHint: false },
    }, (input) => run(async () => {
        const result = await exportModel(context, input);
        if ('png' in result) return { content: [{ type: 'image', data: result.png.toString('base64'), mimeType: 'image/png' }] };
        return { content: [{ type: 'text', text: result.text }] };
    }));

    server.registerTool('archway_import', {
        title: 'Import another tool\'s model',
        description: 'Turns a LikeC4 model (.c4 files or folders), a Structurizr DSL workspace, Compose files or Kubernetes manifests (files or folders) into .arch text, with `// import:` comments on every guess. '
            + 'Returns the text, counts and any problems (file, line); writes it only when `output` is given.',
        inputSchema: {
            source: z.enum(IMPORT_SOURCES.map(source => source.name) as [string, ...string[]]).describe(
                `What to import from: ${IMPORT_SOURCES.map(source => `${source.name} (${source.summary})`).join('; ')}.`),
            paths: z.array(path('A file or folder')).min(1).describe('Input files or folders, relative to the workspace root.'),
            output: path('An .arch file to write').optional(),
            overwrite: z.boolean().optional().describe('Replace `output` when it exists (default false).'),
            name: z.string().max(200).optional().describe('The model\'s `architecture "…"` name (instead of the one the source gives, if any).'),
        },
        annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    }, (input) => run(() => json(importModel(context, input))));

    return server;
}

/** Serves MCP over stdin/stdout until the client closes stdin. */
export async function serveMcp(root: string, host: McpHost): Promise<void> {
    const server = createArchwayMcpServer(root, host);
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((done) => {
        transport.onclose = () => done();
        process.stdin.once('end', () => void server.close().then(done, done));
    });
    await server.connect(transport);
    await closed;
}

/** The interop formats of one scope in words: `mermaid or drawio`, `d2, likec4 or structurizr`. */
function interopFormats(scope: 'view' | 'model'): string {
    const names = INTEROP_FORMATS.filter(format => INTEROP_FORMAT_INFO[format].scope === scope);
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}
