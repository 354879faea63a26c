/**
 * The rule engine: runs every enabled rule over a model, applies configuration (severities,
 * options, presets) and `@allow` suppressions, and reports bad `@allow`s.
 */
import type { Allow, ArchModel, Finding, Severity, SourceLocation } from '../model/arch-model.js';
import { parseDuration } from '../model/schema/units.js';
import { closest, didYouMean } from '../model/suggest.js';
import type { NumberAssumptions } from '../numbers/assumptions.js';
import { fix, rename } from './fix.js';
import { allowWithoutReason } from './model/model-problems.js';
import { getRule, RULES, ruleIds, SPLIT_FROM } from './registry.js';
import { findingOf, isCheckedRule, SEVERITY_RANK, type RuleMeta, type RuleOptions } from './rule.js';

/** A finding that an `@allow` suppressed, kept so reviews can see it. */
export interface SuppressedFinding {
    finding: Finding;
    allow: Allow;
}

export interface CheckResult {
    findings: Finding[];
    suppressed: SuppressedFinding[];
}

/** Configuration of one rule. */
export interface RuleSetting {
    /** Severity of the rule's main finding, or `off`. Lesser variants are capped at it. */
    severity: Severity | 'off';
    /** Option values (durations as `.arch` text or milliseconds). */
    options?: Record<string, unknown>;
    /** The `strict` preset: info findings of this rule are raised to warnings. */
    strict?: boolean;
}

/** Resolved configuration: severity (or off) and options per rule id. */
export interface RuleSettings {
    [ruleId: string]: RuleSetting | undefined;
}

/** Option values of a rule: its defaults overridden by `given` (durations in milliseconds). */
export function resolveOptions(meta: RuleMeta, given?: Record<string, unknown>): RuleOptions {
    const result: Record<string, number | string | boolean> = {};
    for (const [name, spec] of Object.entries(meta.options)) {
        const value = given?.[name] ?? spec.default;
        if (spec.type === 'duration') result[name] = typeof value === 'number' ? value : parseDuration(String(value)) ?? parseDuration(String(spec.default))!;
        else result[name] = value as number | string | boolean;
    }
    return result;
}

/** The severity a finding gets under a setting. */
export function effectiveSeverity(finding: Finding, meta: RuleMeta | undefined, setting: RuleSetting | undefined): Severity {
    let severity = finding.severity;
    if (setting && setting.severity !== 'off' && meta) {
        if (severity === meta.severity) severity = setting.severity;
        else if (SEVERITY_RANK[severity] > SEVERITY_RANK[setting.severity]) severity = setting.severity;
    }
    if (setting?.strict && severity === 'info') severity = 'warning';
    return severity;
}

/** How `checkModel` runs. */
export interface CheckOptions {
    /** Just this rule runs (and only its model problems are kept): how the rule tester checks one rule on its own. */
    only?: string;
    /** The numbers assumed where components declare none (archway.json `numbers`); the defaults when absent. */
    assumptions?: NumberAssumptions;
    /**
     * A rule's findings from an earlier check that stay valid for this model (see `check-reuse.ts`),
     * or undefined to run the rule: how an edit re-runs only the rules whose inputs changed.
     */
    reuse?: (ruleId: string) => Finding[] | undefined;
}

/** A check's result and each rule's own findings before configuration and suppression (for reuse by a later check). */
export interface RuleByRuleCheck {
    result: CheckResult;
    /** Findings of each rule that ran or was reused, as the rule returned them. */
    byRule: Map<string, Finding[]>;
    /** Ids of the rules that ran (the others' findings were reused). */
    ran: string[];
}

/** Checks a model: model problems plus every enabled rule, after configuration and suppression. */
export function checkModel(model: ArchModel, settings: RuleSettings = {}, options: CheckOptions = {}): CheckResult {
    return checkModelByRule(model, settings, options).result;
}

