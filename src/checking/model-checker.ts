/**
 * Turns model problems and rule findings into diagnostics. Each document is checked as part
 * of the model(s) it belongs to (see `modelRootsOf`); the findings located in it are reported
 * on it.
 */
import {
    URI, WorkspaceCache, type LangiumCoreServices, type LangiumDocument, type LangiumSharedCoreServices, type ValidationAcceptor,
    type ValidationChecks,
} from 'langium';
import type { ArchwayAstType, ArchFile } from '../language/generated/ast.js';
import type { ArchModel, Finding } from '../model/arch-model.js';
import type { ImportStatus } from '../model/build-model.js';
import { buildDocumentModel, modelRootsOf } from '../model/workspace-models.js';
import type { NumberAssumptions } from '../numbers/assumptions.js';
import { checkModelByRule, type CheckResult, type RuleSettings } from '../rules/engine.js';
import { MAX_PENDING, reuseCheck, settle, type ReusableCheck } from './check-reuse.js';
import { toDiagnosticInfo, type DiagnosticShape } from './diagnostics.js';
import type { ArchwayRuleConfiguration } from './rule-configuration.js';

/** The model of one root, its check result, and the findings grouped by file. */
export interface ModelCheck {
    model: ArchModel;
    result: CheckResult;
    /** Findings of `result` by `location.uri`. */
    findingsByUri: Map<string, Finding[]>;
    /** True when `result` is the previous check's, moved to the model's new places (see `check-reuse.ts`). */
    reused: boolean;
    /** Ids of the rules that ran for this check: all enabled ones, none when `reused`, some when only property values changed. */
    ran: readonly string[];
}



/**
 * Per-root models and check results, recomputed after any document changes: each model is
 * built and checked once per workspace state, however many of its files are validated.
 */
export class ArchwayModelChecker {
    private readonly checks: WorkspaceCache<string, ModelCheck>;
    /** The last check per root URI, across workspace changes (the cache above is emptied by every change). */
    private readonly last = new Map<string, ReusableCheck>();

    /**
     * @param shared The workspace whose documents are checked.
     * @param configuration Rule settings per model root (archway.json and the editor setting), and the deployment files it names.
     * @param importStatus Tells what an imported URI is (file, missing, directory, …); by default "loaded or missing".
     */
    constructor(
        private readonly shared: LangiumSharedCoreServices,
        private readonly configuration: ArchwayRuleConfiguration,
        readonly importStatus?: (uri: string) => ImportStatus,
    ) {
        this.checks = new WorkspaceCache(shared);
    }

    /** Rule settings for the model rooted at a URI. */
    settingsFor(rootUri: string): RuleSettings {
        return this.configuration.settingsFor(rootUri);
    }

    /** The numbers assumed for the model rooted at a URI (archway.json `numbers`). */
    assumptionsFor(rootUri: string): NumberAssumptions {
        return this.configuration.assumptionsFor(rootUri);
    }

    /** Model and check result of every model that includes `document`. */
    checksFor(document: LangiumDocument): ModelCheck[] {
        const documents = this.shared.workspace.LangiumDocuments;
        return modelRootsOf(document, documents).map(root => this.checkRootedAt(root));
    }

    /**
     * Model and check result of the model rooted at `root` (it and its imports), cached until
     * the next change: validation and the diagram of the same document share one build.
     */
    checkRootedAt(root: LangiumDocument): ModelCheck {
        return this.checks.get(root.uri.toString(), () => {
            const built = buildDocumentModel(root, this.shared.workspace.LangiumDocuments, this.importStatus);
            const uri = root.uri.toString();
            // The drift rules compare the model with the deployment files its configuration names.
            const deployment = this.configuration.deploymentFor(uri);
            const model = deployment ? { ...built, deployment } : built;
            const settings = this.settingsFor(uri);
            const assumptions = this.assumptionsFor(uri);
            // An edit that changes no rule input (a label, a comment, white space) reuses the last check, its places moved;
            // one that changes only property values re-runs just the rules that read them.
            const current = { model, settings: JSON.stringify({ settings, assumptions }), texts: this.textsOf(model) };
            const previous = this.last.get(uri);
            const reuse = previous && current.texts ? reuseCheck(previous, { ...current, texts: current.texts }) : undefined;
            let result: CheckResult;
            let ran: readonly string[] = [];
            if (reuse?.kind === 'whole' && previous) {
                result = reuse.result;
                const steps = [...previous.pending, reuse.shifts];
                const byRule = steps.length >= MAX_PENDING ? settle(previous.byRule, steps) : previous.byRule;
                if (current.texts) this.last.set(uri, { ...current, texts: current.texts, result, byRule, pending: byRule === previous.byRule ? steps : [] });
            } else {
                const check = checkModelByRule(model, settings, { assumptions, reuse: reuse?.kind === 'rules' ? reuse.findingsOf : undefined });
                result = check.result;
                ran = check.ran;
                if (current.texts) this.last.set(uri, { ...current, texts: current.texts, result, byRule: check.byRule, pending: [] });
            }
            if (!current.texts) this.last.delete(uri);
            this.forgetClosedRoots();
            const findingsByUri = new Map<string, Finding[]>();
            for (const finding of result.findings) {
                const list = findingsByUri.get(finding.location.uri);
                if (list) list.push(finding);
                else findingsByUri.set(finding.location.uri, [finding]);
            }
            return { model, result, findingsByUri, reused: reuse?.kind === 'whole', ran };
        });
    }

