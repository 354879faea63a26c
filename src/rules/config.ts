/**
 * `archway.json`: finding it (walking up from a file, or an explicit path), parsing it,
 * validating it against the rule metadata, and resolving it (preset + per-rule settings +
 * editor overrides) into the `RuleSettings` the engine takes. Read the same way by the
 * language server and the CLI, so the editor and CI agree.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Range, Severity } from '../model/arch-model.js';
import { parseDuration } from '../model/schema/units.js';
import { closest, didYouMean } from '../model/suggest.js';
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
    /** The file it came from, if any. */
    file: string | undefined;
    preset: Preset;
    settings: RuleSettings;
    errors: ConfigError[];
    /** Deployment files, when the configuration names any (paths relative to the file's folder). */
    deployment?: DeploymentConfig;
}

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The nearest `archway.json` in the directory of `start` or above it. */
export function findConfigFile(start: string): string | undefined {
    let dir = resolve(start);
    try {
        if (!statSync(dir).isDirectory()) dir = dirname(dir);
    } catch {
        dir = dirname(dir);
    }
    for (;;) {
        const candidate = join(dir, CONFIG_FILE_NAME);
        if (existsSync(candidate)) return candidate;
        const parent = dirname(dir);
        if (parent === dir) return undefined;
        dir = parent;
    }
}

/**
 * Parses and validates configuration text. Returns the valid parts (invalid entries are left
 * out) and every problem with its range.
 */
export function parseConfig(text: string, file?: string): { config: ArchwayConfig; errors: ConfigError[] } {
    const errors: ConfigError[] = [];
    let root: JsonNode;
    try {
        root = parseJson(text);
    } catch (error) {
        if (error instanceof JsonSyntaxError) return { config: {}, errors: [{ message: `${CONFIG_FILE_NAME} is not valid JSON: ${error.message}`, file, range: error.range }] };
        throw error;
    }
    return validateConfig(root, file, errors);
}

/** Validates a parsed configuration node. */
function validateConfig(root: JsonNode, file: string | undefined, errors: ConfigError[]): { config: ArchwayConfig; errors: ConfigError[] } {
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
            config.deployment = validateDeployment(entry.value, file, error);
        } else if (entry.key !== '$schema') {
            error(`Unknown configuration key "${entry.key}"; the keys are "extends", "rules" and "deployment".${didYouMean(closest(entry.key, ['extends', 'rules', 'deployment']))}`, entry.keyRange);
        }
    }
    return { config, errors };
}

/** `"deployment"`: lists of paths per format; each path must exist (relative to the file). */
function validateDeployment(node: JsonNode, file: string | undefined, error: (message: string, range: Range) => void): DeploymentConfig | undefined {
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
            if (file && !existsSync(resolve(dirname(file), item.value))) {
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

/** Options for `loadConfig`. */
export interface LoadConfigOptions {
    /** An explicit configuration file (`--config`); errors when it does not exist. */
    file?: string;
    /** A file or directory to start walking up from when no explicit file is given. */
    from?: string;
    /** Per-rule overrides (the editor setting `archway.rules`). */
    overrides?: unknown;
}

/** Finds, reads, validates and resolves the configuration. Never throws; problems are in `errors`. */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
    const errors: ConfigError[] = [];
    let file = options.file ? resolve(options.file) : options.from ? findConfigFile(options.from) : undefined;
    let config: ArchwayConfig = {};
    if (file) {
        let text: string | undefined;
        try {
            text = readFileSync(file, 'utf8');
        } catch {
            errors.push({ message: `The configuration file '${file}' cannot be read.`, file, range: NO_RANGE });
            file = options.file ? file : undefined;
        }
        if (text !== undefined) {
            const parsed = parseConfig(text, file);
            config = parsed.config;
            errors.push(...parsed.errors);
        }
    }
    const overrides = parseRuleOverrides(options.overrides);
    errors.push(...overrides.errors);
    return { file, preset: config.extends ?? 'recommended', settings: resolveSettings(config, overrides.rules), errors, ...(config.deployment ? { deployment: config.deployment } : {}) };
}

/** The configuration problems of a file, for the CLI (`archway check --config`, exit 2 when not empty). */
export function configErrors(file: string): ConfigError[] {
    return loadConfig({ file }).errors;
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
