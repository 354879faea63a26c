import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderPropertyDocs } from '../../src/model/schema/property-docs.js';

test('docs/properties.md matches the property schema (run npm run docs:properties)', () => {
    expect(readFileSync(join(__dirname, '../../docs/properties.md'), 'utf8')).toBe(renderPropertyDocs());
});
