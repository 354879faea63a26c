/**
 * Which zones a diagram draws collapsed (one box with counts instead of a container): every
 * zone when the view is over the size threshold (or collapse is `always`), else the zones the
 * view lists in `collapse: [...]`; never the zones the user expanded.
 */
import type { ArchModel } from '../../model/arch-model.js';
import type { BuildOptions } from '../diagram-model.js';
import type { ViewSelection } from '../view-selection.js';

/** What a collapsed zone holds: components and inner zones. */
export interface CollapsedCounts {
    components: number;
    zones: Set<string>;
}

/** Views with more components than this show zones collapsed (when `collapse` is `auto`). */
export const DEFAULT_COLLAPSE_THRESHOLD = 150;

/** The decision, and the node that stands for each element once zones are collapsed. */
export class CollapsePlan {
    readonly threshold: number;
    /** True when the view is over the threshold (or collapse is `always`): every zone collapses. */
    readonly bySize: boolean;
    /** Zones the view lists in `collapse: [...]`. */
    readonly listed: Set<string>;
    /** Zones kept open although they would collapse. */
    readonly expanded: Set<string>;
    /** Each zone drawn as a box, with what it holds; in the order of the selection's components. */
    readonly counts = new Map<string, CollapsedCounts>();
    private readonly visibleZones: Set<string>;

    constructor(private readonly model: ArchModel, selection: ViewSelection, options: BuildOptions) {
        this.threshold = options.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD;
        const mode = options.collapse ?? 'auto';
        this.bySize = mode === 'always' || (mode === 'auto' && selection.components.length > this.threshold);
        this.listed = new Set(mode === 'never' ? [] : selection.view.collapse);
        this.expanded = new Set(options.expandedZones ?? []);
        this.visibleZones = new Set(selection.zones);
        this.countCollapsed(selection);
    }

    /** True when `zoneId` would collapse (by size or because the view lists it). */
    collapses(zoneId: string): boolean {
        return this.bySize || this.listed.has(zoneId);
    }

    /** The collapsed zone standing for a component, if any: the outermost one that is not expanded. */
    zoneOf(componentId: string): string | undefined {
        if (!this.bySize && this.listed.size === 0) return undefined;
        const component = this.model.elements.get(componentId);
        if (component?.type !== 'component') return undefined;
        for (const zone of component.zonePath) {
            if (this.visibleZones.has(zone) && !this.expanded.has(zone) && (this.bySize || this.listed.has(zone))) return zone;
        }
        return undefined;
    }

    /** The node standing for a selected element id (a channel is drawn in its broker). */
    nodeOf(id: string): string {
        const element = this.model.elements.get(id);
        const owner = element?.type === 'channel' ? element.broker : id;
        return this.zoneOf(owner) ?? id;
    }

    /** The visible parent zone of a zone, if any. */
    zoneParent(zoneId: string): string | undefined {
        const zone = this.model.elements.get(zoneId);
        return zone?.type === 'zone' && zone.parent && this.visibleZones.has(zone.parent) ? zone.parent : undefined;
    }

    /** True when a zone is inside a collapsed one (so it is not drawn at all). */
    isHiddenInCollapsed(zoneId: string): boolean {
        let parent = this.zoneParent(zoneId);
        while (parent) {
            if (this.counts.has(parent)) return true;
            parent = this.zoneParent(parent);
        }
        return false;
    }

    private countCollapsed(selection: ViewSelection): void {
        for (const id of selection.components) {
            const zone = this.zoneOf(id);
            if (zone === undefined) continue;
            const counts = this.counts.get(zone) ?? { components: 0, zones: new Set<string>() };
            counts.components++;
            const component = this.model.elements.get(id);
            if (component?.type === 'component') {
                for (const z of component.zonePath.slice(component.zonePath.indexOf(zone) + 1)) counts.zones.add(z);
            }
            this.counts.set(zone, counts);
        }
    }
}
