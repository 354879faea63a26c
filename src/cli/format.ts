/**
 * `archway format` — placeholder until the format pipeline lands (replaced by its owner).
 */
import type { CliIo } from './args.js';

export async function runFormat(_args: readonly string[], io: CliIo): Promise<number> {
    io.stderr('archway format: not available in this build.\n');
    return 2;
}
