/**
 * The public API of the rule engine, for the CLI and the language server:
 * checking, the rule list (`archway check --list-rules`), configuration and docs.
 */
export { checkModel, type CheckResult, type RuleSetting, type RuleSettings, type SuppressedFinding } from './engine.js';
export { getRule, listRules, ruleIds, RULES } from './registry.js';
export {
    CONFIG_FILE_NAME, configErrors, findConfigFile, formatConfigError, loadConfig, parseConfig, resolveSettings,
    type ArchwayConfig, type ConfigError, type LoadedConfig, type Preset,
} from './config.js';
export { QUICK_FIX_RULES } from './fixable.js';
export { AREA_TITLES, RULE_AREAS, type RuleArea, type RuleMeta } from './rule.js';
export { renderRuleDoc, renderRulesIndex } from './rule-docs.js';
