import { afterEach, describe, expect, test } from 'vitest';
import {
    expectFindReferences, expectFoldings, expectGoToDefinition, expectHighlight, expectSymbols, expectWorkspaceSymbols,
    parseHelper, textDocumentPositionParams,
} from 'langium/test';
import type { LangiumDocument } from 'langium';
import { SymbolKind, type DocumentSymbol, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { selectionRanges } from '../../src/lsp/selection-range-provider.js';
import { editorServices } from '../support/services.js';

const { services, addFile, reset } = editorServices();
const parse = parseHelper(services);

afterEach(() => reset());

/** Applies a workspace edit's changes for one document to its text. */
function applied(document: LangiumDocument, edit: WorkspaceEdit | undefined): string {
    const edits: TextEdit[] = edit?.changes?.[document.uri.toString()] ?? [];
    const text = document.textDocument.getText();
    const sorted = [...edits].sort((a, b) => document.textDocument.offsetAt(b.range.start) - document.textDocument.offsetAt(a.range.start));
    let result = text;
    for (const e of sorted) {
        result = result.slice(0, document.textDocument.offsetAt(e.range.start)) + e.newText + result.slice(document.textDocument.offsetAt(e.range.end));
    }
    return result;
}

async function rename(document: LangiumDocument, needle: string, newName: string, nth = 0): Promise<WorkspaceEdit | undefined> {
    const text = document.textDocument.getText();
    let offset = -1;
    for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
    return services.lsp.RenameProvider!.rename(document, { ...textDocumentPositionParams(document, offset + 1), newName });
}

describe('go to definition', () => {
    test('jumps from a reference to the declared id', async () => {
        await expectGoToDefinition(services)({
            text: 'service <|orders|>\ndatabase db\n<|>orders -> db',
            index: 0, rangeIndex: 0,
        });
    });

    test('jumps from broker.topic to the topic, and from its broker half to the broker', async () => {
        await expectGoToDefinition(services)({ text: 'broker bus { topic <|placed|> }\nservice a\na ~> bus.<|>placed', index: 0, rangeIndex: 0 });
        await expectGoToDefinition(services)({ text: 'broker <|bus|> { topic placed }\nservice a\na ~> <|>bus.placed', index: 0, rangeIndex: 0 });
    });

    test('jumps from a property reference and a view member', async () => {
        await expectGoToDefinition(services)({ text: 'storage <|assets|>\ncdn edge { origin: <|>assets }', index: 0, rangeIndex: 0 });
        await expectGoToDefinition(services)({ text: 'zone <|vpc|> { service a }\nview v { include <|>vpc }', index: 0, rangeIndex: 0 });
    });

    test('jumps to a declaration in an imported file, and from an import to the file', async () => {
        const lib = await addFile('lib.arch', 'service payments');
        const main = await parse('import "./lib.arch"\nservice orders\norders -> payments', { documentUri: 'file:///main.arch' });
        const text = main.textDocument.getText();
        const links = await services.lsp.DefinitionProvider!.getDefinition(main, textDocumentPositionParams(main, text.lastIndexOf('payments') + 2));
        expect(links?.[0].targetUri).toBe(lib.uri.toString());
        expect(links?.[0].targetSelectionRange.start).toEqual({ line: 0, character: 8 });
        const toFile = await services.lsp.DefinitionProvider!.getDefinition(main, textDocumentPositionParams(main, text.indexOf('lib.arch')));
        expect(toFile?.[0].targetUri).toBe(lib.uri.toString());
    });
});

describe('references and highlights', () => {
    test('finds every reference to a component in the file', async () => {
        await expectFindReferences(services)({
            text: 'service <|<|>orders|>\ndatabase db\n<|orders|> -> db\ngateway g { route "/o" -> <|orders|> }\nflow f { <|orders|> -> db }',
            includeDeclaration: true,
        });
    });

    test('finds references to a component in files that import it', async () => {
        const lib = await addFile('lib.arch', 'service payments');
        await addFile('main.arch', 'import "./lib.arch"\nservice orders\norders -> payments\nview v { include payments }');
        const refs = await services.lsp.ReferencesProvider!.findReferences(lib, { ...textDocumentPositionParams(lib, 9), context: { includeDeclaration: false } });
        expect(refs.map(r => r.uri)).toEqual(['file:///main.arch', 'file:///main.arch']);
    });

    test('highlights the uses of an id in the document', async () => {
        await expectHighlight(services)({ text: 'service <|<|>a|>\nservice b\n<|a|> -> b\n<|a|> ~> b' });
    });
});

describe('rename', () => {
    test('renames a component across files', async () => {
        const lib = await addFile('lib.arch', 'service payments\n@allow(orphan-component, "payments is called from outside")\nservice payments-admin');
        const main = await addFile('main.arch', 'import "./lib.arch"\nservice orders { -> payments }\nview v { include payments, orders }');
        const edit = await rename(main, 'payments', 'billing');
        expect(applied(lib, edit)).toBe('service billing\n@allow(orphan-component, "payments is called from outside")\nservice payments-admin');
        expect(applied(main, edit)).toBe('import "./lib.arch"\nservice orders { -> billing }\nview v { include billing, orders }');
    });

    test('renames a topic and keeps the broker half of broker.topic references', async () => {
        const doc = await parse('broker bus { topic placed }\nservice a\nservice b\na ~> bus.placed\nbus.placed ~> b\nflow f { a ~> bus.placed }', { documentUri: 'file:///t.arch' });
        const edit = await rename(doc, 'placed', 'orderPlaced');
        expect(applied(doc, edit)).toBe('broker bus { topic orderPlaced }\nservice a\nservice b\na ~> bus.orderPlaced\nbus.orderPlaced ~> b\nflow f { a ~> bus.orderPlaced }');
    });

    test('renames a topic from a broker.topic reference in another file', async () => {
        const lib = await addFile('bus.arch', 'broker bus { topic placed }');
        const main = await addFile('app.arch', 'import "./bus.arch"\nservice a\na ~> bus.placed\nview v { include bus.placed }');
        const edit = await rename(main, '.placed', 'order-placed');
        expect(applied(lib, edit)).toBe('broker bus { topic order-placed }');
        expect(applied(main, edit)).toBe('import "./bus.arch"\nservice a\na ~> bus.order-placed\nview v { include bus.order-placed }');
    });

    test('renames a broker and the broker half of its topic references', async () => {
        const doc = await parse('broker bus { topic placed }\nservice a\na ~> bus.placed', { documentUri: 'file:///b.arch' });
        const edit = await rename(doc, 'bus.placed', 'kafka');
        expect(applied(doc, edit)).toBe('broker kafka { topic placed }\nservice a\na ~> kafka.placed');
    });

    test('renames a zone and leaves @allow rule ids untouched', async () => {
        const doc = await parse('zone vpc { service a }\n@allow(vpc, "not a reference")\nservice b\nview v { include vpc }', { documentUri: 'file:///z.arch' });
        const edit = await rename(doc, 'vpc', 'private-net');
        expect(applied(doc, edit)).toBe('zone private-net { service a }\n@allow(vpc, "not a reference")\nservice b\nview v { include private-net }');
    });

    test('refuses an invalid new name and offers no rename on keywords', async () => {
        const doc = await parse('service a\nservice b\na -> b', { documentUri: 'file:///r.arch' });
        await expect(rename(doc, 'a', 'not valid')).rejects.toThrow(/not a valid id/);
        await expect(rename(doc, 'a', 'b')).rejects.toThrow(/'b' is already declared/);
        expect(services.lsp.RenameProvider!.prepareRename(doc, textDocumentPositionParams(doc, 2))).toBeUndefined();
        expect(services.lsp.RenameProvider!.prepareRename(doc, textDocumentPositionParams(doc, 8))).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 9 } });
    });
});

