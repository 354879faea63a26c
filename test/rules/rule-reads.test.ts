/**
 * The declarations of what each rule reads (`src/rules/rule-reads.ts`) decide which rules an
 * edit of property values re-runs; a rule whose declaration leaves out a property it reads would
 * keep stale findings after an edit of that property. So: on every rule's doc examples, the
 * example models, the real models of the fixtures and a generated finding-heavy model, every
 * property is removed everywhere, given other owners' values, and added where it is missing
 * (with values taken from any model); the edit checker names what changed (the property, and
 * `#names` or `#references` when those changed), and every rule that declares none of it must
 * report exactly what it reported on the unchanged model.
 */
import { describe, expect, test } from 'vitest';
import { generateModel } from '../../bench/generate-model.js';
import type { ArchModel, Property, PropertyMap } from '../../src/model/arch-model.js';
import { changedPropertiesOf } from '../../src/checking/check-reuse.js';
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
 * Each case where a rule's findings changed although the edit checker (`changedPropertiesOf`)
 * found only properties changed that the rule does not read (by `reads`): `rule / property / change / model`.
 */
function staleCases(models: ReadonlyMap<string, ArchModel>, reads: (ruleId: string) => readonly string[] | undefined, rules: readonly Rule[], counter = { compared: 0 }): string[] {
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
            for (const [how, change] of changesOf(name, pool)) {
                const changed = variant(model, change);
                const names = changedPropertiesOf(model, changed, new Map());
                if (!names) {
                    stale.push(`${name} / ${how} / ${label}: the edit checker sees more than properties changed`);
                    continue;
                }
                // No owner had it (nothing to remove, rotate or replace): nothing changed.
                if (names.size === 0) continue;
                const unaffected = declared.filter(rule => !reads(rule.meta.id)!.some(read => names.has(read)));
                for (const rule of unaffected) {
                    counter.compared++;
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
            'drift-exposure', 'drift-missing-workload', 'drift-replicas', 'drift-undeclared-workload',
        ]);
    });

    test('changing a property a rule does not declare never changes its findings', async () => {
        const all = await models();
        expect(all.size).toBeGreaterThan(2 * RULES.length);
        const counter = { compared: 0 };
        expect(staleCases(all, ruleReads, RULES, counter)).toEqual([]);
        // Each rule was compared on many changed models (rules × models × changed properties).
        expect(counter.compared).toBeGreaterThan(50 * RULES.length);
        console.log(`${counter.compared} comparisons of a rule's findings on a changed model`);
    }, 600_000);

    test('a declaration that leaves out a property the rule reads fails this check', async () => {
        // sync-call-without-timeout reads `timeout`; declared as reading nothing, removing the timeouts changes its findings.
        const timeouts = RULES.find(r => r.meta.id === 'sync-call-without-timeout')!;
        const stale = staleCases(new Map([['example', await modelOf(timeouts.meta.examples.valid)]]), () => [], [timeouts]);
        expect(stale).toContain('sync-call-without-timeout / timeout / removed everywhere / example');
        // duplicate-connection asks whether the copy sets any property: without `#names`, adding one changes its quick fix.
        const duplicates = RULES.find(r => r.meta.id === 'duplicate-connection')!;
        const copies = staleCases(new Map([['example', await modelOf(duplicates.meta.examples.invalid)]]), () => [], [duplicates]);
        expect(copies).toContain('duplicate-connection / loadBalancing / added where missing / example');
        // orphan-component counts what a property refers to as connected: without `#references`, removing a CDN's origin changes its findings.
        const orphans = RULES.find(r => r.meta.id === 'orphan-component')!;
        const cdn = await modelOf('client web\ncdn edge { origin: site }\nstorage site\nweb -> edge : https');
        expect(staleCases(new Map([['cdn', cdn]]), () => ['external'], [orphans])).toContain('orphan-component / origin / removed everywhere / cdn');
        expect(staleCases(new Map([['cdn', cdn]]), ruleReads, [orphans])).toEqual([]);
    });
});
