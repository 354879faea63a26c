/**
 * `archway import structurizr`: a realistic workspace (people, a system with containers and
 * components, groups in an enterprise, external systems, styles, system context / container /
 * component / dynamic / deployment views) becomes an `.arch` model that checks and draws in
 * Archway; broken lines are reported with file and line; `!include` reads local files; and
 * every example Archway exports to Structurizr reads back with the same elements and
 * relationships — the structural check of the Structurizr export, as no Structurizr DSL
 * parser runs here (the official one is Java, downloaded from outside the npm registry).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStructurizr, modelToStructurizrText, readStructurizr } from './import-fixtures.js';
import { checkImported, drawAll } from './import-helpers.js';
import { allElements } from '../../src/interop/import/imported-model.js';
import { FIXTURES, loadModel } from './interop-helpers.js';

const WORKSPACE = join(FIXTURES, 'structurizr-pharmacy/workspace.dsl');
const workspace = { file: 'workspace.dsl', text: readFileSync(WORKSPACE, 'utf8') };

describe('archway import structurizr', () => {
    it('reads people, systems, containers, components, groups, relationships and views', () => {
        const model = readStructurizr(workspace);
        expect(model.problems).toEqual([]);
        expect(model.name).toBe('Online Pharmacy');
        const elements = allElements(model.elements);
        expect(elements.filter(e => !e.isGroup).map(e => `${e.sourceKind}:${e.key}`).sort()).toEqual([
            'component:catalogue', 'component:checkout', 'component:orders', 'container:api', 'container:cache', 'container:db', 'container:files',
            'container:gateway', 'container:mobile', 'container:prescriptions', 'container:queue', 'container:spa', 'container:worker',
            'person:patient', 'person:pharmacist', 'softwareSystem:insurer', 'softwareSystem:mail', 'softwareSystem:payments', 'softwareSystem:pharmacy',
        ]);
        expect(elements.filter(e => e.isGroup).map(e => e.title)).toEqual(['Acme Health', 'Storefront', 'Fulfilment']);
        const api = elements.find(e => e.key === 'api')!;
        expect(api.technology).toBe('Java 21, Spring Boot'); // from !const
        expect(elements.find(e => e.key === 'db')!.shape).toBe('Cylinder');
        expect(elements.find(e => e.key === 'mail')!.external).toBe(true);
        expect(model.relationships).toHaveLength(24);
        expect(model.relationships.find(r => r.source === 'worker' && r.target === 'db')!.technology).toBe('JDBC');
        expect(model.relationships.find(r => r.source === 'checkout' && r.target === 'queue')!.dashed).toBe(true);
        expect(model.views.map(v => v.key)).toEqual(['SystemContext', 'Containers', 'ApiComponents', 'Fulfilment']);
        expect(model.flows.map(f => `${f.key}:${f.steps.length}`)).toEqual(['Checkout:5']);
        expect(model.notes).toContain('Structurizr deployment views are not imported.');
    });

    it('becomes a model that checks and draws in Archway', async () => {
        const result = importStructurizr(workspace, 'workspace.dsl');
        expect(result.problems).toEqual([]);
        const model = await checkImported(result.text);
        expect(model.name).toBe('Online Pharmacy');
        const kind = (id: string) => model.components.find(c => c.id === id)?.kind;
        expect([kind('patient'), kind('spa'), kind('mobile'), kind('gateway'), kind('db'), kind('files'), kind('cache'), kind('queue'), kind('payments'), kind('worker')])
            .toEqual(['client', 'client', 'client', 'gateway', 'database', 'storage', 'cache', 'broker', 'external', 'service']);
        expect(model.zones.map(z => `${z.id}:${z.parent ?? '-'}`)).toEqual(['acmeHealth:-', 'pharmacy:acmeHealth', 'storefront:pharmacy', 'api:pharmacy', 'fulfilment:pharmacy']);
        const connection = (source: string, target: string) => model.connections.find(c => c.source === source && c.target === target);
        expect(connection('spa', 'gateway')?.protocol).toBe('https');
        expect(connection('orders', 'db')?.protocol).toBe('sql');
        expect(connection('checkout', 'queue')?.style).toBe('async');
        expect(connection('worker', 'mail')?.protocol).toBe('smtp');
        // System-level relationships are summarised by their containers' own.
        expect(model.connections.some(c => c.target === 'pharmacy' || c.source === 'pharmacy')).toBe(false);
        const context = model.views.find(v => v.id === 'SystemContext')!;
        expect(context.collapse).toEqual(['pharmacy']);
        expect(context.includes).toEqual(['pharmacy', 'patient', 'pharmacist', 'payments', 'insurer', 'mail']);
        expect(model.views.find(v => v.id === 'Containers')!.direction).toBe('right');
        expect(model.flows[0].steps.map(s => `${s.source}>${s.target}`)).toEqual(['patient>spa', 'spa>gateway', 'gateway>checkout', 'checkout>payments', 'checkout>queue']);
        const svgs = await drawAll(model);
        expect(svgs).toHaveLength(5);
        expect(svgs[1]).toContain('Shop Database');
    });

    it('reports unreadable lines with file and line, and imports the rest', () => {
        const text = [
            'workspace {', '  model {', '    a = softwareSystem "A" {', '      web = container "Web" "x" "React"',
            '      bad = container', '      db = container "DB" "x" "PostgreSQL" "Database"', '      web -> db "reads" "JDBC"',
            '      web -> nowhere "calls"', '      broken = container "Broken', '    }', '    frobnicate "x"', '  }',
            '  views {', '    container a {', '      include *', '    }', '    container zz "k" {', '      include *', '    }', '  }',
        ].join('\n');
        const result = importStructurizr({ file: 'bad.dsl', text }, 'bad.dsl');
        expect(result.problems.map(p => `${p.file}:${p.line} ${p.message}`)).toEqual([
            "bad.dsl:5 Cannot read 'bad = container' here.",
            'bad.dsl:9 This string is never closed (the closing `"` is missing).',
            "bad.dsl:11 Cannot read 'frobnicate x' here.",
            'bad.dsl:20 1 block is never closed (a `}` is missing).',
            "bad.dsl:8 Cannot find the element 'nowhere'.",
            "bad.dsl:17 Cannot find the element 'zz' the view 'k' is about.",
        ]);
        expect(result.text).toMatch(/^\s*database db "DB" \{$/m);
        expect(result.text).toMatch(/^web -> db : sql "reads"$/m);
    });

    it('reads local !include files and refuses remote ones', () => {
        const files: Record<string, string> = {
            '/w/workspace.dsl': 'workspace "Split" {\n  model {\n    !include people.dsl\n    !include https://example.com/more.dsl\n    s = softwareSystem "S"\n    u -> s "uses"\n  }\n}\n',
            '/w/people.dsl': 'u = person "User"\n',
        };
        const load = (path: string, from: string) => {
            const full = join(from.slice(0, from.lastIndexOf('/')), path);
            return files[full] === undefined ? undefined : { file: full, text: files[full] };
        };
        const result = importStructurizr({ file: '/w/workspace.dsl', text: files['/w/workspace.dsl'] }, 'workspace.dsl', load);
        expect(result.problems.map(p => `${p.line} ${p.message}`)).toEqual(["4 'https://example.com/more.dsl' is not fetched: only local files are included."]);
        expect(result.text).toMatch(/^client u "User"$/m);
        expect(result.text).toMatch(/^u -> s "uses"$/m);
    });

    it('reads back every example Archway exports to Structurizr (the export, checked by structure)', async () => {
        for (const file of ['examples/online-shop/shop.arch', 'examples/well-architected/system.arch', 'examples/media-site/media.arch', 'test/interop/fixtures/hostile.arch']) {
            const model = await loadModel(file);
            const text = modelToStructurizrText(model);
            // The DSL is line-based: `{` ends its line and `}` stands alone.
            for (const line of text.split('\n')) {
                const code = line.replace(/"(?:\\.|[^"\\])*"/g, '""');
                if (code.includes('{')) expect(code.trimEnd().endsWith('{'), line).toBe(true);
                if (code.includes('}')) expect(code.trim(), line).toBe('}');
            }
            const read = readStructurizr({ file: 'workspace.dsl', text });
            expect(read.problems, file).toEqual([]);
            const elements = allElements(read.elements);
            const titles = (list: { title?: string; label?: string; id?: string }[]) => list.map(e => e.title ?? e.label ?? e.id).sort();
            const archwayId = (e: { metadata: [string, string][] }) => e.metadata.find(([k]) => k === 'archway.id')?.[1];
            // Every component (container or external system) and channel, by its Archway id and title.
            const components = elements.filter(e => e.sourceKind === 'container' || (e.sourceKind === 'softwareSystem' && e.external));
            expect(components.map(archwayId).sort(), file).toEqual(model.components.map(c => c.id).sort());
            expect(titles(components), file).toEqual(titles(model.components.map(c => ({ title: c.label ?? c.id }))));
            expect(elements.filter(e => e.sourceKind === 'component').map(archwayId).sort(), file).toEqual(model.channels.map(c => c.id).sort());
            expect(elements.filter(e => e.isGroup).map(e => e.title).sort(), file).toEqual(model.zones.map(z => z.label ?? z.id).sort());
            const drawn = model.connections.filter(c => model.elements.get(c.source)?.type !== 'zone' && model.elements.get(c.target)?.type !== 'zone');
            expect(read.relationships.length, file).toBe(drawn.length);
            expect(read.relationships.filter(r => r.tags.includes('Async')).length, file).toBe(drawn.filter(c => c.style === 'async').length);
            expect(read.views.length, file).toBe(Math.max(1, model.views.length));
            // And back to Archway: the same kinds.
            const back = await checkImported(importStructurizr({ file: 'workspace.dsl', text }, 'workspace.dsl').text);
            expect(back.components.map(c => c.id).sort(), file).toEqual(model.components.map(c => c.id).sort());
            expect(back.channels.map(c => c.id).sort(), file).toEqual(model.channels.map(c => c.id).sort());
            expect(back.components.map(c => c.kind).sort(), file).toEqual(model.components.map(c => c.kind).sort());
        }
    });
});
