/**
 * Shared machinery of the fuzz tests: seeds and run counts, the token vocabulary, mutation
 * generators, and `analyse`, which runs a workspace through the whole pipeline (parse, link,
 * validate, model, every rule, formatting, quick fixes, optionally layout) and checks the
 * properties every input must satisfy.
 *
 * Run counts are small in CI. `npm run fuzz` (or `ARCHWAY_FUZZ_RUNS=N`) raises every
 * property to N runs; `ARCHWAY_FUZZ_SEED=S` replays a seed.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { URI, type LangiumDocument } from 'langium';
import { expect } from 'vitest';
import { buildWorkspace, createTestServices, type Workspace } from '../support/services.js';
import { archFiles, workspacesOf } from '../support/examples.js';
import { buildDocumentModel } from '../../src/model/workspace-models.js';
import type { ArchModel } from '../../src/model/arch-model.js';
import { COMPONENT_KINDS } from '../../src/model/component-kinds.js';
import { checkModel, resolveOptions } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/registry.js';
import { formatArchText, formatDocumentText, hasSyntaxErrors } from '../../src/format/format-text.js';
import { tokenize } from '../../src/format/tokens.js';
import { renderDiagram } from '../../src/diagram/index.js';

export const ROOT = join(__dirname, '../..');

/** Runs per property: `ARCHWAY_FUZZ_RUNS` when set, else the CI default. */
export function runs(ciDefault: number): number {
    const fromEnv = Number(process.env.ARCHWAY_FUZZ_RUNS);
    return Number.isFinite(fromEnv) && fromEnv > 0 ? Math.floor(fromEnv) : ciDefault;
}

/** True in the long local mode (`npm run fuzz`). */
export const LONG_MODE = Number(process.env.ARCHWAY_FUZZ_RUNS) > 0;

const BASE_SEED = Number(process.env.ARCHWAY_FUZZ_SEED) || 20261128;

function hashName(name: string): number {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
    return Math.abs(h) % 1_000_000;
}

/** Cases run per property, for the summary. */
export const caseCounts = new Map<string, { seed: number; cases: number }>();

/** fast-check parameters of a property: a stable seed per name, and the run count. */
export function params(name: string, ciRuns: number): fc.Parameters<unknown> & { seed: number; numRuns: number } {
    const seed = BASE_SEED + hashName(name);
    const numRuns = runs(ciRuns);
    console.log(`fuzz ${name}: seed=${seed} runs=${numRuns} (replay: ARCHWAY_FUZZ_SEED=${BASE_SEED})`);
    return { seed, numRuns, endOnFailure: true };
}

/** Counts one case of a property. */
export function countCase(name: string, seed: number): void {
    const entry = caseCounts.get(name) ?? { seed, cases: 0 };
    entry.cases++;
    caseCounts.set(name, entry);
}

