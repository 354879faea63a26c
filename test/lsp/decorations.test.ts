import { afterEach, describe, expect, test } from 'vitest';
import { expectSemanticToken, highlightHelper, parseHelper } from 'langium/test';
import { SemanticTokenTypes } from 'vscode-languageserver-protocol';
import { editorServices } from '../support/services.js';

const { services, reset } = editorServices();
const highlight = highlightHelper(services);
const parse = parseHelper(services);

afterEach(() => reset());

describe('semantic tokens', () => {
    test('colour kinds, ids by kind, properties, enum words, protocols and rule ids', async () => {
        const tokens = await highlight([
            '<|zone|> <|vpc|> {',
            '  <|service|> <|orders|> { <|replicas|>: 2 }',
            '  <|database|> <|db|>',
            '  <|broker|> <|bus|> { <|topic|> <|placed|> }',
            '}',
            '<|dns|> <|dns|> { routing: <|geo|> }',
            '@allow(<|sync-cycle|>, "ok")',
            '<|orders|> -> <|db|> : <|sql|>',
            'orders ~> <|bus.placed|>',
        ].join('\n'));
        const expected: [number, string][] = [
            [1, SemanticTokenTypes.namespace], [2, SemanticTokenTypes.keyword], [3, SemanticTokenTypes.class],
            [4, SemanticTokenTypes.property], [5, SemanticTokenTypes.keyword], [6, SemanticTokenTypes.struct],
            [7, SemanticTokenTypes.keyword], [8, SemanticTokenTypes.interface], [9, SemanticTokenTypes.keyword],
            [10, SemanticTokenTypes.event], [11, SemanticTokenTypes.keyword], [12, SemanticTokenTypes.class],
            [13, SemanticTokenTypes.enumMember], [14, SemanticTokenTypes.macro], [15, SemanticTokenTypes.class],
            [16, SemanticTokenTypes.struct], [17, SemanticTokenTypes.type], [18, SemanticTokenTypes.event],
        ];
        for (const [rangeIndex, tokenType] of expected) expectSemanticToken(tokens, { rangeIndex, tokenType: tokenType as SemanticTokenTypes });
    });
    test('colour references inside lists by what they name', async () => {
        const tokens = await highlight('database db\nbroker bus { topic t }\netl e { from: [<|db|>, <|bus.t|>] }');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.struct });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.event });
    });
});

describe('code lens', () => {
    test('offers Preview on each view and flow with the document and its name', async () => {
        const doc = await parse('service a\nservice b\na -> b\nview overview { include * }\nflow call { a -> b }', { documentUri: 'file:///lens.arch' });
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(lenses?.map(l => [l.command?.title, l.command?.command, l.command?.arguments, l.range.start.line])).toEqual([
            ['Preview', 'archway.openPreview', [{ uri: 'file:///lens.arch', view: 'overview' }], 3],
            ['Preview', 'archway.openPreview', [{ uri: 'file:///lens.arch', flow: 'call' }], 4],
        ]);
    });
});

describe('inlay hints', () => {
    const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

    test('show the protocol a flow step inherits from its connection', async () => {
        const doc = await parse('service a\nservice b\na -> b : grpcs\nflow f {\n  a -> b\n}', { documentUri: 'file:///flow.arch' });
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole });
        expect(hints?.map(h => [h.label, h.position])).toEqual([[': grpcs', { line: 4, character: 8 }]]);
    });

    test('flag a missing protocol only where the connection crosses the public boundary', async () => {
        const text = 'zone web { trust: public\n  client browser }\nservice api\ndatabase db\nbrowser -> api\napi -> db';
        const doc = await parse(text, { documentUri: 'file:///edge.arch' });
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole });
        expect(hints?.map(h => [h.label, h.position.line])).toEqual([[': https?', 4]]);
        expect(hints?.[0].textEdits?.[0].newText).toBe(' : https');
    });

    test('give nothing on broken text', async () => {
        const doc = await parse('service a {{ -> ', { documentUri: 'file:///broken.arch' });
        expect(await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole })).toEqual([]);
    });
});
