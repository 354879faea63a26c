/**
 * Views too deep to read left to right (`src/diagram/deep-views.ts`): a view without a
 * `direction:` whose chain of boxes would draw it wider than 6,000 px is drawn top-down, with
 * the real layout; a view that sets its direction keeps it.
 */
import { describe, expect, it } from 'vitest';
import { measureLayout } from '../../scripts/layout-metrics.js';
import { renderDiagram } from '../../src/diagram/index.js';
import { PEER_CHAIN_LIMIT, peerBands } from '../../src/diagram/peer-bands.js';
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

    it('lays a ring of collapsed zones, each calling the next, in a few bands instead of a staircase', async () => {
        // 12 domains of 3 services each, collapsed ('collapse: always'); domain i calls i+1 and i+5 (a ring with chords).
        const lines = ['architecture "Ring"'];
        const count = 12;
        for (let z = 0; z < count; z++) {
            lines.push(`zone z${z} "Domain ${z}" {`);
            for (let i = 0; i < 3; i++) lines.push(`  service z${z}s${i} "Domain ${z} service ${i}"`);
            lines.push('}', `z${z}s2 -> z${(z + 1) % count}s0 : grpcs { timeout: 1s }`, `z${z}s1 -> z${(z + 5) % count}s0 : grpcs { timeout: 1s }`);
        }
        const result = await renderDiagram((await loadText(lines.join('\n'))).model, { collapse: 'always' });
        const zones = result.layout.nodes.filter(n => n.role === 'collapsed-zone');
        expect(zones).toHaveLength(count);
        expect(result.diagram.direction).toBe('right');
        expect(layoutProblems(result.layout)).toEqual([]);
        // Few columns (bands), and no call joins two zones of one column.
        const column = new Map(zones.map(n => [n.id, Math.round(n.x)]));
        expect(new Set(column.values()).size).toBeLessThanOrEqual(4);
        const calls = result.layout.edges.filter(e => column.has(e.source) && column.has(e.target));
        expect(calls).toHaveLength(2 * count);
        for (const edge of calls) expect(column.get(edge.source), edge.id).not.toBe(column.get(edge.target));
        // Every edge still ends at its model target: the arrowhead is drawn at the called zone.
        const byId = new Map(result.layout.nodes.map(n => [n.id, n]));
        for (const edge of calls) {
            const [x, y] = edge.points[edge.points.length - 1];
            const target = byId.get(edge.target)!;
            expect(x >= target.x - 1 && x <= target.x + target.width + 1 && y >= target.y - 1 && y <= target.y + target.height + 1, edge.id).toBe(true);
        }
    });

    it('bands peers only when their chain is long and no other box lies between two of them', () => {
        const ids = Array.from({ length: PEER_CHAIN_LIMIT + 2 }, (_, i) => `z${i}`);
        const position = new Map(ids.map((id, i) => [id, i]));
        const chainEdges = ids.slice(1).map((id, i) => [ids[i], id, 4] as const);
        const bands = peerBands(ids, chainEdges, position, () => true);
        expect(bands && [...bands.values()]).toEqual(ids.map((_, i) => i % 2));
        // A short chain keeps its layers.
        expect(peerBands(ids.slice(0, PEER_CHAIN_LIMIT), chainEdges.slice(0, PEER_CHAIN_LIMIT - 1), position, () => true)).toBeUndefined();
        // A service called by one peer that calls another: banding could turn the picture into a cycle.
        const withMiddle = [...ids, 'svc'];
        const middlePosition = new Map([...position, ['svc', 1.5]]);
        const edges = [...chainEdges, ['z1', 'svc', 4] as const, ['svc', 'z2', 4] as const];
        expect(peerBands(withMiddle, edges, middlePosition, id => id !== 'svc')).toBeUndefined();
    });
});
