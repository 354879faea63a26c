/**
 * One `describeType`, three wordings: inside a diagnostic, in hover and completion, in the
 * property reference. The same walk over the type, so lists and unions read alike everywhere.
 */
import { describe, expect, it } from 'vitest';
import { describeType } from '../../src/model/schema/describe-type.js';
import { COMPONENT_PROPERTIES, type PropertyType } from '../../src/model/schema/property-schema.js';

const NESTED: PropertyType = {
    type: 'list', of: { type: 'union', of: [
        { type: 'number', integer: true, min: 1 },
        { type: 'reference', kinds: ['idp', 'channel'] },
        { type: 'enum', values: ['a', 'b'] },
    ] },
};

describe('describeType', () => {
    it('words a type as the end of a diagnostic sentence', () => {
        expect(describeType(NESTED, 'sentence')).toBe('a list [ … ] of a whole number or the id of a idp, channel or one of a, b');
        expect(describeType({ type: 'duration' }, 'sentence')).toBe('a duration such as 30s');
    });

    it('words a type in Markdown for hover and completion', () => {
        expect(describeType(NESTED, 'tooltip'))
            .toBe('list `[…]` of whole number ≥ 1, or reference to an `idp` or a topic or queue, or one of `a`, `b`');
        expect(describeType({ type: 'block', properties: { secure: COMPONENT_PROPERTIES.service.replicas } }, 'tooltip')).toBe('block `{ secure }`');
    });

    it('words a type for a cell of the property table, escaping the pipes', () => {
        expect(describeType(NESTED, 'table')).toBe('list of whole number ≥ 1, or id of a idp / channel, or `a` \\| `b`');
        expect(describeType({ type: 'mode', modes: { none: {}, jwt: {} } }, 'table')).toBe('`none` \\| `jwt` (with settings)');
    });
});