    /** Drops the last checks of roots no longer in the workspace. */
    private forgetClosedRoots(): void {
        const documents = this.shared.workspace.LangiumDocuments;
        for (const uri of this.last.keys()) if (!documents.hasDocument(URI.parse(uri))) this.last.delete(uri);
    }

    /** The text of each file of a model as it was built, or undefined when one is not loaded. */
    private textsOf(model: ArchModel): Map<string, string> | undefined {
        const texts = new Map<string, string>();
        for (const file of model.files) {
            const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(file));
            if (!document) return undefined;
            texts.set(file, document.textDocument.getText());
        }
        return texts;
    }

    /** Check results of every model that includes `document`. */
    resultsFor(document: LangiumDocument): CheckResult[] {
        return this.checksFor(document).map(check => check.result);
    }

    /** Models that include `document`, as checked (shared with editor features to avoid a second build). */
    modelsFor(document: LangiumDocument): ArchModel[] {
        return this.checksFor(document).map(check => check.model);
    }

    /** Findings located in `document`, deduplicated across models. */
    findingsIn(document: LangiumDocument): Finding[] {
        const uri = document.uri.toString();
        const checks = this.checksFor(document);
        // One model (the usual case): its findings are in source order, so copies share a start.
        if (checks.length === 1) return withoutCopies(checks[0].findingsByUri.get(uri) ?? []);
        const seen = new Set<string>();
        const result: Finding[] = [];
        for (const check of checks) {
            for (const finding of check.findingsByUri.get(uri) ?? []) {
                const key = findingKey(finding);
                if (seen.has(key)) continue;
                seen.add(key);
                result.push(finding);
            }
        }
        return result;
    }

    /** Forget cached results (e.g. after the configuration changed). */
    clear(): void {
        this.checks.clear();
        this.last.clear();
    }
}

/** What makes two findings copies of each other: the rule, the place and the message. */
function findingKey(finding: Finding): string {
    const { start, end } = finding.location.range;
    return `${finding.code}|${start.line}:${start.character}-${end.line}:${end.character}|${finding.message}`;
}

/**
 * `findings` (sorted by start, as a check's are) without copies of an earlier finding: the same
 * as keying every finding, but only findings that start at the same place are compared.
 */
export function withoutCopies(findings: readonly Finding[]): Finding[] {
    const result: Finding[] = [];
    for (let i = 0; i < findings.length;) {
        const start = findings[i].location.range.start;
        let j = i + 1;
        while (j < findings.length && findings[j].location.range.start.line === start.line && findings[j].location.range.start.character === start.character) j++;
        if (j === i + 1) result.push(findings[i]);
        else {
            const seen = new Set<string>();
            for (let k = i; k < j; k++) {
                const key = findingKey(findings[k]);
                if (!seen.has(key)) result.push(findings[k]);
                seen.add(key);
            }
        }
        i = j;
    }
    return result;
}

/**
 * Registers the checker as the validation of `ArchFile` roots: its findings become the
 * document's diagnostics (with element ids for `archway check`, without for the editor: `shape`).
 */
export function registerArchwayValidation(services: LangiumCoreServices, checker: ArchwayModelChecker, shape: DiagnosticShape = { elementIds: true }): void {
    const checks: ValidationChecks<ArchwayAstType> = {
        ArchFile: (node: ArchFile, accept: ValidationAcceptor) => {
            const document = node.$document;
            if (!document) return;
            for (const finding of checker.findingsIn(document)) {
                const { severity, message, info } = toDiagnosticInfo(finding, node, shape);
                accept(severity, message, info);
            }
        },
    };
    services.validation.ValidationRegistry.register(checks);
}
