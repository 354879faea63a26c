/**
 * The bundled examples are kept in the canonical layout that `archway format` produces.
 */
import { beforeAll, expect, test } from 'vitest';
import { archway, ensureBuilt } from './cli-process.js';

beforeAll(() => ensureBuilt());

test('every example is already formatted (archway format --check examples exits 0)', () => {
    const result = archway(['format', '--check', 'examples']);
    expect([result.status, result.stdout.trim()]).toEqual([0, '']);
});