describe('document links', () => {
    test('link import paths to the imported files', async () => {
        const doc = await parse('import "./lib/payments.arch"\nservice a', { documentUri: 'file:///app/main.arch' });
        const links = await services.lsp.DocumentLinkProvider!.getDocumentLinks(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(links.map(l => [l.target, l.range.start.character])).toEqual([['file:///app/lib/payments.arch', 7]]);
    });
});

describe('symbols', () => {
    test('outline nests zones, components and channels and lists views and flows', async () => {
        await expectSymbols(services)({
            text: 'zone vpc "VPC" {\n  service a\n  broker bus { topic t  queue q }\n}\nservice b\na -> b\nview v { include * }\nflow f { a -> b }',
            assert: (symbols: DocumentSymbol[]) => {
                const flat = (list: DocumentSymbol[] = [], depth = 0): string[] => list.flatMap(s => [`${'  '.repeat(depth)}${s.name} (${s.detail})`, ...flat(s.children, depth + 1)]);
                expect(flat(symbols)).toEqual(['vpc (zone — VPC)', '  a (service)', '  bus (broker)', '    t (topic)', '    q (queue)', 'b (service)', 'v (view)', 'f (flow)']);
                expect(symbols[0].kind).toBe(SymbolKind.Namespace);
            },
        });
    });

    test('workspace symbols find components, zones and channels in every file', async () => {
        await addFile('one.arch', 'zone vpc { service orders }');
        await addFile('two.arch', 'broker bus { topic orderPlaced }');
        await expectWorkspaceSymbols(services.shared)({
            query: 'order',
            assert: (symbols) => {
                expect(symbols.map(s => s.name).sort()).toEqual(['bus.orderPlaced', 'orders']);
                expect(symbols.find(s => s.name === 'bus.orderPlaced')?.kind).toBe(SymbolKind.Event);
            },
        });
    });
});

describe('folding and selection ranges', () => {
    test('folds multi-line blocks and comments', async () => {
        await expectFoldings(services)({
            text: 'service b { replicas: 1 }\n/* a\n   comment */\n// one\n// two\nzone vpc {\n  service a {\n    replicas: 2\n  }\n}',
            assert: (foldings) => {
                const lines = foldings.map(f => `${f.startLine}-${f.endLine}`);
                expect(lines).toEqual(expect.arrayContaining(['1-2', '3-4', '5-8', '6-7']));
                expect(lines).not.toContain('0-0');
            },
        });
    });

    test('selection ranges grow from the word to the file', async () => {
        const doc = await parse('zone vpc {\n  service a { replicas: 2 }\n}', { documentUri: 'file:///s.arch' });
        const [range] = selectionRanges(doc, [{ line: 1, character: 20 }]);
        const chain: string[] = [];
        for (let r: typeof range | undefined = range; r; r = r.parent) {
            chain.push(doc.textDocument.getText(r.range));
        }
        expect(chain[0]).toBe('replicas');
        expect(chain).toContain('replicas: 2');
        expect(chain).toContain('service a { replicas: 2 }');
        expect(chain[chain.length - 1]).toBe(doc.textDocument.getText());
    });
});
