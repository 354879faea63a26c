/**
 * Which zones a diagram draws collapsed (one box with counts instead of a container): every
 * zone when the view is over the size threshold (or collapse is `always`), else the zones the
 * view lists in `collapse: [...]`; never the zones the user expanded. Brokers with more topics
 * and queues in the view than `BROKER_TOPIC_THRESHOLD` draw as one box too (`16 topics`), their
 * publishers and subscribers attached to the broker, until the user opens them.
 */
import type { ArchModel, Trust } from '../../model/arch-model.js';
import type { BuildOptions } from '../diagram-model.js';
import type { ViewSelection } from '../view-selection.js';

/** What a collapsed zone holds: components and inner zones. */
export interface CollapsedCounts {
    components: number;
    zones: Set<string>;
}

/** Views with more components than this show zones collapsed (when `collapse` is `auto`). */
export const DEFAULT_COLLAPSE_THRESHOLD = 150;

/** Brokers with more channels in the view than this draw as one box (unless `collapse` is `never`). */
export const BROKER_TOPIC_THRESHOLD = 8;

/**
 * A view collapsed by size that would still draw more top-level boxes than this groups its
 * top-level zones (a second collapsing level, see `ZoneGroup`), so an overview of any size
 * stays readable.
 */
export const GROUP_BOX_LIMIT = 60;

/** Prefix of a zone group's id (model ids cannot contain `:`). */
export const GROUP_ID_PREFIX = 'group:';

/**
 * Top-level zones drawn as one box when a model has too many of them: zones of one trust, in
 * model order, in runs of about √n (84 domains make 9 groups of 9 or 10). A group opens when
 * the user opens it (its id, or `group:` and the id of any zone in it, is expanded) or any zone in it; opened, it is a container of its
 * zones, each still collapsed until opened.
 */
export interface ZoneGroup {
    /** `group:` and the id of its first zone. */
    id: string;
    /** `Catalog … Tax 5`: its first and last zone. */
    label: string;
    trust: Trust | undefined;
    zones: string[];
    open: boolean;
}

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
    /** Brokers drawn as one box, with the number of their channels in the view. */
    readonly brokers = new Map<string, number>();
    /** Brokers drawn open because the user opened them although they have many channels. */
    readonly expandedBrokers: string[] = [];
    /** Groups of top-level zones (none unless the view has more than `GROUP_BOX_LIMIT` top-level boxes), in model order. */
    readonly groups: ZoneGroup[] = [];
    private readonly groupOfZone = new Map<string, ZoneGroup>();
    private readonly visibleZones: Set<string>;

    constructor(private readonly model: ArchModel, selection: ViewSelection, options: BuildOptions) {
        this.threshold = options.collapseThreshold ?? DEFAULT_COLLAPSE_THRESHOLD;
        const mode = options.collapse ?? 'auto';
        this.bySize = mode === 'always' || (mode === 'auto' && selection.components.length > this.threshold);
        this.listed = new Set(mode === 'never' ? [] : selection.view.collapse);
        this.expanded = new Set(options.expandedZones ?? []);
        this.visibleZones = new Set(selection.zones);
        this.countCollapsed(selection);
        if (this.bySize && this.groupZones(selection)) {
            this.counts.clear();
            this.countCollapsed(selection);
        }
        if (mode !== 'never') this.collapseBrokers(selection);
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
        const group = component.zonePath.length > 0 ? this.groupOfZone.get(component.zonePath[0]) : undefined;
        if (group && !group.open) return group.id;
        for (const zone of component.zonePath) {
            if (this.visibleZones.has(zone) && !this.expanded.has(zone) && (this.bySize || this.listed.has(zone))) return zone;
        }
        return undefined;
    }

    /** The node standing for a selected element id (a channel is drawn in its broker). */
    nodeOf(id: string): string {
        const element = this.model.elements.get(id);
        const owner = element?.type === 'channel' ? element.broker : id;
        return this.zoneOf(owner) ?? (this.brokers.has(owner) ? owner : id);
    }

    /** The visible parent zone of a zone, if any. */
    zoneParent(zoneId: string): string | undefined {
        const zone = this.model.elements.get(zoneId);
        if (zone?.type === 'zone' && zone.parent && this.visibleZones.has(zone.parent)) return zone.parent;
        return this.groupOfZone.get(zoneId)?.id;
    }

    /** The group a top-level zone is drawn in, if any. */
    groupOf(zoneId: string): ZoneGroup | undefined {
        return this.groupOfZone.get(zoneId);
    }

    /**
     * Groups the top-level zones when the view would draw more than `GROUP_BOX_LIMIT` top-level
     * boxes; true when it made any group.
     */
    private groupZones(selection: ViewSelection): boolean {
        const topZones = selection.zones.filter(id => this.zoneParent(id) === undefined && (this.counts.has(id) || this.expanded.has(id)));
        let looseBoxes = 0;
        for (const id of selection.components) {
            const component = this.model.elements.get(id);
            if (component?.type === 'component' && !component.zonePath.some(zone => this.visibleZones.has(zone))) looseBoxes++;
        }
        if (topZones.length + looseBoxes <= GROUP_BOX_LIMIT) return false;
        const size = Math.ceil(Math.sqrt(topZones.length));
        const byTrust = new Map<Trust | undefined, string[]>();
        for (const id of topZones) {
            const zone = this.model.elements.get(id);
            const trust = zone?.type === 'zone' ? zone.trust : undefined;
            byTrust.set(trust, [...(byTrust.get(trust) ?? []), id]);
        }
        for (const [trust, zones] of byTrust) {
            const runs = Math.ceil(zones.length / size);
            for (let r = 0; r < runs; r++) {
                const members = zones.slice(Math.floor((r * zones.length) / runs), Math.floor(((r + 1) * zones.length) / runs));
                if (members.length < 2) continue;
                const label = (id: string) => { const zone = this.model.elements.get(id); return (zone?.type === 'zone' ? zone.label : undefined) ?? id; };
                const id = `${GROUP_ID_PREFIX}${members[0]}`;
                const group: ZoneGroup = {
                    id, label: `${label(members[0])} … ${label(members[members.length - 1])}`, trust, zones: members,
                    // Opened by its own id, by `group:` and the id of any zone in it (`--expand group:d5`), or by a zone in it.
                    open: this.expanded.has(id) || members.some(zone => this.expanded.has(zone) || this.expanded.has(`${GROUP_ID_PREFIX}${zone}`)),
                };
                this.groups.push(group);
                for (const zone of members) this.groupOfZone.set(zone, group);
            }
        }
        return this.groups.length > 0;
    }

    /** True when a zone is inside a collapsed one (so it is not drawn at all). */
    isHiddenInCollapsed(zoneId: string): boolean {
        let parent = this.zoneParent(zoneId);
        while (parent) {
            if (this.counts.has(parent)) return true;
            parent = parent.startsWith(GROUP_ID_PREFIX) ? undefined : this.zoneParent(parent);
        }
        return false;
    }

    /** Brokers over the topic threshold, not hidden in a collapsed zone and not opened. */
    private collapseBrokers(selection: ViewSelection): void {
        const channels = new Map<string, number>();
        for (const id of selection.channels) {
            const channel = this.model.elements.get(id);
            if (channel?.type === 'channel') channels.set(channel.broker, (channels.get(channel.broker) ?? 0) + 1);
        }
        for (const [broker, count] of channels) {
            if (count <= BROKER_TOPIC_THRESHOLD || this.zoneOf(broker) !== undefined) continue;
            if (this.expanded.has(broker)) this.expandedBrokers.push(broker);
            else this.brokers.set(broker, count);
        }
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
