/**
 * draw.io export: one laid-out view as an uncompressed `.drawio` file (mxGraph XML) that
 * opens in draw.io / diagrams.net and stays editable. Positions are Archway's own layout
 * (ELK): zones and brokers with channels are containers (`swimlane`) with their members as
 * children (geometry relative to the container, as draw.io expects), components are styled
 * per kind (colour group, cylinder for data stores), and edges keep their waypoints and the
 * points where they leave and enter their nodes. Every component, zone and channel is an
 * `<object>` whose attributes carry the Archway id, kind and properties (draw.io's Edit Data).
 *
 * Labels are HTML (`html=1`): model text is HTML-escaped, then XML-escaped in the attribute.
 */
import type { Diagram, DiagramEdge, DiagramNode } from '../../diagram/diagram-model.js';
import { kindCategory } from '../../diagram/icons.js';
import { hasTrait } from '../../model/component-kinds.js';
import { getTheme } from '../../diagram/themes.js';
import type { ArchModel, PropertyMap } from '../../model/arch-model.js';
import { metadataOf, stringProperty, tagsOf } from './model-facts.js';

/** Escapes text for an XML attribute value (quotes, markup, and line breaks kept as such). */
export function xmlAttr(text: string): string {
    let out = '';
    for (const char of text) {
        switch (char) {
            case '&': out += '&amp;'; break;
            case '<': out += '&lt;'; break;
            case '>': out += '&gt;'; break;
            case '"': out += '&quot;'; break;
            case '\n': out += '&#10;'; break;
            case '\r': out += '&#13;'; break;
            case '\t': out += '&#9;'; break;
            default: {
                const code = char.codePointAt(0)!;
                // Characters XML 1.0 forbids (other control characters, lone surrogates, U+FFFE/F).
                const allowed = code >= 0x20 && !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
                out += allowed ? char : ' ';
            }
        }
    }
    return out;
}

/** Escapes text for an HTML label (draw.io's `html=1`); line breaks become `<br>`. */
export function htmlText(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, '<br>');
}

