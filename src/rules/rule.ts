/**
 * What a rule is: metadata (id, area, default severity, title, rationale, options, fix) and a
 * pure `check(model, options)` that reads only the `ArchModel` and returns findings, each with
 * the quick fixes it proposes as fix intents.
 */
import type { ArchModel, Finding, RelatedLocation, Severity, SourceLocation } from '../model/arch-model.js';
import type { FixChangeKind, FixIntent } from '../model/fix-intent.js';
import type { NumberAssumptions } from '../numbers/assumptions.js';
import type { ModelNumbers } from '../numbers/model-numbers.js';

/** Rule areas, in catalogue order (RULES.md sections A–K, then the numbers of docs/numbers.md). */
export const RULE_AREAS = [
    'model', 'gateway', 'cdn-dns', 'auth', 'messaging', 'request-response', 'event-sourcing',
    'pipelines', 'orchestration', 'peer-to-peer', 'resilience', 'drift', 'numbers',
] as const;

export type RuleArea = typeof RULE_AREAS[number];

/** Human titles of the areas, for docs. */
export const AREA_TITLES: Readonly<Record<RuleArea, string>> = {
    'model': 'Model',
    'gateway': 'API gateway',
    'cdn-dns': 'CDN and DNS',
    'auth': 'Authentication: session vs JWT',
    'messaging': 'Pub-sub and brokers',
    'request-response': 'Request-response',
    'event-sourcing': 'Event sourcing',
    'pipelines': 'ETL, batching, streaming',
    'orchestration': 'Orchestration',
    'peer-to-peer': 'Peer-to-peer',
    'resilience': 'Data, transport, resilience',
    'drift': 'Deployment drift',
    'numbers': 'Numbers: availability, latency, capacity',
};

/** One option a rule accepts in `archway.json` (`["warning", { "maxDepth": 5 }]`). */
export interface RuleOption {
    type: 'integer' | 'duration' | 'boolean' | 'string';
    description: string;
    /** Default value; durations are written as in `.arch` (`60m`). */
    default: number | string | boolean;
    /** Smallest allowed value for integers. */
    min?: number;
}

/** Documentation examples: `.arch` text that reports and text that stays clean. */
export interface RuleExamples {
    invalid: string;
    valid: string;
    /** Deployment files both examples are checked against (the drift rules). */
    deployment?: { format: 'compose' | 'kubernetes'; text: string };
}

/** Static facts about a rule. */
export interface RuleMeta {
    /** Stable public id (`gateway-bypass`). */
    id: string;
    area: RuleArea;
    /** Severity under the `recommended` preset. */
    severity: Severity;
    /** One line: what the rule checks. */
    title: string;
    /** Why: the pattern it protects (a short paragraph). */
    rationale: string;
    /** When it fires, in detail (for docs). */
    fires: string;
    /** Options and their defaults. */
    options: Readonly<Record<string, RuleOption>>;
    /** How to fix a finding, in prose for the docs (when there is advice to give). */
    fix?: string;
    /**
     * The kinds of change the rule's quick fixes make (its findings' `fixes`); absent when the
     * editor offers none. The docs' quick-fix column derives from it; the rule tester checks it against
     * what the rule emits.
     */
    quickFix?: readonly FixChangeKind[];
    /** Where the finding comes from: a rule of the engine, the model builder, or the command line's file reader. */
    source: 'rule' | 'model' | 'reader';
    examples: RuleExamples;
}

/** Resolved option values (durations in milliseconds). */
export type RuleOptions = Readonly<Record<string, number | string | boolean>>;

/** A best-practice rule. */
export interface Rule {
    meta: RuleMeta;
    /**
     * Pure: reads the model, returns findings with `code` = `meta.id`. `assumptions` are the
     * numbers assumed where components declare none (archway.json `numbers`; the defaults when absent).
     */
    check(model: ArchModel, options: RuleOptions, assumptions?: NumberAssumptions): Finding[];
}

/** Metadata of a finding the model builder or the engine reports (no `check` of its own). */
export interface ModelRule {
    meta: RuleMeta;
    /** The quick fixes of one of its findings, from what the builder recorded in `data`. */
    fixesOf?(finding: Finding): FixIntent[];
}

/** True for a rule with a `check` (not a model-level id). */
export function isCheckedRule(rule: Rule | ModelRule): rule is Rule {
    return 'check' in rule;
}

/** True when the editor offers a quick fix for the rule's findings. */
export function hasQuickFix(meta: RuleMeta): boolean {
    return (meta.quickFix?.length ?? 0) > 0;
}

/** What a finding may add to its place and message. */
export interface FindingExtras {
    /** Only when it differs from the rule's default (`meta.severity`): the lesser or graver variants. */
    severity?: Severity;
    related?: RelatedLocation[];
    /** Model element ids the finding is about (for diagram badges). */
    elements?: string[];
    /** LSP tags: 1 = unnecessary. */
    tags?: number[];
    /** Quick fixes, as fix intents (written with the constructors of `fix.ts`). */
    fixes?: FixIntent[];
}

/** What a rule's check gets besides the model. */
export interface RuleContext {
    /** Resolved option values (durations in milliseconds). */
    options: RuleOptions;
    /** A finding of this rule: its id, and its default severity unless `extras.severity` says otherwise. */
    finding(location: SourceLocation, message: string, extras?: FindingExtras): Finding;
    /** The model's numbers under the configured assumptions (computed when first asked for). */
    readonly numbers: ModelNumbers;
}

/** A finding of the rule described by `meta`. */
export function findingOf(meta: Pick<RuleMeta, 'id' | 'severity'>, location: SourceLocation, message: string, extras: FindingExtras = {}): Finding {
    return {
        code: meta.id, severity: extras.severity ?? meta.severity, location, message,
        related: extras.related ?? [], elements: extras.elements ?? [],
        ...(extras.tags ? { tags: extras.tags } : {}), ...(extras.fixes && extras.fixes.length > 0 ? { fixes: extras.fixes } : {}),
    };
}

/** Severity order, most severe first. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1, hint: 0 };
