/**
 * Editor intelligence: completion, hover, navigation, formatting, semantic tokens, code lens
 * and inlay hints. Injected after the core and checking modules by `createArchwayServices`.
 */
import type { Module } from 'langium';
import type { LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { ArchwayCodeLensProvider } from './archway-code-lens.js';
import { ArchwayCompletionProvider } from './archway-completion.js';
import { ArchwayFormatter } from './archway-formatter.js';
import { ArchwayHoverProvider } from './archway-hover.js';
import { ArchwayInlayHintProvider } from './archway-inlay-hints.js';
import {
    ArchwayDefinitionProvider, ArchwayDocumentLinkProvider, ArchwayDocumentSymbolProvider, ArchwayFoldingRangeProvider, ArchwayFuzzyMatcher, ArchwayLanguageServer, ArchwayNodeKindProvider, ArchwayRenameProvider,
} from './archway-navigation.js';
import { ArchwaySemanticTokenProvider } from './archway-semantic-tokens.js';

/** Language-level editor features. */
export const ArchwayEditorModule: Module<LangiumServices, PartialLangiumServices> = {
    lsp: {
        CompletionProvider: (services) => new ArchwayCompletionProvider(services),
        Formatter: () => new ArchwayFormatter(),
        HoverProvider: (services) => new ArchwayHoverProvider(services),
        DefinitionProvider: (services) => new ArchwayDefinitionProvider(services),
        RenameProvider: (services) => new ArchwayRenameProvider(services),
        DocumentSymbolProvider: () => new ArchwayDocumentSymbolProvider(),
        DocumentLinkProvider: () => new ArchwayDocumentLinkProvider(),
        FoldingRangeProvider: (services) => new ArchwayFoldingRangeProvider(services),
        SemanticTokenProvider: (services) => new ArchwaySemanticTokenProvider(services),
        CodeLensProvider: () => new ArchwayCodeLensProvider(),
        InlayHintProvider: (services) => new ArchwayInlayHintProvider(services),
    },
};

/** Shared editor features (symbol kinds, server capabilities). */
export const ArchwayEditorSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        NodeKindProvider: () => new ArchwayNodeKindProvider(),
        FuzzyMatcher: () => new ArchwayFuzzyMatcher(),
        LanguageServer: (services) => new ArchwayLanguageServer(services),
    },
};
