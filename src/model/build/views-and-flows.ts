/**
 * Views (`view ordering { include …  exclude …  direction: down  collapse: [zone] }`) and flows
 * (`flow checkout { a -> b "step" … }`, each step matched to the connection it travels).
 */
import type { Flow as FlowNode, View as ViewNode } from '../../language/generated/ast.js';
import type { Direction, Flow, FlowStep, View } from '../arch-model.js';
import { FLOW_PROPERTIES, VIEW_PROPERTIES } from '../schema/property-schema.js';
import type { BuildContext } from './build-context.js';
import { typeProperties } from './property-typing.js';
import { resolveReference } from './references.js';

/** The view a model without views shows: everything. */
export function implicitOverview(): View {
    return {
        id: 'overview', label: 'Everything', implicit: true, includeAll: true, includes: [], excludes: [],
        direction: undefined, collapse: [], showImplied: true, showTrusts: true, location: undefined,
    };
}

export function describeView(ctx: BuildContext, node: ViewNode): View {
    const includes: string[] = [];
    const excludes: string[] = [];
    let includeAll = false;
    for (const include of node.includes) {
        if (include.all) includeAll = true;
        for (const ref of include.elements) {
            const id = resolveReference(ctx, ref, 'view element', ['component', 'zone', 'channel'], undefined);
            if (id) includes.push(id);
        }
    }
    for (const exclude of node.excludes) {
        for (const ref of exclude.elements) {
            const id = resolveReference(ctx, ref, 'view element', ['component', 'zone', 'channel'], undefined);
            if (id) excludes.push(id);
        }
    }
    const properties = typeProperties(ctx, node.properties, VIEW_PROPERTIES, `view '${node.name}'`, undefined);
    const direction = properties.get('direction')?.value;
    const collapse = properties.get('collapse')?.value;
    const flag = (name: string) => {
        const value = properties.get(name)?.value;
        return value?.type === 'boolean' ? value.value : true;
    };
    const collapsed = collapse?.type === 'list'
        ? collapse.items.flatMap(item => item.type === 'reference' && item.target !== undefined ? [item.target] : [])
        : [];
    return {
        id: node.name, label: node.label, implicit: false, includeAll: includeAll || (includes.length === 0 && node.includes.length === 0),
        includes, excludes, direction: direction?.type === 'enum' ? direction.value as Direction : undefined,
        collapse: collapsed, showImplied: flag('implied'), showTrusts: flag('trusts'), location: ctx.location(node),
    };
}

/** A flow, once every connection is known (a step names the connection it travels, if there is one). */
export function describeFlow(ctx: BuildContext, node: FlowNode): Flow {
    const steps: FlowStep[] = [];
    node.steps.forEach((step, i) => {
        const source = resolveReference(ctx, step.source, 'flow step', ['component', 'channel'], undefined);
        const target = resolveReference(ctx, step.target, 'flow step', ['component', 'channel'], undefined);
        if (source === undefined || target === undefined) return;
        const style = step.arrow === '~>' ? 'async' : 'sync';
        const connection = ctx.connections.find(c => c.source === source && c.target === target && c.style === style);
        steps.push({
            index: i + 1, source, target, style, protocol: step.protocol?.toLowerCase(), label: step.label,
            connection: connection?.id, location: ctx.location(step),
        });
    });
    const properties = typeProperties(ctx, node.properties, FLOW_PROPERTIES, `flow '${node.name}'`, undefined);
    return { id: node.name, label: node.label, steps, properties, location: ctx.location(node), nameLocation: ctx.nameLocation(node) };
}
