/**
 * The language server: Langium's, with selection ranges added to its capabilities and quick
 * fixes resolved lazily (`codeAction/resolve`) for clients that support it.
 */
import { DocumentState, URI } from 'langium';
import { DefaultLanguageServer, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import {
    CodeActionKind, type CancellationToken, type CodeAction, type InitializeParams, type InitializeResult, type SelectionRangeParams,
} from 'vscode-languageserver-protocol';
import { ArchwayCodeActionProvider } from './code-actions.js';
import { parseFixHandle } from './fix-handle.js';
import { selectionRanges } from './selection-range-provider.js';

/** True when the client's capabilities say it resolves a code action's `edit` lazily. */
export function resolvesEdits(params: InitializeParams): boolean {
    const properties = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties;
    return Array.isArray(properties) && properties.includes('edit');
}

/** The language server, with selection ranges and `codeAction/resolve` added to Langium's capabilities. */
export class ArchwayLanguageServer extends DefaultLanguageServer {
    /** Whether the client resolves code actions' edits (known after `initialize`; until then, edits are sent eagerly). */
    clientResolvesEdits = false;

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
        connection?.onCodeActionResolve((action, token) => this.resolveCodeAction(action, token));
    }

    /** The edit of a quick fix handed out with a handle; the action unchanged when it cannot be made (stale, closed, not ours). */
    private async resolveCodeAction(action: CodeAction, token: CancellationToken): Promise<CodeAction> {
        const handle = parseFixHandle(action.data);
        if (!handle) return action;
        const uri = URI.parse(handle.uri);
        const documents = this.services.workspace.LangiumDocuments;
        if (!documents.hasDocument(uri) || !this.services.ServiceRegistry.hasServices(uri)) return action;
        try {
            await this.services.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
        } catch {
            return action; // cancelled
        }
        const document = documents.getDocument(uri);
        const provider = (this.services.ServiceRegistry.getServices(uri) as LangiumServices).lsp?.CodeActionProvider;
        if (!document || !(provider instanceof ArchwayCodeActionProvider)) return action;
        return this.services.workspace.WorkspaceLock.read(() => provider.resolveCodeAction(action, document));
    }

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        this.clientResolvesEdits = resolvesEdits(params);
        const result = super.buildInitializeResult(params);
        return {
            ...result,
            capabilities: {
                ...result.capabilities,
                selectionRangeProvider: true,
                codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true },
            },
        };
    }
}