/** Prints the number of cases run per property. */
export function printCaseCounts(file: string): void {
    let total = 0;
    const lines = [...caseCounts].map(([name, { seed, cases }]) => {
        total += cases;
        return `  ${name}: ${cases} cases, seed ${seed}`;
    });
    console.log(`fuzz summary (${file}): ${total} cases\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------------------- inputs

/**
 * Models of real systems (`test/fixtures/real`, measured in its BASELINE.md) are not fuzzed:
 * they are large (quick fixes for 130 findings per run), and laying out the biggest one
 * already takes more CPU than the harness allows for its size (about 3.2 s for 11.7 kB),
 * which is issue 16's to fix. `test/rules/real-fixtures.test.ts` checks that they parse.
 */
const NOT_FUZZED = ['test/fixtures/real'];

/** Every example and fixture `.arch` file, by path relative to the repository. */
export function exampleFiles(): Map<string, string> {
    return archFiles(['examples', 'test/fixtures'], NOT_FUZZED);
}

/** Example and fixture folders as workspaces (file name → text), so imports resolve. */
export function exampleWorkspaces(): Map<string, Record<string, string>> {
    return workspacesOf(exampleFiles());
}

const KEYWORDS = [
    'architecture', 'import', 'zone', ...COMPONENT_KINDS, 'topic', 'queue', 'route', 'view', 'flow', 'include', 'exclude', 'allow',
    // property names and enum words the schema knows
    'trust', 'public', 'edge', 'private', 'origin', 'ttl', 'waf', 'auth', 'jwt', 'session', 'store', 'issuer',
    'expiry', 'revocation', 'denylist', 'rateLimit', 'replicas', 'engine', 'timeout', 'retries', 'direction',
    'down', 'right', 'deadLetter', 'true', 'false', 'none', 'apikey', 'mtls', 'oauth2', 'tokenStorage', 'memory',
    'routing', 'geo', 'op', 'read', 'write', 'append', 'forwardIdentity', 'circuitBreaker', 'idempotent',
];

const IDS = ['a', 'b', 'api', 'orders', 'users', 'db', 'bus', 'bus.orderPlaced', 'edge', 'idp', 'x.y', 'z', '_q', 'a-b', 'orders.x'];

const LITERALS = [
    '"label"', '""', '"/orders"', "'single'", '"unterminated', '"esc \\" q"', '"./other.arch"', '"./main.arch"',
    '0', '3', '1.5', '100', '250ms', '30s', '15m', '1h', '7d', '2w', '100/s', '6000/min', '1000 items', '5 events',
    '99999999999999999999999', '1e9', '00', '-1',
];

const PUNCT = ['{', '}', '[', ']', '(', ')', ',', ';', ':', '.', '->', '~>', '@', '*', '+', '-', '>', '~', '/', '=', '<', '#', '\\'];

const COMMENTS = ['// comment', '/* block */', '/* multi\nline */', '/* unterminated', '//', '/**/', '// trailing <b>x</b>'];

const ODD = [
    '\u0000', '\uFEFF', '\uD800', '\uDC00', '\u{1F600}', 'é', '名前', '\u202E', '\u00A0', '\t', '\r', '\r\n', '\n', '\f', '\v',
    '<script>alert(1)</script>', '${x}', '`', '&amp;', '%00',
];

/** One token of the grammar's vocabulary (or something hostile). */
export const tokenArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...KEYWORDS) },
    { weight: 3, arbitrary: fc.constantFrom(...IDS) },
    { weight: 3, arbitrary: fc.constantFrom(...LITERALS) },
    { weight: 5, arbitrary: fc.constantFrom(...PUNCT) },
    { weight: 1, arbitrary: fc.constantFrom(...COMMENTS) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const SEPARATORS = [' ', ' ', ' ', '\n', '\n', '', '  ', '\r\n', '\t'];

/** A random sequence of tokens joined by random whitespace. */
export const tokenTextArb: fc.Arbitrary<string> = fc
    .array(fc.tuple(tokenArb, fc.constantFrom(...SEPARATORS)), { maxLength: 120 })
    .map(parts => parts.map(([token, sep]) => token + sep).join(''));

/** Plausible statements, so random programs get past the parser into the model and rules. */
const STATEMENTS = [
    'service a "A" { replicas: 3 }', 'service b', 'database db { engine: "postgres" replicas: 2 }',
    'gateway api { auth: jwt { issuer: idp expiry: 15m revocation: denylist } rateLimit: 100/s route "/a" -> a }',
    'idp idp', 'cache c { replicas: 2 }', 'broker bus { topic t  queue q  deadLetter: true }', 'client web { tokenStorage: memory }',
    'cdn edge { origin: st ttl: 1h waf: true }', 'storage st', 'dns d { routing: geo }', 'a -> b : https "call" { timeout: 2s }',
    'b -> a : grpc', 'a ~> bus.t', 'bus.t ~> b', 'bus.q ~> a', 'web -> api : https', 'api -> a', 'a -> db : sql',
    'service u { auth: session { store: c } replicas: 3 -> db : sql }', '@allow(sync-chain-too-deep, "why") a -> b',
    '@allow(x) b -> db', 'view v "V" { include * direction: down }', 'view w { include a, b exclude b }',
    'flow f "F" { web -> api "GET" api -> a a -> db }', 'eventstore es', 'etl e { -> db }', 'orchestrator o { -> a -> b }',
    'peer p1 { -> p2 }', 'peer p2 { -> p1 }', 'external ext', 'loadbalancer lb { -> a }', 'function fn { -> bus.t }',
    'stream s', 'batch bt', 'servce typo', 'a -> nowhere', 'service a', 'zone', 'service', '->', '{', '}',
];

/** A random program of plausible statements, possibly nested in zones. */
export const programArb: fc.Arbitrary<string> = fc.letrec<{ program: string; member: string }>(tie => ({
    program: fc.array(tie('member'), { maxLength: 25 }).map(members => members.join('\n')),
    member: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { weight: 6, arbitrary: fc.constantFrom(...STATEMENTS) },
        {
            weight: 1,
            arbitrary: fc.tuple(fc.constantFrom('z1', 'z2', 'inner', 'a'), fc.constantFrom('public', 'edge', 'private', 'bogus'),
                fc.array(tie('member'), { maxLength: 5 }))
                .map(([name, trust, members]) => `zone ${name} { trust: ${trust}\n${members.join('\n')}\n}`),
        },
    ),
})).program;

