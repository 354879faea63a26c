/**
 * The complete Archway services: language core + LSP features + model checking.
 * Used by the language server and by the CLI, so both report the same diagnostics.
 */
import { inject, type Module } from 'langium';
import { readDeploymentSources } from '../import/drift-source.js';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
    type PartialLangiumSharedServices,
} from 'langium/lsp';
import { ArchwayCoreModule, ArchwaySharedCoreModule } from '../language/archway-module.js';
import { ArchwayGeneratedModule, ArchwayGeneratedSharedModule } from '../language/generated/module.js';
import { ArchwayModelChecker, registerArchwayValidation } from './archway-validator.js';
import { ArchwayRuleConfiguration, registerRuleConfiguration } from './archway-rule-config.js';
import { ArchwayCodeActionProvider } from './code-actions.js';
import { ArchwayEditorModule, ArchwayEditorSharedModule } from './archway-editor-module.js';
import { ArchwayDocumentFactory, ArchwayDocumentUpdateHandler } from './archway-update-handler.js';

/** Services Archway adds to Langium's. */
export interface ArchwayAddedServices {
    archway: {
        ModelChecker: ArchwayModelChecker;
        /** archway.json and the `archway.rules` setting, per model root. */
        RuleConfiguration: ArchwayRuleConfiguration;
    };
}

export type ArchwayServices = LangiumServices & ArchwayAddedServices;

/** LSP features and model checking. */
export const ArchwayLspModule: Module<ArchwayServices, PartialLangiumServices & ArchwayAddedServices> = {
    archway: {
        ModelChecker: (services) => new ArchwayModelChecker(services),
        RuleConfiguration: () => new ArchwayRuleConfiguration(),
    },
    lsp: {
        CodeActionProvider: () => new ArchwayCodeActionProvider(),
    },
};

/** Document updates that survive bursts, closed files and failed reads (see `archway-update-handler.ts`). */
export const ArchwayUpdateSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        DocumentUpdateHandler: (services) => new ArchwayDocumentUpdateHandler(services),
    },
    workspace: {
        LangiumDocumentFactory: (services) => new ArchwayDocumentFactory(services),
    },
};

/** Creates the shared and language services; with a connection they serve LSP. */
export function createArchwayServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Archway: ArchwayServices } {
    const shared = inject(createDefaultSharedModule(context), ArchwayGeneratedSharedModule, ArchwaySharedCoreModule, ArchwayEditorSharedModule, ArchwayUpdateSharedModule);
    const Archway = inject(createDefaultModule({ shared }), ArchwayGeneratedModule, ArchwayCoreModule, ArchwayLspModule, ArchwayEditorModule);
    shared.ServiceRegistry.register(Archway);
    registerArchwayValidation(Archway);
    // The editor reads deployment files for the drift rules (the CLI loads the reader only when a configuration names some).
    Archway.archway.RuleConfiguration.deploymentReader = readDeploymentSources;
    registerRuleConfiguration(shared, Archway, Archway.archway.RuleConfiguration);
    if (!context.connection) {
        // No LSP client to ask for configuration: use defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Archway };
}
