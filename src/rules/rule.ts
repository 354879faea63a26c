/**
 * What a rule is: metadata (id, area, default severity, title, rationale, options, fix) and a
 * pure `check(model, options)` that reads only the `ArchModel` and returns findings.
 */
import type { ArchModel, Finding, Severity } from '../model/arch-model.js';

/** Rule areas, in catalogue order (RULES.md sections A–K). */
export const RULE_AREAS = [
    'model', 'gateway', 'cdn-dns', 'auth', 'messaging', 'request-response', 'event-sourcing',
    'pipelines', 'orchestration', 'peer-to-peer', 'resilience', 'drift',
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
    /** What the quick fix does, when there is one. */
    fix?: string;
    /** Where the finding comes from: a rule of the engine or the model builder. */
    source: 'rule' | 'model';
    examples: RuleExamples;
}

/** Resolved option values (durations in milliseconds). */
export type RuleOptions = Readonly<Record<string, number | string | boolean>>;

/** A best-practice rule. */
export interface Rule {
    meta: RuleMeta;
    /** Pure: reads the model, returns findings with `code` = `meta.id`. */
    check(model: ArchModel, options: RuleOptions): Finding[];
}

/** Metadata of a finding the model builder or the engine reports (no `check` of its own). */
export interface ModelRule {
    meta: RuleMeta;
}

/** Severity order, most severe first. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1, hint: 0 };
