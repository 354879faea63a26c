/**
 * The services that check `.arch` files: Langium's core (parser, linker, validator) with
 * Archway's language modules, the model checker and the rule configuration — the same
 * parsing, linking and diagnostics as the language server, without its editor features.
 * `archway check`, `archway export` and the benchmark use them.
 *
 * `createArchwayServices` (`src/lsp/module.ts`) adds completion, hover, formatting and the rest
 * of `langium/lsp` on top; loading and initialising those modules cost the CLI about a tenth of
 * a second at every start for nothing. A test checks that both report the same diagnostics.
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices, type Module,
    type PartialLangiumSharedCoreServices, type TextDocumentProvider,
} from 'langium';
import { ArchwayCoreModule, ArchwaySharedCoreModule } from '../language/archway-module.js';
import { ArchwayGeneratedModule, ArchwayGeneratedSharedModule } from '../language/generated/module.js';
import type { ImportStatus } from '../model/build-model.js';
import { ArchwayModelChecker, registerArchwayValidation } from './model-checker.js';
import { ArchwayRuleConfiguration, type DeploymentReader } from './rule-configuration.js';

/** Services Archway adds to Langium's for checking. */
export interface ArchwayCheckingAddedServices {
    archway: {
        ModelChecker: ArchwayModelChecker;
        /** archway.json and the `archway.rules` setting, per model root. */
        RuleConfiguration: ArchwayRuleConfiguration;
    };
}

/** Langium's core services plus the model checker and the rule configuration. */
export type ArchwayCheckServices = LangiumCoreServices & ArchwayCheckingAddedServices;

/** How files are checked (all optional; the language server uses the defaults). */
export interface ArchwayCheckOptions {
    /** One `archway.json` for every file (`--config`); otherwise each model root finds its own. */
    configFile?: string;
    /** Tells what an imported URI is (file, missing, directory, …); by default "loaded or missing". */
    importStatus?: (uri: string) => ImportStatus;
    /** Open documents, whose text is used instead of the file's (as an editor's). */
    textDocuments?: TextDocumentProvider;
    /** Reads the deployment files a configuration names, for the drift rules; without it there is no drift check. */
    deploymentReader?: DeploymentReader;
}

/** The model checker and the rule configuration, configured by `options`. */
export function createArchwayCheckingModule(options: ArchwayCheckOptions = {}): Module<ArchwayCheckServices, ArchwayCheckingAddedServices> {
    return {
        archway: {
            ModelChecker: (services) => new ArchwayModelChecker(services.shared, services.archway.RuleConfiguration, options.importStatus),
            RuleConfiguration: () => new ArchwayRuleConfiguration({ configFile: options.configFile, deploymentReader: options.deploymentReader }),
        },
    };
}

/** Creates the shared and language services for checking files (no LSP connection). */
export function createArchwayCheckServices(context: DefaultSharedCoreModuleContext, options: ArchwayCheckOptions = {}): { shared: LangiumSharedCoreServices; Archway: ArchwayCheckServices } {
    const openDocuments: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = options.textDocuments
        ? { workspace: { TextDocuments: () => options.textDocuments } }
        : {};
    const shared = inject(createDefaultSharedCoreModule(context), ArchwayGeneratedSharedModule, ArchwaySharedCoreModule, openDocuments);
    const Archway = inject(createDefaultCoreModule({ shared }), ArchwayGeneratedModule, ArchwayCoreModule, createArchwayCheckingModule(options));
    shared.ServiceRegistry.register(Archway);
    registerArchwayValidation(Archway, Archway.archway.ModelChecker);
    // No client to ask for configuration: use defaults.
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Archway };
}
