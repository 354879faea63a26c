/**
 * Turns model problems and rule findings into LSP diagnostics. Each document is checked as
 * part of the model(s) it belongs to (see `modelRootsOf`); the findings located in it are
 * reported on it.
 */
import { WorkspaceCache, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { ArchwayAstType, ArchFile } from '../language/generated/ast.js';
import type { Finding } from '../model/arch-model.js';
import type { ImportStatus } from '../model/build-model.js';
import { buildDocumentModel, modelRootsOf } from '../model/workspace-models.js';
import { checkModel, type CheckResult, type RuleSettings } from '../rules/engine.js';
import { toDiagnosticInfo } from './diagnostics.js';

/** Per-root check results, recomputed after any document changes. */
export class ArchwayModelChecker {
    private readonly results: WorkspaceCache<string, CheckResult>;
    /** Rule settings in force (from archway.json and editor settings). */
    settings: RuleSettings = {};
    /** Rule settings for the model rooted at a URI (set by `registerRuleConfiguration` to read archway.json); defaults to `settings`. */
    settingsFor: (rootUri: string) => RuleSettings = () => this.settings;
    /** Tells what an imported URI is (file, missing, directory, …); defaults to "loaded or missing". */
    importStatus: ((uri: string) => ImportStatus) | undefined;

    constructor(private readonly services: LangiumServices) {
        this.results = new WorkspaceCache(services.shared);
    }

    /** Check results of every model that includes `document`. */
    resultsFor(document: LangiumDocument): CheckResult[] {
        const documents = this.services.shared.workspace.LangiumDocuments;
        return modelRootsOf(document, documents).map(root => this.results.get(root.uri.toString(),
            () => checkModel(buildDocumentModel(root, documents, this.importStatus), this.settingsFor(root.uri.toString()))));
    }

    /** Findings located in `document`, deduplicated across models. */
    findingsIn(document: LangiumDocument): Finding[] {
        const uri = document.uri.toString();
        const seen = new Set<string>();
        const result: Finding[] = [];
        for (const check of this.resultsFor(document)) {
            for (const finding of check.findings) {
                if (finding.location.uri !== uri) continue;
                const { start, end } = finding.location.range;
                const key = `${finding.code}|${start.line}:${start.character}-${end.line}:${end.character}|${finding.message}`;
                if (seen.has(key)) continue;
                seen.add(key);
                result.push(finding);
            }
        }
        return result;
    }

    /** Forget cached results (e.g. after the configuration changed). */
    clear(): void {
        this.results.clear();
    }
}

export function registerArchwayValidation(services: LangiumServices & { archway: { ModelChecker: ArchwayModelChecker } }): void {
    const checker = services.archway.ModelChecker;
    const checks: ValidationChecks<ArchwayAstType> = {
        ArchFile: (node: ArchFile, accept: ValidationAcceptor) => {
            const document = node.$document;
            if (!document) return;
            for (const finding of checker.findingsIn(document)) {
                const { severity, message, info } = toDiagnosticInfo(finding, node);
                accept(severity, message, info);
            }
        },
    };
    services.validation.ValidationRegistry.register(checks);
}
