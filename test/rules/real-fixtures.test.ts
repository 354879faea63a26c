import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../support/services.js';

/**
 * The models of real systems in test/fixtures/real (see BASELINE.md there) are written in
 * the language as it is: whatever the rules say about them, they must parse, resolve every
 * reference and use only known properties, each file on its own.
 */
const dir = join(import.meta.dirname, '..', 'fixtures', 'real');
const files = readdirSync(dir).filter(name => name.endsWith('.arch')).sort();

/** Diagnostics that mean the model itself is broken, not the system it describes. */
const MODEL_PROBLEMS = new Set(['unresolved-reference', 'unknown-property', 'invalid-property-value', 'duplicate-id', 'unknown-kind']);

describe('models of real systems', () => {
    it('are there: at least five', () => {
        expect(files.length).toBeGreaterThanOrEqual(5);
    });

    for (const name of files) {
        it(`${name} parses and resolves, with a header saying what it is based on`, async () => {
            const text = readFileSync(join(dir, name), 'utf8');
            expect(text).toMatch(/^\/\/ .+\n(\/\/.*\n)*\/\/ Based on: .+https:\/\/github\.com\/\S+/);
            const workspace = await loadWorkspace({ [name]: text });
            const broken = workspace.diagnostics(name)
                .filter(d => d.code === undefined || MODEL_PROBLEMS.has(String(d.code)))
                .map(d => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`);
            expect(broken).toEqual([]);
        });
    }
});
