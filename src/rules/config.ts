/**
 * `archway.json`: parsing it, validating it against the rule metadata, and resolving it
 * (preset + per-rule settings + editor overrides) into the `RuleSettings` the engine takes.
 * Read the same way by the language server and the CLI, so the editor and CI agree. Pure: the
 * file's text comes in (finding and reading it on disk is `config-files.ts`'s, for the CLI;
 * the language server reads it through its file system, see `src/checking/rule-configuration.ts`).
 */
import type { Range, Severity } from '../model/arch-model.js';
import { parseDuration } from '../model/schema/units.js';
import { closest, didYouMean } from '../model/suggest.js';
import { assumptionsWith, type NumberAssumptions, type NumberOverrides } from '../numbers/assumptions.js';
import { validateNumbers } from './config-numbers.js';
import type { RuleSetting, RuleSettings } from './engine.js';
import { JsonSyntaxError, parseJson, toPlain, type JsonNode } from './json-with-locations.js';
import { getRule, listRules, ruleIds, SPLIT_FROM } from './registry.js';

/** The configuration file name. */
export const CONFIG_FILE_NAME = 'archway.json';

export type Preset = 'recommended' | 'strict';
export const PRESETS: readonly Preset[] = ['recommended', 'strict'];

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;
type ConfiguredSeverity = Severity | 'off';

/** A per-rule entry: `"warning"` or `["warning", { "maxDepth": 5 }]`. */
export type RuleConfigValue = ConfiguredSeverity | [ConfiguredSeverity] | [ConfiguredSeverity, Record<string, unknown>];

/** The shape of `archway.json`. */
export interface ArchwayConfig {
    extends?: Preset;
    rules?: Record<string, RuleConfigValue>;
    /** Deployment files the drift rules compare the model with (paths relative to archway.json). */
    deployment?: DeploymentConfig;
    /** What the arithmetic assumes per kind (docs/numbers.md). */
    numbers?: NumberOverrides;
}

/** `"deployment": { "kubernetes": ["k8s/"], "compose": ["docker-compose.yml"] }`. */
export interface DeploymentConfig {
    kubernetes: string[];
    compose: string[];
}

const DEPLOYMENT_FORMATS = ['kubernetes', 'compose'] as const;

/** A problem in a configuration file (or in the editor's `archway.rules` override). */
export interface ConfigError {
    message: string;
    /** The file, when the problem is in one. */
    file: string | undefined;
    /** Zero-based range in the file. */
    range: Range;
}

/** A loaded, validated and resolved configuration. */
export interface LoadedConfig {
    /** The file it came from, if any (a path on disk, else its URI). */
    file: string | undefined;
    /** The file's URI, when the language server read it through its file system. */
    uri?: string;
    preset: Preset;
    settings: RuleSettings;
    /** The numbers assumed where components declare none (the defaults overridden by `numbers`). */
    assumptions: NumberAssumptions;
    errors: ConfigError[];
    /** Deployment files, when the configuration names any (paths relative to the file's folder). */
    deployment?: DeploymentConfig;
}

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Whether a deployment source named in a configuration (a path relative to its folder) exists;
 * given by whoever can look (the CLI on disk, the language server through its file system).
 */
export type DeploymentSourceCheck = (relativePath: string) => boolean;

/**
 * Parses and validates configuration text. Returns the valid parts (invalid entries are left
 * out) and every problem with its range.
 */
export function parseConfig(text: string, file?: string, sourceExists?: DeploymentSourceCheck): { config: ArchwayConfig; errors: ConfigError[] } {
    const errors: ConfigError[] = [];
    let root: JsonNode;
    try {
        root = parseJson(text);
    } catch (error) {
        if (error instanceof JsonSyntaxError) return { config: {}, errors: [{ message: `${CONFIG_FILE_NAME} is not valid JSON: ${error.message}`, file, range: error.range }] };
        throw error;
    }
    return validateConfig(root, file, errors, sourceExists);
}

/** Validates a parsed configuration node. */
function validateConfig(root: JsonNode, file: string | undefined, errors: ConfigError[], sourceExists?: DeploymentSourceCheck): { config: ArchwayConfig; errors: ConfigError[] } {
    const config: ArchwayConfig = {};
    const error = (message: string, range: Range): void => { errors.push({ message, file, range }); };
    if (root.type !== 'object') {
        error('The configuration must be a JSON object such as { "extends": "recommended", "rules": { } }.', root.range);
        return { config, errors };
    }
    for (const entry of root.entries) {
        if (entry.key === 'extends') {
            if (entry.value.type === 'string' && (PRESETS as readonly string[]).includes(entry.value.value)) config.extends = entry.value.value as Preset;
            else error(`"extends" must be "recommended" or "strict", not ${describeJson(entry.value)}.`, entry.value.range);
        } else if (entry.key === 'rules') {
            config.rules = validateRules(entry.value, error);
        } else if (entry.key === 'deployment') {
            config.deployment = validateDeployment(entry.value, sourceExists, error);
        } else if (entry.key === 'numbers') {
            config.numbers = validateNumbers(entry.value, error);
        } else if (entry.key !== '$schema') {
            const keys = ['extends', 'rules', 'deployment', 'numbers'];
            error(`Unknown configuration key "${entry.key}"; the keys are "extends", "rules", "deployment" and "numbers".${didYouMean(closest(entry.key, keys))}`, entry.keyRange);
        }
    }
    return { config, errors };
}

