/**
 * LikeC4 export, checked by LikeC4 itself: its language services (the `likec4` package, run
 * under Node 22 from `test/interop/tools`) read each export with no error, and the model they
 * build has every zone, component and channel with its title, technology and description,
 * every connection (async ones of kind `async`), and views showing exactly what Archway's
 * views select; flows are dynamic views.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectView } from '../../src/diagram/view-selection.js';
import { modelToLikeC4 } from '../../src/interop/export/index.js';
import type { ArchModel } from '../../src/model/arch-model.js';
import { hasInteropTools, loadModel, MODEL_FILES, NODE22, TOOLS } from './interop-helpers.js';

interface Parsed {
    dir: string;
    errors: { file: string; line: number; message: string }[];
    elements: { id: string; kind: string; title: string; technology: string | null; description: string | null; tags: string[]; metadata: Record<string, string> }[];
    relations: { source: string; target: string; title: string | null; kind: string | null; technology: string | null }[];
    views: { id: string; title: string | null; type: string; nodes: string[] }[];
}

/** Runs LikeC4 over folders (one model each) in one Node 22 process. */
function likec4(dirs: string[]): Parsed[] {
    const out = execFileSync(NODE22, [join(TOOLS, 'likec4-check.mjs'), ...dirs], { cwd: TOOLS, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    return JSON.parse(out) as Parsed[];
}

/** The LikeC4 element of an Archway element: by the id kept in metadata, else by its last name segment. */
function find(parsed: Parsed, id: string) {
    return parsed.elements.find(e => e.metadata.archway_id === id) ?? parsed.elements.find(e => e.id.split('.').pop() === id && e.metadata.archway_id === undefined);
}

// Skipped only where the LikeC4 CLI and its Node 22 are not installed (`npm ci --prefix test/interop/tools`;
// .ci/run installs them, so CI always runs this).
describe.skipIf(!hasInteropTools)('LikeC4 export read by LikeC4', () => {
    const root = mkdtempSync(join(tmpdir(), 'archway-likec4-'));
    const models = new Map<string, ArchModel>();
    const results = new Map<string, Parsed>();
    beforeAll(async () => {
        const dirs: string[] = [];
        for (const [i, file] of MODEL_FILES.entries()) {
            const model = await loadModel(file);
            models.set(file, model);
            const dir = join(root, `m${i}`);
            mkdirSync(dir);
            writeFileSync(join(dir, 'model.c4'), modelToLikeC4(model));
            dirs.push(dir);
        }
        // A broken file: the check must be able to fail.
        const broken = join(root, 'broken');
        mkdirSync(broken);
        writeFileSync(join(broken, 'model.c4'), 'model {\n  a = element "x" {\n}\n');
        dirs.push(broken);
        for (const result of likec4(dirs)) results.set(result.dir, result);
    }, 300_000);
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    for (const [i, file] of MODEL_FILES.entries()) {
        it(`${file}: no errors, every element, relationship and view`, () => {
            const model = models.get(file)!;
            const parsed = results.get(join(root, `m${i}`))!;
            expect(parsed.errors).toEqual([]);
            for (const element of [...model.zones, ...model.components, ...model.channels]) {
                const found = find(parsed, element.id);
                expect(found, element.id).toBeDefined();
                const title = element.type === 'channel' ? element.label ?? element.name : element.label ?? element.id;
                expect(found!.title).toBe(title);
                expect(found!.kind).toBe(element.type === 'zone' ? 'zone' : element.kind);
            }
            expect(parsed.elements).toHaveLength(model.zones.length + model.components.length + model.channels.length);
            const drawn = model.connections.filter(c => model.elements.get(c.source)?.type !== 'zone' && model.elements.get(c.target)?.type !== 'zone');
            expect(parsed.relations).toHaveLength(drawn.length);
            expect(parsed.relations.filter(r => r.kind === 'async')).toHaveLength(drawn.filter(c => c.style === 'async').length);
            expect(parsed.relations.filter(r => r.technology !== null)).toHaveLength(drawn.filter(c => c.protocol !== undefined).length);
            const fqnOf = new Map<string, string>();
            for (const element of [...model.zones, ...model.components, ...model.channels]) fqnOf.set(element.id, find(parsed, element.id)!.id);
            for (const view of model.views.length > 0 ? model.views : [undefined]) {
                const selection = selectView(model, { view: view?.id });
                const shown = parsed.views.find(v => v.title === (view?.label ?? view?.id ?? 'Everything') && v.type === 'element');
                expect(shown, view?.id).toBeDefined();
                const want = [...selection.zones, ...selection.components, ...selection.channels].map(id => fqnOf.get(id)).sort();
                expect([...shown!.nodes].sort()).toEqual(want);
            }
            expect(parsed.views.filter(v => v.type === 'dynamic')).toHaveLength(model.flows.length);
        });
    }

    it('keeps hostile texts exactly', () => {
        const parsed = results.get(join(root, `m${MODEL_FILES.indexOf('test/interop/fixtures/hostile.arch')}`))!;
        const style = find(parsed, 'style')!;
        expect(style.title).toBe('Browser "quoted" \'single\' `tick`');
        expect(style.description).toBe('Line one\nline two with tab; } { --> %% # ${HOME} $x');
        expect(find(parsed, 'class')!.technology).toBe('C:\\path\\ "quoted"');
        expect(find(parsed, 'class')!.metadata.owner).toBe('team "x"');
        expect(find(parsed, 'label')!.description).toBe('ends with a backslash \\');
        expect(parsed.relations.find(r => r.title === '-->')).toBeDefined();
    });

    it('reports the errors of a broken file (the check can fail)', () => {
        expect(results.get(join(root, 'broken'))!.errors.length).toBeGreaterThan(0);
    });
});
