/**
 * Limits: huge, deep, long, repetitive, cyclic and oddly encoded input each gives a precise
 * diagnostic or works — never a stack overflow or a hang.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configureLayout, renderDiagram } from '../../src/diagram/index.js';
import { inputLimitProblem, MAX_FILE_BYTES, MAX_NESTING_DEPTH, utf8Length } from '../../src/language/archway-limits.js';
import { formatDocumentText } from '../../src/format/format-text.js';
import { buildModel } from '../../src/model/build-model.js';
import type { ArchFile } from '../../src/language/generated/ast.js';
import { loadText, loadWorkspace } from '../support/services.js';
import { analyse, bounded, timeBound, warmUp } from './fuzz-support.js';

beforeAll(async () => {
    configureLayout({ workerPath: false });
    await warmUp();
    await loadText('service warm');
});

async function within<T>(what: string, bytes: number, run: () => Promise<T> | T): Promise<T> {
    // Several pipeline steps may run here, each with its own bound.
    const { result, cpuMs, wallMs } = await bounded(what, 3 * timeBound(bytes), run);
    console.log(`limits: ${what}: ${cpuMs.toFixed(0)} ms CPU, ${wallMs.toFixed(0)} ms wall`);
    return result;
}

function nestedZones(depth: number, inner = 'service core'): string {
    let text = '';
    for (let i = 0; i < depth; i++) text += `${'  '.repeat(Math.min(i, 4))}zone z${i} {\n`;
    text += `${inner}\n`;
    for (let i = 0; i < depth; i++) text += '}\n';
    return text;
}

describe('size', () => {
    test('a file over 5 MB gets one diagnostic saying it is too large, and is not parsed', async () => {
        const line = 'service s "a component with a long label to fill the file quickly" { replicas: 2 }\n';
        const text = line.repeat(Math.ceil((MAX_FILE_BYTES + 1000) / line.length));
        const { diagnostics, model, document } = await within('6 MB file', text.length, () => loadText(text));
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0].message).toMatch(/^This file is 5\.\d MB; files over 5 MB are not parsed or checked\.$/);
        expect(diagnostics[0].severity).toBe(1);
        expect(diagnostics[0].range.start).toEqual({ line: 0, character: 0 });
        expect(model.components).toHaveLength(0);
        expect(formatDocumentText(document)).toBe(text);
    }, 60_000);

    test('the size limit counts UTF-8 bytes, not characters', () => {
        expect(utf8Length('aé名😀')).toBe(1 + 2 + 3 + 4);
        // 2 M two-byte characters: 4 MB, within the limit.
        expect(inputLimitProblem('é'.repeat(2 * 1024 * 1024))).toBeUndefined();
        // 2 M three-byte characters: 6 MB, too large.
        expect(inputLimitProblem('名'.repeat(2 * 1024 * 1024))?.kind).toBe('too-large');
        // An unpaired surrogate counts as three bytes (as its replacement character would).
        expect(utf8Length('\uD800')).toBe(3);
    });
});

describe('nesting', () => {
    for (const depth of [1_000, 10_000]) {
        test(`${depth.toLocaleString('en')} nested zones: one diagnostic at the first level too deep, no stack overflow`, async () => {
            const text = nestedZones(depth);
            const { diagnostics, model } = await within(`${depth} nested zones`, text.length, () => loadText(text));
            expect(diagnostics).toHaveLength(1);
            expect(diagnostics[0].message).toBe(`Blocks are nested more than ${MAX_NESTING_DEPTH} levels deep here; this file is not parsed until the nesting is reduced.`);
            // The `{` of zone number 101 (line 101).
            expect(diagnostics[0].range.start.line).toBe(MAX_NESTING_DEPTH);
            expect(text.split('\n')[MAX_NESTING_DEPTH].charAt(diagnostics[0].range.start.character)).toBe('{');
            expect(model.zones).toHaveLength(0);
        });
    }

    test(`${MAX_NESTING_DEPTH - 2} nested zones (${MAX_NESTING_DEPTH} levels of blocks) work: model, rules, formatting and layout`, async () => {
        const zones = MAX_NESTING_DEPTH - 2;
        // The innermost component's body and its connection's block are the last two levels.
        const text = nestedZones(zones, 'service core { replicas: 2 }\nservice edge { -> core : https { timeout: 1s } }');
        const { models, workspace } = await within(`${zones} nested zones, full pipeline`, text.length,
            () => analyse({ 'main.arch': text }, { layout: true }));
        expect(workspace.diagnostics('main.arch').filter(d => d.severity === 1)).toEqual([]);
        const model = models.get('main.arch')!;
        expect(model.zones).toHaveLength(zones);
        expect(model.elements.get('core')).toMatchObject({ zonePath: expect.arrayContaining(['z0', `z${zones - 1}`]) });
    }, 60_000);

    for (const [name, open, close] of [
        ['lists', 'tags: [', ']'],
        ['blocks', 'x: {', '}'],
        ['annotation parentheses', '@allow(', ')'],
    ] as const) {
        test(`10,000 nested ${name}: one diagnostic, no stack overflow`, async () => {
            const text = `service a { ${open.repeat(10_000)}1${close.repeat(10_000)} }\n`;
            const { diagnostics } = await within(`10,000 nested ${name}`, text.length, () => loadText(text));
            expect(diagnostics).toHaveLength(1);
            expect(diagnostics[0].message).toContain('nested more than');
        });
    }

    test('unclosed and unopened braces: syntax errors, bounded time', async () => {
        for (const text of ['zone z {\n'.repeat(10) + '{'.repeat(80), '}'.repeat(10_000), '{ }'.repeat(10_000)]) {
            const { diagnostics } = await within(`${JSON.stringify(text.slice(0, 12))}… (${text.length} chars)`, text.length, () => loadText(text));
            expect(diagnostics.length).toBeGreaterThan(0);
        }
    });

    test('5,000 stray closing braces in a flat file: no stack overflow in error recovery', async () => {
        // Chevrotain re-syncs into a repetition recursively, once per error: this overflowed.
        const text = 'service a }\n'.repeat(5_000);
        const { diagnostics, model } = await within('5,000 stray braces', text.length, () => loadText(text));
        expect(diagnostics.length).toBeGreaterThan(0);
        expect(diagnostics.some(d => String(d.message).includes('}'))).toBe(true);
        expect(model.components.length).toBeGreaterThan(0);
        // The parser is usable afterwards.
        const after = await loadText('service b\nservice c { -> b : https { timeout: 1s } }\n');
        expect(after.model.components.map(c => c.id)).toEqual(['b', 'c']);
    });

    test('brackets inside strings and comments do not count', () => {
        const deep = '{'.repeat(500);
        expect(inputLimitProblem(`service a "${deep}" // ${deep}\n/* ${deep}\n${deep} */ service b '${deep}'`)).toBeUndefined();
        // An unterminated string ends at the line break; the next line counts again.
        expect(inputLimitProblem(`service a "${deep}\n${deep}`)?.kind).toBe('too-deep');
    });

    test('the model builder handles a 10,000-level zone tree built without the parser', () => {
        // The parser refuses such text, but the builder must not depend on that.
        let members: unknown[] = [{ $type: 'Component', kind: 'service', name: 'core', members: [], annotations: [] }];
        for (let i = 9_999; i >= 0; i--) members = [{ $type: 'Zone', name: `z${i}`, members, annotations: [] }];
        const root = { $type: 'ArchFile', imports: [], elements: members } as unknown as ArchFile;
        const model = buildModel([{ uri: 'file:///deep.arch', root }], { resolveImport: (_, p) => p });
        expect(model.zones).toHaveLength(10_000);
        expect((model.elements.get('core') as { zonePath: string[] }).zonePath).toHaveLength(10_000);
    });
});

