/**
 * For the import tests: an imported `.arch` text must check (no syntax error and no model
 * problem — only architecture findings) and draw every view and flow in Archway.
 */
import { expect } from 'vitest';
import { disposeLayout, renderDiagram } from '../../src/diagram/index.js';
import type { ArchModel } from '../../src/model/arch-model.js';
import { listRules } from '../../src/rules/registry.js';
import { loadText } from '../support/services.js';

/** Codes that mean the generated text is wrong, not the architecture. */
const TEXT_PROBLEMS = new Set([...listRules().filter(rule => rule.source === 'model').map(rule => rule.id), 'unknown-kind', 'flow-step-not-in-topology']);

/** Loads imported text with the real language services; fails on any problem of the text itself. */
export async function checkImported(text: string, name = 'imported.arch'): Promise<ArchModel> {
    const { diagnostics, model } = await loadText(text, name);
    const wrong = diagnostics.filter(d => typeof d.code !== 'string' || TEXT_PROBLEMS.has(d.code));
    expect(wrong.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`), text).toEqual([]);
    return model;
}

/** Draws every view and flow; returns the SVGs. */
export async function drawAll(model: ArchModel): Promise<string[]> {
    const svgs: string[] = [];
    try {
        for (const view of model.views.length > 0 ? model.views.map(v => v.id) : [undefined]) svgs.push((await renderDiagram(model, { view })).svg);
        for (const flow of model.flows) svgs.push((await renderDiagram(model, { flow: flow.id })).svg);
    } finally {
        disposeLayout();
    }
    return svgs;
}
