/**
 * Bundle entry of `out/cli/early-layout-worker.cjs`, which `bin/archway.cjs` runs before it
 * loads the command line: for an export that lays out a diagram, the layout worker starts at
 * once, so that starting its thread and loading elkjs (about 0.1 s) overlap loading the export
 * bundle and parsing instead of following them. The export takes the worker over (see
 * `startLayoutWorkerEarly`); anything else leaves it, and it does not keep the process alive.
 */
import { findLayoutWorkerFile, startLayoutWorkerEarly } from '../diagram/node-layout-worker.js';
import { exportLaysOut } from './export-format.js';

/** Starts the layout worker when `argv` (the command line after the script) is an export that lays out; true when it did. */
export function startLayoutWorkerForCommand(argv: readonly string[]): boolean {
    if (!exportLaysOut(argv)) return false;
    const file = findLayoutWorkerFile();
    if (!file) return false;
    try {
        return startLayoutWorkerEarly(file) !== undefined;
    } catch {
        return false; // the export starts its own (or lays out in-process)
    }
}
