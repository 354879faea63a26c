/**
 * `defineRule`: the one way rules are declared.
 */
import type { ArchModel, Finding } from '../model/arch-model.js';
import type { Rule, RuleMeta, RuleOptions } from './rule.js';

/** Declares a rule: metadata plus a pure check. */
export function defineRule(meta: Omit<RuleMeta, 'source' | 'options'> & Partial<Pick<RuleMeta, 'options'>>, check: (model: ArchModel, options: RuleOptions) => Finding[]): Rule {
    return { meta: { options: {}, ...meta, source: 'rule' }, check };
}
