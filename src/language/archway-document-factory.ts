/**
 * Documents that survive failed reads and re-parse only what an edit touched.
 *
 * A closed document whose file cannot be read (deleted, unreadable, not a regular file) keeps
 * its last text instead of failing the build; an edit inside top-level declarations re-parses
 * only those (see `archway-incremental-parser.ts`). Files are read through Langium's
 * `FileSystemProvider` only (the disk on Node, the editor's file system in a browser).
 */
import {
    Cancellation, DefaultLangiumDocumentFactory, DocumentState, type AstNode, type FileSystemProvider, type LangiumDocument, type Mutable,
    type ParseResult, type URI,
} from 'langium';
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
        if (!await isRegularFile(this.fileSystemProvider, document.uri)) return lastText(document);
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

/**
 * True when `uri` names a regular file (FIFOs and devices are not: reading them may block
 * forever; a missing file or a file system that cannot tell is not either).
 */
export async function isRegularFile(fileSystem: FileSystemProvider, uri: URI): Promise<boolean> {
    try {
        return (await fileSystem.stat(uri)).isFile;
    } catch {
        return false;
    }
}