/** `"deployment"`: lists of paths per format; each path must exist (relative to the file). */
function validateDeployment(node: JsonNode, sourceExists: DeploymentSourceCheck | undefined, error: (message: string, range: Range) => void): DeploymentConfig | undefined {
    if (node.type !== 'object') {
        error('"deployment" must be an object such as { "kubernetes": ["k8s/"], "compose": ["docker-compose.yml"] }.', node.range);
        return undefined;
    }
    const deployment: DeploymentConfig = { kubernetes: [], compose: [] };
    for (const entry of node.entries) {
        if (!(DEPLOYMENT_FORMATS as readonly string[]).includes(entry.key)) {
            error(`Unknown deployment format "${entry.key}"; use "kubernetes" or "compose".${didYouMean(closest(entry.key, DEPLOYMENT_FORMATS))}`, entry.keyRange);
            continue;
        }
        const items = entry.value.type === 'array' ? entry.value.items : [entry.value];
        for (const item of items) {
            if (item.type !== 'string' || item.value.trim() === '') {
                error(`The "${entry.key}" deployment sources must be paths (strings), not ${describeJson(item)}.`, item.range);
                continue;
            }
            if (sourceExists && !sourceExists(item.value)) {
                error(`The deployment source '${item.value}' does not exist (paths are relative to ${CONFIG_FILE_NAME}).`, item.range);
                continue;
            }
            deployment[entry.key as typeof DEPLOYMENT_FORMATS[number]].push(item.value);
        }
    }
    return deployment.kubernetes.length + deployment.compose.length > 0 ? deployment : undefined;
}

function validateRules(node: JsonNode, error: (message: string, range: Range) => void): Record<string, RuleConfigValue> {
    const rules: Record<string, RuleConfigValue> = {};
    if (node.type !== 'object') {
        error('"rules" must be an object mapping rule ids to a severity or [severity, options].', node.range);
        return rules;
    }
    const known = ruleIds();
    for (const entry of node.entries) {
        const rule = getRule(entry.key);
        if (!rule) {
            error(`Unknown rule id "${entry.key}".${didYouMean(closest(entry.key, known))}`, entry.keyRange);
            continue;
        }
        const value = entry.value;
        const severityNode = value.type === 'array' ? value.items[0] : value;
        if (!severityNode || severityNode.type !== 'string' || !(SEVERITIES as readonly string[]).includes(severityNode.value)) {
            error(`The setting of "${entry.key}" must be "off", "info", "warning" or "error", or ["warning", { options }]; found ${severityNode ? describeJson(severityNode) : 'an empty list'}.`, (severityNode ?? value).range);
            continue;
        }
        const severity = severityNode.value as ConfiguredSeverity;
        if (value.type !== 'array' || value.items.length < 2) {
            rules[entry.key] = value.type === 'array' ? [severity] : severity;
            continue;
        }
        if (value.items.length > 2) error(`The setting of "${entry.key}" takes at most [severity, options].`, value.items[2].range);
        const optionsNode = value.items[1];
        const specs = rule.meta.options;
        const names = Object.keys(specs);
        if (optionsNode.type !== 'object') {
            error(`The options of "${entry.key}" must be an object${names.length ? ` with ${names.map(n => `"${n}"`).join(', ')}` : ''}.`, optionsNode.range);
            rules[entry.key] = [severity];
            continue;
        }
        const options: Record<string, unknown> = {};
        for (const option of optionsNode.entries) {
            const spec = specs[option.key];
            if (!spec) {
                error(names.length === 0
                    ? `The rule "${entry.key}" has no options.`
                    : `Unknown option "${option.key}" for "${entry.key}"; its options are ${names.map(n => `"${n}"`).join(', ')}.${didYouMean(closest(option.key, names))}`, option.keyRange);
                continue;
            }
            const v = option.value;
            if (spec.type === 'integer') {
                if (v.type !== 'number' || !Number.isInteger(v.value) || (spec.min !== undefined && v.value < spec.min)) {
                    error(`The option "${option.key}" of "${entry.key}" must be a whole number${spec.min !== undefined ? ` of at least ${spec.min}` : ''}, not ${describeJson(v)}.`, v.range);
                    continue;
                }
                options[option.key] = v.value;
            } else if (spec.type === 'duration') {
                if (v.type !== 'string' || parseDuration(v.value) === undefined) {
                    error(`The option "${option.key}" of "${entry.key}" must be a duration such as "15m" or "1h", not ${describeJson(v)}.`, v.range);
                    continue;
                }
                options[option.key] = v.value;
            } else if (spec.type === 'boolean') {
                if (v.type !== 'boolean') { error(`The option "${option.key}" of "${entry.key}" must be true or false.`, v.range); continue; }
                options[option.key] = v.value;
            } else {
                if (v.type !== 'string') { error(`The option "${option.key}" of "${entry.key}" must be a string.`, v.range); continue; }
                options[option.key] = v.value;
            }
        }
        rules[entry.key] = [severity, options];
    }
    return rules;
}

