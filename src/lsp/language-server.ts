/**
 * The language server: Langium's, with selection ranges added to its capabilities.
 */
import { URI } from 'langium';
import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams, InitializeResult, SelectionRangeParams } from 'vscode-languageserver-protocol';
import { selectionRanges } from './selection-range-provider.js';

/** The language server, with selection ranges added to Langium's capabilities. */
export class ArchwayLanguageServer extends DefaultLanguageServer {
    constructor(services: LangiumSharedServices) {
        super(services);
        const connection = services.lsp.Connection;
        connection?.onSelectionRanges(async (params: SelectionRangeParams) => {
            const document = services.workspace.LangiumDocuments.getDocument(URI.parse(params.textDocument.uri));
            if (!document) return [];
            try {
                return selectionRanges(document, params.positions);
            } catch {
                return [];
            }
        });
    }

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        return { ...result, capabilities: { ...result.capabilities, selectionRangeProvider: true } };
    }
}
