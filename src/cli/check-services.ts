/**
 * The services `archway check` and `archway export` need: Langium's core (parser, linker,
 * validator) with Archway's language modules and the model checker — the same parsing,
 * linking and diagnostics as the language server, without its LSP features.
 *
 * `createArchwayServices` (src/lsp/archway-services.ts) adds completion, hover, formatting and
 * the rest of `langium/lsp` on top; loading and initialising those modules cost the CLI about
 * a tenth of a second at every start for nothing. A test checks that both report the same
 * diagnostics.
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices, type Module,
} from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { ArchwayCoreModule, ArchwaySharedCoreModule } from '../language/archway-module.js';
import { ArchwayGeneratedModule, ArchwayGeneratedSharedModule } from '../language/generated/module.js';
import { ArchwayRuleConfiguration } from '../lsp/archway-rule-config.js';
import type { ArchwayAddedServices } from '../lsp/archway-services.js';
import { ArchwayModelChecker, registerArchwayValidation } from '../lsp/archway-validator.js';

/** Langium's core services plus the model checker and the rule configuration. */
export type ArchwayCheckServices = LangiumCoreServices & ArchwayAddedServices;

/**
 * The language modules are typed for the full LSP services but only configure core services
 * (parser, scoping, linking, validation), so they apply to the core services as they are.
 */
const asCore = <T>(module: T) => module as unknown as Module<LangiumCoreServices, object>;

/** Creates the shared and language services for checking files (no LSP connection). */
export function createArchwayCheckServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Archway: ArchwayCheckServices } {
    const shared = inject(
        createDefaultSharedCoreModule(context), ArchwayGeneratedSharedModule,
        ArchwaySharedCoreModule as unknown as Module<LangiumSharedCoreServices, object>,
    );
    const checking: Module<ArchwayCheckServices, ArchwayAddedServices> = {
        archway: {
            ModelChecker: (services) => new ArchwayModelChecker(services as unknown as LangiumServices),
            RuleConfiguration: () => new ArchwayRuleConfiguration(),
        },
    };
    const Archway = inject(createDefaultCoreModule({ shared }), ArchwayGeneratedModule, asCore(ArchwayCoreModule), checking);
    shared.ServiceRegistry.register(Archway);
    registerArchwayValidation(Archway as unknown as LangiumServices & ArchwayAddedServices);
    // As `registerRuleConfiguration` does; the rest of it serves an LSP client.
    const checker = Archway.archway.ModelChecker;
    checker.settingsFor = uri => Archway.archway.RuleConfiguration.settingsFor(uri);
    // Drift: only when the CLI set a deployment reader (a configuration names deployment files).
    checker.deploymentFor = uri => Archway.archway.RuleConfiguration.deploymentFor(uri);
    // No client to ask for configuration: use defaults.
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Archway };
}
