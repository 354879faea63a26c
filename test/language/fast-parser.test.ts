/**
 * The hand-written lexer and parser (`src/language/fast-parse/`) must give exactly Langium's AST
 * and CST whenever they accept a text, accept every valid file, and refuse every text Langium
 * reports an error on (which Langium's parser then parses). Both parsers run in a bundle built
 * here into a temporary folder (with the same Langium patch as the real bundles; `out/` is left
 * alone), on every example, fixture and generated model, and on thousands of seeded random
 * edits of them. Each parse is described node by node (AST: every property in order, container,
 * container property and index, reference texts and nodes; CST: class, offset, length, end,
 * range, hidden, token type, grammar element by its path in the grammar, AST node) and the
 * descriptions compared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { EmptyFileSystem, URI } from 'langium';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createArchwayCheckServices } from '../../src/checking/check-services.js';
import type { ArchwayLexerService, ArchwayParserService } from '../../src/language/fast-parse/fast-parser-service.js';
import { langiumParserPatch } from '../../scripts/langium-parser-patch.mjs';
import { generateModel, generateZonedModel } from '../../bench/generate-model.js';
import { random, randomEdit } from './random-edits.js';

const ROOT = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'archway-fast-parser-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Parses every text with both parsers and prints, per text, whether each accepted it, whether
 * Langium reported errors, and the first difference between the two descriptions. With
 * `--control`, one leaf of each fast parse is moved by one character first (the test of the test).
 */
const COMPARE_ENTRY = `
import { readFileSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { AstUtils, CstUtils, isAstNode, isReference } from 'langium';
import { createArchwayCoreServices } from ${JSON.stringify(join(ROOT, 'src/language/archway-module.ts'))};
const { Archway } = createArchwayCoreServices(NodeFileSystem);
const service = Archway.parser.LangiumParser;
const control = process.argv.includes('--control');
const texts = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// Every grammar element by a stable path (rule name, then property/index steps).
const paths = new Map();
for (const rule of Archway.Grammar.rules) {
    paths.set(rule, rule.name);
    for (const element of AstUtils.streamAllContents(rule)) {
        const steps = [];
        for (let e = element; e !== rule; e = e.$container) steps.unshift(e.$containerProperty + (e.$containerIndex === undefined ? '' : '[' + e.$containerIndex + ']') + ':' + e.$type);
        paths.set(element, rule.name + '/' + steps.join('/'));
    }
}
const grammarPath = (element) => element === undefined ? null : paths.get(element) ?? 'NOT IN THE LOADED GRAMMAR';

function describe(result) {
    const ids = new Map();
    const cstIds = new Map();
    const lines = [];
    const cst = (node) => {
        cstIds.set(node, cstIds.size);
        const range = node.range;
        let astNode;
        try { astNode = ids.get(node.astNode) ?? 'other'; } catch { astNode = 'none'; }
        lines.push(['cst', cstIds.get(node), node.constructor.name, node.offset, node.length, node.end, range.start.line, range.start.character,
            range.end.line, range.end.character, node.hidden, node.tokenType?.name ?? null, grammarPath(node.grammarSource), astNode,
            node.container ? cstIds.get(node.container) : null, node.content?.length ?? null, node.text].join('|'));
        for (const child of node.content ?? []) cst(child);
    };
    const value = (v) => {
        if (isReference(v)) return { ref: v.$refText, node: v.$refNode ? [cstIds.get(v.$refNode), v.$refNode.offset, v.$refNode.length] : null };
        if (isAstNode(v)) return ['node', ids.get(v)];
        if (v && typeof v === 'object' && v.constructor && v.constructor.name !== 'Object' && v.constructor.name !== 'Array') return 'object ' + v.constructor.name;
        if (Array.isArray(v)) return v.map(value);
        return v === undefined ? 'undefined' : v;
    };
    const nodes = [];
    const visit = (node) => {
        ids.set(node, ids.size);
        nodes.push(node);
        for (const child of AstUtils.streamContents(node)) visit(child);
    };
    visit(result.value);
    if (result.value.$cstNode) cst(result.value.$cstNode.root);
    for (const node of nodes) {
        const own = Object.keys(node).map(key => [key, key === '$cstNode' ? (node.$cstNode ? cstIds.get(node.$cstNode) : null) : key === '$container' ? ids.get(node.$container) : value(node[key])]);
        lines.push('ast ' + ids.get(node) + ' ' + JSON.stringify(own));
    }
    return lines;
}

const out = texts.map((text) => {
    const fast = service.tryFast(text);
    const langium = service.langiumParser.parse(text);
    const errors = langium.lexerErrors.length + langium.parserErrors.length + (langium.lexerReport?.diagnostics.length ?? 0);
    if (!fast) return { accepted: false, errors };
    if (control) {
        const leaves = CstUtils.streamCst(fast.value.$cstNode).filter(n => n._offset !== undefined).toArray();
        leaves[Math.floor(leaves.length / 2)]._offset += 1;
    }
    const a = describe(fast);
    const b = describe(langium);
    let difference = null;
    for (let i = 0; i < Math.max(a.length, b.length) && !difference; i++) if (a[i] !== b[i]) difference = { line: i, fast: a[i] ?? null, langium: b[i] ?? null };
    const sameErrors = fast.lexerErrors.length === 0 && fast.parserErrors.length === 0 && JSON.stringify(fast.lexerReport) === JSON.stringify(langium.lexerReport);
    return { accepted: true, errors, difference, sameErrors, lines: a.length };
});
process.stdout.write(JSON.stringify(out));
`;

