/**
 * AST → `ArchModel`. Takes the parsed and linked files of one model (a root file and
 * everything it imports) and produces the plain typed graph, plus the problems found on
 * the way: duplicate ids, unresolved references, unknown properties, invalid values and
 * import problems.
 *
 * Two passes over the files, root first: the first declares every element (`build/declarations.ts`)
 * so that the second can resolve references to any of them while it types properties
 * (`build/property-typing.ts`), reads connections and routes (`build/connections.ts`), views and
 * flows (`build/views-and-flows.ts`), and checks imports (`build/import-checks.ts`).
 */
import type { AstNode } from 'langium';
import type { Channel as ChannelNode, Component as ComponentNode, Flow as FlowNode, View as ViewNode } from '../language/generated/ast.js';
import type { ArchModel, Channel, Component, View, Zone } from './arch-model.js';
import { CHANNEL_PROPERTIES, COMPONENT_PROPERTIES, ZONE_PROPERTIES } from './schema/property-schema.js';
import { isChannel, isComponent, isConnection, isProperty, isRoute, isZone } from './build/ast-guards.js';
import { BuildContext, type BuildOptions, type ModelFile } from './build/build-context.js';
import { describeConnection, describeRoute, indexConnections } from './build/connections.js';
import { declareMembers, reportDuplicates } from './build/declarations.js';
import { checkImports } from './build/import-checks.js';
import { typeDeclarationProperties } from './build/property-typing.js';
import { describeFlow, describeView, implicitOverview } from './build/views-and-flows.js';

export type { BuildOptions, ImportStatus, ModelFile } from './build/build-context.js';

/** Builds the model of `files[0]` and its imports (`files` must be the import closure, root first). */
export function buildModel(files: readonly ModelFile[], options: BuildOptions): ArchModel {
    const ctx = new BuildContext(files, options);
    for (const file of files) {
        ctx.uri = file.uri;
        declareMembers(ctx, file.root.elements);
    }
    reportDuplicates(ctx);
    const views: View[] = [];
    const flows: { node: FlowNode; uri: string }[] = [];
    for (const file of files) {
        ctx.uri = file.uri;
        checkImports(ctx, file);
        describeMembers(ctx, file.root.elements, views, flows);
    }
    const { outgoing, incoming } = indexConnections(ctx);
    // Flows last: a step names the connection it travels, wherever that is declared.
    const flowModels = flows.map(flow => {
        ctx.uri = flow.uri;
        return describeFlow(ctx, flow.node);
    });
    if (views.length === 0) views.push(implicitOverview());
    return {
        name: files[0]?.root.header?.name,
        rootUri: files[0]?.uri ?? '',
        files: files.map(file => file.uri),
        components: ctx.components,
        zones: ctx.zones,
        channels: ctx.channels,
        connections: ctx.connections,
        views,
        flows: flowModels,
        elements: ctx.elements,
        outgoing,
        incoming,
        problems: ctx.problems,
    };
}

/**
 * Pass 2: types the properties of declared elements and reads connections and views, depth-first
 * in source order, without recursion (zones nest deeply); collects flows for later.
 */
function describeMembers(ctx: BuildContext, members: Iterable<AstNode>, views: View[], flows: { node: FlowNode; uri: string }[]): void {
    const stack: Iterator<AstNode>[] = [members[Symbol.iterator]()];
    while (stack.length > 0) {
        const next = stack[stack.length - 1].next();
        if (next.done) {
            stack.pop();
            continue;
        }
        const member = next.value;
        if (isZone(member)) {
            const zone = ctx.own<Zone>(member);
            if (zone) zone.properties = typeDeclarationProperties(ctx, member, () => member.members.filter(isProperty), ZONE_PROPERTIES, `zone '${zone.id}'`, undefined);
            stack.push(member.members.filter(m => !isProperty(m))[Symbol.iterator]());
        } else if (isComponent(member)) {
            describeComponent(ctx, member);
        } else if (isConnection(member)) {
            describeConnection(ctx, member, undefined);
        } else if (member.$type === 'View') {
            views.push(describeView(ctx, member as ViewNode));
        } else if (member.$type === 'Flow') {
            flows.push({ node: member as FlowNode, uri: ctx.uri });
        }
    }
}

/** A component's properties, then its body in order: connections, routes, topics and queues. */
function describeComponent(ctx: BuildContext, node: ComponentNode): void {
    const component = ctx.own<Component>(node);
    if (!component) return;
    const table = COMPONENT_PROPERTIES[component.kind] ?? {};
    const owner = `${component.kind} '${component.id}'`;
    component.properties = typeDeclarationProperties(ctx, node, () => node.members.filter(isProperty), table, owner, component);
    for (const member of node.members) {
        if (isConnection(member)) describeConnection(ctx, member, component);
        else if (isRoute(member)) describeRoute(ctx, member, component);
        else if (isChannel(member)) describeChannel(ctx, member);
    }
}

function describeChannel(ctx: BuildContext, node: ChannelNode): void {
    const channel = ctx.own<Channel>(node);
    if (!channel) return;
    channel.properties = typeDeclarationProperties(ctx, node, () => node.properties, CHANNEL_PROPERTIES, `${channel.kind} '${channel.id}'`, undefined);
}
