/**
 * D2 export: the whole model as a D2 diagram. The top board is the overview (every zone as a
 * container, every component and channel, every connection); each declared view and each
 * flow becomes a board of its own under `layers`, built from the same diagram graph the
 * preview draws for it. Kinds map to D2 shapes and classes, async connections are dashed,
 * descriptions and properties become tooltips.
 *
 * Keys and labels are always double-quoted D2 strings with `\`, `"` and `$` (substitution)
 * escaped and line breaks as `\n`, so no model text can end a string or start syntax.
 */
import { buildDiagram } from '../../diagram/build-diagram.js';
import type { Diagram, DiagramNode } from '../../diagram/diagram-model.js';
import { kindCategory, type IconName } from '../../diagram/icons.js';
import { hasTrait } from '../../model/component-kinds.js';
import { getTheme, type KindCategory } from '../../diagram/themes.js';
import { selectView } from '../../diagram/view-selection.js';
import type { ArchModel, Direction, View } from '../../model/arch-model.js';
import { metadataOf, oneLine, sourceName, stringProperty } from './model-facts.js';

/** A D2 double-quoted string. */
export function d2String(text: string): string {
    let out = '"';
    for (const char of text) {
        switch (char) {
            case '\\': out += '\\\\'; break;
            case '"': out += '\\"'; break;
            case '$': out += '\\$'; break;
            case '\n': out += '\\n'; break;
            case '\r': break;
            case '\t': out += ' '; break;
            default: out += char < ' ' || char === '\u007f' ? ' ' : char;
        }
    }
    return out + '"';
}

/** D2 shapes of kinds; a data store without one (`dataStore` in the kinds table) is a cylinder. */
const SHAPES: Partial<Record<IconName, string>> = {
    client: 'oval',
    cdn: 'cloud',
    gateway: 'hexagon',
    loadbalancer: 'diamond',
    function: 'parallelogram',
    storage: 'cylinder',
    cache: 'stored_data',
    topic: 'queue',
    queue: 'queue',
    external: 'page',
};

const DIRECTION: Record<Direction, string> = { right: 'right', down: 'down', left: 'left', up: 'up' };

/** The board of one diagram: nested containers, then the edges by full path. */
function board(diagram: Diagram, model: ArchModel, indent: string): string[] {
    const theme = getTheme('light');
    const lines: string[] = [`${indent}direction: ${DIRECTION[diagram.direction]}`];
    const byId = new Map(diagram.nodes.map(node => [node.id, node]));
    const children = new Map<string | undefined, DiagramNode[]>();
    for (const node of diagram.nodes) {
        const list = children.get(node.parent) ?? [];
        list.push(node);
        children.set(node.parent, list);
    }
    /** A node's key in its container: a channel's own name inside its broker, else the Archway id. */
    const key = (node: DiagramNode): string =>
        d2String(node.role === 'channel' && node.parent !== undefined && node.id.startsWith(`${node.parent}.`) ? node.id.slice(node.parent.length + 1) : node.id);
    const path = (id: string): string => {
        const segments: string[] = [];
        for (let node = byId.get(id); node; node = node.parent === undefined ? undefined : byId.get(node.parent)) segments.unshift(key(node));
        return segments.join('.');
    };
    const write = (node: DiagramNode, pad: string): void => {
        const label = node.compound ? node.label : [node.label, node.subtitle].filter(Boolean).join('\n');
        lines.push(`${pad}${key(node)}: ${d2String(label)} {`);
        const inner = pad + '  ';
        if (node.role === 'zone') {
            const zone = theme.zones[node.trust ?? 'private'];
            lines.push(`${inner}class: zone_${node.trust ?? 'private'}`);
            if (zone.dash) lines.push(`${inner}style.stroke-dash: 4`);
        } else if (node.compound) {
            lines.push(`${inner}class: container`);
        } else {
            const category: KindCategory = node.role === 'collapsed-zone' ? 'outside' : kindCategory(node.kind);
            const shape = node.role === 'collapsed-zone' ? 'package' : SHAPES[node.kind] ?? (hasTrait(node.kind, 'dataStore') ? 'cylinder' : undefined);
            lines.push(`${inner}class: ${category}`);
            if (shape) lines.push(`${inner}shape: ${shape}`);
        }
        if (node.dimmed) lines.push(`${inner}style.opacity: 0.3`);
        const tooltip = tooltipOf(model, node);
        if (tooltip) lines.push(`${inner}tooltip: ${d2String(tooltip)}`);
        for (const child of children.get(node.id) ?? []) write(child, inner);
        lines.push(`${pad}}`);
    };
    for (const node of children.get(undefined) ?? []) write(node, indent);
    for (const edge of diagram.edges) {
        if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
        const steps = edge.steps.length > 0 ? `${edge.steps.join(', ')}. ` : '';
        const label = steps + edge.label;
        const styles: string[] = [];
        if (edge.style === 'async') styles.push('style.stroke-dash: 4', `style.stroke: "${theme.asyncEdge}"`);
        if (edge.steps.length > 0) styles.push(`style.stroke: "${theme.flow}"`, 'style.stroke-width: 3');
        if (edge.dimmed) styles.push('style.opacity: 0.3');
        const head = `${indent}${path(edge.source)} -> ${path(edge.target)}${label ? `: ${d2String(label)}` : ''}`;
        if (styles.length === 0) lines.push(head);
        else lines.push(`${head} {`, ...styles.map(style => `${indent}  ${style}`), `${indent}}`);
    }
    return lines;
}

