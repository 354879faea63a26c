/**
 * The bundles parse with a patched Langium parser builder and `linkContentToContainer`
 * (`scripts/langium-parser-patch.mjs`: the same parse with far fewer allocations). The patch
 * must apply to the installed Langium exactly, and a parser bundled with it must give the same
 * AST, CST, containers and errors as Langium's own on valid and broken text. Both parsers are
 * bundled here into a temporary folder (`out/` is left alone).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { langiumParserPatch, patchAstUtils, patchCstNodes, patchParserBuilder } from '../../scripts/langium-parser-patch.mjs';
import { random, randomEdit } from './random-edits.js';

const ROOT = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'archway-parser-patch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Parses every text of a JSON file and prints the AST, CST and errors, as comparable JSON. */
const DUMP_ENTRY = `
import { readFileSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { createArchwayCoreServices } from ${JSON.stringify(join(ROOT, 'src/language/archway-module.ts'))};
const { Archway } = createArchwayCoreServices(NodeFileSystem);
// Langium's own (Chevrotain) parser, which the patch is about, not the fast parser in front of it.
const parser = Archway.parser.LangiumParser.langiumParser;
const texts = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const dump = (root) => {
    const ids = new Map();
    const out = [];
    const visit = (node) => {
        ids.set(node, ids.size);
        const own = {};
        for (const [key, value] of Object.entries(node)) {
            if (key === '$cstNode' || key === '$container') continue;
            own[key] = Array.isArray(value) ? value.map(v => (v && typeof v === 'object' ? (v.$type ? 'node' : v.$refText ?? '?') : v))
                : value && typeof value === 'object' ? (value.$type ? 'node' : value.$refText ?? '?') : value;
        }
        const cst = node.$cstNode;
        out.push({ own, container: node.$container ? ids.get(node.$container) : null, cst: cst ? [cst.offset, cst.length, cst.range, cst.astNode === node] : null });
        for (const value of Object.values(node)) {
            for (const child of Array.isArray(value) ? value : [value]) {
                if (child && typeof child === 'object' && typeof child.$type === 'string' && child.$container === node) visit(child);
            }
        }
    };
    visit(root);
    return out;
};
const results = texts.map(text => {
    const result = parser.parse(text);
    return {
        ast: dump(result.value),
        leaves: result.value.$cstNode ? [...(function* walk(n) { yield [n.offset, n.length, n.hidden]; for (const c of n.content ?? []) yield* walk(c); })(result.value.$cstNode)].length : 0,
        parserErrors: result.parserErrors.map(e => [e.message, e.token.startOffset, e.token.image]),
        lexerErrors: result.lexerErrors.map(e => [e.message, e.offset, e.length]),
    };
});
process.stdout.write(JSON.stringify(results));
`;

/** Every `.arch` file under `dir`. */
function archFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? archFiles(path) : name.endsWith('.arch') ? [path] : [];
    });
}

let inputs: string;
beforeAll(async () => {
    writeFileSync(join(work, 'dump.ts'), DUMP_ENTRY);
    const build = (outfile: string, patched: boolean) => esbuild.build({
        entryPoints: [join(work, 'dump.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
        mainFields: ['module', 'main'], logLevel: 'error', absWorkingDir: ROOT, nodePaths: [join(ROOT, 'node_modules')],
        plugins: patched ? [langiumParserPatch] : [],
    });
    await Promise.all([build(join(work, 'patched.cjs'), true), build(join(work, 'plain.cjs'), false)]);
    // Real files, and each with seeded random edits (most of them syntax errors).
    const texts: string[] = [];
    const next = random(21);
    for (const file of [...archFiles(join(ROOT, 'examples')), ...archFiles(join(ROOT, 'test/fixtures'))].sort()) {
        let text = readFileSync(file, 'utf8');
        texts.push(text);
        for (let i = 0; i < 12; i++) {
            text = randomEdit(text, next);
            texts.push(text);
        }
    }
    texts.push('', 'service', '}}}}', 'zone a { zone b { service c "C" { replicas: 2 } } ');
    inputs = join(work, 'inputs.json');
    writeFileSync(inputs, JSON.stringify(texts));
}, 120_000);

test('the patches apply to the installed Langium exactly (a Langium upgrade fails here and in the build)', () => {
    const builder = readFileSync(join(ROOT, 'node_modules/langium/lib/parser/parser-builder-base.js'), 'utf8');
    const astUtils = readFileSync(join(ROOT, 'node_modules/langium/lib/utils/ast-utils.js'), 'utf8');
    expect((patchParserBuilder(builder).match(/Patched \(scripts\/langium-parser-patch\.mjs\)/g) ?? []).length).toBe(5);
    expect(patchAstUtils(astUtils)).toContain('const names = Object.keys(node);');
    expect(patchAstUtils(astUtils)).toContain('propertiesWithDefaults.set(typeMetaData, properties);');
    expect(() => patchParserBuilder(builder.replace('ctx.parser.optional(idx, {', 'ctx.parser.optional(idx,{'))).toThrow(/parser builder .* changed/);
    const cstNodes = readFileSync(join(ROOT, 'node_modules/langium/lib/parser/cst-node-builder.js'), 'utf8');
    expect(patchCstNodes(cstNodes)).toContain('for (let i = 0; i < content.length; i++) {');
    expect(() => patchCstNodes(cstNodes.replace('for (const child of this.content) {', 'for (const child of this.content){'))).toThrow(/CST node classes .* changed/);
});

test('a parser bundled with the patch gives the same AST, CST, containers and errors as Langium\'s own', () => {
    const run = (bundle: string) => {
        const result = spawnSync(process.execPath, [join(work, bundle), inputs], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
        expect(result.stderr).toBe('');
        return JSON.parse(result.stdout) as { parserErrors: unknown[]; ast: unknown[] }[];
    };
    const patched = run('patched.cjs');
    const plain = run('plain.cjs');
    expect(patched.length).toBeGreaterThan(100);
    // The comparison covers broken text, not only valid files.
    expect(plain.filter(r => r.parserErrors.length > 0).length).toBeGreaterThan(50);
    for (let i = 0; i < plain.length; i++) expect(patched[i], `input ${i}`).toEqual(plain[i]);
}, 120_000);
