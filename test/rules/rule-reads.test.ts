/**
 * The declarations of what each rule reads (`src/rules/rule-reads.ts`) decide which rules an
 * edit of property values re-runs; a rule whose declaration leaves out a property it reads would
 * keep stale findings after an edit of that property. So: on every rule's doc examples, the
 * example models, the real models of the fixtures and a generated finding-heavy model, every
 * property a rule does not declare is removed everywhere, given other owners' values, and added
 * where it is missing (with values taken from any model), and the rule's findings must stay
 * exactly those of the unchanged model.
 */
import { describe, expect, test } from 'vitest';
import { generateModel } from '../../bench/generate-model.js';
import type { ArchModel, Property, PropertyMap } from '../../src/model/arch-model.js';
import { resolveOptions } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/registry.js';
import { RULE_READS, ruleReads } from '../../src/rules/rule-reads.js';
import type { Rule } from '../../src/rules/rule.js';
import { archFiles, exampleWorkspaces, workspacesOf } from '../support/examples.js';
import { modelOf } from './rule-tester.js';

type Owner = { properties: PropertyMap };

/** The owners of properties in a model: components, zones, channels, connections (and routes), flows. */
function ownersOf(model: ArchModel): Owner[] {
    return [...model.components, ...model.zones, ...model.channels, ...model.connections, ...model.flows];
}

/** A copy of `model` (its shared objects shared in the copy too) with `change` applied to the property maps of its owners. */
function variant(model: ArchModel, change: (owners: Owner[]) => void): ArchModel {
    const copy = structuredClone(model);
    change(ownersOf(copy));
    return copy;
}

function setProperty(owner: Owner, name: string, value: Property | undefined): void {
    const map = new Map(owner.properties);
    if (value === undefined) map.delete(name);
    else map.set(name, value);
    owner.properties = map;
}

/** Changes of one property everywhere in a model: removed, rotated among its owners, added to the owners without it. */
function changesOf(name: string, pool: ReadonlyMap<string, Property[]>): [string, (owners: Owner[]) => void][] {
    return [
        ['removed everywhere', owners => { for (const o of owners) if (o.properties.has(name)) setProperty(o, name, undefined); }],
        ['values rotated among its owners', owners => {
            const having = owners.filter(o => o.properties.has(name));
            const values = having.map(o => o.properties.get(name)!);
            having.forEach((o, i) => setProperty(o, name, values[(i + 1) % values.length]));
        }],
        ['added where missing', owners => {
            const values = pool.get(name) ?? [];
            owners.filter(o => !o.properties.has(name)).forEach((o, i) => setProperty(o, name, values[i % values.length]));
        }],
        ['other values', owners => {
            const values = pool.get(name) ?? [];
            owners.filter(o => o.properties.has(name)).forEach((o, i) => setProperty(o, name, values[(i * 7 + 3) % values.length]));
        }],
    ];
}

function findingsOf(rule: Rule, model: ArchModel): string {
    return JSON.stringify(rule.check(model, resolveOptions(rule.meta, undefined), undefined));
}

/**
 * Each case where a rule's findings changed although only a property it does not read (by
 * `reads`) changed: `rule / property / change / model`.
 */
function staleCases(models: ReadonlyMap<string, ArchModel>, reads: (ruleId: string) => readonly string[] | undefined, rules: readonly Rule[]): string[] {
    const pool = new Map<string, Property[]>();
    for (const model of models.values()) {
        for (const owner of ownersOf(model)) for (const [name, value] of owner.properties) {
            const values = pool.get(name) ?? [];
            if (values.length < 12) values.push(value);
            pool.set(name, values);
        }
    }
    const declared = rules.filter(rule => reads(rule.meta.id) !== undefined);
    const stale: string[] = [];
    for (const [label, model] of models) {
        const before = new Map(declared.map(rule => [rule.meta.id, findingsOf(rule, model)]));
        for (const name of pool.keys()) {
            const affected = declared.filter(rule => !reads(rule.meta.id)!.includes(name));
            for (const [how, change] of changesOf(name, pool)) {
                const changed = variant(model, change);
                for (const rule of affected) {
                    if (findingsOf(rule, changed) !== before.get(rule.meta.id)) stale.push(`${rule.meta.id} / ${name} / ${how} / ${label}`);
                }
            }
        }
    }
    return stale;
}

/** Every rule's doc examples, the example models, the real fixtures and a generated model with many findings. */
async function models(): Promise<Map<string, ArchModel>> {
    const result = new Map<string, ArchModel>();
    for (const rule of RULES) {
        result.set(`${rule.meta.id} failing example`, await modelOf(rule.meta.examples.invalid));
        result.set(`${rule.meta.id} passing example`, await modelOf(rule.meta.examples.valid));
    }
    const workspaces = [...exampleWorkspaces(), ...workspacesOf(archFiles(['test/fixtures/real']))];
    for (const [dir, files] of workspaces) {
        for (const name of Object.keys(files)) {
            // The root first: the model of that file with its imports.
            result.set(`${dir}/${name}`, await modelOf({ [name]: files[name], ...files }));
        }
    }
    result.set('generated, 200 components with many findings', await modelOf(generateModel({ components: 200, findings: 'many' })['main.arch']));
    return result;
}

describe('what each rule declares it reads', () => {
    test('every declaration names a rule that the engine runs', () => {
        const ids = new Set(RULES.map(rule => rule.meta.id));
        expect(Object.keys(RULE_READS).filter(id => !ids.has(id))).toEqual([]);
        // The rules that may read any property are the few that must: a new rule declares what it reads.
        expect(RULES.filter(rule => ruleReads(rule.meta.id) === undefined).map(rule => rule.meta.id).sort()).toEqual([
            'drift-exposure', 'drift-missing-workload', 'drift-replicas', 'drift-undeclared-workload', 'duplicate-connection', 'orphan-component',
        ]);
    });

    test('changing a property a rule does not declare never changes its findings', async () => {
        const all = await models();
        expect(all.size).toBeGreaterThan(2 * RULES.length);
        expect(staleCases(all, ruleReads, RULES)).toEqual([]);
    }, 600_000);

    test('a declaration that leaves out a property the rule reads fails this check', async () => {
        // sync-call-without-timeout reads `timeout`; declared as reading nothing, removing the timeouts changes its findings.
        const rule = RULES.find(r => r.meta.id === 'sync-call-without-timeout')!;
        const model = await modelOf(rule.meta.examples.valid);
        const stale = staleCases(new Map([['example', model]]), () => [], [rule]);
        expect(stale).toContain('sync-call-without-timeout / timeout / removed everywhere / example');
    });
});
