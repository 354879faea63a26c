/**
 * The `numbers` section of archway.json: what the arithmetic assumes per component kind when a
 * component declares nothing (docs/numbers.md).
 *
 * ```json
 * "numbers": { "availability": { "service": "99.9%", "database": "99.95%" },
 *              "latency": { "database": "5ms" } }
 * ```
 */
import { COMPONENT_KINDS, type ComponentKind, type Range } from '../model/arch-model.js';
import { parseDuration, parsePercent } from '../model/schema/units.js';
import { closest, didYouMean } from '../model/suggest.js';
import type { NumberOverrides } from '../numbers/assumptions.js';
import type { JsonNode } from './json-with-locations.js';

const SECTIONS = ['availability', 'latency'] as const;

/** Validates the `numbers` section; invalid entries are reported through `error` and left out. */
export function validateNumbers(node: JsonNode, error: (message: string, range: Range) => void): NumberOverrides {
    const result: NumberOverrides = {};
    if (node.type !== 'object') {
        error('"numbers" must be an object such as { "availability": { "service": "99.9%" }, "latency": { "database": "5ms" } }.', node.range);
        return result;
    }
    for (const entry of node.entries) {
        if (entry.key !== 'availability' && entry.key !== 'latency') {
            error(`Unknown key "${entry.key}" in "numbers"; the keys are "availability" and "latency".${didYouMean(closest(entry.key, SECTIONS))}`, entry.keyRange);
            continue;
        }
        const section = entry.key;
        if (entry.value.type !== 'object') {
            error(`"numbers.${section}" must map component kinds to ${section === 'availability' ? 'percentages such as "99.9%"' : 'durations such as "5ms"'}.`, entry.value.range);
            continue;
        }
        const values: Partial<Record<ComponentKind, number>> = {};
        for (const kindEntry of entry.value.entries) {
            if (!(COMPONENT_KINDS as readonly string[]).includes(kindEntry.key)) {
                error(`Unknown component kind "${kindEntry.key}" in "numbers.${section}".${didYouMean(closest(kindEntry.key, COMPONENT_KINDS))}`, kindEntry.keyRange);
                continue;
            }
            const value = section === 'availability' ? percentValue(kindEntry.value) : durationValue(kindEntry.value);
            if (value === undefined) {
                error(section === 'availability'
                    ? `The availability of "${kindEntry.key}" must be a percentage from 0% to 100% such as "99.9%", not ${describe(kindEntry.value)}.`
                    : `The latency of "${kindEntry.key}" must be a duration such as "5ms", not ${describe(kindEntry.value)}.`, kindEntry.value.range);
                continue;
            }
            values[kindEntry.key as ComponentKind] = value;
        }
        result[section] = values;
    }
    return result;
}

/** `"99.9%"` or `99.9`, from 0 to 100. */
function percentValue(node: JsonNode): number | undefined {
    const percent = node.type === 'string' ? parsePercent(node.value) : node.type === 'number' ? node.value : undefined;
    return percent !== undefined && percent >= 0 && percent <= 100 ? percent : undefined;
}

/** `"5ms"`, in milliseconds. */
function durationValue(node: JsonNode): number | undefined {
    return node.type === 'string' ? parseDuration(node.value) : undefined;
}

function describe(node: JsonNode): string {
    switch (node.type) {
        case 'string': return `"${node.value}"`;
        case 'number': case 'boolean': return String(node.value);
        case 'null': return 'null';
        case 'array': return 'a list';
        case 'object': return 'an object';
    }
}
