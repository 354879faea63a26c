/**
 * What changed between two models: components (and broker channels), zones and connections
 * added, removed, renamed and changed, with the properties that changed. Elements match by
 * id, connections by their ids (`a->b`), so moving a block or reformatting changes nothing.
 * A removed and an added element with the same kind, label, zone and properties are one
 * rename; connections through a renamed element are compared under its new id. Pure.
 */
import type { ArchModel, Channel, Component, Connection, PropertyMap, Zone } from '../model/arch-model.js';

/** One changed field: `replicas`, `zone`, `protocol`, … with its text before and after. */
export interface FieldChange {
    field: string;
    before?: string;
    after?: string;
}

/** An element as listed in a diff. */
export interface DiffEntry {
    id: string;
    /** `service`, `zone`, `topic`, `->` / `~>` for connections. */
    kind: string;
    /** One line describing it (`service orders "Orders" in vpc`, `orders -> db : sql`). */
    text: string;
}

export interface ChangedEntry extends DiffEntry {
    changes: FieldChange[];
}

export interface RenamedEntry {
    from: string;
    to: string;
    kind: string;
}

export interface DiffSection {
    added: DiffEntry[];
    removed: DiffEntry[];
    changed: ChangedEntry[];
    renamed: RenamedEntry[];
}

export interface ModelDiff {
    components: DiffSection;
    zones: DiffSection;
    connections: DiffSection;
}

/** True when nothing changed. */
export function isEmptyDiff(diff: ModelDiff): boolean {
    return [diff.components, diff.zones, diff.connections].every(s => s.added.length + s.removed.length + s.changed.length + s.renamed.length === 0);
}

type Part = Component | Channel;

function propertyTexts(properties: PropertyMap): Map<string, string> {
    return new Map([...properties.values()].map(p => [p.name, p.value.text]));
}

function compareProperties(before: PropertyMap, after: PropertyMap): FieldChange[] {
    const a = propertyTexts(before);
    const b = propertyTexts(after);
    const changes: FieldChange[] = [];
    for (const [name, text] of a) {
        if (!b.has(name)) changes.push({ field: name, before: text });
        else if (b.get(name) !== text) changes.push({ field: name, before: text, after: b.get(name) });
    }
    for (const [name, text] of b) if (!a.has(name)) changes.push({ field: name, after: text });
    return changes;
}

function field(name: string, before: string | undefined, after: string | undefined): FieldChange[] {
    return before === after ? [] : [{ field: name, before, after }];
}

function partKind(part: Part): string {
    return part.type === 'component' ? part.kind : part.kind;
}

function partText(part: Part): string {
    const label = part.label ? ` "${part.label}"` : '';
    if (part.type === 'channel') return `${part.kind} ${part.id}${label}`;
    return `${part.kind} ${part.id}${label}${part.zone ? ` in ${part.zone}` : ''}`;
}

function partChanges(before: Part, after: Part): FieldChange[] {
    const changes = [...field('kind', partKind(before), partKind(after)), ...field('label', before.label, after.label)];
    if (before.type === 'component' && after.type === 'component') changes.push(...field('zone', before.zone, after.zone));
    return [...changes, ...compareProperties(before.properties, after.properties)];
}

function zoneText(zone: Zone): string {
    return `zone ${zone.id}${zone.label ? ` "${zone.label}"` : ''}${zone.parent ? ` in ${zone.parent}` : ''}`;
}

function zoneChanges(before: Zone, after: Zone): FieldChange[] {
    return [...field('label', before.label, after.label), ...field('parent', before.parent, after.parent), ...compareProperties(before.properties, after.properties)];
}

export function connectionText(c: Connection, rename: (id: string) => string = id => id): string {
    const arrow = c.style === 'async' ? '~>' : '->';
    const route = c.origin === 'route' && c.path !== undefined ? `route "${c.path}" ` : '';
    return `${route}${rename(c.source)} ${arrow} ${rename(c.target)}${c.protocol ? ` : ${c.protocol}` : ''}${c.label ? ` "${c.label}"` : ''}`;
}

function connectionChanges(before: Connection, after: Connection): FieldChange[] {
    return [
        ...field('protocol', before.protocol, after.protocol),
        ...field('label', before.label, after.label),
        ...field('path', before.path, after.path),
        ...compareProperties(before.properties, after.properties),
    ];
}

