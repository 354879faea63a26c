/**
 * `archway mcp [--root DIR]`: serves Archway's tools over the Model Context Protocol on
 * stdin/stdout, rooted at DIR (default: the working directory). Runs until the client closes
 * stdin. Everything the server says outside the protocol goes to stderr.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { McpHost } from '../mcp/host.js';
import { serveMcp } from '../mcp/server.js';
import { parseArgs, type CliIo, UsageError } from './args.js';
import { deploymentReaderFor } from './check.js';
import { svgToPng } from './export.js';
import { formatImported } from './import.js';
import { discoverArchInputs, loadWorkspace } from './load-workspace.js';

/**
 * What the server takes from the command line: the same loading (with the drift rules when
 * `archway.json` names deployment files), PNG rendering and import layout as the other commands.
 */
const HOST: McpHost = {
    loadWorkspace: async (files) => loadWorkspace(files, { deploymentReader: await deploymentReaderFor(files, undefined) }),
    discoverArchInputs: (paths) => discoverArchInputs(paths),
    svgToPng: (svg) => svgToPng(svg),
    formatImported,
};

export const MCP_USAGE = 'Usage: archway mcp [--root DIR]   (speaks MCP on stdin/stdout; see docs/agents.md)';

/** Runs `archway mcp`; resolves to the exit code when the client disconnects. */
export async function runMcp(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { root: 'string', help: 'boolean' });
    if (args.flags.has('help')) {
        io.stdout(MCP_USAGE + '\n');
        return 0;
    }
    if (args.positionals.length > 0) throw new UsageError(`Unexpected argument '${args.positionals[0]}'.\n${MCP_USAGE}`);
    const root = resolve(args.options.root ?? process.cwd());
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root: '${args.options.root}' is not a folder.\n${MCP_USAGE}`);
    io.stderr(`archway mcp: serving ${root} over stdio\n`);
    await serveMcp(root, HOST);
    return 0;
}