describe('long lines and repetition', () => {
    test('a 100,000-character label: parses, renders (label truncated in the SVG), formats', async () => {
        const label = 'L'.repeat(100_000);
        const text = `service a "${label}"\nservice b { -> a : https { timeout: 1s } }\n`;
        const { models } = await within('100,000-character label', text.length, () => analyse({ 'main.arch': text }));
        const { svg } = await within('render 100,000-character label', text.length, () => renderDiagram(models.get('main.arch')!));
        expect(svg.length).toBeLessThan(200_000);
    });

    test('a 100,000-character line of 1,000 labelled components, and a 100,000-character comment', async () => {
        const components = Array.from({ length: 1_000 }, (_, i) => `service s${i} "${'label '.repeat(15)}"`).join(' ');
        expect(components.length).toBeGreaterThan(100_000);
        const text = `${components}\n// ${'c'.repeat(100_000)}\n`;
        const { models } = await within('1,000 components on one line', text.length, () => analyse({ 'main.arch': text }));
        expect(models.get('main.arch')!.components).toHaveLength(1_000);
    }, 120_000);

    test('a 100,000-character identifier and a 100,000-character line of junk', async () => {
        const id = `a${'b'.repeat(100_000)}`;
        await within('long identifier', id.length, () => analyse({ 'main.arch': `service ${id}\n${id} -> x\n` }));
        const junk = '-> : { ] ) @ '.repeat(8_000);
        const { workspace } = await within('100,000 characters of junk', junk.length, () => analyse({ 'main.arch': junk }));
        expect(workspace.diagnostics('main.arch').length).toBeGreaterThan(0);
    }, 120_000);

    test('10,000 imports of the same file work', async () => {
        const main = `${'import "./b.arch"\n'.repeat(10_000)}service a { -> b : https { timeout: 1s } }\n`;
        const files = { 'main.arch': main, 'b.arch': 'service b\n' };
        const { models, workspace } = await within('10,000 imports', main.length, () => analyse(files));
        expect(models.get('main.arch')!.components.map(c => c.id).sort()).toEqual(['a', 'b']);
        expect(workspace.diagnostics('main.arch').filter(d => d.severity === 1)).toEqual([]);
    }, 120_000);
});