/** The identity of an element for rename detection: everything but its id. */
function signature(part: Part): string {
    const properties = [...propertyTexts(part.properties)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify([part.type, partKind(part), part.label, part.type === 'component' ? part.zone : part.broker, properties]);
}

function diffElements<T extends { id: string }>(
    before: readonly T[], after: readonly T[], kindOf: (e: T) => string, textOf: (e: T) => string, changesOf: (a: T, b: T) => FieldChange[], signatureOf?: (e: T) => string,
): DiffSection {
    const old = new Map(before.map(e => [e.id, e]));
    const now = new Map(after.map(e => [e.id, e]));
    let removed = before.filter(e => !now.has(e.id));
    let added = after.filter(e => !old.has(e.id));
    const renamed: RenamedEntry[] = [];
    if (signatureOf) {
        const bySignature = (list: readonly T[]) => {
            const map = new Map<string, T[]>();
            for (const e of list) map.set(signatureOf(e), [...(map.get(signatureOf(e)) ?? []), e]);
            return map;
        };
        const removedBy = bySignature(removed);
        const addedBy = bySignature(added);
        for (const [key, gone] of removedBy) {
            const come = addedBy.get(key);
            // Only an unambiguous pair is a rename.
            if (gone.length === 1 && come?.length === 1) renamed.push({ from: gone[0].id, to: come[0].id, kind: kindOf(gone[0]) });
        }
        const from = new Set(renamed.map(r => r.from));
        const to = new Set(renamed.map(r => r.to));
        removed = removed.filter(e => !from.has(e.id));
        added = added.filter(e => !to.has(e.id));
    }
    const changed: ChangedEntry[] = [];
    for (const e of after) {
        const was = old.get(e.id);
        if (!was) continue;
        const changes = changesOf(was, e);
        if (changes.length > 0) changed.push({ id: e.id, kind: kindOf(e), text: textOf(e), changes });
    }
    const entry = (e: T): DiffEntry => ({ id: e.id, kind: kindOf(e), text: textOf(e) });
    return { added: added.map(entry), removed: removed.map(entry), changed, renamed };
}

/** The differences from `base` to `current`. */
export function diffModels(base: ModelParts, current: ModelParts): ModelDiff {
    const parts = (m: ModelParts): Part[] => [...m.components, ...m.channels];
    const components = diffElements(parts(base), parts(current), partKind, partText, partChanges, signature);
    const zones = diffElements(base.zones, current.zones, () => 'zone', zoneText, zoneChanges);
    const renamedBase = renameConnections(base.connections, [...components.renamed, ...zones.renamed]);
    const connections = diffElements(renamedBase, current.connections, c => (c.style === 'async' ? '~>' : '->'), c => connectionText(c), connectionChanges);
    return { components, zones, connections };
}

/** Connections of the base under the new ids of renamed elements (ends and connection ids). */
export function renameConnections(connections: readonly Connection[], renamed: readonly RenamedEntry[]): Connection[] {
    if (renamed.length === 0) return [...connections];
    const renames = new Map(renamed.map(r => [r.from, r.to]));
    const rename = (id: string): string => {
        const dot = id.indexOf('.');
        if (dot > 0 && renames.has(id.slice(0, dot))) return `${renames.get(id.slice(0, dot))}${id.slice(dot)}`;
        return renames.get(id) ?? id;
    };
    return connections.map(c => {
        const match = /^(.*?)(->|~>)(.*?)(#\d+)?$/.exec(c.id);
        const id = match ? `${rename(match[1])}${match[2]}${rename(match[3])}${match[4] ?? ''}` : c.id;
        return { ...c, id, source: rename(c.source), target: rename(c.target) };
    });
}

/** What a diff reads of a model (one model, or several merged). */
export interface ModelParts {
    components: readonly Component[];
    channels: readonly Channel[];
    zones: readonly Zone[];
    connections: readonly Connection[];
}

/** The parts of several models, each element once (ids are unique in a workspace). */
export function mergeParts(models: readonly ArchModel[]): ModelParts {
    const seen = new Set<string>();
    const once = <T extends { id: string }>(list: T[]): T[] => list.filter(e => (seen.has(e.id) ? false : (seen.add(e.id), true)));
    const components = once(models.flatMap(m => m.components));
    const channels = once(models.flatMap(m => m.channels));
    const zones = once(models.flatMap(m => m.zones));
    const connectionIds = new Set<string>();
    const connections = models.flatMap(m => m.connections).filter(c => (connectionIds.has(c.id) ? false : (connectionIds.add(c.id), true)));
    return { components, channels, zones, connections };
}