/** Every `.arch` file under `dir`. */
function archFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? archFiles(path) : name.endsWith('.arch') ? [path] : [];
    });
}

interface Outcome { accepted: boolean; errors: number; difference?: unknown; sameErrors?: boolean; lines?: number }

const valid: string[] = [];
const edited: string[] = [];
let bundle: string;

function compare(texts: string[], control = false): Outcome[] {
    const inputs = join(work, `inputs-${texts.length}-${control}.json`);
    writeFileSync(inputs, JSON.stringify(texts));
    const result = spawnSync(process.execPath, ['--stack-size=4000', bundle, inputs, ...(control ? ['--control'] : [])], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Outcome[];
}

beforeAll(async () => {
    writeFileSync(join(work, 'compare.ts'), COMPARE_ENTRY);
    bundle = join(work, 'compare.cjs');
    await esbuild.build({
        entryPoints: [join(work, 'compare.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
        mainFields: ['module', 'main'], logLevel: 'error', absWorkingDir: ROOT, nodePaths: [join(ROOT, 'node_modules')], plugins: [langiumParserPatch],
    });
    const files = [...archFiles(join(ROOT, 'examples')), ...archFiles(join(ROOT, 'test/fixtures'))].sort();
    const generated = [
        ...Object.values(generateModel({ components: 2000 })), ...Object.values(generateModel({ components: 300, files: 3, findings: 'many' })),
        generateZonedModel(600),
    ];
    valid.push(...files.map(file => readFileSync(file, 'utf8')), ...generated,
        '', '// only a comment', '/* a\r\nblock */ service a /* x */ "A" { // c\n replicas: 2, tags: [a, "b", 3, 2s, 5/min, 10 items, 99.9%, { x: y },] }\r\n',
        'architecture "x"\nimport "a.arch"\nimport -> b\nservice -> zone.view : https+mtls "l" { }\nview v { include *  exclude a.b, c  include: 3 }\n'
            + 'flow f "F" { a -> b.c : grpc "x"  slo: { availability: 99.9% } }\n@allow(rule, "why") @x zone z "Z" { @y service s { -> t route "/x" -> s : http { a: b } topic t "T" { k: v; } } }');
    // Seeded random edits of every file (a model of a few hundred components stands in for the big ones).
    const next = random(2026);
    const small = valid.filter(text => text.length < 30_000);
    for (const original of small) {
        let text = original;
        for (let i = 0; i < 120; i++) {
            text = randomEdit(i % 25 === 0 ? original : text, next);
            edited.push(text);
        }
    }
}, 300_000);

test('the fast parser accepts every valid file and gives exactly Langium\'s AST and CST', () => {
    const outcomes = compare(valid);
    expect(outcomes.length).toBe(valid.length);
    for (const [i, outcome] of outcomes.entries()) {
        expect(outcome.errors, `input ${i} is valid`).toBe(0);
        expect(outcome.accepted, `input ${i} is accepted (no silent fallback on valid text)`).toBe(true);
        expect(outcome.difference, `input ${i}`).toBeNull();
        expect(outcome.sameErrors, `input ${i}`).toBe(true);
    }
    expect(outcomes.reduce((sum, o) => sum + (o.lines ?? 0), 0)).toBeGreaterThan(100_000);
}, 600_000);

test('on random edits it gives Langium\'s AST and CST when it accepts, and refuses every text with an error', () => {
    const outcomes = compare(edited);
    expect(outcomes.length).toBeGreaterThan(2000);
    let accepted = 0;
    let refusedWithErrors = 0;
    for (const [i, outcome] of outcomes.entries()) {
        if (outcome.errors > 0) {
            expect(outcome.accepted, `edit ${i} has errors in Langium's parse`).toBe(false);
            refusedWithErrors++;
        } else {
            // Langium parses it without errors: the fast parser must accept it too.
            expect(outcome.accepted, `edit ${i} is valid`).toBe(true);
            expect(outcome.difference, `edit ${i}`).toBeNull();
            accepted++;
        }
    }
    // Both kinds are well represented.
    expect(accepted).toBeGreaterThan(300);
    expect(refusedWithErrors).toBeGreaterThan(300);
}, 600_000);

test('the comparison fails when the fast parse differs (one leaf moved by a character)', () => {
    const outcomes = compare(valid.slice(0, 5), true);
    for (const outcome of outcomes.filter(o => o.accepted && (o.lines ?? 0) > 1)) expect(outcome.difference).not.toBeNull();
    expect(outcomes.filter(o => o.accepted && o.difference).length).toBeGreaterThan(0);
}, 120_000);

test('checking valid files builds neither Chevrotain\'s lexer nor its parser; broken text builds them and gets Langium\'s errors', async () => {
    const { shared, Archway } = createArchwayCheckServices(EmptyFileSystem);
    const parser = Archway.parser.LangiumParser as unknown as ArchwayParserService;
    const lexer = Archway.parser.Lexer as ArchwayLexerService;
    const build = async (name: string, text: string) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///workspace/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        return document;
    };
    const valid = await build('valid.arch', readFileSync(join(ROOT, 'examples/online-shop/shop.arch'), 'utf8'));
    expect(valid.parseResult.parserErrors).toEqual([]);
    expect(valid.diagnostics?.length).toBeGreaterThan(0); // the checker ran
    expect(parser.langiumParserBuilt).toBe(false);
    expect(lexer.chevrotainLexerBuilt).toBe(false);

    const broken = await build('broken.arch', 'service a "A" {\n  replicas: \n}\nservice b %\n');
    expect(parser.langiumParserBuilt).toBe(true);
    expect(lexer.chevrotainLexerBuilt).toBe(true);
    expect(broken.parseResult.lexerErrors.map(e => e.message)).toEqual(["Unexpected character '%': it is not part of the .arch language here."]);
    expect(broken.parseResult.parserErrors.length).toBeGreaterThan(0);
    // Once built, valid text still takes the fast path and gives the same tree as Langium's parser.
    const text = 'zone z { service s { -> t : https } }\nservice t\n';
    const fast = parser.tryFast(text);
    expect(fast?.value.$cstNode?.root.fullText).toBe(text);
});
