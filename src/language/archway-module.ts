/**
 * The Archway language services: parsing, scoping and linking. LSP features and
 * diagnostics are added on top by `src/lsp/archway-services.ts`.
 */
import { DefaultDocumentValidator, type LangiumDocument, type Module } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { ArchwayDocumentBuilder } from './archway-document-builder.js';
import { createArchwayParser } from './archway-limits.js';
import { ArchwayParserErrorMessageProvider } from './archway-parser-errors.js';
import { ArchwayScopeComputation, ArchwayScopeProvider } from './archway-scope.js';

/**
 * Unresolved references are reported by the model builder (as `unresolved-reference`, with a
 * suggestion), because only the property schema knows whether a bare word is a reference
 * (`origin: assets`) or an enum value (`routing: geo`).
 */
export class ArchwayDocumentValidator extends DefaultDocumentValidator {
    protected override processLinkingErrors(_document: LangiumDocument, _diagnostics: Diagnostic[]): void {
        // Reported by the model builder instead.
    }
}

/** Language-specific core services: scoping and validation plumbing. */
export const ArchwayCoreModule: Module<LangiumServices, PartialLangiumServices> = {
    parser: {
        LangiumParser: (services) => createArchwayParser(services),
        ParserErrorMessageProvider: () => new ArchwayParserErrorMessageProvider(),
    },
    references: {
        ScopeComputation: (services) => new ArchwayScopeComputation(services),
        ScopeProvider: (services) => new ArchwayScopeProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new ArchwayDocumentValidator(services),
    },
};

/** Shared services: the document builder that re-validates import groups together. */
export const ArchwaySharedCoreModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: (services) => new ArchwayDocumentBuilder(services),
    },
};
