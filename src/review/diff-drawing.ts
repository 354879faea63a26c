/**
 * The model `archway diff --format svg|png` draws: the current model plus what the base had
 * and the current one lost (so removed elements can be drawn faded where they were), and the
 * ids to mark as added, changed or removed. Pure.
 */
import type { ArchModel, Channel, Component, Connection, Element, Zone } from '../model/arch-model.js';
import type { ChangeMarks } from '../diagram/change-marks.js';
import { renameConnections, type ModelDiff } from './model-diff.js';

/** Suffix of a removed connection's id when the current model has a connection with the same id. */
const REMOVED_SUFFIX = '#removed';

/** The current model with the base's removed elements added back, and the change marks. */
export function modelForDiffDrawing(current: ArchModel, base: ArchModel, diff: ModelDiff): { model: ArchModel; marks: ChangeMarks } {
    const removedIds = new Set([...diff.components.removed, ...diff.zones.removed].map(e => e.id));
    const zones = new Map<string, Zone>(current.zones.map(z => [z.id, { ...z, components: [...z.components], zones: [...z.zones] }]));
    // Removed zones first (outermost first, as the base lists them), so removed components can sit in them.
    for (const zone of base.zones) {
        if (!removedIds.has(zone.id)) continue;
        const parent = zone.parent !== undefined && zones.has(zone.parent) ? zone.parent : undefined;
        zones.set(zone.id, { ...zone, parent, components: [], zones: [] });
        if (parent) zones.get(parent)?.zones.push(zone.id);
    }
    const components: Component[] = [...current.components];
    for (const component of base.components) {
        if (!removedIds.has(component.id)) continue;
        const zonePath = component.zonePath.filter(id => zones.has(id));
        const zone = zonePath[zonePath.length - 1];
        components.push({ ...component, zone, zonePath, channels: component.channels.filter(id => removedIds.has(id) || current.elements.has(id)) });
        if (zone) zones.get(zone)?.components.push(component.id);
    }
    const componentIds = new Set(components.map(c => c.id));
    const channels: Channel[] = [...current.channels];
    const brokers = new Map(components.map(c => [c.id, c]));
    for (const channel of base.channels) {
        if (!removedIds.has(channel.id) || !componentIds.has(channel.broker)) continue;
        channels.push(channel);
        const broker = brokers.get(channel.broker);
        if (broker && !broker.channels.includes(channel.id)) {
            const copy = { ...broker, channels: [...broker.channels, channel.id] };
            components[components.indexOf(broker)] = copy;
            brokers.set(copy.id, copy);
        }
    }
    const present = new Set([...componentIds, ...channels.map(c => c.id)]);
    const currentConnectionIds = new Set(current.connections.map(c => c.id));
    const removedConnectionTexts = new Set(diff.connections.removed.map(e => e.id));
    const removedConnections: Connection[] = [];
    for (const connection of renameConnections(base.connections, [...diff.components.renamed, ...diff.zones.renamed])) {
        if (!removedConnectionTexts.has(connection.id) || !present.has(connection.source) || !present.has(connection.target)) continue;
        removedConnections.push(currentConnectionIds.has(connection.id) ? { ...connection, id: connection.id + REMOVED_SUFFIX } : connection);
    }
    const connections = [...current.connections, ...removedConnections];

    const elements = new Map<string, Element>();
    for (const zone of zones.values()) elements.set(zone.id, zone);
    for (const component of components) elements.set(component.id, component);
    for (const channel of channels) elements.set(channel.id, channel);
    const outgoing = new Map<string, Connection[]>();
    const incoming = new Map<string, Connection[]>();
    for (const connection of connections) {
        outgoing.set(connection.source, [...(outgoing.get(connection.source) ?? []), connection]);
        incoming.set(connection.target, [...(incoming.get(connection.target) ?? []), connection]);
    }
    const model: ArchModel = {
        ...current,
        components, zones: [...zones.values()], channels, connections, flows: [], elements, outgoing, incoming, problems: [],
    };
    const marks: ChangeMarks = {
        added: new Set([...diff.components.added, ...diff.zones.added, ...diff.connections.added].map(e => e.id)),
        removed: new Set([...removedIds, ...removedConnections.map(c => c.id)]),
        changed: new Set([
            ...[...diff.components.changed, ...diff.zones.changed, ...diff.connections.changed].map(e => e.id),
            ...[...diff.components.renamed, ...diff.zones.renamed].map(r => r.to),
        ]),
    };
    return { model, marks };
}
