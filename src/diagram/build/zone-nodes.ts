/**
 * Zones: an open zone is a container; the first collapsed zone on a path is a box saying how
 * many components and zones it holds; zones inside a collapsed one are not drawn.
 */
import type { ArchModel } from '../../model/arch-model.js';
import { measureNode } from '../diagram-model.js';
import type { ViewSelection } from '../view-selection.js';
import type { CollapsePlan, ZoneGroup } from './collapse-plan.js';
import { makeNode, type DiagramGraph } from './diagram-graph.js';

export function addZoneNodes(graph: DiagramGraph, model: ArchModel, selection: ViewSelection, plan: CollapsePlan): void {
    for (const zoneId of selection.zones) {
        const group = plan.groupOf(zoneId);
        if (group && group.zones[0] === zoneId) addGroupNode(graph, group, plan);
        const zone = model.elements.get(zoneId);
        if (zone?.type !== 'zone' || plan.isHiddenInCollapsed(zoneId)) continue;
        const label = zone.label ?? zone.id;
        const counts = plan.counts.get(zoneId);
        if (counts) {
            const subtitle = `${zone.trust} zone`;
            const facts = `${plural(counts.components, 'component')}`
                + (counts.zones.size > 0 ? ` · ${plural(counts.zones.size, 'zone')}` : '');
            const size = measureNode(label, subtitle, facts);
            graph.addNode(makeNode({
                id: zoneId, parent: plan.zoneParent(zoneId), role: 'collapsed-zone', kind: 'zone', compound: false,
                label, subtitle, facts, trust: zone.trust, width: size.width, height: size.height,
            }));
        } else {
            graph.addNode(makeNode({
                id: zoneId, parent: plan.zoneParent(zoneId), role: 'zone', kind: 'zone', compound: true,
                label, subtitle: '', facts: '', trust: zone.trust, width: 0, height: 0,
            }));
        }
    }
}

/**
 * A group of top-level zones (see `ZoneGroup`): one box saying how many zones and components
 * it holds, or, opened, a container of its zones.
 */
function addGroupNode(graph: DiagramGraph, group: ZoneGroup, plan: CollapsePlan): void {
    const counts = plan.counts.get(group.id);
    if (!group.open && counts) {
        const subtitle = `group of ${group.zones.length} ${group.trust ?? 'private'} zones`;
        const facts = plural(counts.components, 'component');
        const size = measureNode(group.label, subtitle, facts);
        graph.addNode(makeNode({
            id: group.id, parent: undefined, role: 'collapsed-zone', kind: 'zone', compound: false,
            label: group.label, subtitle, facts, trust: group.trust, width: size.width, height: size.height,
        }));
    } else if (group.open) {
        graph.addNode(makeNode({
            id: group.id, parent: undefined, role: 'zone', kind: 'zone', compound: true,
            label: group.label, subtitle: '', facts: '', trust: group.trust, width: 0, height: 0,
        }));
    }
}

/** `1 component`, `3 zones`. */
function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