/** `checkModel`, keeping each rule's findings apart, and taking those `options.reuse` gives instead of running their rules. */
export function checkModelByRule(model: ArchModel, settings: RuleSettings = {}, { only, assumptions, reuse }: CheckOptions = {}): RuleByRuleCheck {
    const raw: Finding[] = model.problems.filter(p => only === undefined || p.code === only).map(withModelFixes);
    const byRule = new Map<string, Finding[]>();
    const ran: string[] = [];
    for (const rule of only === undefined ? RULES : RULES.filter(r => r.meta.id === only)) {
        const setting = settingOf(settings, rule.meta.id);
        if (setting?.severity === 'off') continue;
        let findings = reuse?.(rule.meta.id);
        if (!findings) {
            ran.push(rule.meta.id);
            try {
                findings = rule.check(model, resolveOptions(rule.meta, setting?.options), assumptions);
            } catch (error) {
                // One broken rule must not take the others down.
                console.error(`Archway: the rule '${rule.meta.id}' failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
                findings = [];
            }
        }
        byRule.set(rule.meta.id, findings);
        raw.push(...findings);
    }
    if (only === undefined || only === allowWithoutReason.meta.id) raw.push(...allowProblems(model));
    const allows = new AllowIndex(model);
    const findings: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    for (const finding of raw) {
        const setting = settingOf(settings, finding.code);
        if (setting?.severity === 'off') continue;
        // Under the setting of the rule it was split out of, a finding is judged as that rule's (a lesser variant keeps below it).
        const judgedAs = settings[finding.code] === undefined && SPLIT_FROM[finding.code] !== undefined ? SPLIT_FROM[finding.code] : finding.code;
        const severity = effectiveSeverity(finding, getRule(judgedAs)?.meta, setting);
        const result = severity === finding.severity ? finding : { ...finding, severity };
        const allow = finding.code === 'allow-without-reason' ? undefined : allows.find(finding);
        if (allow) suppressed.push({ finding: result, allow });
        else findings.push(result);
    }
    findings.sort(byLocation);
    suppressed.sort((a, b) => byLocation(a.finding, b.finding));
    return { result: { findings, suppressed }, byRule, ran };
}

/** A rule's setting; for a rule split out of another, the older rule's setting unless it has its own. */
function settingOf(settings: RuleSettings, id: string): RuleSettings[string] {
    const older = SPLIT_FROM[id];
    return settings[id] ?? (older === undefined ? undefined : settings[older]);
}

/** A model problem with the quick fixes its model-level rule derives from it. */
function withModelFixes(problem: Finding): Finding {
    const rule = getRule(problem.code);
    const fixes = rule && !isCheckedRule(rule) ? rule.fixesOf?.(problem) ?? [] : [];
    return fixes.length > 0 ? { ...problem, fixes } : problem;
}

/** Source order: file, then position (stable for findings at the same place). */
function byLocation(a: Finding, b: Finding): number {
    if (a.location.uri !== b.location.uri) return a.location.uri < b.location.uri ? -1 : 1;
    const x = a.location.range.start, y = b.location.range.start;
    return x.line - y.line || x.character - y.character;
}

/** `allow-without-reason` findings: @allow without a reason, or naming an unknown rule id. */
export function allowProblems(model: ArchModel): Finding[] {
    const known = new Set(ruleIds());
    const result: Finding[] = [];
    for (const allow of everyAllow(model).map(x => x.allow)) {
        if (!known.has(allow.rule)) {
            const suggestion = closest(allow.rule, known);
            result.push(findingOf(allowWithoutReason.meta, allow.location,
                `The @allow names the unknown rule '${allow.rule}'; it suppresses nothing.${didYouMean(suggestion)}`,
                { fixes: suggestion ? [fix(`Change to '${suggestion}'`, rename(allow.location, suggestion, allow.rule))] : [] }));
        } else if (allow.reason === undefined) {
            result.push(findingOf(allowWithoutReason.meta, allow.location,
                `The @allow of '${allow.rule}' gives no reason; write @allow(${allow.rule}, "why this is acceptable here") so reviewers can judge it.`));
        }
    }
    return result;
}

interface OwnedAllow {
    allow: Allow;
    /** Id of the element (or connection) carrying it. */
    owner: string;
    ownerType: 'component' | 'zone' | 'channel' | 'connection';
    /** The whole declaration: findings placed inside it are covered. */
    scope: SourceLocation;
}

function everyAllow(model: ArchModel): OwnedAllow[] {
    const result: OwnedAllow[] = [];
    for (const element of [...model.zones, ...model.components, ...model.channels]) {
        for (const allow of element.allows) result.push({ allow, owner: element.id, ownerType: element.type, scope: element.location });
    }
    for (const connection of model.connections) {
        for (const allow of connection.allows) result.push({ allow, owner: connection.id, ownerType: 'connection', scope: connection.location });
    }
    return result;
}

function contains(outer: SourceLocation, inner: SourceLocation): boolean {
    if (outer.uri !== inner.uri) return false;
    const a = outer.range, b = inner.range;
    const startOk = a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character <= b.start.character);
    const endOk = a.end.line > b.end.line || (a.end.line === b.end.line && a.end.character >= b.end.character);
    return startOk && endOk;
}

/**
 * Finds the `@allow` covering a finding: one for the finding's rule on a declaration or
 * connection whose text contains the finding, or on the finding's main element, its broker
 * (for channels) or any zone around it.
 */
class AllowIndex {
    private readonly byRule = new Map<string, OwnedAllow[]>();

    constructor(private readonly model: ArchModel) {
        for (const owned of everyAllow(model)) {
            const list = this.byRule.get(owned.allow.rule);
            if (list) list.push(owned);
            else this.byRule.set(owned.allow.rule, [owned]);
        }
    }

    find(finding: Finding): Allow | undefined {
        const older = SPLIT_FROM[finding.code];
        const own = this.byRule.get(finding.code);
        const inherited = older === undefined ? undefined : this.byRule.get(older);
        // Most findings have no @allow of their rule: no list is made for them.
        if (own === undefined && inherited === undefined) return undefined;
        const candidates = [...own ?? [], ...inherited ?? []];
        const subject = finding.elements[0];
        const owners = new Set<string>();
        if (subject !== undefined) {
            owners.add(subject);
            const element = this.model.elements.get(subject);
            if (element?.type === 'component') element.zonePath.forEach(z => owners.add(z));
            if (element?.type === 'channel') {
                owners.add(element.broker);
                const broker = this.model.elements.get(element.broker);
                if (broker?.type === 'component') broker.zonePath.forEach(z => owners.add(z));
            }
            if (element?.type === 'zone') for (let z = element.parent; z; z = (this.model.elements.get(z) as { parent?: string } | undefined)?.parent) owners.add(z);
        }
        const match = candidates.find(c => contains(c.scope, finding.location))
            ?? candidates.find(c => c.ownerType !== 'connection' && owners.has(c.owner));
        return match?.allow;
    }
}
