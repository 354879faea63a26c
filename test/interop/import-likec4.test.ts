/**
 * `archway import likec4`: a realistic multi-file LikeC4 model (specification, two model
 * files with `extend`, views and a dynamic view) is read as LikeC4 itself reads it (checked
 * against LikeC4's own language services where the interop tools are installed), becomes an
 * `.arch` model that checks and draws in Archway, and broken input is reported with file and
 * line while the rest is still imported.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLikeC4, modelToLikeC4Text, readLikeC4 } from './import-fixtures.js';
import { checkImported, drawAll } from './import-helpers.js';
import { allElements } from '../../src/interop/import/imported-model.js';
import { FIXTURES, hasInteropTools, loadModel, NODE22, TOOLS } from './interop-helpers.js';

const DIR = join(FIXTURES, 'likec4-food-delivery');
const files = readdirSync(DIR).sort().map(name => ({ file: join(DIR, name), text: readFileSync(join(DIR, name), 'utf8') }));

describe('archway import likec4', () => {
    // Skipped only where the LikeC4 CLI and its Node 22 are not installed (`npm ci --prefix test/interop/tools`;
    // .ci/run installs them, so CI always runs this).
    it.skipIf(!hasInteropTools)('reads the model as LikeC4 reads it: elements, titles, technologies, relationships, views', () => {
        const out = execFileSync(NODE22, [join(TOOLS, 'likec4-check.mjs'), DIR], { cwd: TOOLS, encoding: 'utf8', timeout: 300_000 });
        const [likec4] = JSON.parse(out) as [{ errors: unknown[]; elements: { id: string; kind: string; title: string; technology: string | null; description: string | null; tags: string[] }[]; relations: { source: string; target: string; title: string | null; kind: string | null; technology: string | null }[]; views: { id: string; type: string }[] }];
        expect(likec4.errors, 'the fixture is valid LikeC4').toEqual([]);
        const ours = readLikeC4(files);
        expect(ours.problems).toEqual([]);
        const elements = allElements(ours.elements);
        const summary = (e: { key?: string; id?: string; sourceKind?: string; kind?: string; title: string | undefined | null; technology: string | undefined | null; tags: string[] }) =>
            `${e.key ?? e.id} ${e.sourceKind ?? e.kind} ${JSON.stringify(e.title)} ${JSON.stringify(e.technology ?? null)} [${[...e.tags].sort().join(',')}]`;
        expect(elements.map(summary).sort()).toEqual(likec4.elements.map(summary).sort());
        const descriptions = (list: { description?: string | null; key?: string; id?: string }[]) => list.filter(e => e.description).map(e => `${e.key ?? e.id}: ${e.description!.trim().replace(/\s+/g, ' ')}`).sort();
        expect(descriptions(elements)).toEqual(descriptions(likec4.elements));
        const relation = (r: { source: string; target: string; title: string | null | undefined; kind: string | null | undefined; technology: string | null | undefined }) =>
            `${r.source} -> ${r.target} ${JSON.stringify(r.title ?? null)} ${r.kind ?? '-'} ${JSON.stringify(r.technology ?? null)}`;
        expect(ours.relationships.map(relation).sort()).toEqual(likec4.relations.map(relation).sort());
        expect(ours.views.map(v => v.key).sort()).toEqual(likec4.views.filter(v => v.type === 'element').map(v => v.id).sort());
        expect(ours.flows.map(f => f.key)).toEqual(likec4.views.filter(v => v.type === 'dynamic').map(v => v.id));
    }, 300_000);

    it('becomes a model that checks and draws in Archway, with kinds, protocols and async connections inferred', async () => {
        const result = importLikeC4(files, 'food-delivery');
        expect(result.problems).toEqual([]);
        const model = await checkImported(result.text);
        const kind = (id: string) => model.components.find(c => c.id === id)?.kind;
        expect(kind('customer')).toBe('client');
        expect(kind('customerApp')).toBe('client');
        expect(kind('edge')).toBe('gateway');
        expect(kind('ordersDb')).toBe('database');
        expect(kind('menuCache')).toBe('cache');
        expect(kind('saga')).toBe('orchestrator');
        expect(kind('payments')).toBe('external');
        expect(kind('events')).toBe('broker');
        expect(model.channels.map(c => c.id).sort()).toEqual(['events.placed', 'events.ready']);
        // A container called as a whole keeps a component of its own inside its zone.
        expect(kind('dispatch')).toBe('service');
        expect(model.components.find(c => c.id === 'dispatch')!.zone).toBe('dispatch_zone');
        expect(model.zones.map(z => z.id).sort()).toEqual(['delivery', 'dispatch_zone', 'orders']);
        const connection = (source: string, target: string) => model.connections.find(c => c.source === source && c.target === target);
        expect(connection('customerApp', 'edge')?.protocol).toBe('https');
        expect(connection('saga', 'ordersDb')?.protocol).toBe('sql');
        expect(connection('saga', 'events.placed')?.style).toBe('async');
        expect(connection('edge', 'dispatch')?.protocol).toBe('grpc');
        // The system-level summary is left out; the saga's own call says the same.
        expect(model.connections.filter(c => c.target === 'payments')).toHaveLength(1);
        expect(model.views.map(v => v.id)).toEqual(['index', 'platform', 'ordering']);
        expect(model.views.find(v => v.id === 'platform')!.excludes).toEqual(['menuCache']);
        expect(model.flows.map(f => f.steps.length)).toEqual([6]);
        // Every component is a guess, and says so right above it.
        const lines = result.text.split('\n');
        for (const component of model.components) {
            const at = lines.findIndex(line => new RegExp(`^\\s*${component.kind} ${component.id}\\b`).test(line));
            expect(lines[at - 1], component.id).toMatch(/^\s*\/\/ import: kind '/);
        }
        const svgs = await drawAll(model);
        expect(svgs).toHaveLength(4);
        expect(svgs[0]).toContain('Checkout Saga');
    });

    it('reports unreadable statements with file, line and column, and imports the rest', () => {
        const broken = [
            { file: 'spec.c4', text: 'specification {\n  element service\n}\n' },
            { file: 'model.c4', text: "model {\n  a = service 'A'\n  b = service 'B' {\n    technology\n  }\n  a -> \n  c = service 'C'\n  a -> c 'calls'\n  a -> nowhere\n  d = service 'D\n}\n" },
        ];
        const result = importLikeC4(broken, 'broken');
        const where = result.problems.map(p => `${p.file}:${p.line}`);
        expect(where).toEqual(['model.c4:10', 'model.c4:4', 'model.c4:6', 'model.c4:9']);
        // technology without a value, `a ->` without a target, an unknown element, an unterminated string
        expect(result.problems.map(p => p.message)).toEqual([
            "This string is never closed (' is missing).", "'technology' needs a string value, found '}'.",
            'This relationship names no target on its line.', "Cannot find the element 'nowhere'.",
        ]);
        for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(10);
        expect(result.text).toMatch(/^service a "A"$/m);
        expect(result.text).toMatch(/^service c "C"$/m);
        expect(result.text).toMatch(/^a -> c "calls"$/m);
        expect(result.text).toMatch(/^service d "D"$/m);
    });

    it('reads back every example Archway exports to LikeC4 (round trip)', async () => {
        for (const file of ['examples/online-shop/shop.arch', 'examples/well-architected/system.arch', 'test/interop/fixtures/hostile.arch']) {
            const model = await loadModel(file);
            const text = modelToLikeC4Text(model);
            const back = importLikeC4([{ file: 'export.c4', text }], 'export.c4');
            expect(back.problems, file).toEqual([]);
            const imported = await checkImported(back.text);
            expect(imported.components.map(c => c.label ?? c.id).sort(), file).toEqual(model.components.map(c => c.label ?? c.id).sort());
            expect(imported.components.map(c => c.id).sort(), file).toEqual(model.components.map(c => c.id).sort());
            expect(imported.channels.map(c => c.id).sort(), file).toEqual(model.channels.map(c => c.id).sort());
            expect(imported.components.map(c => c.kind).sort(), file).toEqual(model.components.map(c => c.kind).sort());
            expect(imported.channels.length, file).toBe(model.channels.length);
            const drawn = model.connections.filter(c => model.elements.get(c.source)?.type !== 'zone' && model.elements.get(c.target)?.type !== 'zone');
            expect(imported.connections.length, file).toBe(drawn.length);
            expect(imported.connections.filter(c => c.style === 'async').length, file).toBe(drawn.filter(c => c.style === 'async').length);
            expect(imported.zones.length, file).toBe(model.zones.length);
        }
    });
});
