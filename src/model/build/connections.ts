/**
 * Connections: `a -> b`, `a ~> broker.topic`, the connections written in a component's body
 * and a gateway's routes, each with a stable id (`a->b`, `a->b#2` for the second), and the
 * indexes the rules walk (outgoing, incoming, a channel's publishers and subscribers).
 */
import type { Connection as ConnectionNode, Route as RouteNode } from '../../language/generated/ast.js';
import { TLS_PROTOCOLS, type Component, type Connection } from '../arch-model.js';
import { CONNECTION_PROPERTIES, ROUTE_PROPERTIES } from '../schema/property-schema.js';
import { push, type BuildContext } from './build-context.js';
import { typeDeclarationProperties } from './property-typing.js';
import { resolveReference } from './references.js';

/** A connection written at the top level (`owner` undefined) or in a component's body. */
export function describeConnection(ctx: BuildContext, node: ConnectionNode, owner: Component | undefined): void {
    const source = owner ? owner.id : resolveReference(ctx, node.source, 'connection source', ['component', 'channel'], undefined);
    const target = resolveReference(ctx, node.target, 'connection target', ['component', 'channel'], owner);
    const properties = typeDeclarationProperties(ctx, node, () => node.properties, CONNECTION_PROPERTIES, 'connection', owner);
    if (source === undefined || target === undefined) {
        ctx.markUnresolved(source ?? (owner?.id));
        return;
    }
    addConnection(ctx, {
        source, target, style: node.arrow === '~>' ? 'async' : 'sync', origin: owner ? 'body' : 'connection',
        path: undefined, protocol: node.protocol, label: node.label, properties, allows: ctx.allows(node, node.annotations),
        location: ctx.location(node),
    });
}

/** A gateway's `route "/path" -> target : protocol`: a synchronous connection labelled with its path. */
export function describeRoute(ctx: BuildContext, node: RouteNode, gateway: Component): void {
    const target = resolveReference(ctx, node.target, 'route target', ['component'], gateway);
    const properties = typeDeclarationProperties(ctx, node, () => node.properties, ROUTE_PROPERTIES, `route '${node.path ?? ''}'`, gateway);
    if (target === undefined) return;
    addConnection(ctx, {
        source: gateway.id, target, style: 'sync', origin: 'route', path: node.path, protocol: node.protocol,
        label: node.path, properties, allows: ctx.allows(node, node.annotations), location: ctx.location(node),
    });
}

function addConnection(ctx: BuildContext, c: Omit<Connection, 'id' | 'tls' | 'hasUnresolvedReferences'>): void {
    const base = `${c.source}${c.style === 'async' ? '~>' : '->'}${c.target}`;
    const count = (ctx.connectionIds.get(base) ?? 0) + 1;
    ctx.connectionIds.set(base, count);
    const protocol = c.protocol?.toLowerCase();
    // One object literal (not a spread): every connection gets the same shape.
    ctx.connections.push({
        source: c.source, target: c.target, style: c.style, origin: c.origin, path: c.path, protocol,
        label: c.label, properties: c.properties, allows: c.allows, location: c.location,
        id: count === 1 ? base : `${base}#${count}`,
        tls: protocol === undefined ? undefined : TLS_PROTOCOLS.has(protocol), hasUnresolvedReferences: false,
    });
}

/** Connections by source and by target; fills in each channel's publishers and subscribers. */
export function indexConnections(ctx: BuildContext): { outgoing: Map<string, Connection[]>; incoming: Map<string, Connection[]> } {
    const outgoing = new Map<string, Connection[]>();
    const incoming = new Map<string, Connection[]>();
    for (const connection of ctx.connections) {
        push(outgoing, connection.source, connection);
        push(incoming, connection.target, connection);
        const source = ctx.elements.get(connection.source);
        const target = ctx.elements.get(connection.target);
        if (connection.style === 'async' && target?.type === 'channel') target.publishers.push(connection.id);
        if (connection.style === 'async' && source?.type === 'channel') source.subscribers.push(connection.id);
    }
    return { outgoing, incoming };
}