/** A mutation of a text: delete, duplicate or swap ranges, insert tokens, truncate. */
export type Mutation =
    | { op: 'delete'; at: number; length: number }
    | { op: 'duplicate'; at: number; length: number }
    | { op: 'swap'; a: number; b: number; length: number }
    | { op: 'insert'; at: number; tokens: string }
    | { op: 'truncate'; at: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
    fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), tokens: fc.array(tokenArb, { minLength: 1, maxLength: 4 }).map(t => t.join(' ')) }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Applies a mutation (positions are taken modulo the text length). */
export function mutate(text: string, m: Mutation): string {
    const n = text.length;
    if (n === 0) return m.op === 'insert' ? m.tokens : text;
    switch (m.op) {
        case 'delete': {
            const at = m.at % n;
            return text.slice(0, at) + text.slice(at + m.length);
        }
        case 'duplicate': {
            const at = m.at % n;
            const part = text.slice(at, at + m.length);
            return text.slice(0, at) + part + part + text.slice(at + m.length);
        }
        case 'swap': {
            let a = m.a % n;
            let b = m.b % n;
            if (a > b) [a, b] = [b, a];
            const length = Math.min(m.length, b - a);
            if (length <= 0) return text;
            const x = text.slice(a, a + length);
            const y = text.slice(b, b + length);
            return text.slice(0, a) + y + text.slice(a + length, b) + x + text.slice(b + y.length);
        }
        case 'insert': {
            const at = m.at % (n + 1);
            return `${text.slice(0, at)} ${m.tokens} ${text.slice(at)}`;
        }
        case 'truncate':
            return text.slice(0, m.at % (n + 1));
    }
}

// ---------------------------------------------------------------------------- workspaces

/** One set of services for all cases (building the parser takes ~0.5 s). */
let sharedServices: ReturnType<typeof createTestServices> | undefined;
let workspaceCounter = 0;

/**
 * Like `loadWorkspace` of `test/support/services.ts`, but on shared services: the files live under a
 * fresh folder and are removed again by `dispose`.
 */
/** Builds the shared services' parser up front, so the first case does not pay for it. */
export async function warmUp(): Promise<void> {
    const workspace = await loadFuzzWorkspace({ 'warm.arch': 'service a { -> b }\nservice b\n' });
    await workspace.dispose();
}

export async function loadFuzzWorkspace(files: Record<string, string>): Promise<Workspace & { dispose(): Promise<void> }> {
    sharedServices ??= createTestServices();
    const { shared } = sharedServices;
    const folder = `file:///fuzz/case${++workspaceCounter}`;
    const workspace = await buildWorkspace(sharedServices, files, name => URI.parse(`${folder}/${name}`));
    return {
        ...workspace,
        dispose: async () => {
            await shared.workspace.DocumentBuilder.update([], [...workspace.documents.values()].map(d => d.uri));
        },
    };
}

// ---------------------------------------------------------------------------- the properties

/** Generous hang bound: 50 ms per KB plus 2 s. Not a performance assertion. */
export function timeBound(bytes: number): number {
    return 2000 + 50 * (bytes / 1024);
}

/**
 * Runs `run` and checks it against `bound`: CPU time of this process (immune to other
 * processes on a busy CI machine) within the bound, wall time within five times it.
 */
export async function bounded<T>(what: string, bound: number, run: () => T | Promise<T>): Promise<{ result: T; cpuMs: number; wallMs: number }> {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = await run();
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (cpuMs > bound || wallMs > 5 * bound) {
        throw new Error(`${what} took ${cpuMs.toFixed(0)} ms of CPU, ${wallMs.toFixed(0)} ms of wall time (bound ${bound.toFixed(0)} ms CPU, ${(5 * bound).toFixed(0)} ms wall)`);
    }
    return { result, cpuMs, wallMs };
}

export interface AnalyseOptions {
    /** Also lay out and render the diagram of every model (slow: use on a sample). */
    layout?: boolean;
    /** Also apply every quick fix offered for every diagnostic. */
    quickFixes?: boolean;
}

export interface Analysis {
    workspace: Workspace;
    models: Map<string, ArchModel>;
    syntaxErrors: Map<string, boolean>;
}

/**
 * Runs `files` through the whole pipeline and asserts the properties that hold for every
 * input: nothing throws (errors swallowed by Langium's validation and by the rule engine are
 * caught through `console.error`), every step finishes within `timeBound`, formatting is
 * idempotent and keeps every comment, and quick fixes on parseable text stay parseable.
 */
