/**
 * The model builder tests AST node types by `$type` equality, which is only right for types
 * without subtypes; a grammar change that gives one of them a subtype must fail here.
 */
import { describe, expect, test } from 'vitest';
import { reflection } from '../../src/language/generated/ast.js';

const TESTED_BY_NAME = [
    'Zone', 'Component', 'Channel', 'Connection', 'Route', 'Property', 'BlockValue', 'DurationValue',
    'ListValue', 'NumberValue', 'QuantityValue', 'RateValue', 'StringValue', 'WordValue',
];

describe('node types the model builder tests by name', () => {
    test.each(TESTED_BY_NAME)('%s has no subtypes', (type) => {
        expect(reflection.getAllSubTypes(type)).toEqual([type]);
    });
});
