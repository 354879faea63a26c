import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArchFile } from '../../src/cli/read-arch-file.js';
import { listRules } from '../../src/rules/registry.js';
import { checkModel } from '../../src/rules/engine.js';
import type { RuleMeta } from '../../src/rules/rule.js';
import { modelOf, withDeployment } from './rule-tester.js';
import { tempDir } from '../support/temp-dirs.js';

/** Checks an example, with the rule's example deployment when it has one (the drift rules). */
async function check(meta: RuleMeta, text: string) {
    const model = await modelOf(text);
    const deployment = meta.examples.deployment;
    return checkModel(deployment ? withDeployment(model, deployment.format, deployment.text) : model);
}

describe('the documentation examples of every rule', () => {
    for (const meta of listRules().filter(m => m.source !== 'reader')) {
        it(`the failing example of '${meta.id}' reports '${meta.id}'`, async () => {
            const { findings } = await check(meta, meta.examples.invalid);
            expect(findings.map(f => f.code)).toContain(meta.id);
        });
        it(`the passing example of '${meta.id}' does not report '${meta.id}'`, async () => {
            const { findings } = await check(meta, meta.examples.valid);
            expect(findings.filter(f => f.code === meta.id).map(f => f.message)).toEqual([]);
        });
    }
    // The file reader's findings are about bytes on disk, not the model: the examples are written to files and read.
    for (const meta of listRules().filter(m => m.source === 'reader')) {
        it(`the failing example of '${meta.id}', written to a file, is not read; the passing one is`, () => {
            const dir = tempDir('archway-doc-example-');
            writeFileSync(join(dir, 'invalid.arch'), meta.examples.invalid);
            writeFileSync(join(dir, 'valid.arch'), meta.examples.valid);
            expect(readArchFile(join(dir, 'invalid.arch')).unreadable).toBeDefined();
            expect(readArchFile(join(dir, 'valid.arch'))).toEqual({ text: meta.examples.valid });
        });
    }
});
