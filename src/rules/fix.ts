/**
 * How rules write their quick fixes: `fix(title, change…)` with one constructor per kind of
 * change (see `FixChange`). Pure: everything is said in model terms (ids, connections,
 * locations); the editor turns it into text edits.
 */
import type { ArchModel, Channel, ChannelKind, Component, ComponentKind, Connection, ConnectionStyle, SourceLocation } from '../model/arch-model.js';
import type { FixChange, FixIntent, FixPlacement, FixTarget, NewComponent } from '../model/fix-intent.js';

export type { FixChange, FixIntent } from '../model/fix-intent.js';

/** A quick fix: a menu title and the changes it makes together. Preferred unless `preferred` is false. */
export function fix(title: string, changes: FixChange | FixChange[], preferred = true): FixIntent {
    return { title, preferred, changes: Array.isArray(changes) ? changes : [changes] };
}

function targetOf(on: Component | Channel | Connection): FixTarget {
    return 'type' in on ? { element: on.id } : { connection: on.location };
}

/** `name: value` on a component, channel or connection (replacing it when present); `within` a mode property's settings (`auth`). */
export function setProperty(on: Component | Channel | Connection, name: string, value: string, options: { within?: string } = {}): FixChange {
    return { kind: 'set-property', target: targetOf(on), name, value, ...(options.within ? { within: options.within } : {}) };
}

/** The connection's protocol (written after its target when it has none). */
export function setProtocol(connection: Connection, protocol: string): FixChange {
    return { kind: 'set-protocol', connection: connection.location, protocol };
}

/** Points the connection at `target`. */
export function retargetConnection(connection: Connection, target: string): FixChange {
    return { kind: 'retarget-connection', connection: connection.location, target };
}

/** The name at `location` (or the first `from` in it) becomes `to`. */
export function rename(location: SourceLocation, to: string, from?: string): FixChange {
    return { kind: 'rename', location, to, ...(from !== undefined ? { from } : {}) };
}

/** `route "/target" -> target` (or the given path) in the gateway's body. */
export function addRoute(gateway: Component, target: string, path = `/${target}`): FixChange {
    return { kind: 'add-route', gateway: gateway.id, path, target };
}

/** A topic (or queue) in the broker's body. */
export function addChannel(broker: Component, name: string, channel: ChannelKind = 'topic'): FixChange {
    return { kind: 'add-channel', broker: broker.id, channel, name };
}

/** Declares a component; after the statement of `after` (an element or location), else at the end of the file. */
export function addComponent(component: NewComponent & { kind: ComponentKind }, after?: Component | SourceLocation): FixChange {
    return { kind: 'add-component', component, ...(after ? { placement: { after: 'type' in after ? after.location : after } } : {}) };
}

/** Declares a connection at a placement, else at the end of the file. */
export function addConnection(connection: { source: string; target: string; style: ConnectionStyle; protocol?: string }, placement?: FixPlacement): FixChange {
    return {
        kind: 'add-connection', source: connection.source, target: connection.target, style: connection.style,
        ...(connection.protocol !== undefined ? { protocol: connection.protocol } : {}), ...(placement ? { placement } : {}),
    };
}

/** Deletes the element's declaration. */
export function removeElement(element: Component): FixChange {
    return { kind: 'remove-element', element: element.id };
}

/** Deletes the connection (a `route` too). */
export function removeConnection(connection: Connection): FixChange {
    return { kind: 'remove-connection', connection: connection.location };
}

/** `base`, or `base2`, `base3`… : an id nothing in the model uses yet. */
export function freshId(model: ArchModel, base: string): string {
    if (!model.elements.has(base)) return base;
    for (let i = 2; ; i++) if (!model.elements.has(`${base}${i}`)) return `${base}${i}`;
}
