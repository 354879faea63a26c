/**
 * `defineRule`: the one way rules are declared. The check reports through `context.finding`,
 * which fills in the rule's id and default severity.
 */
import type { ArchModel, Finding } from '../model/arch-model.js';
import { numbersOf } from '../numbers/model-numbers.js';
import { findingOf, type Rule, type RuleContext, type RuleMeta } from './rule.js';

/** Declares a rule: metadata plus a pure check. */
export function defineRule(
    meta: Omit<RuleMeta, 'source' | 'options'> & Partial<Pick<RuleMeta, 'options'>>,
    check: (model: ArchModel, context: RuleContext) => Finding[],
): Rule {
    const full: RuleMeta = { options: {}, ...meta, source: 'rule' };
    return {
        meta: full,
        check: (model, options, assumptions) => check(model, {
            options,
            finding: (location, message, extras) => findingOf(full, location, message, extras),
            get numbers() { return numbersOf(model, assumptions); },
        }),
    };
}
