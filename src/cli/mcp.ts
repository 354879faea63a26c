/** `archway mcp [--root DIR]`: placeholder until the MCP server lands in this branch. */
import type { CliIo } from './args.js';

export async function runMcp(_argv: readonly string[], io: CliIo): Promise<number> {
    io.stderr('archway mcp: not built yet.\n');
    return 2;
}
