import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments, parseHelper, textDocumentPositionParams } from 'langium/test';
import { formatArchText } from '../../src/format/format-text.js';
import { editorServices } from '../support/services.js';
import { archFiles } from '../support/examples.js';

const { services, reset } = editorServices();
const parse = parseHelper(services);

afterEach(() => reset());

/** The design fixture and every example, as [path, text]. */
function exampleTexts(): [string, string][] {
    return [...archFiles(['test/fixtures/design-example.arch', 'examples'])];
}

describe('editor features on half-typed text', () => {
    test('completion, hover, formatting, symbols and hints never throw on any prefix of the examples', async () => {
        let checked = 0;
        for (const [, text] of exampleTexts()) {
            // Cut the file at many points, as if the user were still typing it.
            const step = Math.max(7, Math.floor(text.length / 30));
            for (let cut = 1; cut < text.length; cut += step) {
                const partial = text.slice(0, cut);
                const doc = await parse(partial, { documentUri: `file:///typing-${checked}.arch` });
                const end = textDocumentPositionParams(doc, partial.length);
                const middle = textDocumentPositionParams(doc, Math.floor(partial.length / 2));
                await expect(Promise.resolve(services.lsp.CompletionProvider!.getCompletion(doc, end))).resolves.toBeDefined();
                await services.lsp.HoverProvider!.getHoverContent(doc, middle);
                await services.lsp.Formatter!.formatDocument(doc, { textDocument: { uri: doc.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
                await services.lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: { uri: doc.uri.toString() } });
                await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } } });
                await services.lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } });
                formatArchText(partial, services);
                await clearDocuments(services, [doc]);
                checked++;
            }
        }
        expect(checked).toBeGreaterThan(50);
    }, 120_000);
});
