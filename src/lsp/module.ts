/**
 * The complete Archway services: the check services' modules (language core, model checking,
 * rule configuration) with Langium's LSP services and Archway's editor features on top. Used
 * by the language server; the CLI uses `createArchwayCheckServices` (`src/checking/`), which
 * reports the same diagnostics.
 */
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
    type PartialLangiumSharedServices,
} from 'langium/lsp';
import { createArchwayCheckingModule, type ArchwayCheckingAddedServices } from '../checking/check-services.js';
import { registerArchwayValidation } from '../checking/model-checker.js';
import { registerRuleConfigurationLoading, type DeploymentReader } from '../checking/rule-configuration.js';
import { ArchwayCoreModule, ArchwaySharedCoreModule } from '../language/archway-module.js';
import { ArchwayGeneratedModule, ArchwayGeneratedSharedModule } from '../language/generated/module.js';
import { ArchwayCodeActionProvider } from './code-actions.js';
import { ArchwayCodeLensProvider } from './code-lens-provider.js';
import { ArchwayCompletionProvider } from './completion-provider.js';
import { ArchwayDefinitionProvider } from './definition-provider.js';
import { ArchwayDocumentLinkProvider } from './document-link-provider.js';
import { ArchwayDocumentSymbolProvider } from './document-symbol-provider.js';
import { ArchwayDocumentUpdateHandler } from './document-update-handler.js';
import { ArchwayFoldingRangeProvider } from './folding-range-provider.js';
import { ArchwayFormatter } from './formatter.js';
import { ArchwayFuzzyMatcher } from './fuzzy-matcher.js';
import { ArchwayHoverProvider } from './hover-provider.js';
import { ArchwayInlayHintProvider } from './inlay-hint-provider.js';
import { ArchwayLanguageServer } from './language-server.js';
import { ArchwayNodeKindProvider } from './node-kind-provider.js';
import { ArchwayRenameProvider } from './rename-provider.js';
import { registerRuleConfigWatcher } from './rule-config-watcher.js';
import { ArchwaySemanticTokenProvider } from './semantic-token-provider.js';

/** Langium's LSP services plus the model checker and the rule configuration. */
export type ArchwayServices = LangiumServices & ArchwayCheckingAddedServices;

/**
 * Editor features: completion, hover, navigation, formatting, semantic tokens, code lens,
 * inlay hints and quick fixes.
 */
export const ArchwayLspModule: Module<ArchwayServices, PartialLangiumServices> = {
    lsp: {
        CodeActionProvider: (services) => new ArchwayCodeActionProvider(document => services.archway.ModelChecker.findingsIn(document), {
            resolveLazily: () => (services.shared.lsp.LanguageServer as ArchwayLanguageServer).clientResolvesEdits,
        }),
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

/**
 * Shared editor features: symbol kinds, symbol search, server capabilities, and document
 * updates that survive bursts and closed files (see `document-update-handler.ts`).
 */
export const ArchwayLspSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        NodeKindProvider: () => new ArchwayNodeKindProvider(),
        FuzzyMatcher: () => new ArchwayFuzzyMatcher(),
        LanguageServer: (services) => new ArchwayLanguageServer(services),
        DocumentUpdateHandler: (services) => new ArchwayDocumentUpdateHandler(services),
    },
};

/** Options of the language services. */
export interface ArchwayServicesOptions {
    /**
     * Reads the deployment files archway.json names, for the drift rules: the Node server passes
     * it (`src/server/main.ts`); the browser's server cannot read them from a disk.
     */
    deploymentReader?: DeploymentReader;
}

/** Creates the shared and language services; with a connection they serve LSP. */
export function createArchwayServices(context: DefaultSharedModuleContext, options: ArchwayServicesOptions = {}): { shared: LangiumSharedServices; Archway: ArchwayServices } {
    const shared = inject(createDefaultSharedModule(context), ArchwayGeneratedSharedModule, ArchwaySharedCoreModule, ArchwayLspSharedModule);
    const checking = createArchwayCheckingModule({ deploymentReader: options.deploymentReader });
    const Archway = inject(createDefaultModule({ shared }), ArchwayGeneratedModule, ArchwayCoreModule, checking, ArchwayLspModule);
    shared.ServiceRegistry.register(Archway);
    // The editor's diagnostics carry no data: the client never reads it (quick fixes are looked up on the server).
    registerArchwayValidation(Archway, Archway.archway.ModelChecker, { elementIds: false });
    registerRuleConfigurationLoading(shared, Archway.archway.RuleConfiguration, Archway.archway.ModelChecker);
    registerRuleConfigWatcher(shared, Archway.archway.RuleConfiguration, Archway.archway.ModelChecker);
    if (!context.connection) {
        // No LSP client to ask for configuration: use defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Archway };
}
