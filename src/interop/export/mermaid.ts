/**
 * Mermaid export: one view (or flow) as a `flowchart` that GitHub, GitLab and most wikis
 * render as is. Built from the same diagram graph the preview draws (so the view's selection,
 * collapsed zones and flow numbering match): zones and brokers with channels become
 * subgraphs, kinds become shapes and classes (colours of Archway's light theme), async edges
 * are dashed, flow steps are numbered and the rest of a flow view is dimmed.
 *
 * Every text from the model goes inside a quoted label with Mermaid's entity codes for the
 * characters that would end or change it (`"`, `#`, `<`, `>`, `&`, `|`, a leading backtick),
 * and ids are generated from Archway ids so none is a Mermaid keyword.
 */
import type { Diagram, DiagramNode } from '../../diagram/diagram-model.js';
import { kindCategory, type IconName } from '../../diagram/icons.js';
import { hasTrait } from '../../model/component-kinds.js';
import { getTheme, type KindCategory } from '../../diagram/themes.js';
import type { Direction } from '../../model/arch-model.js';
import { IdMap } from './model-facts.js';

const DIRECTION: Record<Direction, string> = { right: 'LR', down: 'TB', left: 'RL', up: 'BT' };

/** Words Mermaid's flowchart parser reads as syntax wherever an id stands. */
const RESERVED = new Set([
    'end', 'graph', 'flowchart', 'subgraph', 'style', 'linkstyle', 'classdef', 'class', 'click', 'call', 'href',
    'direction', 'default', 'interpolate', 'accTitle', 'accDescr', 'tb', 'td', 'bt', 'rl', 'lr',
].map(word => word.toLowerCase()));

/** Shape of a node per kind: [open, close] around the quoted label; a data store (`dataStore` in the kinds table) is a cylinder. */
const SHAPES: Partial<Record<IconName, [string, string]>> = {
    client: ['([', '])'],
    dns: ['((', '))'],
    cdn: ['{{', '}}'],
    loadbalancer: ['[/', '\\]'],
    gateway: ['{{', '}}'],
    function: ['[/', '/]'],
    topic: ['>', ']'],
    queue: ['>', ']'],
    external: ['[[', ']]'],
    peer: ['((', '))'],
};

/**
 * Text for a quoted Mermaid label: entity codes for the characters that end the string, start
 * markup or markdown, or separate an edge label; line breaks as `<br/>`.
 */
export function mermaidText(text: string): string {
    let escaped = '';
    for (const char of text) {
        switch (char) {
            case '#': escaped += '#35;'; break;
            case '"': escaped += '#quot;'; break;
            case '&': escaped += '#amp;'; break;
            case '<': escaped += '#lt;'; break;
            case '>': escaped += '#gt;'; break;
            case '|': escaped += '#124;'; break;
            case '`': escaped += '#96;'; break;
            case '\n': escaped += '<br/>'; break;
            default:
                // Other control characters (tabs, carriage returns) would break the line.
                escaped += char < ' ' || char === '\u007f' || char === '\u2028' || char === '\u2029' ? ' ' : char;
        }
    }
    return escaped;
}

/** A Mermaid id for an Archway id: letters, digits and `_` only (dots and dashes become `_`). */
function sanitizeId(id: string): string {
    const cleaned = id.replace(/[^A-Za-z0-9_]/g, '_');
    return /^[A-Za-z]/.test(cleaned) ? cleaned : `n_${cleaned}`;
}

/** The flowchart of a diagram. `header` is written as a `%%` comment line. */
export function diagramToMermaid(diagram: Diagram, header?: string): string {
    const ids = new IdMap(sanitizeId, RESERVED, true);
    const theme = getTheme('light');
    const lines: string[] = [];
    if (diagram.title) lines.push('---', `title: ${JSON.stringify(diagram.title)}`, '---');
    if (header) lines.push(`%% ${header.replace(/[\r\n]+/g, ' ')}`);
    lines.push(`flowchart ${DIRECTION[diagram.direction]}`);

    const children = new Map<string | undefined, DiagramNode[]>();
    for (const node of diagram.nodes) {
        const list = children.get(node.parent) ?? [];
        list.push(node);
        children.set(node.parent, list);
    }
    const usedCategories = new Set<KindCategory>();
    const write = (node: DiagramNode, indent: string): void => {
        const id = ids.get(node.id);
        if (node.compound) {
            const title = node.role === 'zone' ? `${node.label} (${node.trust ?? 'private'})` : `${node.label}`;
            lines.push(`${indent}subgraph ${id}["${mermaidText(title)}"]`);
            for (const child of children.get(node.id) ?? []) write(child, indent + '  ');
            lines.push(`${indent}end`);
            lines.push(`${indent}class ${id} ${node.role === 'zone' ? `arch_zone_${node.trust ?? 'private'}` : 'arch_container'}`);
            return;
        }
        const [open, close] = node.role === 'collapsed-zone' ? ['[[', ']]'] : SHAPES[node.kind] ?? (hasTrait(node.kind, 'dataStore') ? ['[(', ')]'] : ['[', ']']);
        const text = [node.label, node.subtitle, node.facts].filter(part => part.length > 0).map(mermaidText).join('<br/>');
        lines.push(`${indent}${id}${open}"${text}"${close}`);
        const category = node.role === 'collapsed-zone' ? 'outside' : kindCategory(node.kind);
        usedCategories.add(category);
        lines.push(`${indent}class ${id} ${node.dimmed ? `arch_${category},arch_dimmed` : `arch_${category}`}`);
    };
    for (const node of children.get(undefined) ?? []) write(node, '  ');

    const linkStyles: string[] = [];
    diagram.edges.forEach((edge, index) => {
        const arrow = edge.twoWay ? '<-.->' : edge.style === 'async' ? '-.->' : '-->';
        const steps = edge.steps.length > 0 ? `${edge.steps.join(', ')}. ` : '';
        const label = steps + edge.label;
        const text = label.length > 0 ? `|"${mermaidText(label)}"|` : '';
        lines.push(`  ${ids.get(edge.source)} ${arrow}${text} ${ids.get(edge.target)}`);
        if (edge.steps.length > 0) linkStyles.push(`  linkStyle ${index} stroke:${theme.flow},stroke-width:2.5px`);
        else if (edge.dimmed) linkStyles.push(`  linkStyle ${index} opacity:${theme.dimOpacity}`);
    });
    lines.push(...linkStyles);

    for (const category of [...usedCategories].sort()) {
        lines.push(`  classDef arch_${category} fill:${theme.nodeFill},stroke:${theme.categories[category]},stroke-width:1.5px,color:${theme.text}`);
    }
    for (const trust of ['public', 'edge', 'private'] as const) {
        if (!diagram.nodes.some(node => node.role === 'zone' && node.trust === trust)) continue;
        const zone = theme.zones[trust];
        lines.push(`  classDef arch_zone_${trust} fill:${zone.fill},stroke:${zone.stroke},color:${zone.title}${zone.dash ? `,stroke-dasharray:${zone.dash.replace(/\s+/g, ' ')}` : ''}`);
    }
    if (diagram.nodes.some(node => node.compound && node.role !== 'zone')) {
        lines.push(`  classDef arch_container fill:${theme.brokerFill},stroke:${theme.categories.messaging},color:${theme.text}`);
    }
    if (diagram.nodes.some(node => node.dimmed)) lines.push(`  classDef arch_dimmed opacity:${theme.dimOpacity}`);
    return lines.join('\n') + '\n';
}