export async function analyse(files: Record<string, string>, options: AnalyseOptions = {}): Promise<Analysis> {
    const bytes = Object.values(files).reduce((sum, text) => sum + text.length, 0);
    const bound = timeBound(bytes);
    const timed = async <T>(step: string, run: () => T | Promise<T>): Promise<T> =>
        (await bounded(`${step} on ${bytes} characters`, bound, run)).result;
    const errors: unknown[][] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => { errors.push(args); };
    let workspace: Awaited<ReturnType<typeof loadFuzzWorkspace>> | undefined;
    try {
        workspace = await timed('parse+link+validate', () => loadFuzzWorkspace(files));
        const ws = workspace;
        const models = new Map<string, ArchModel>();
        const syntaxErrors = new Map<string, boolean>();
        for (const [name, document] of ws.documents) {
            expect(document.diagnostics, `${name}: diagnostics computed`).toBeDefined();
            for (const d of document.diagnostics ?? []) {
                expect(typeof d.message === 'string' && d.message.length > 0, `${name}: diagnostic message`).toBe(true);
                expect(d.range.start.line >= 0 && d.range.start.character >= 0, `${name}: diagnostic range ${JSON.stringify(d.range)}`).toBe(true);
            }
            const model = await timed('model', () => buildDocumentModel(document, ws.services.shared.workspace.LangiumDocuments));
            models.set(name, model);
            await timed('rules', () => {
                for (const rule of RULES) rule.check(model, resolveOptions(rule.meta, undefined));
                return checkModel(model);
            });
            syntaxErrors.set(name, hasSyntaxErrors(document));
            await timed('format', () => checkFormatting(name, document, ws));
            if (options.quickFixes) await timed('quick fixes', () => checkQuickFixes(name, document, ws));
            // ELK needs about 2 s of CPU (worker threads count) for a hundred nested zones in 2 KB:
            // three times the byte-based bound still catches a hang, not a speed.
            if (options.layout) await bounded(`layout on ${bytes} characters`, 3 * bound, () => renderDiagram(model, {}));
        }
        if (errors.length > 0) {
            throw new Error(`console.error during the pipeline (a swallowed crash): ${errors.map(e => e.map(String).join(' ')).join('\n')}`);
        }
        return { workspace: ws, models, syntaxErrors };
    } finally {
        console.error = originalError;
        await workspace?.dispose();
    }
}

function comments(text: string): string[] {
    // Trailing whitespace and the kind of line break inside a comment may change; its words may not.
    return tokenize(text).filter(t => t.type === 'comment').map(t => t.text.replace(/\r\n?/g, '\n').replace(/[^\S\r\n]+$/gm, ''));
}

function checkFormatting(name: string, document: LangiumDocument, workspace: Workspace): void {
    const original = document.textDocument.getText();
    const formatted = formatDocumentText(document);
    expect(comments(formatted), `${name}: formatting keeps every comment`).toEqual(comments(original));
    if (hasSyntaxErrors(document)) return;
    const again = formatArchText(formatted, workspace.services);
    expect(again.syntaxErrors, `${name}: formatted text still parses`).toBe(false);
    expect(again.text, `${name}: formatting is idempotent`).toBe(formatted);
}

interface CodeActionLike {
    title: string;
    edit?: { changes?: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> };
}

/** Applies LSP text edits to a text. */
export function applyEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[], offsetAt: (p: { line: number; character: number }) => number): string {
    const sorted = [...edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start));
    let result = text;
    for (const edit of sorted) {
        result = result.slice(0, offsetAt(edit.range.start)) + edit.newText + result.slice(offsetAt(edit.range.end));
    }
    return result;
}

async function checkQuickFixes(name: string, document: LangiumDocument, workspace: Workspace): Promise<void> {
    const provider = workspace.services.lsp.CodeActionProvider;
    if (!provider || hasSyntaxErrors(document)) return;
    const diagnostics = document.diagnostics ?? [];
    if (diagnostics.length === 0) return;
    const actions = (await provider.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(document.textDocument.getText().length) },
        context: { diagnostics },
    })) as CodeActionLike[] | undefined;
    for (const action of actions ?? []) {
        for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
            const target = [...workspace.documents.values()].find(d => d.uri.toString() === uri);
            expect(target, `${name}: quick fix '${action.title}' edits a loaded document (${uri})`).toBeDefined();
            const text = target!.textDocument.getText();
            const fixed = applyEdits(text, edits, p => target!.textDocument.offsetAt(p));
            const parsed = workspace.services.parser.LangiumParser.parse(fixed);
            const errors = [...parsed.lexerErrors, ...parsed.parserErrors].map(e => e.message);
            expect(errors, `${name}: quick fix '${action.title}' yields parseable text:\n${fixed}`).toEqual([]);
        }
    }
}
