/**
 * Views too deep to read left to right (`src/diagram/deep-views.ts`): a view without a
 * `direction:` whose chain of boxes would draw it wider than 6,000 px is drawn top-down, with
 * the real layout; a view that sets its direction keeps it.
 */
import { describe, expect, it } from 'vitest';
import { measureLayout } from '../../scripts/layout-metrics.js';
import { renderDiagram } from '../../src/diagram/index.js';
import { loadText } from '../support/services.js';
import { layoutProblems } from './diagram-helpers.js';

/** `count` services, each calling the next: a chain as deep as it is long. */
function chain(count: number, view = ''): string {
    const lines = ['architecture "Chain"'];
    for (let i = 0; i < count; i++) {
        lines.push(`service s${i} "Service number ${i} of the chain" {${i + 1 < count ? ` -> s${i + 1} : https { timeout: 1s }` : ''} }`);
    }
    return [...lines, view].join('\n');
}

describe('deep views', () => {
    it('draws a 30-box chain top-down, within 6,000 px on both sides', async () => {
        const { model } = await loadText(chain(30));
        const result = await renderDiagram(model);
        expect(result.diagram.direction).toBe('down');
        const quality = measureLayout(result.layout);
        expect(quality.width).toBeLessThanOrEqual(6000);
        expect(quality.height).toBeLessThanOrEqual(6000);
        expect(layoutProblems(result.layout)).toEqual([]);
        // Each call goes down the page.
        const y = new Map(result.layout.nodes.map(n => [n.id, n.y]));
        for (let i = 0; i + 1 < 30; i++) expect(y.get(`s${i + 1}`)!).toBeGreaterThan(y.get(`s${i}`)!);
    });

    it('counts the boxes inside open zones too, so opening a zone does not turn the picture round', async () => {
        const lines = ['architecture "Zoned chain"'];
        for (let z = 0; z < 3; z++) {
            lines.push(`zone z${z} "Zone ${z}" {`);
            for (let i = z * 10; i < z * 10 + 10; i++) {
                lines.push(`  service s${i} "Service number ${i} of the chain" {${i + 1 < 30 ? ` -> s${i + 1} : https { timeout: 1s }` : ''} }`);
            }
            lines.push('}');
        }
        const result = await renderDiagram((await loadText(lines.join('\n'))).model);
        expect(result.layout.nodes.filter(n => n.role === 'zone')).toHaveLength(3);
        expect(result.diagram.direction).toBe('down');
        expect(result.layout.width).toBeLessThanOrEqual(6000);
        expect(result.layout.height).toBeLessThanOrEqual(6000);
        expect(layoutProblems(result.layout)).toEqual([]);
    });

    it('keeps a short chain, and a view that says direction: right, left to right', async () => {
        const short = await renderDiagram((await loadText(chain(6))).model);
        expect(short.diagram.direction).toBe('right');
        const { model } = await loadText(chain(30, 'view wide "Wide" { include *  direction: right }'));
        const wide = await renderDiagram(model, { view: 'wide' });
        expect(wide.diagram.direction).toBe('right');
        expect(wide.layout.width).toBeGreaterThan(6000);
    });
});
