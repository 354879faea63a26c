/**
 * The Archway language services: parsing, scoping and linking. LSP features and
 * diagnostics are added on top by `src/lsp/archway-services.ts`.
 */
import {
    DefaultDocumentValidator, type AstNode, type Cancellation, type LangiumDocument, type Module,
    type ValidateSingleNodeOptions, type ValidationAcceptor, type ValidationOptions,
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { ArchwayDocumentBuilder } from './archway-document-builder.js';
import { createArchwayParser } from './archway-limits.js';
import { ArchwayParserErrorMessageProvider } from './archway-parser-errors.js';
import { ArchwayIndexManager, ArchwayLinker, ArchwayReferenceDescriptionProvider } from './archway-references.js';
import { ArchwayAstNodeDescriptionProvider, ArchwayScopeComputation, ArchwayScopeProvider } from './archway-scope.js';

/**
 * Unresolved references are reported by the model builder (as `unresolved-reference`, with a
 * suggestion), because only the property schema knows whether a bare word is a reference
 * (`origin: assets`) or an enum value (`routing: geo`).
 */
export class ArchwayDocumentValidator extends DefaultDocumentValidator {
    /** True while validating a document whose only checks are on its root (see `validateAstNodes`). */
    private rootChecksOnly = false;
    private readonly astTypes: string[];

    constructor(services: LangiumServices) {
        super(services);
        this.astTypes = services.shared.AstReflection.getAllTypes();
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
export const ArchwayCoreModule: Module<LangiumServices, PartialLangiumServices> = {
    parser: {
        LangiumParser: (services) => createArchwayParser(services),
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

/** Shared services: the document builder that re-validates import groups together. */
export const ArchwaySharedCoreModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: (services) => new ArchwayDocumentBuilder(services),
        IndexManager: (services) => new ArchwayIndexManager(services),
    },
};
