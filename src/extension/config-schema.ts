/**
 * The JSON schema of `archway.json` (contributed through `jsonValidation`, so editing the file
 * gets completion, hovers and errors), generated from the rule registry's metadata so it names
 * exactly the rules and options the checker knows. The freshness test (`test/generated/`)
 * keeps `schemas/archway.schema.json` equal to it (`npm run generate` rewrites the file).
 */
import { COMPONENT_KINDS } from '../model/arch-model.js';
import { DEFAULT_AVAILABILITY } from '../model/schema/property-schema.js';
import type { RuleMeta, RuleOption } from '../rules/rule.js';

type JsonSchema = Record<string, unknown>;

const SEVERITY_DESCRIPTIONS: Record<string, string> = {
    error: 'Report as an error (fails `archway check`).',
    warning: 'Report as a warning.',
    info: 'Report as information.',
    hint: 'Report as a hint (editor only).',
    off: 'Turn the rule off.',
};

function optionSchema(option: RuleOption): JsonSchema {
    const base = { description: option.description, default: option.default };
    switch (option.type) {
        case 'integer': return { type: 'integer', ...(option.min !== undefined ? { minimum: option.min } : {}), ...base };
        case 'boolean': return { type: 'boolean', ...base };
        case 'duration': return { type: 'string', pattern: '^\\d+(\\.\\d+)?(ms|s|sec|m|min|h|d|w)$', ...base };
        default: return { type: 'string', ...base };
    }
}

function ruleSchema(rule: RuleMeta): JsonSchema {
    const optionNames = Object.keys(rule.options);
    const options: JsonSchema = optionNames.length === 0
        ? { type: 'object', description: 'This rule has no options.', additionalProperties: false }
        : {
            type: 'object',
            properties: Object.fromEntries(optionNames.map(name => [name, optionSchema(rule.options[name])])),
            additionalProperties: false,
        };
    return {
        markdownDescription: `**${rule.title}** (default: \`${rule.severity}\`)\n\n${rule.rationale}`,
        anyOf: [
            { $ref: '#/definitions/severity' },
            { type: 'array', minItems: 1, maxItems: 2, items: [{ $ref: '#/definitions/severity' }, options] },
        ],
    };
}

/** `numbers`: what the arithmetic assumes per component kind (docs/numbers.md). */
function numbersSchema(): JsonSchema {
    const perKind = (value: (kind: typeof COMPONENT_KINDS[number]) => JsonSchema): JsonSchema => ({
        type: 'object',
        properties: Object.fromEntries(COMPONENT_KINDS.map(kind => [kind, value(kind)])),
        additionalProperties: false,
    });
    return {
        markdownDescription: 'What the numbers (availability, latency along flows) assume for a component that declares none, per kind. See docs/numbers.md.',
        type: 'object',
        properties: {
            availability: {
                description: 'Availability of one instance of each kind, such as `"99.9%"`.',
                ...perKind(kind => ({
                    anyOf: [{ type: 'string', pattern: '^\\d+(\\.\\d+)?%$' }, { type: 'number', minimum: 0, maximum: 100 }],
                    default: `${DEFAULT_AVAILABILITY[kind]}%`,
                })),
            },
            latency: {
                description: 'Latency a component of each kind adds to a request, such as `"5ms"` (none assumed by default).',
                ...perKind(() => ({ type: 'string', pattern: '^\\d+(\\.\\d+)?(ms|s|sec|m|min|h|d|w)$' })),
            },
        },
        additionalProperties: false,
    };
}

/** The schema for `archway.json`, listing `rules` and `numbers`. */
export function buildConfigSchema(rules: readonly RuleMeta[]): JsonSchema {
    const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'Archway configuration (archway.json)',
        description: 'Rule configuration read by the Archway language server and by `archway check`.',
        type: 'object',
        properties: {
            $schema: { type: 'string' },
            extends: {
                description: 'Preset to start from: `recommended` (default) or `strict` (raises info findings to warnings).',
                type: 'string', enum: ['recommended', 'strict'], default: 'recommended',
            },
            rules: {
                description: 'Per-rule severity (`"off"` disables it) or `[severity, options]`.',
                type: 'object',
                properties: Object.fromEntries(sorted.map(rule => [rule.id, ruleSchema(rule)])),
                propertyNames: { enum: sorted.map(rule => rule.id) },
            },
            deployment: {
                markdownDescription: 'Deployment files the `drift-*` rules compare the model with, relative to this file: `{ "kubernetes": ["k8s/"], "compose": ["docker-compose.yml"] }`. Kubernetes sources are manifest files or folders (searched for `.yaml` and `.yml`); Compose files merge in the order given.',
                type: 'object',
                properties: {
                    kubernetes: { description: 'Kubernetes manifest files or folders.', type: 'array', items: { type: 'string' } },
                    compose: { description: 'Compose files, merged in this order (like `docker compose -f a -f b`).', type: 'array', items: { type: 'string' } },
                },
                additionalProperties: false,
            },
            numbers: numbersSchema(),
        },
        additionalProperties: false,
        definitions: {
            severity: {
                type: 'string',
                enum: Object.keys(SEVERITY_DESCRIPTIONS),
                enumDescriptions: Object.values(SEVERITY_DESCRIPTIONS),
            },
        },
    };
}
