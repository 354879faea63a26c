/**
 * Pass 1 of a build: declares every zone, component, topic and queue under its id (so the
 * second pass can resolve references to any of them), and reports unknown kinds and ids
 * declared more than once.
 */
import type { AstNode } from 'langium';
import type { Channel as ChannelNode, Component as ComponentNode, Property as PropertyNode, Zone as ZoneNode } from '../../language/generated/ast.js';
import { COMPONENT_KINDS, type Channel, type Component, type ComponentKind, type Trust, type Zone } from '../arch-model.js';
import { ZONE_PROPERTIES } from '../schema/property-schema.js';
import { closest, didYouMean } from '../suggest.js';
import { isChannel, isComponent, isProperty, isWordValue, isZone } from './ast-guards.js';
import { describeLocation, type BuildContext } from './build-context.js';

/** Declares zones and components depth-first in source order, without recursion (zones nest deeply). */
export function declareMembers(ctx: BuildContext, members: Iterable<AstNode>): void {
    const stack: { members: Iterator<AstNode>; zone: Zone | undefined }[] = [{ members: members[Symbol.iterator](), zone: undefined }];
    while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const next = top.members.next();
        if (next.done) {
            stack.pop();
            continue;
        }
        const member = next.value;
        if (isZone(member)) {
            const declared = declareZone(ctx, member, top.zone);
            if (declared) stack.push({ members: member.members[Symbol.iterator](), zone: declared });
        } else if (isComponent(member)) {
            declareComponent(ctx, member, top.zone);
        }
    }
}

/** Declares a zone (not its members); undefined when it has no name. */
function declareZone(ctx: BuildContext, node: ZoneNode, parent: Zone | undefined): Zone | undefined {
    if (!node.name) return undefined;
    const trustProperty = node.members.find((m): m is PropertyNode => isProperty(m) && m.name === 'trust');
    const declared = trustProperty && isWordValue(trustProperty.value) ? trustProperty.value.word.$refText : undefined;
    const trust: Trust = declared === 'public' || declared === 'edge' || declared === 'private'
        ? declared : parent?.trust ?? 'private';
    const zone: Zone = {
        type: 'zone', id: node.name, label: node.label, location: ctx.location(node),
        nameLocation: ctx.nameLocation(node), allows: ctx.allows(node, node.annotations),
        trust, trustDeclared: declared !== undefined && trust === declared, parent: parent?.id, zones: [], components: [],
        properties: new Map(),
    };
    if (ctx.register(zone, node)) {
        ctx.zones.push(zone);
        parent?.zones.push(zone.id);
    }
    return zone;
}

/** Declares a component of a known kind, with its topics and queues. */
function declareComponent(ctx: BuildContext, node: ComponentNode, zone: Zone | undefined): void {
    if (!node.name || !node.kind) return;
    if (!(COMPONENT_KINDS as readonly string[]).includes(node.kind)) {
        reportUnknownKind(ctx, node, zone);
        return;
    }
    const zonePath = zone ? zonePathOf(ctx, zone) : [];
    const component: Component = {
        type: 'component', id: node.name, kind: node.kind as ComponentKind, label: node.label,
        location: ctx.location(node), nameLocation: ctx.nameLocation(node), allows: ctx.allows(node, node.annotations),
        zone: zone?.id, zonePath, trust: zone?.trust ?? (node.kind === 'client' ? 'public' : 'private'),
        properties: new Map(), channels: [], hasUnresolvedReferences: false,
    };
    if (!ctx.register(component, node)) return;
    ctx.components.push(component);
    zone?.components.push(component.id);
    for (const member of node.members) {
        if (isChannel(member) && member.name) declareChannel(ctx, member, component);
    }
}

/** The ids of a zone and the zones around it, outermost first: one list per zone and build. */
function zonePathOf(ctx: BuildContext, zone: Zone): string[] {
    let path = ctx.zonePaths.get(zone);
    if (!path) {
        path = [];
        for (let z: Zone | undefined = zone; z; z = z.parent ? ctx.elements.get(z.parent) as Zone : undefined) path.unshift(z.id);
        ctx.zonePaths.set(zone, path);
    }
    return path;
}

/** Declares a topic or queue of a broker as `broker.name`; anything else has none. */
function declareChannel(ctx: BuildContext, node: ChannelNode, component: Component): void {
    if (component.kind !== 'broker') {
        ctx.problem('invalid-property-value', 'error', ctx.location(node),
            `Only a broker has topics and queues; '${component.id}' is a ${component.kind}.`, [component.id]);
        return;
    }
    const channel: Channel = {
        type: 'channel', id: `${component.id}.${node.name}`, kind: node.kind, name: node.name,
        label: node.label, broker: component.id, location: ctx.location(node),
        nameLocation: ctx.nameLocation(node), allows: ctx.allows(node, node.annotations),
        properties: new Map(), publishers: [], subscribers: [],
    };
    if (ctx.register(channel, node)) {
        ctx.channels.push(channel);
        component.channels.push(channel.id);
    }
}

function reportUnknownKind(ctx: BuildContext, node: ComponentNode, zone: Zone | undefined): void {
    const where = ctx.featureLocation(node, 'kind') ?? ctx.location(node);
    const suggestion = closest(node.kind, COMPONENT_KINDS);
    const asProperty = zone && ZONE_PROPERTIES[node.kind]
        ? ` If '${node.kind}' is a property, write '${node.kind}: ${node.name}'.` : '';
    ctx.problem('unknown-kind', 'error', where,
        `Unknown component kind '${node.kind}'.${didYouMean(suggestion)}${asProperty}`
        + (suggestion || asProperty ? '' : ` Kinds are: ${COMPONENT_KINDS.join(', ')}.`),
        [], suggestion ? { suggestion } : undefined);
}

/** Reports each place of an id declared more than once, naming the other places. */
export function reportDuplicates(ctx: BuildContext): void {
    for (const [id, places] of ctx.duplicates) {
        places.forEach((place, i) => {
            const others = places.filter((_, j) => j !== i);
            const where = others.map(o => describeLocation(o)).join(', ');
            ctx.problems.push({
                code: 'duplicate-id', severity: 'error', location: place, elements: [id],
                message: `The id '${id}' is declared more than once; it is also declared at ${where}.`,
                related: others.map(o => ({ location: o, message: `'${id}' is also declared here.` })),
            });
        });
    }
}
