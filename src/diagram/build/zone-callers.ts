/**
 * Calls into one box from several boxes of one open zone it is not in, drawn as one edge from
 * the zone: a many-to-many tangle of calls (`mergeFanIns`, `4 callers · 6 connections`), and
 * the same call made by sibling boxes (`mergeTwins`: the browser's and the mobile app's
 * `https · sign in` to the identity provider, `2 callers · https · sign in`). The merged
 * edge's members, its tooltip and its accessible name say which box makes which call.
 */
import type { Connection } from '../../model/arch-model.js';
import { kindInfo } from '../../model/component-kinds.js';
import type { EdgeGroup } from './edge-group.js';
import type { DiagramGraph } from './diagram-graph.js';

/** A box called by at least this many boxes of one open zone is called by the zone: one edge. */
export const FAN_IN_MIN = 3;

/**
 * Calls into one box from `FAN_IN_MIN` or more boxes of one open zone it is not in (two API
 * gateways and two aggregators all calling Catalog) draw as one edge from the zone, labelled
 * with its callers (`4 callers · 6 connections`), when the zone's boxes fan into two or more
 * such boxes: four callers of three services are twelve edges that must cross, where one
 * target's three callers draw clearly. Its members, in the tooltip and the JSON export, say
 * which box calls through which route. Calls only, none a flow step.
 */
export function mergeFanIns(graph: DiagramGraph, groups: readonly EdgeGroup[], stepped: ReadonlySet<string>): EdgeGroup[] {
    const candidates = new Map<string, EdgeGroup[]>();
    for (const group of groups) {
        const zone = zoneOf(graph, group.from);
        if (zone === undefined || group.aggregated || inside(graph, group.to, zone) || graph.node(group.to)?.compound) continue;
        if (group.connections.some(c => c.style !== 'sync' || stepped.has(c.id))) continue;
        const key = `${zone}\u0000${group.to}`;
        candidates.set(key, [...(candidates.get(key) ?? []), group]);
    }
    const fans = [...candidates].filter(([, members]) => new Set(members.map(m => m.from)).size >= FAN_IN_MIN);
    /** Zones whose boxes fan into two or more targets: a many-to-many tangle (one target alone draws clearly). */
    const tangled = new Set<string>();
    const seen = new Set<string>();
    for (const [key] of fans) {
        const zone = key.split('\u0000')[0];
        if (seen.has(zone)) tangled.add(zone);
        seen.add(zone);
    }
    const merged = new Map<EdgeGroup, EdgeGroup | undefined>();
    for (const [key, members] of fans) {
        const [zone, to] = key.split('\u0000');
        if (!tangled.has(zone)) continue;
        const fanIn: EdgeGroup = { from: zone, to, aggregated: true, connections: members.flatMap(m => m.connections), callers: [...new Set(members.map(m => m.from))] };
        merged.set(members[0], fanIn);
        for (const member of members.slice(1)) merged.set(member, undefined);
    }
    return replaceMerged(groups, merged);
}

/** Sibling boxes making the same call: at least this many draw it once, from their zone. */
export const TWIN_MIN = 2;

/** Twin calls merge only in a view that would otherwise draw more edges than this. */
export const TWIN_VIEW_EDGES = 24;

/**
 * Calls that read the same (`https · sign in (5105)`, one connection each, none a flow step)
 * from `TWIN_MIN` or more boxes of one open zone into one box outside it draw as one edge
 * from the zone: `2 callers · https · sign in (5105)`. Nothing a reader sees is lost — the
 * label is the one each call had, and the callers are in the members and the tooltip — while
 * two or three parallel lines that cross the same others become one. Only in a busy view (more
 * than `TWIN_VIEW_EDGES` edges): in a small one, each client's own line to the gateway reads
 * better than a line from their zone. `labelOf` is the label of a call drawn alone, in full;
 * calls with TLS and without never merge, nor calls into a data store (two services sharing a
 * database is what a reader looks for there).
 */
export function mergeTwins(graph: DiagramGraph, groups: readonly EdgeGroup[], stepped: ReadonlySet<string>,
    labelOf: (connection: Connection) => string): EdgeGroup[] {
    if (groups.length <= TWIN_VIEW_EDGES) return [...groups];
    const candidates = new Map<string, EdgeGroup[]>();
    for (const group of groups) {
        if (group.aggregated || group.connections.length !== 1) continue;
        const [connection] = group.connections;
        if (connection.style !== 'sync' || stepped.has(connection.id)) continue;
        const zone = zoneOf(graph, group.from);
        const target = graph.node(group.to);
        if (zone === undefined || target === undefined || target.role !== 'component' || inside(graph, group.to, zone)) continue;
        if (kindInfo(target.kind)?.dataStore) continue; // each user of a store keeps its line: sharing one is a finding
        const label = labelOf(connection);
        if (label === '') continue;
        const key = `${zone}\u0000${group.to}\u0000${label}\u0000${connection.tls}`;
        candidates.set(key, [...(candidates.get(key) ?? []), group]);
    }
    const merged = new Map<EdgeGroup, EdgeGroup | undefined>();
    for (const [key, members] of candidates) {
        if (new Set(members.map(m => m.from)).size < TWIN_MIN) continue;
        const [zone, to, label] = key.split('\u0000');
        merged.set(members[0], {
            from: zone, to, aggregated: true, connections: members.flatMap(m => m.connections),
            callers: [...new Set(members.map(m => m.from))], twinLabel: label,
        });
        for (const member of members.slice(1)) merged.set(member, undefined);
    }
    return replaceMerged(groups, merged);
}

/** The open zone a box is drawn in directly, if any. */
function zoneOf(graph: DiagramGraph, id: string): string | undefined {
    const parent = graph.node(id)?.parent;
    return parent !== undefined && graph.node(parent)?.role === 'zone' ? parent : undefined;
}

/** True when the node `id` is drawn inside `zone`, at any depth. */
function inside(graph: DiagramGraph, id: string, zone: string): boolean {
    for (let current = graph.node(id); current; current = current.parent === undefined ? undefined : graph.node(current.parent)) {
        if (current.id === zone) return true;
    }
    return false;
}

/** The groups with each merged one in place of its first member and without the others. */
function replaceMerged(groups: readonly EdgeGroup[], merged: ReadonlyMap<EdgeGroup, EdgeGroup | undefined>): EdgeGroup[] {
    if (merged.size === 0) return [...groups];
    return groups.flatMap(group => (merged.has(group) ? (merged.get(group) ? [merged.get(group)!] : []) : [group]));
}
