/**
 * The Archway language services: parsing, scoping and linking, on Langium's core services (no
 * editor). Model checking is added on top by `createArchwayCheckServices`
 * (`src/checking/check-services.ts`), editor features by `createArchwayServices`
 * (`src/lsp/module.ts`).
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, DefaultDocumentValidator, inject,
    type AstNode, type Cancellation, type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumDocument,
    type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices,
    type ValidateSingleNodeOptions, type ValidationAcceptor, type ValidationOptions,
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ArchwayDocumentBuilder } from './archway-document-builder.js';
import { ArchwayDocumentFactory } from './archway-document-factory.js';
import { escapeControlCharacters } from './display-text.js';
import { createArchwayParser } from './archway-limits.js';
import { ArchwayLexerService, createArchwayParserService } from './fast-parse/fast-parser-service.js';
import { ArchwayParserErrorMessageProvider } from './archway-parser-errors.js';
import { ArchwayIndexManager, ArchwayLinker, ArchwayReferenceDescriptionProvider } from './archway-references.js';
import { ArchwayAstNodeDescriptionProvider, ArchwayScopeComputation, ArchwayScopeProvider } from './archway-scope.js';
import { ArchwayGeneratedModule, ArchwayGeneratedSharedModule } from './generated/module.js';

/**
 * Unresolved references are reported by the model builder (as `unresolved-reference`, with a
 * suggestion), because only the property schema knows whether a bare word is a reference
 * (`origin: assets`) or an enum value (`routing: geo`).
 */
export class ArchwayDocumentValidator extends DefaultDocumentValidator {
    /** True while validating a document whose only checks are on its root (see `validateAstNodes`). */
    private rootChecksOnly = false;
    private readonly astTypes: string[];

    constructor(services: LangiumCoreServices) {
        super(services);
        this.astTypes = services.shared.AstReflection.getAllTypes();
    }

    /** Langium's diagnostics, with control characters quoted from the text written as `U+0007`. */
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            if (typeof diagnostic.message === 'string') diagnostic.message = escapeControlCharacters(diagnostic.message);
        }
        return diagnostics;
    }

    protected override processLinkingErrors(_document: LangiumDocument, _diagnostics: Diagnostic[]): void {
        // Reported by the model builder instead.
    }

    /**
     * The model checker is a check on the root (`ArchFile`); when no other node type has checks,
     * the walk over every AST node (one `await` per node) is skipped: it cost as much as the
     * rules on large files, for every file re-validated after an edit.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        this.rootChecksOnly = this.astTypes.every(type => type === rootNode.$type || this.validationRegistry.getChecks(type, options.categories).isEmpty());
        return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
    }

    protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions): ValidateSingleNodeOptions {
        if (this.rootChecksOnly) return { validateNode: node.$container === undefined, validateChildren: false };
        return super.validateSingleNodeOptions(node, options);
    }
}

/** Language-specific core services: scoping and validation plumbing. */
export const ArchwayCoreModule: Module<LangiumCoreServices, PartialLangiumCoreServices> = {
    parser: {
        // Valid text: the hand-written parser; anything else: Langium's, built on first use.
        LangiumParser: (services) => createArchwayParserService(services, createArchwayParser),
        Lexer: (services) => new ArchwayLexerService(services),
        ParserErrorMessageProvider: () => new ArchwayParserErrorMessageProvider(),
    },
    references: {
        ScopeComputation: (services) => new ArchwayScopeComputation(services),
        ScopeProvider: (services) => new ArchwayScopeProvider(services),
        Linker: (services) => new ArchwayLinker(services),
    },
    workspace: {
        AstNodeDescriptionProvider: (services) => new ArchwayAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: (services) => new ArchwayReferenceDescriptionProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new ArchwayDocumentValidator(services),
    },
};

/**
 * Shared services: the document builder that re-validates import groups together, the index,
 * and documents that re-parse incrementally and survive files that cannot be read.
 */
export const ArchwaySharedCoreModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        DocumentBuilder: (services) => new ArchwayDocumentBuilder(services),
        IndexManager: (services) => new ArchwayIndexManager(services),
        LangiumDocumentFactory: (services) => new ArchwayDocumentFactory(services),
    },
};

/**
 * Creates the shared and language services of the language alone: parsing, scoping and
 * linking, without model checking or editor features (`archway format` parses with these).
 */
export function createArchwayCoreServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Archway: LangiumCoreServices } {
    const shared = inject(createDefaultSharedCoreModule(context), ArchwayGeneratedSharedModule, ArchwaySharedCoreModule);
    const Archway = inject(createDefaultCoreModule({ shared }), ArchwayGeneratedModule, ArchwayCoreModule);
    shared.ServiceRegistry.register(Archway);
    // No client to ask for configuration: use defaults.
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Archway };
}