describe('imports', () => {
    test('import cycles: a warning on each import that closes a cycle; every file in the model once', async () => {
        const workspace = await loadWorkspace({
            'self.arch': 'import "./self.arch"\nservice s\n',
            'a.arch': 'import "./b.arch"\nservice a { -> b }\n',
            'b.arch': 'import "./c.arch"\nservice b { -> c }\n',
            'c.arch': 'import "./a.arch"\nservice c { -> a }\n',
        });
        expect(workspace.diagnostics('self.arch').map(d => d.message)).toContain("The file imports itself through './self.arch'.");
        for (const name of ['a.arch', 'b.arch', 'c.arch']) {
            expect(workspace.diagnostics(name).filter(d => d.code === 'import-cycle').length, name).toBeGreaterThan(0);
        }
        expect(workspace.model('a.arch').components.map(c => c.id).sort()).toEqual(['a', 'b', 'c']);
    });

    test('a missing file and an empty path: precise diagnostics', async () => {
        const { diagnostics } = await loadText('import "./nowhere.arch"\nimport ""\nservice a\n');
        expect(diagnostics.map(d => d.message)).toEqual(expect.arrayContaining([
            "The imported file './nowhere.arch' does not exist.",
            'The import path is empty.',
        ]));
    });

    test('hostile import paths resolve inside the file system model, without throwing', async () => {
        const paths = ['../../../../etc/passwd', '/etc/passwd', 'file:///etc/passwd', 'http://example.com/x.arch', '%00', '\\\\server\\share\\x.arch', '.', '..', '?', '#', 'C:\\x.arch'];
        const text = `${paths.map(p => `import "${p.replace(/\\/g, '\\\\')}"`).join('\n')}\nservice a\n`;
        const { workspace } = await analyse({ 'main.arch': text });
        const messages = workspace.diagnostics('main.arch').map(d => d.message);
        expect(messages.filter(m => String(m).startsWith('The imported file')).length).toBe(paths.length);
    });
});

describe('encodings and line endings', () => {
    test('a BOM is whitespace: the same diagnostics, on the same text', async () => {
        const plain = await loadText('service a\nservce b\n');
        const bom = await loadText('\uFEFFservice a\nservce b\n');
        const describe = (r: typeof plain) => r.diagnostics.map(d => [d.message, d.range.start.line, r.document.textDocument.getText(d.range)]);
        expect(describe(bom)).toEqual(describe(plain));
    });

    for (const [name, eol] of [['CRLF', '\r\n'], ['lone CR', '\r'], ['LF', '\n']] as const) {
        test(`${name} line endings: diagnostics on the right line and column`, async () => {
            const text = ['// header', 'service a', '  servce b', 'a -> nowhere'].join(eol) + eol;
            const { diagnostics, document } = await loadText(text);
            const kind = diagnostics.find(d => d.code === 'unknown-kind');
            expect(kind?.range.start).toEqual({ line: 2, character: 2 });
            const unresolved = diagnostics.find(d => String(d.message).includes("'nowhere'"));
            expect(unresolved?.range.start).toEqual({ line: 3, character: 5 });
            expect(document.textDocument.getText(unresolved!.range)).toBe('nowhere');
            await analyse({ 'main.arch': text });
        });
    }

    test('replacement characters, NUL, lone surrogates and bidi controls: diagnostics, no crash', async () => {
        const text = 'service a "\uFFFD\uFFFD"\nservice \uFFFDb\nservice c\u0000\nservice d "\uD800"\nservice e "\u202Eevil"\n';
        const { workspace } = await analyse({ 'main.arch': text });
        expect(workspace.diagnostics('main.arch').length).toBeGreaterThan(0);
    });
});

afterAll(() => configureLayout({ workerPath: undefined }));
