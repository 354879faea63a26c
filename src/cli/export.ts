/**
 * `archway export` — placeholder until the export pipeline lands (replaced by its owner).
 */
import type { CliIo } from './args.js';

export async function runExport(_args: readonly string[], io: CliIo): Promise<number> {
    io.stderr('archway export: not available in this build.\n');
    return 2;
}
