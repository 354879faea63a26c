import { describe, expect, it } from 'vitest';
import { renderDiagram } from '../../src/diagram/index.js';
import { loadWorkspace } from '../support/services.js';
import { exampleFolders, layoutProblems, parseXml, svgTexts, unsafeParts } from './diagram-helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const folders = exampleFolders();
folders.set('design-example', { 'design-example.arch': readFileSync(join(import.meta.dirname, '..', 'fixtures', 'design-example.arch'), 'utf8') });

describe('every example renders a sound diagram', () => {
    for (const [folder, files] of folders) {
        for (const file of Object.keys(files)) {
            it(`draws every view and flow of ${folder}/${file} as safe, well-formed SVG with a sound layout`, async () => {
                const workspace = await loadWorkspace(files);
                const model = workspace.model(file);
                const targets: { view?: string; flow?: string }[] = [
                    ...model.views.map(v => ({ view: v.id })),
                    ...model.flows.map(f => ({ flow: f.id })),
                ];
                for (const target of targets) {
                    const { svg, layout } = await renderDiagram(model, target);
                    const what = `${folder}/${file} ${JSON.stringify(target)}`;
                    const root = parseXml(svg);
                    expect(root.name, what).toBe('svg');
                    expect(root.attributes.viewBox, what).toMatch(/^0 0 \d+ \d+$/);
                    expect(unsafeParts(svg), what).toEqual([]);
                    const texts = svgTexts(root);
                    for (const node of layout.nodes.filter(n => n.role === 'component')) {
                        expect(texts.filter(t => t === node.label).length, `${what}: label of ${node.id}`).toBe(1);
                    }
                    expect(layoutProblems(layout), what).toEqual([]);
                    // Every node and edge carries its id.
                    for (const node of layout.nodes) expect(svg, what).toContain(`data-id="${node.id.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
                    for (const edge of layout.edges) expect(svg, what).toContain(`data-id="${edge.id.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
                }
            });
        }
    }

    it('finds the examples folder', () => {
        expect(folders.size).toBeGreaterThan(1);
    });
});
