/**
 * Temporary folders for tests that are removed when the test file ends: `tempDir('archway-x-')`
 * instead of `mkdtempSync(join(tmpdir(), 'archway-x-'))`, which left a folder behind on every
 * run (hundreds of them after a day's work).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder, removed after the file's tests. */
export function tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
}
