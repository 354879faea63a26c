/**
 * The second collapsing level (`ZoneGroup` in `src/diagram/build/collapse-plan.ts`): a view
 * collapsed by size that would still draw more than `GROUP_BOX_LIMIT` top-level boxes draws its
 * top-level zones in groups, and every element stays reachable by opening boxes.
 */
import { describe, expect, it } from 'vitest';
import { clearLayoutCache, renderDiagram } from '../../src/diagram/index.js';
import { GROUP_BOX_LIMIT } from '../../src/diagram/build/collapse-plan.js';
import { loadText } from '../support/services.js';
import { layoutProblems } from './diagram-helpers.js';

const ZONES = GROUP_BOX_LIMIT + 4;

/** `ZONES` private zones of two services; zone i calls zone i+1; eight public zones at the end. */
function manyZones(): string {
    const lines = ['architecture "Many zones"', 'client web "Web"'];
    for (let z = 0; z < ZONES; z++) {
        lines.push(`zone z${z} "Zone ${z}" {`, `  trust: ${z >= ZONES - 8 ? 'public' : 'private'}`,
            `  service z${z}a "Zone ${z} API" { -> z${z}b : https { timeout: 1s } }`, `  service z${z}b "Zone ${z} worker"`, '}');
        if (z + 1 < ZONES) lines.push(`z${z}b -> z${z + 1}a : https { timeout: 1s }`);
    }
    lines.push('web -> z0a : https');
    return lines.join('\n');
}

describe('zone groups', () => {
    it('draws many top-level zones as a few groups, with aggregated edges between them', async () => {
        const { model } = await loadText(manyZones());
        const result = await renderDiagram(model, { collapse: 'always' });
        const { nodes, edges } = result.layout;
        const groups = nodes.filter(n => n.id.startsWith('group:'));
        expect(groups.length).toBeGreaterThanOrEqual(8);
        expect(nodes.length).toBeLessThanOrEqual(20);
        expect(nodes.filter(n => /^z\d+$/.test(n.id))).toEqual([]);
        // One trust per group: the eight public zones are a group of their own.
        const last = groups[groups.length - 1];
        expect(last).toMatchObject({ id: `group:z${ZONES - 8}`, label: `Zone ${ZONES - 8} … Zone ${ZONES - 1}`, role: 'collapsed-zone', parent: null });
        expect(result.svg).toContain('group of 8 public zones');
        expect(result.diagram.collapse.zones).toEqual(groups.map(g => g.id));
        // The call from one group into the next stands for the model connection it draws.
        const into = edges.find(e => e.target === last.id && e.source.startsWith('group:'))!;
        expect(into.members.map(m => m.id)).toEqual([`z${ZONES - 9}b->z${ZONES - 8}a`]);
        expect(edges.filter(e => e.source === e.target)).toEqual([]);
        expect(layoutProblems(result.layout)).toEqual([]);
    });

    it('opens a group into its zones, and a zone inside a closed group opens both', async () => {
        const { model } = await loadText(manyZones());
        const first = (await renderDiagram(model, { collapse: 'always' })).layout.nodes.find(n => n.id.startsWith('group:'))!;
        const opened = await renderDiagram(model, { collapse: 'always', expandedZones: [first.id] });
        const inside = opened.layout.nodes.filter(n => n.parent === first.id);
        expect(opened.layout.nodes.find(n => n.id === first.id)?.role).toBe('zone');
        expect(inside.length).toBeGreaterThanOrEqual(2);
        expect(inside.every(n => n.role === 'collapsed-zone')).toBe(true);
        expect(opened.diagram.collapse.expanded).toContain(first.id);
        expect(layoutProblems(opened.layout)).toEqual([]);

        // `archway export --expand group:z3`: the group z3 is drawn in opens (named after its first zone), z3 stays collapsed.
        const second = first.id === 'group:z0' ? 'z3' : 'z0';
        const byMember = await renderDiagram(model, { collapse: 'always', expandedZones: [`group:${second}`] });
        const group = byMember.layout.nodes.find(n => n.id === byMember.layout.nodes.find(m => m.id === second)?.parent);
        expect(group).toMatchObject({ id: first.id, role: 'zone' });
        expect(byMember.layout.nodes.find(n => n.id === second)?.role).toBe('collapsed-zone');
        expect(byMember.layout.nodes.filter(n => n.role === 'zone').map(n => n.id)).toEqual([first.id]);

        // `archway export --expand z40` and a click on the zone: its group and the zone open, down to its services.
        const deep = await renderDiagram(model, { collapse: 'always', expandedZones: ['z40'] });
        const zone = deep.layout.nodes.find(n => n.id === 'z40')!;
        expect(zone.role).toBe('zone');
        expect(zone.parent).toMatch(/^group:/);
        expect(deep.layout.nodes.filter(n => n.parent === 'z40').map(n => n.id)).toEqual(['z40a', 'z40b']);
        expect(layoutProblems(deep.layout)).toEqual([]);
    });

    it('does not group a view with few top-level zones, and draws the same bytes twice', async () => {
        const many = (await loadText(manyZones())).model;
        const small = await loadText('architecture "Few"\nzone a "A" { service s "S" }\nzone b "B" { service t "T" }');
        const result = await renderDiagram(small.model, { collapse: 'always' });
        expect(result.layout.nodes.map(n => n.id)).toEqual(['a', 'b']);
        const once = (await renderDiagram(many, { collapse: 'always' })).svg;
        clearLayoutCache();
        expect((await renderDiagram(many, { collapse: 'always' })).svg).toBe(once);
    });
});
