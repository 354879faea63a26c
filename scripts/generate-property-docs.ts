/**
 * Writes docs/properties.md from the property schema (`npm run docs:properties`).
 * A test fails when the committed file differs from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPropertyDocs } from '../src/model/schema/property-docs.js';

// Run from the repository root (npm scripts do).
writeFileSync(join(process.cwd(), 'docs/properties.md'), renderPropertyDocs());
