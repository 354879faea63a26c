/**
 * Every rule Archway knows, in catalogue order: the rules with a `check`, plus the ids the
 * model builder and the engine report. The list itself is generated (`rule-index.ts`, from the
 * rule files), so a new rule file is picked up by `npm run generate` alone. `listRules()` is
 * what `archway check --list-rules` prints and what the docs are generated from.
 */
import { isCheckedRule, type ModelRule, type Rule, type RuleMeta } from './rule.js';
import { ALL_RULES } from './rule-index.js';

export { ALL_RULES };

/** Rules with a `check`, in catalogue order (the order the engine runs them in). */
export const RULES: readonly Rule[] = ALL_RULES.filter(isCheckedRule);

const BY_ID = new Map(ALL_RULES.map(r => [r.meta.id, r] as const));

/** Metadata of every rule id, in catalogue order (for `archway check --list-rules` and docs). */
export function listRules(): RuleMeta[] {
    return ALL_RULES.map(r => r.meta);
}

/** The rule (or model-level id) with this id. */
export function getRule(id: string): Rule | ModelRule | undefined {
    return BY_ID.get(id);
}

/** Every known rule id. */
export function ruleIds(): string[] {
    return [...BY_ID.keys()];
}

/**
 * Rules split out of an older one: configuration and `@allow` entries naming the older id keep
 * covering the new rule (`jwt-expiry-too-long` came out of `jwt-missing-expiry`).
 */
export const SPLIT_FROM: Readonly<Record<string, string>> = {
    'jwt-expiry-too-long': 'jwt-missing-expiry',
};