function describeJson(node: JsonNode): string {
    switch (node.type) {
        case 'string': return `"${node.value}"`;
        case 'number': case 'boolean': return String(node.value);
        case 'null': return 'null';
        case 'array': return 'a list';
        case 'object': return 'an object';
    }
}

/**
 * Validates an override object (the editor setting `archway.rules`, same shape as `"rules"` in
 * `archway.json`). Problems carry no file and an empty range.
 */
export function parseRuleOverrides(overrides: unknown): { rules: Record<string, RuleConfigValue>; errors: ConfigError[] } {
    if (overrides === undefined || overrides === null) return { rules: {}, errors: [] };
    const { config, errors } = parseConfig(JSON.stringify({ rules: overrides }));
    return { rules: config.rules ?? {}, errors: errors.map(e => ({ ...e, range: NO_RANGE, message: `archway.rules setting: ${e.message}` })) };
}

/** Turns a configuration (and optional overrides, which win) into engine settings. */
export function resolveSettings(config: ArchwayConfig, overrides: Record<string, RuleConfigValue> = {}): RuleSettings {
    const preset = config.extends ?? 'recommended';
    const settings: RuleSettings = {};
    const configured = { ...(config.rules ?? {}), ...overrides };
    for (const meta of listRules()) {
        const value = configured[meta.id];
        if (value === undefined) {
            // A rule split out of another follows the older id's setting when only that is configured (the engine applies it).
            const older = SPLIT_FROM[meta.id];
            if (older !== undefined && configured[older] !== undefined) continue;
            if (preset === 'strict') settings[meta.id] = strictSetting(meta.severity);
            continue;
        }
        const [severity, options] = Array.isArray(value) ? value : [value, undefined];
        const setting: RuleSetting = { severity };
        if (options) setting.options = options;
        settings[meta.id] = setting;
    }
    return settings;
}

function strictSetting(severity: Severity): RuleSetting {
    // Strict raises every info to a warning (including the info variants of warning/error rules,
    // e.g. private `plaintext-connection`).
    return { severity: severity === 'info' ? 'warning' : severity, strict: true };
}

/**
 * Resolves a configuration from the text of its file (undefined: no file, or it could not be
 * read — `unreadable` then names it) and the editor's overrides. Never throws; problems are in
 * `errors`.
 */
export function resolveConfig(options: {
    file?: string; text?: string; unreadable?: boolean; overrides?: unknown; deploymentSourceExists?: DeploymentSourceCheck;
}): LoadedConfig {
    const errors: ConfigError[] = [];
    let config: ArchwayConfig = {};
    let file = options.file;
    if (file && options.unreadable) {
        errors.push({ message: `The configuration file '${file}' cannot be read.`, file, range: NO_RANGE });
    } else if (file && options.text !== undefined) {
        const parsed = parseConfig(options.text, file, options.deploymentSourceExists);
        config = parsed.config;
        errors.push(...parsed.errors);
    } else {
        file = undefined;
    }
    const overrides = parseRuleOverrides(options.overrides);
    errors.push(...overrides.errors);
    return {
        file, preset: config.extends ?? 'recommended', settings: resolveSettings(config, overrides.rules),
        assumptions: assumptionsWith(config.numbers), errors, ...(config.deployment ? { deployment: config.deployment } : {}),
    };
}

/** A one-line description of a configuration error: `archway.json:3:5: Unknown rule id "x".` */
export function formatConfigError(error: ConfigError): string {
    const where = error.file ? `${error.file}:${error.range.start.line + 1}:${error.range.start.character + 1}: ` : '';
    return `${where}${error.message}`;
}

/** The JSON of the plain value of a configuration file (for tooling). */
export function configToPlain(text: string): unknown {
    return toPlain(parseJson(text));
}
