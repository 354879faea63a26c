/**
 * Documents that survive failed reads and re-parse only what an edit touched.
 *
 * A closed document whose file cannot be read (deleted, unreadable, not a regular file) keeps
 * its last text instead of failing the build; an edit inside top-level declarations re-parses
 * only those (see `archway-incremental-parser.ts`).
 */
import { existsSync, statSync } from 'node:fs';
import { Cancellation, DefaultLangiumDocumentFactory, DocumentState, URI, type AstNode, type LangiumDocument, type Mutable, type ParseResult } from 'langium';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { incrementalParseStats, reparseIncrementally } from './archway-incremental-parser.js';

/** Langium's document factory, with incremental re-parsing and documents that outlive their files. */
export class ArchwayDocumentFactory extends DefaultLangiumDocumentFactory {
    /**
     * Langium's `update`, except that an edit inside top-level declarations re-parses only
     * those (see `archway-incremental-parser.ts`); anything else is parsed in full as before.
     */
    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const oldText = document.parseResult.value.$cstNode?.root.fullText;
        const textDocument = this.textDocuments?.get(document.uri.toString());
        const text = await this.getUpdatedText(document, textDocument, cancellationToken);
        if (textDocument) {
            Object.defineProperty(document, 'textDocument', { value: textDocument });
        } else {
            Object.defineProperty(document, 'textDocument', { get: this.createTextDocumentGetter(document.uri, text) });
        }
        if (oldText !== text) {
            const parser = this.serviceRegistry.getServices(document.uri).parser.LangiumParser;
            const incremental = oldText === undefined ? undefined : reparseIncrementally(parser, document.parseResult, oldText, text);
            if (!incremental) incrementalParseStats.full++;
            document.parseResult = (incremental ?? await this.parseAsync(document.uri, text, cancellationToken)) as ParseResult<T>;
            (document.parseResult.value as Mutable<AstNode>).$document = document;
        }
        document.state = DocumentState.Parsed;
        return document;
    }

    protected override async getUpdatedText<T extends AstNode>(document: Mutable<LangiumDocument<T>>, textDocument: TextDocument | undefined, token: Cancellation.CancellationToken): Promise<string> {
        if (textDocument) return textDocument.getText();
        if (document.uri.scheme === 'file' && !isFileOnDisk(document.uri)) return lastText(document);
        try {
            return await super.getUpdatedText(document, textDocument, token);
        } catch {
            return lastText(document);
        }
    }
}

function lastText(document: LangiumDocument): string {
    return document.parseResult?.value?.$cstNode?.root.fullText ?? '';
}

/** A regular file on disk (FIFOs and devices are not: reading them may block forever). */
export function isFileOnDisk(uri: URI): boolean {
    if (uri.scheme !== 'file') return false;
    try {
        return existsSync(uri.fsPath) && statSync(uri.fsPath).isFile();
    } catch {
        return false;
    }
}
