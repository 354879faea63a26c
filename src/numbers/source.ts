/**
 * What every computation reads: the numbers of each component and connection (computed once,
 * on demand), the synchronous connections in and out of each element, and a memoised
 * post-order walk over them that survives cycles (a synchronous cycle is the `sync-cycle`
 * rule's business; here the edge closing it is left out).
 */
import type { ArchModel, Connection } from '../model/arch-model.js';
import type { NumberAssumptions } from './assumptions.js';
import { componentNumbers, componentOf, connectionNumbers, type ComponentNumbers, type ConnectionNumbers } from './elements.js';

/** The numbers of one model under one set of assumptions, element by element. */
export class NumberSource {
    private readonly components = new Map<string, ComponentNumbers | undefined>();
    private readonly connections = new Map<string, ConnectionNumbers>();
    private readonly syncOutgoing = new Map<string, Connection[]>();
    private readonly syncIncoming = new Map<string, Connection[]>();
    private readonly byId = new Map<string, Connection>();

    constructor(readonly model: ArchModel, readonly assumptions: NumberAssumptions) {
        for (const connection of model.connections) {
            this.byId.set(connection.id, connection);
            if (connection.style !== 'sync' || connection.hasUnresolvedReferences) continue;
            push(this.syncOutgoing, connection.source, connection);
            push(this.syncIncoming, connection.target, connection);
        }
    }

    /** The numbers of a component, or of a channel's broker; undefined for anything else. */
    component(id: string): ComponentNumbers | undefined {
        if (!this.components.has(id)) {
            const component = componentOf(this.model, this.model.elements.get(id));
            this.components.set(id, component ? componentNumbers(component, this.assumptions) : undefined);
        }
        return this.components.get(id);
    }

    /** The numbers of a connection (its caller's default timeout included). */
    connection(connection: Connection): ConnectionNumbers {
        let numbers = this.connections.get(connection.id);
        if (!numbers) {
            const caller = this.model.elements.get(connection.source);
            numbers = connectionNumbers(connection, caller?.type === 'component' ? caller : undefined);
            this.connections.set(connection.id, numbers);
        }
        return numbers;
    }

    /** The connection with this id. */
    connectionById(id: string): Connection | undefined {
        return this.byId.get(id);
    }

    /** Synchronous connections (routes included) leaving an element. */
    syncOut(id: string): readonly Connection[] {
        return this.syncOutgoing.get(id) ?? [];
    }

    /** Synchronous connections (routes included) entering an element. */
    syncIn(id: string): readonly Connection[] {
        return this.syncIncoming.get(id) ?? [];
    }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/** One edge walked and the value of the element at its other end. */
export interface Walked<T> {
    connection: Connection;
    value: T;
}

/**
 * The value of `start` from the values at the other ends of its edges (`edges`, `next`),
 * computed bottom-up without recursion and memoised in `memo` across calls. An edge back to
 * an element still being computed (a cycle) is left out of that element's value. A value that
 * left out an edge to an element further up the walk depends on where the walk started, so
 * it is kept for this walk only: the memo holds values any walk would compute alike.
 */
export function walk<T>(start: string, edges: (id: string) => readonly Connection[], next: (connection: Connection) => string,
    combine: (id: string, walked: readonly Walked<T>[]) => T, memo: Map<string, T>): T {
    const known = memo.get(start);
    if (known !== undefined) return known;
    /** `cut`: the shallowest depth of an element still open that the frame's subtree left out. */
    interface Frame { id: string; edges: readonly Connection[]; at: number; walked: Walked<T>[]; cut: number }
    const stack: Frame[] = [{ id: start, edges: edges(start), at: 0, walked: [], cut: Infinity }];
    const depthOf = new Map([[start, 0]]);
    /** Values that depend on the element open at depth `cut` (`cutId`): valid while it is open there. */
    const local = new Map<string, { value: T; cut: number; cutId: string }>();
    let result: T | undefined;
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if (frame.at < frame.edges.length) {
            const connection = frame.edges[frame.at++];
            const other = next(connection);
            const value = memo.get(other);
            const walkedHere = local.get(other);
            const open = depthOf.get(other);
            if (value !== undefined) frame.walked.push({ connection, value });
            else if (walkedHere !== undefined && stack[walkedHere.cut]?.id !== walkedHere.cutId) {
                // Computed in this walk relative to an element no longer open: compute it again.
                local.delete(other);
                frame.at--;
            } else if (walkedHere !== undefined) {
                frame.walked.push({ connection, value: walkedHere.value });
                frame.cut = Math.min(frame.cut, walkedHere.cut);
            } else if (open !== undefined) frame.cut = Math.min(frame.cut, open);
            else {
                depthOf.set(other, stack.length);
                stack.push({ id: other, edges: edges(other), at: 0, walked: [], cut: Infinity });
            }
            continue;
        }
        const value = combine(frame.id, frame.walked);
        const depth = stack.length - 1;
        depthOf.delete(frame.id);
        stack.pop();
        // Cuts at this frame's own depth are the cycle closing on it: its value is its own.
        const cut = frame.cut >= depth ? Infinity : frame.cut;
        if (cut === Infinity) memo.set(frame.id, value);
        else local.set(frame.id, { value, cut, cutId: stack[cut].id });
        const parent = stack[stack.length - 1];
        if (parent) {
            parent.walked.push({ connection: parent.edges[parent.at - 1], value });
            parent.cut = Math.min(parent.cut, cut);
        } else result = value;
    }
    return result!;
}
