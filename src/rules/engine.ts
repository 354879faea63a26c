/**
 * The rule engine: runs every enabled rule over a model and applies configuration and
 * `@allow` suppressions. (Skeleton: model problems only; rules are registered in `registry.ts`.)
 */
import type { Allow, ArchModel, Finding } from '../model/arch-model.js';

/** A finding that an `@allow` suppressed, kept so reviews can see it. */
export interface SuppressedFinding {
    finding: Finding;
    allow: Allow;
}

export interface CheckResult {
    findings: Finding[];
    suppressed: SuppressedFinding[];
}

/** Resolved configuration: severity (or off) and options per rule id. */
export interface RuleSettings {
    [ruleId: string]: { severity: Finding['severity'] | 'off'; options?: Record<string, unknown> } | undefined;
}

/** Checks a model: model problems plus every enabled rule, after configuration and suppression. */
export function checkModel(model: ArchModel, settings: RuleSettings = {}): CheckResult {
    const findings: Finding[] = [];
    for (const problem of model.problems) {
        const setting = settings[problem.code];
        if (setting?.severity === 'off') continue;
        findings.push(setting ? { ...problem, severity: setting.severity } : problem);
    }
    return { findings, suppressed: [] };
}