/** A number for geometry: at most two decimals. */
function num(value: number): string {
    const rounded = Math.round(value * 100) / 100;
    return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** draw.io cell ids: the Archway id, prefixed so the reserved `0` and `1` never clash. */
function cellId(id: string): string {
    return `arch:${id}`;
}

/** An attribute name draw.io (and XML) accepts for a property name. */
function attributeName(name: string): string {
    const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_');
    return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Style of a node per role and kind. */
function nodeStyle(node: DiagramNode): string {
    const theme = getTheme('light');
    if (node.role === 'zone') {
        const zone = theme.zones[node.trust ?? 'private'];
        return `swimlane;shape=swimlane;html=1;container=1;collapsible=1;startSize=28;rounded=1;arcSize=4;fontStyle=1;align=left;spacingLeft=10;`
            + `fillColor=${zone.fill};swimlaneFillColor=${zone.fill};strokeColor=${zone.stroke};fontColor=${zone.title};`
            + (zone.dash ? `dashed=1;dashPattern=${zone.dash};` : '');
    }
    if (node.compound) {
        return `swimlane;shape=swimlane;html=1;container=1;collapsible=1;startSize=40;rounded=1;arcSize=6;fontStyle=1;align=left;spacingLeft=10;`
            + `fillColor=${theme.brokerFill};swimlaneFillColor=${theme.brokerFill};strokeColor=${theme.categories.messaging};fontColor=${theme.text};`;
    }
    if (node.role === 'collapsed-zone') {
        const zone = theme.zones[node.trust ?? 'private'];
        return `rounded=1;whiteSpace=wrap;html=1;arcSize=8;fillColor=${zone.fill};strokeColor=${zone.stroke};fontColor=${theme.text};strokeWidth=2;`
            + (zone.dash ? `dashed=1;dashPattern=${zone.dash};` : '');
    }
    const stroke = theme.categories[kindCategory(node.kind)];
    if (node.role === 'channel') {
        return `rounded=1;whiteSpace=wrap;html=1;arcSize=50;fillColor=${theme.topicFill};strokeColor=${stroke};fontColor=${theme.text};`;
    }
    const dataStore = hasTrait(node.kind, 'dataStore');
    const shape = dataStore ? 'shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=8;' : 'rounded=1;arcSize=10;';
    return `${shape}whiteSpace=wrap;html=1;fillColor=${theme.nodeFill};strokeColor=${stroke};strokeWidth=1.5;fontColor=${theme.text};`
        + (node.dimmed ? 'opacity=35;textOpacity=35;' : '');
}

/** The HTML label of a node: name, then kind and technology, then key facts, smaller. */
function nodeLabel(node: DiagramNode): string {
    if (node.compound) return `<b>${htmlText(node.label)}</b>`;
    const parts = [`<b>${htmlText(node.label)}</b>`];
    if (node.subtitle) parts.push(`<font style="font-size:11px">${htmlText(node.subtitle)}</font>`);
    if (node.facts) parts.push(`<font style="font-size:10px">${htmlText(node.facts)}</font>`);
    return parts.join('<br>');
}

/** Data attributes of a node: Archway id, kind, description, technology, tags and properties. */
function nodeData(node: DiagramNode, model: ArchModel | undefined): [string, string][] {
    const data: [string, string][] = [['archway_id', node.id], ['archway_kind', node.role === 'zone' || node.role === 'collapsed-zone' ? 'zone' : node.kind]];
    const element = model?.elements.get(node.id);
    if (!element) return data;
    const properties: PropertyMap = element.properties;
    const description = stringProperty(properties, 'description');
    if (description) data.push(['tooltip', description]);
    const tags = tagsOf(properties);
    if (tags.length > 0) data.push(['tags', tags.join(' ')]);
    const seen = new Set(data.map(([name]) => name));
    for (const [name, text] of metadataOf(properties)) {
        const attribute = attributeName(name);
        if (seen.has(attribute) || attribute === 'label' || attribute === 'placeholders' || attribute === 'id') continue;
        seen.add(attribute);
        data.push([attribute, text]);
    }
    const technology = stringProperty(properties, 'technology');
    if (technology && !seen.has('technology')) data.push(['technology', technology]);
    return data;
}

/** Where a point lies on a node's border, as draw.io's relative 0..1 coordinates. */
function relative(point: [number, number], node: DiagramNode): [number, number] {
    const clamp = (value: number): number => Math.min(1, Math.max(0, value));
    return [clamp((point[0] - node.x) / (node.width || 1)), clamp((point[1] - node.y) / (node.height || 1))];
}

function edgeCell(edge: DiagramEdge, nodes: ReadonlyMap<string, DiagramNode>): string {
    const theme = getTheme('light');
    const source = nodes.get(edge.source)!;
    const target = nodes.get(edge.target)!;
    const first = edge.points[0];
    const last = edge.points[edge.points.length - 1];
    let style = `edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=block;endFill=1;fontSize=11;labelBackgroundColor=${theme.labelBackground};`
        + `strokeColor=${edge.steps.length > 0 ? theme.flow : edge.style === 'async' ? theme.asyncEdge : theme.edge};`
        + (edge.style === 'async' ? 'dashed=1;dashPattern=6 4;' : '')
        + (edge.twoWay ? 'startArrow=open;startFill=0;' : '')
        + (edge.steps.length > 0 ? 'strokeWidth=2.5;' : '')
        + (edge.dimmed ? 'opacity=35;textOpacity=35;' : '');
    if (first && last) {
        const [exitX, exitY] = relative(first, source);
        const [entryX, entryY] = relative(last, target);
        style += `exitX=${num(exitX)};exitY=${num(exitY)};exitDx=0;exitDy=0;entryX=${num(entryX)};entryY=${num(entryY)};entryDx=0;entryDy=0;`;
    }
    const steps = edge.steps.length > 0 ? `${edge.steps.join(', ')}. ` : '';
    const label = htmlText(steps + edge.label);
    const waypoints = edge.points.slice(1, -1).map(([x, y]) => `<mxPoint x="${num(x)}" y="${num(y)}"/>`).join('');
    const ends = first && last
        ? `<mxPoint x="${num(first[0])}" y="${num(first[1])}" as="sourcePoint"/><mxPoint x="${num(last[0])}" y="${num(last[1])}" as="targetPoint"/>`
        : '';
    return `        <object label="${xmlAttr(label)}" archway_connections="${xmlAttr(edge.connections.join(' '))}" id="${xmlAttr(cellId(edge.id))}">\n`
        + `          <mxCell style="${xmlAttr(style)}" edge="1" parent="1" source="${xmlAttr(cellId(edge.source))}" target="${xmlAttr(cellId(edge.target))}">\n`
        + `            <mxGeometry relative="1" as="geometry">${ends}${waypoints ? `<Array as="points">${waypoints}</Array>` : ''}</mxGeometry>\n`
        + `          </mxCell>\n`
        + `        </object>`;
}

/**
 * The `.drawio` file of a laid-out diagram. `model` (optional) adds each element's properties
 * as data attributes.
 */
export function diagramToDrawio(diagram: Diagram, model?: ArchModel): string {
    const nodes = new Map(diagram.nodes.map(node => [node.id, node]));
    const cells: string[] = [];
    for (const node of diagram.nodes) {
        const parent = node.parent === undefined ? undefined : nodes.get(node.parent);
        const x = parent ? node.x - parent.x : node.x;
        const y = parent ? node.y - parent.y : node.y;
        const attributes = nodeData(node, model).map(([name, value]) => ` ${name}="${xmlAttr(value)}"`).join('');
        cells.push(
            `        <object label="${xmlAttr(nodeLabel(node))}"${attributes} id="${xmlAttr(cellId(node.id))}">\n`
            + `          <mxCell style="${xmlAttr(nodeStyle(node))}" vertex="1" parent="${parent ? xmlAttr(cellId(parent.id)) : '1'}">\n`
            + `            <mxGeometry x="${num(x)}" y="${num(y)}" width="${num(node.width)}" height="${num(node.height)}" as="geometry"/>\n`
            + `          </mxCell>\n`
            + `        </object>`);
    }
    for (const edge of diagram.edges) {
        if (nodes.has(edge.source) && nodes.has(edge.target)) cells.push(edgeCell(edge, nodes));
    }
    const name = diagram.title || diagram.viewId;
    return `<?xml version="1.0" encoding="UTF-8"?>\n`
        + `<mxfile host="Archway" type="device">\n`
        + `  <diagram id="${xmlAttr(`archway-${diagram.viewId}${diagram.flowId ? `-${diagram.flowId}` : ''}`)}" name="${xmlAttr(name)}">\n`
        + `    <mxGraphModel dx="${num(diagram.width)}" dy="${num(diagram.height)}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" pageWidth="${num(Math.max(850, diagram.width))}" pageHeight="${num(Math.max(1100, diagram.height))}" math="0" shadow="0">\n`
        + `      <root>\n`
        + `        <mxCell id="0"/>\n`
        + `        <mxCell id="1" parent="0"/>\n`
        + cells.join('\n') + (cells.length > 0 ? '\n' : '')
        + `      </root>\n`
        + `    </mxGraphModel>\n`
        + `  </diagram>\n`
        + `</mxfile>\n`;
}
