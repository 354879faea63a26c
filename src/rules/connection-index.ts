/**
 * Connections of a model by id, source and target, built once per model: rules that look up a
 * connection per finding (a fix's "the caller already calls the gateway", "the calls into this
 * component") stay linear in the model instead of scanning every connection for every finding.
 */
import type { ArchModel, Connection } from '../model/arch-model.js';

/** Lookups over a model's connections (each list in the model's order). */
export interface ConnectionIndex {
    byId: ReadonlyMap<string, Connection>;
    /** Connections whose `source` is the id. */
    from(id: string): readonly Connection[];
    /** Connections whose `target` is the id. */
    to(id: string): readonly Connection[];
}

const cache = new WeakMap<ArchModel, ConnectionIndex>();
const NONE: readonly Connection[] = [];

/** The connection index of a model (cached per model object). */
export function connectionIndex(model: ArchModel): ConnectionIndex {
    let index = cache.get(model);
    if (!index) {
        const byId = new Map<string, Connection>();
        const from = new Map<string, Connection[]>();
        const to = new Map<string, Connection[]>();
        const add = (map: Map<string, Connection[]>, key: string, c: Connection): void => {
            const list = map.get(key);
            if (list) list.push(c);
            else map.set(key, [c]);
        };
        for (const c of model.connections) {
            if (!byId.has(c.id)) byId.set(c.id, c);
            add(from, c.source, c);
            add(to, c.target, c);
        }
        index = { byId, from: id => from.get(id) ?? NONE, to: id => to.get(id) ?? NONE };
        cache.set(model, index);
    }
    return index;
}
