/**
 * `formatArch` over parsed text: the CLI's `archway format`, the editor's formatter and the
 * tests format through these, so both parse the same way and agree on broken text.
 */
import type { LangiumCoreServices, LangiumDocument } from 'langium';
import { isArchFile, type ArchFile } from '../language/generated/ast.js';
import { formatArch } from './format.js';

/** True when the document parsed with lexer or parser errors. */
export function hasSyntaxErrors(document: LangiumDocument): boolean {
    const result = document.parseResult;
    return result.lexerErrors.length > 0 || result.parserErrors.length > 0;
}

/** Formats a parsed document's current text (re-indents only when it has syntax errors). */
export function formatDocumentText(document: LangiumDocument): string {
    const text = document.textDocument.getText();
    const root = document.parseResult.value;
    const current = isArchFile(root) && !hasSyntaxErrors(document) && root.$cstNode?.root.fullText === text;
    return formatArch(text, current ? root as ArchFile : undefined);
}

/** Formats `.arch` text with the language's parser (for the CLI and tests). */
export function formatArchText(text: string, services: LangiumCoreServices): { text: string; syntaxErrors: boolean } {
    const result = services.parser.LangiumParser.parse<ArchFile>(text);
    const syntaxErrors = result.lexerErrors.length > 0 || result.parserErrors.length > 0;
    return { text: formatArch(text, syntaxErrors ? undefined : result.value), syntaxErrors };
}
