/**
 * Completion that knows the language: kinds at a declaration start, the properties of the
 * enclosing kind (with their one-line docs), the values a property accepts (enum words, auth
 * modes, references of the right kind), protocols after a connection's `:`, ids after `->` /
 * `~>`, a broker's channels after `broker.`, rule ids in `@allow(`, view and flow members, and
 * snippets.
 *
 * The context is read from the tokens before the cursor (not from the parse tree), so it works
 * on half-typed text; the property schema is the single source of truth for names and values.
 * This file decides which kind of item the cursor calls for; what is at the cursor is read in
 * `completion-context.ts`, and the items come from `completion-statements.ts` (where a
 * statement starts), `completion-references.ts` (elements in scope) and
 * `completion-values.ts` (property values, protocols, rule ids).
 */
import { UriUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { importedUris } from '../language/archway-imports.js';
import type { CompletionProvider, CompletionProviderOptions, LangiumServices } from 'langium/lsp';
import {
    CompletionItemKind, InsertTextFormat,
    type CompletionItem, type CompletionList, type Range,
} from 'vscode-languageserver-types';
import type { CompletionParams } from 'vscode-languageserver-protocol';
import { isComponentKind } from '../model/component-kinds.js';
import { completionContextAt, joinedIdBefore, tableFor, type CompletionContext } from './completion-context.js';
import { ItemCollector } from './completion-items.js';
import { arrowTargets, channelMembers, viewMembers } from './completion-references.js';
import { statementStart } from './completion-statements.js';
import { propertyValues, protocols, ruleIds } from './completion-values.js';
import { elementsInScope } from './scope-elements.js';
import { KEYWORD_DOCS } from './language-docs.js';

export { blockFrames, tableFor, type BlockContext } from './completion-context.js';

/** Schema- and scope-driven completion. */
export class ArchwayCompletionProvider implements CompletionProvider {
    private readonly documents: LangiumDocuments;

    readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', ':', '>', '(', '@'] };

    /**
     * True when the client contributes its own declaration snippets (the VS Code extension
     * says so with `initializationOptions.clientSnippets`); the server then leaves out its
     * kind keywords and snippets so the user does not see each kind twice.
     */
    clientProvidesSnippets = false;

    constructor(services: LangiumServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        services.shared.lsp.LanguageServer?.onInitialize(params => {
            const options = params.initializationOptions as { clientSnippets?: unknown } | undefined;
            this.clientProvidesSnippets = options?.clientSnippets === true;
        });
    }

    getCompletion(document: LangiumDocument, params: CompletionParams): CompletionList {
        try {
            return { isIncomplete: false, items: this.items(document, document.textDocument.offsetAt(params.position)) };
        } catch {
            return { isIncomplete: false, items: [] };
        }
    }

    private items(document: LangiumDocument, offset: number): CompletionItem[] {
        const ctx = completionContextAt(document, offset);
        if (ctx === undefined) return [];
        if (!('tail' in ctx)) return this.importPaths(document, ctx.start, ctx.end);
        const result = new ItemCollector(ctx.range);
        this.collect(result, ctx, document);
        return result.items;
    }

    /** Adds the items the statement being typed calls for, by what its last token is. */
    private collect(result: ItemCollector, ctx: CompletionContext, document: LangiumDocument): void {
        const { context, frames, statement, tail, lastText } = ctx;
        const scope = () => elementsInScope(document, this.documents);

        // @allow( rule ids
        const annotationOpen = tail.lastIndexOf('(');
        if (annotationOpen >= 1 && tail[annotationOpen - 1] === 'allow' && !tail.slice(annotationOpen).includes(')')) {
            if (lastText === '(') ruleIds(result);
            return;
        }
        if (lastText === '@') {
            result.add({ label: 'allow', kind: CompletionItemKind.Keyword, detail: 'Suppress a rule here, with a reason', insertText: 'allow(${1:rule-id}, "${2:reason}")', insertTextFormat: InsertTextFormat.Snippet });
            return;
        }
        // broker.
        if (lastText === '.' && tail.length >= 2) return channelMembers(result, scope(), tail[tail.length - 2]);
        // Ids after arrows.
        if (lastText === '->' || lastText === '~>') return arrowTargets(result, scope(), context, statement, lastText, document, this.documents);
        // Values after `:`.
        if (lastText === ':') {
            const arrowAt = Math.max(tail.lastIndexOf('->'), tail.lastIndexOf('~>'));
            if (arrowAt >= 0 && arrowAt < tail.length - 2) return protocols(result, scope().find(e => e.id === joinedIdBefore(tail, tail.length - 1)));
            const name = tail[tail.length - 2];
            const table = tableFor(frames);
            if (name && table?.[name]) propertyValues(result, table[name], scope());
            return;
        }
        // Lists of references: `collapse: [a, <|>`.
        const bracket = tail.lastIndexOf('[');
        if (bracket >= 2 && !tail.slice(bracket).includes(']') && (lastText === '[' || lastText === ',') && tail[bracket - 1] === ':') {
            const spec = tableFor(frames)?.[tail[bracket - 2]];
            if (spec) propertyValues(result, spec, scope(), true);
            return;
        }
        // View members.
        if (context.type === 'view' && (lastText === 'include' || lastText === 'exclude' || (lastText === ',' && (tail.includes('include') || tail.includes('exclude'))))) {
            return viewMembers(result, scope(), lastText === 'include');
        }
        const atStart = tail.length === 0
            || (tail.length >= 3 && tail[tail.length - 2] === ':' && !tail.includes('->') && !tail.includes('~>') && context.type !== 'top' && context.type !== 'flow');
        if (atStart) return statementStart(result, ctx, scope, this.clientProvidesSnippets);
        // `browser <|>`: an arrow.
        if (tail.length === 1 && (context.type === 'top' || context.type === 'zone' || context.type === 'flow') && !isComponentKind(tail[0]) && !KEYWORD_DOCS[tail[0]]) {
            result.add({ label: '->', kind: CompletionItemKind.Operator, detail: 'synchronous call (request-response)' });
            result.add({ label: '~>', kind: CompletionItemKind.Operator, detail: 'asynchronous message (publish or deliver)' });
        }
    }

    /** Relative paths of the other `.arch` files in the workspace, for `import "…"`. */
    private importPaths(document: LangiumDocument, start: number, end: number): CompletionItem[] {
        const range: Range = { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
        const result = new ItemCollector(range);
        const own = document.uri.toString();
        const imported = new Set(importedUris(document));
        const from = UriUtils.dirname(document.uri);
        for (const other of this.documents.all) {
            const uri = other.uri.toString();
            if (uri === own || imported.has(uri) || !uri.endsWith('.arch')) continue;
            let path = UriUtils.relative(from, other.uri);
            if (!path.startsWith('.')) path = `./${path}`;
            result.add({ label: path, kind: CompletionItemKind.File, detail: 'import this file' });
        }
        return result.items;
    }
}