/** Description and properties of a node's element, for its tooltip. */
function tooltipOf(model: ArchModel, node: DiagramNode): string {
    const element = model.elements.get(node.id);
    if (!element) return node.facts;
    const parts: string[] = [];
    const description = stringProperty(element.properties, 'description');
    if (description) parts.push(description);
    const facts = metadataOf(element.properties).map(([name, text]) => `${name}: ${text}`);
    if (facts.length > 0) parts.push(facts.join('\n'));
    return parts.join('\n');
}

/** Classes shared by every board: colours of Archway's light theme per kind group and trust. */
function classes(): string[] {
    const theme = getTheme('light');
    const lines = ['classes: {'];
    for (const [category, colour] of Object.entries(theme.categories)) {
        lines.push(`  ${category}: { style: { stroke: "${colour}"; fill: "${theme.nodeFill}"; font-color: "${theme.text}"; stroke-width: 2 } }`);
    }
    for (const trust of ['public', 'edge', 'private'] as const) {
        const zone = theme.zones[trust];
        lines.push(`  zone_${trust}: { style: { stroke: "${zone.stroke}"; fill: "${zone.fill}"; font-color: "${zone.title}" } }`);
    }
    lines.push(`  container: { style: { stroke: "${theme.categories.messaging}"; fill: "${theme.brokerFill}"; font-color: "${theme.text}" } }`);
    lines.push('}');
    return lines;
}

/** Declared views other than an overview of everything (the top board already is one). */
function extraViews(model: ArchModel): View[] {
    return model.views.filter(view => !(view.includeAll && view.excludes.length === 0 && view.collapse.length === 0 && view.direction === undefined));
}

/** The D2 text of a model. */
export function modelToD2(model: ArchModel): string {
    const lines = [`# ${oneLine(`Generated by Archway from ${sourceName(model)}${model.name ? ` (${model.name})` : ''}. Views and flows are layers.`)}`];
    lines.push(...classes());
    const everything = buildDiagram(model, selectEverything(model), { collapse: 'never', title: false, edges: 'model' });
    lines.push(...board(everything, model, ''));
    const layers: string[] = [];
    for (const view of extraViews(model)) {
        const diagram = buildDiagram(model, selectView(model, { view: view.id }), { collapse: 'never', title: false, edges: 'model' });
        layers.push(`  ${d2String(view.id)}: {`, `    label: ${d2String(view.label ?? view.id)}`, ...board(diagram, model, '    '), '  }');
    }
    for (const flow of model.flows) {
        const diagram = buildDiagram(model, selectView(model, { flow: flow.id }), { collapse: 'never', title: false, edges: 'model' });
        layers.push(`  ${d2String(`flow ${flow.id}`)}: {`, `    label: ${d2String(`flow: ${flow.label ?? flow.id}`)}`, ...board(diagram, model, '    '), '  }');
    }
    if (layers.length > 0) lines.push('layers: {', ...layers, '}');
    return lines.join('\n') + '\n';
}

/** Everything in the model, in the default view's direction: the top board. */
export function selectEverything(model: ArchModel): ReturnType<typeof selectView> {
    const direction = selectView(model).direction;
    const all: View = {
        id: 'overview', label: 'Everything', implicit: true, includeAll: true, includes: [], excludes: [], direction, collapse: [], showImplied: true, showTrusts: true, location: undefined,
    };
    return selectView({ ...model, views: [all] }, { view: 'overview' });
}
