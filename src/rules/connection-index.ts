/**
 * A model's connections by id, indexed once per model: rules that look up the connections a
 * channel lists (its publishers, its subscribers) stay linear in the model instead of scanning
 * every connection for each. (By source and target: the model's own `outgoing` and `incoming`.)
 */
import type { ArchModel, Connection } from '../model/arch-model.js';

const cache = new WeakMap<ArchModel, ReadonlyMap<string, Connection>>();

/** The connection with this id (the first, should two share it), or undefined. */
export function connectionById(model: ArchModel, id: string): Connection | undefined {
    let byId = cache.get(model);
    if (!byId) {
        const map = new Map<string, Connection>();
        for (const c of model.connections) if (!map.has(c.id)) map.set(c.id, c);
        cache.set(model, map);
        byId = map;
    }
    return byId.get(id);
}
