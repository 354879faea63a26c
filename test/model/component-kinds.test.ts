/**
 * The kinds table (`src/model/component-kinds.ts`) against the grammar and the places that
 * read it: every kind keyword the parser accepts has exactly one row, and what a row names
 * (its drawing, its rule areas, its property table) exists.
 */
import { describe, expect, it } from 'vitest';
import { ICONS, iconId, kindCategory } from '../../src/diagram/icons.js';
import { kindKeywords, ruleKeywords } from '../../src/language/grammar-keywords.js';
import {
    COMPONENT_KIND_INFO, COMPONENT_KINDS, hasTrait, isComponentKind, kindNoun, kindPhrase, kindsWith,
} from '../../src/model/component-kinds.js';
import { COMPONENT_PROPERTIES } from '../../src/model/schema/property-schema.js';
import { RULE_AREAS } from '../../src/rules/rule.js';
import { describe as describeElement } from '../../src/rules/analysis.js';
import { loadText } from '../support/services.js';

describe('the kinds table', () => {
    it('has a row for every kind keyword of the grammar and no other row', () => {
        const grammar = ruleKeywords('Kind');
        expect(grammar.length).toBeGreaterThan(0);
        expect([...COMPONENT_KINDS].sort()).toEqual([...grammar].sort());
        expect([...kindKeywords()].sort()).toEqual([...grammar].sort());
    });

    it('lists the kinds in the order of the grammar', () => {
        expect(COMPONENT_KINDS).toEqual(ruleKeywords('Kind'));
    });

    it('gives every kind a property table, a drawing and known rule areas', () => {
        for (const kind of COMPONENT_KINDS) {
            const info = COMPONENT_KIND_INFO[kind];
            expect(COMPONENT_PROPERTIES[kind], kind).toBeDefined();
            expect(ICONS[info.icon], `${kind}: icon '${info.icon}'`).toBeDefined();
            for (const area of info.ruleAreas ?? []) expect(RULE_AREAS as readonly string[], kind).toContain(area);
            expect(info.doc, kind).toMatch(/^[A-Z].*\.$/);
            expect(info.noun, kind).not.toBe('');
        }
    });

    it('answers for words that are not kinds', () => {
        expect(isComponentKind('gateway')).toBe(true);
        expect(isComponentKind('topic')).toBe(false);
        expect(isComponentKind('toString')).toBe(false);
        expect(hasTrait('topic', 'dataStore')).toBe(false);
        expect(kindNoun('topic')).toBe('topic');
    });

    it('says kinds in the words of messages', async () => {
        expect(kindPhrase('idp')).toBe('an identity provider');
        expect(kindPhrase('gateway')).toBe('a gateway');
        expect(kindPhrase('eventstore')).toBe('an event store');
        const { model } = await loadText('loadbalancer lb\ndns names\netl nightly\nbroker bus { topic placed }');
        expect(['lb', 'names', 'nightly', 'bus.placed'].map(id => describeElement(model.elements.get(id)))).toEqual([
            "the load balancer 'lb'", "the DNS 'names'", "the ETL job 'nightly'", "the topic 'bus.placed'",
        ]);
    });

    it('derives the kind sets rules ask about from the rows', () => {
        for (const trait of ['serviceLike', 'dataStore', 'redundantByDefault', 'needsRedundancy', 'entryPoint', 'front', 'asyncEnd'] as const) {
            expect(kindsWith(trait), trait).toEqual(COMPONENT_KINDS.filter(kind => COMPONENT_KIND_INFO[kind][trait] === true));
        }
        // The sets the rules kept by hand before the table (a new kind may join them, none may leave).
        expect(kindsWith('serviceLike')).toEqual(expect.arrayContaining(['service', 'function', 'etl', 'batch', 'stream', 'orchestrator']));
        expect(kindsWith('dataStore')).toEqual(expect.arrayContaining(['database', 'cache', 'storage', 'eventstore']));
        expect(kindsWith('redundantByDefault')).toEqual(expect.arrayContaining(['dns', 'cdn', 'function', 'storage']));
        expect(kindsWith('entryPoint')).toEqual(expect.arrayContaining(['client']));
        expect(kindsWith('front')).toEqual(expect.arrayContaining(['cdn', 'loadbalancer', 'gateway']));
        expect(kindsWith('asyncEnd')).toEqual(expect.arrayContaining(['broker', 'eventstore', 'stream']));
        expect(kindsWith('needsRedundancy')).toEqual(expect.arrayContaining([
            'gateway', 'loadbalancer', 'broker', 'idp', 'database', 'cache', 'storage', 'eventstore', 'service', 'function', 'etl', 'batch', 'stream', 'orchestrator',
        ]));
        for (const kind of ['client', 'peer', 'external', 'dns', 'cdn']) expect(hasTrait(kind, 'needsRedundancy'), kind).toBe(false);
    });

    it('colours and draws a kind by its row', () => {
        expect(kindCategory('idp')).toBe('security');
        expect(kindCategory('topic')).toBe('messaging');
        expect(iconId('eventstore')).toBe('eventstore');
        expect(iconId('zone')).toBe('zone');
    });
});
