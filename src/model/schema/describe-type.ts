/**
 * A property type in words, for the three places that say what a property accepts: the
 * builder's diagnostics (a phrase inside a sentence), hover and completion (Markdown), and the
 * generated property reference (a Markdown table cell). One walk over the type; the wording
 * decides only the words.
 */
import type { PropertyType } from './property-schema.js';

/**
 * Who reads the words: `sentence` goes inside a diagnostic ("expects a duration such as 30s"),
 * `tooltip` into hover and completion documentation, `table` into a cell of the property docs.
 */
export type TypeWording = 'sentence' | 'tooltip' | 'table';

type NumberType = Extract<PropertyType, { type: 'number' }>;

/** The words of one wording for each kind of type; lists and unions get their parts already described. */
interface Words {
    number(type: NumberType): string;
    boolean: string;
    string: string;
    duration: string;
    rate: string;
    percent: string;
    quantity: string;
    enum(values: readonly string[]): string;
    reference(kinds: readonly string[]): string;
    mode(modes: readonly string[]): string;
    block(properties: readonly string[]): string;
    list(item: string): string;
    /** Between the alternatives of a union. */
    or: string;
}

const code = (word: string): string => `\`${word}\``;

/** `whole number ≥ 1` or `number`. */
const numberNoun = (type: NumberType): string =>
    type.integer ? `whole number${type.min !== undefined ? ` ≥ ${type.min}` : ''}` : 'number';

const WORDS: Record<TypeWording, Words> = {
    sentence: {
        number: type => type.integer ? 'a whole number' : 'a number',
        boolean: 'true or false',
        string: 'a string',
        duration: 'a duration such as 30s',
        rate: 'a rate such as 100/s',
        percent: 'a percentage such as 99.9%',
        quantity: "a count such as '1000 items'",
        enum: values => `one of ${values.join(', ')}`,
        reference: kinds => `the id of a ${kinds.join(', ')}`,
        mode: modes => `one of ${modes.join(', ')}`,
        block: () => 'a block { … }',
        list: item => `a list [ … ] of ${item}`,
        or: ' or ',
    },
    tooltip: {
        number: numberNoun,
        boolean: '`true` or `false`',
        string: 'string',
        duration: 'duration (`250ms`, `30s`, `15m`, `1h`, `7d`)',
        rate: 'rate (`100/s`, `6000/min`)',
        percent: 'percentage (`99.9%`, 0–100)',
        quantity: 'quantity (`1000 items`)',
        enum: values => `one of ${values.map(code).join(', ')}`,
        reference: kinds => `reference to ${orList(kinds.map(kindPhrase))}`,
        mode: modes => `mode: ${modes.map(code).join(', ')}`,
        block: properties => `block \`{ ${properties.join(' ')} }\``,
        list: item => `list \`[…]\` of ${item}`,
        or: ', or ',
    },
    table: {
        number: numberNoun,
        boolean: '`true` / `false`',
        string: 'string',
        duration: 'duration (`30s`)',
        rate: 'rate (`100/s`)',
        percent: 'percentage (`99.9%`)',
        quantity: 'count (`1000 items`)',
        enum: values => values.map(code).join(' \\| '),
        reference: kinds => `id of a ${kinds.join(' / ')}`,
        mode: modes => `${modes.map(code).join(' \\| ')} (with settings)`,
        block: () => '`{ … }` block',
        list: item => `list of ${item}`,
        or: ', or ',
    },
};

/** What a property of `type` accepts, in the words of `wording`. */
export function describeType(type: PropertyType, wording: TypeWording): string {
    const words = WORDS[wording];
    switch (type.type) {
        case 'number': return words.number(type);
        case 'boolean': return words.boolean;
        case 'string': return words.string;
        case 'duration': return words.duration;
        case 'rate': return words.rate;
        case 'percent': return words.percent;
        case 'quantity': return words.quantity;
        case 'enum': return words.enum(type.values);
        case 'reference': return words.reference(type.kinds);
        case 'mode': return words.mode(Object.keys(type.modes));
        case 'block': return words.block(Object.keys(type.properties));
        case 'list': return words.list(describeType(type.of, wording));
        case 'union': return type.of.map(member => describeType(member, wording)).join(words.or);
    }
}

/** `a \`cache\``, `an \`idp\``, `a topic or queue`. */
function kindPhrase(kind: string): string {
    if (kind === 'channel') return 'a topic or queue';
    return `${/^[aeio]/.test(kind) ? 'an' : 'a'} \`${kind}\``;
}

/** `a, b or c`. */
function orList(items: readonly string[]): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
