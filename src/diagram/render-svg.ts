/**
 * The renderer: a pure function `(laid-out diagram, theme) → SVG string`. The output is
 * self-contained: resolved colours, inline icon paths, no scripts, no event attributes, no
 * CSS variables, no external references; all model text is escaped. Every node and edge
 * carries `data-id` (its model id) for the preview and `aria-label` (what a screen reader says of
 * it); the document is `role="img"` with a `<title>` and a `<desc>` summarising the view.
 */
import {
    EDGE_FONT, NODE_FONT, NODE_TEXT_X, SMALL_FONT, TITLE_FONT, TOPIC_FONT, ZONE_FONT, LOCK_WIDTH, membersTooltip, stepBadgeWidth, trustTag,
    type Diagram, type DiagramEdge, type DiagramFinding, type DiagramNode,
} from './diagram-model.js';
import { fmt, iconSvg, kindCategory } from './icons.js';
import { techIconSvg } from './tech-icons.js';
import { diagramDescription, diagramTitle, edgeAccessibleName, nodeAccessibleName } from './svg-accessibility.js';
import { FONT_FAMILY, textWidth } from './text-metrics.js';
import { getTheme, type DiagramTheme, type ThemeName } from './themes.js';

/** Escapes text for XML content and attribute values; drops characters XML forbids. */
export function escapeXml(text: string): string {
    return text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
        .replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function text(x: number, y: number, content: string, attrs: string): string {
    return `<text x="${fmt(x)}" y="${fmt(y)}" ${attrs}>${escapeXml(content)}</text>`;
}

function severityRank(findings: readonly DiagramFinding[]): 'error' | 'warning' | 'info' | undefined {
    if (findings.some(f => f.severity === 'error')) return 'error';
    if (findings.some(f => f.severity === 'warning')) return 'warning';
    if (findings.length > 0) return 'info';
    return undefined;
}

function titleOf(findings: readonly DiagramFinding[], heading: string, trustedBy: readonly string[] = []): string {
    if (findings.length === 0 && trustedBy.length === 0) return '';
    const lines = [
        ...(trustedBy.length > 0 ? [`trusted by ${trustedBy.join(', ')}`] : []),
        ...findings.map(f => `${f.severity} ${f.code}: ${f.message}`),
    ];
    return `<title>${escapeXml([heading, ...lines].join('\n'))}</title>`;
}

function badge(x: number, y: number, findings: readonly DiagramFinding[], theme: DiagramTheme): string {
    const level = severityRank(findings);
    if (!level) return '';
    const colour = level === 'error' ? theme.error : level === 'warning' ? theme.warning : theme.info;
    const mark = level === 'info' ? 'i' : '!';
    const count = findings.length > 1 ? String(findings.length) : mark;
    return `<g data-badge="${level}"><circle cx="${fmt(x)}" cy="${fmt(y)}" r="9" fill="${colour}" stroke="${theme.background}" stroke-width="2"/>`
        + text(x, y + 4, count, `text-anchor="middle" font-size="11" font-weight="bold" fill="${theme.badgeText}"`) + '</g>';
}

function ariaLabel(name: string): string {
    return ` aria-label="${escapeXml(name)}"`;
}

function dimAttr(dimmed: boolean, theme: DiagramTheme): string {
    return dimmed ? ` opacity="${theme.dimOpacity}"` : '';
}

// ---------------------------------------------------------------- nodes

/**
 * The kind icon of a box whose left column spans `height` px from `y`, centred at `x + 23`; with
 * a technology mark, a smaller kind icon above the mark (in the theme's text colour), so the box
 * keeps its size.
 */
function nodeIcons(node: DiagramNode, y: number, height: number, colour: string, theme: DiagramTheme): string {
    if (!node.tech) return iconSvg(node.kind, node.x + 11, y + Math.min(height / 2 - 12, 19), 24, colour);
    const top = y + Math.round((height - 38) / 2);
    return iconSvg(node.kind, node.x + 13, top, 20, colour) + techIconSvg(node.tech, node.x + 16, top + 24, 14, theme.text);
}

function renderZone(node: DiagramNode, theme: DiagramTheme, name: string): string {
    const colours = theme.zones[node.trust ?? 'private'];
    const tagX = node.x + 12 + textWidth(node.label, ZONE_FONT, true) + 10;
    const tag = trustTag(node.trust ?? 'private');
    const tagWidth = textWidth(tag, 10, true) + 8;
    return `<g class="aw-zone" data-id="${escapeXml(node.id)}" data-kind="zone" data-trust="${node.trust ?? 'private'}"${ariaLabel(name)}${dimAttr(node.dimmed, theme)}>`
        + titleOf(node.findings, node.label)
        + `<rect x="${fmt(node.x)}" y="${fmt(node.y)}" width="${fmt(node.width)}" height="${fmt(node.height)}" rx="10" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="1.5"${colours.dash ? ` stroke-dasharray="${colours.dash}"` : ''}/>`
        + text(node.x + 12, node.y + 22, node.label, `font-size="${ZONE_FONT}" font-weight="bold" fill="${colours.title}"`)
        + `<rect x="${fmt(tagX)}" y="${fmt(node.y + 11)}" width="${fmt(tagWidth)}" height="14" rx="3" fill="none" stroke="${colours.stroke}"/>`
        + text(tagX + 4, node.y + 22, tag, `font-size="10" font-weight="bold" fill="${colours.title}"`)
        + badge(node.x + node.width - 4, node.y + 4, node.findings, theme)
        + '</g>';
}

function renderBroker(node: DiagramNode, theme: DiagramTheme, name: string): string {
    const colour = theme.categories[kindCategory(node.kind)];
    return `<g class="aw-node" data-id="${escapeXml(node.id)}" data-kind="${node.kind}"${ariaLabel(name)}${dimAttr(node.dimmed, theme)}>`
        + titleOf(node.findings, node.label)
        + `<rect x="${fmt(node.x)}" y="${fmt(node.y)}" width="${fmt(node.width)}" height="${fmt(node.height)}" rx="8" fill="${theme.brokerFill}" stroke="${colour}" stroke-width="1.5"/>`
        + (node.tech ? nodeIcons(node, node.y, 48, colour, theme) : iconSvg(node.kind, node.x + 10, node.y + 10, 24, colour))
        + text(node.x + 42, node.y + 22, node.label, `font-size="${NODE_FONT}" font-weight="bold" fill="${theme.text}"`)
        + text(node.x + 42, node.y + 38, [node.subtitle, node.facts].filter(Boolean).join(' · '), `font-size="${SMALL_FONT}" fill="${theme.mutedText}"`)
        + badge(node.x + node.width - 4, node.y + 4, node.findings, theme)
        + '</g>';
}

function renderLeaf(node: DiagramNode, theme: DiagramTheme, name: string): string {
    if (node.role === 'channel') {
        const colour = theme.categories.messaging;
        return `<g class="aw-node" data-id="${escapeXml(node.id)}" data-kind="${node.kind}"${ariaLabel(name)}${dimAttr(node.dimmed, theme)}>`
            + titleOf(node.findings, node.label)
            + `<rect x="${fmt(node.x)}" y="${fmt(node.y)}" width="${fmt(node.width)}" height="${fmt(node.height)}" rx="${fmt(node.height / 2)}" fill="${theme.topicFill}" stroke="${colour}" stroke-width="1.2"/>`
            + iconSvg(node.kind, node.x + 9, node.y + node.height / 2 - 8, 16, colour)
            + text(node.x + 30, node.y + node.height / 2 + 4, node.label, `font-size="${TOPIC_FONT}" fill="${theme.text}"`)
            + badge(node.x + node.width - 4, node.y + 2, node.findings, theme)
            + '</g>';
    }
    const collapsed = node.role === 'collapsed-zone';
    const zone = theme.zones[node.trust ?? 'private'];
    const colour = collapsed ? zone.stroke : theme.categories[kindCategory(node.kind)];
    const fill = collapsed ? zone.fill : theme.nodeFill;
    const dash = collapsed && zone.dash ? ` stroke-dasharray="${zone.dash}"` : '';
    const lines = [node.subtitle, node.facts].filter(Boolean);
    return `<g class="aw-node" data-id="${escapeXml(node.id)}" data-kind="${node.kind}"${collapsed || node.role === 'collapsed-broker' ? ' data-collapsed="true"' : ''}${ariaLabel(name)}${dimAttr(node.dimmed, theme)}>`
        + titleOf(node.findings, node.label, node.trustedBy)
        // A broker drawn as one box shows a second edge behind it: there is more inside.
        + (node.role === 'collapsed-broker' ? `<rect x="${fmt(node.x + 4)}" y="${fmt(node.y - 4)}" width="${fmt(node.width - 4)}" height="${fmt(node.height)}" rx="8" fill="${fill}" stroke="${colour}" stroke-width="1"/>` : '')
        + `<rect x="${fmt(node.x)}" y="${fmt(node.y)}" width="${fmt(node.width)}" height="${fmt(node.height)}" rx="8" fill="${fill}" stroke="${colour}" stroke-width="1.5"${dash}/>`
        + nodeIcons(node, node.y, node.height, colour, theme)
        + text(node.x + NODE_TEXT_X, node.y + 21, node.label, `font-size="${NODE_FONT}" font-weight="bold" fill="${theme.text}"`)
        + lines.map((line, i) => text(node.x + NODE_TEXT_X, node.y + 37 + i * 15, line, `font-size="${SMALL_FONT}" fill="${theme.mutedText}"`)).join('')
        + badge(node.x + node.width - 4, node.y + 4, node.findings, theme)
        + '</g>';
}

// ---------------------------------------------------------------- edges

/** An orthogonal polyline with rounded corners. */
function pathData(points: readonly [number, number][]): string {
    if (points.length === 0) return '';
    let d = `M${fmt(points[0][0])} ${fmt(points[0][1])}`;
    for (let i = 1; i < points.length - 1; i++) {
        const [px, py] = points[i - 1];
        const [cx, cy] = points[i];
        const [nx, ny] = points[i + 1];
        const inLength = Math.hypot(cx - px, cy - py);
        const outLength = Math.hypot(nx - cx, ny - cy);
        const r = Math.min(6, inLength / 2, outLength / 2);
        if (r < 0.5) {
            d += ` L${fmt(cx)} ${fmt(cy)}`;
            continue;
        }
        const ax = cx - ((cx - px) / inLength) * r;
        const ay = cy - ((cy - py) / inLength) * r;
        const bx = cx + ((nx - cx) / outLength) * r;
        const by = cy + ((ny - cy) / outLength) * r;
        d += ` L${fmt(ax)} ${fmt(ay)} Q${fmt(cx)} ${fmt(cy)} ${fmt(bx)} ${fmt(by)}`;
    }
    const last = points[points.length - 1];
    d += ` L${fmt(last[0])} ${fmt(last[1])}`;
    return d;
}

function arrowHead(points: readonly [number, number][], colour: string, open: boolean, width: number): string {
    if (points.length < 2) return '';
    const [tx, ty] = points[points.length - 1];
    const [fx, fy] = points[points.length - 2];
    const length = Math.hypot(tx - fx, ty - fy) || 1;
    const ux = (tx - fx) / length;
    const uy = (ty - fy) / length;
    const size = 9;
    const half = 4;
    const bx = tx - ux * size;
    const by = ty - uy * size;
    const p1 = `${fmt(bx - uy * half)},${fmt(by + ux * half)}`;
    const p2 = `${fmt(bx + uy * half)},${fmt(by - ux * half)}`;
    const tip = `${fmt(tx)},${fmt(ty)}`;
    return open
        ? `<polyline points="${p1} ${tip} ${p2}" fill="none" stroke="${colour}" stroke-width="${fmt(width)}" stroke-linejoin="round" stroke-linecap="round"/>`
        : `<polygon points="${p1} ${tip} ${p2}" fill="${colour}"/>`;
}

const LOCK = 'M2.5 5.5h7v5.5h-7z M4 5.5V3.8a2 2 0 0 1 4 0v1.7';

function renderEdgeLabel(edge: DiagramEdge, theme: DiagramTheme, flowActive: boolean): string {
    const box = edge.labelBox;
    if (!box) return '';
    let out = `<rect x="${fmt(box.x)}" y="${fmt(box.y)}" width="${fmt(box.width)}" height="${fmt(box.height)}" rx="3" fill="${theme.labelBackground}" fill-opacity="0.92"/>`;
    let x = box.x;
    const baseline = box.y + box.height / 2 + 4;
    if (edge.steps.length > 0) {
        const width = stepBadgeWidth(edge.steps);
        out += `<rect x="${fmt(x)}" y="${fmt(box.y + box.height / 2 - 9)}" width="${fmt(width)}" height="18" rx="9" fill="${theme.flow}"/>`
            + text(x + width / 2, baseline, edge.steps.join(', '), `text-anchor="middle" font-size="${EDGE_FONT}" font-weight="bold" fill="${theme.flowText}"`);
        x += width + 4;
    }
    if (edge.label) {
        x += 4;
        if (edge.tls) {
            out += `<path transform="translate(${fmt(x - 2)} ${fmt(box.y + box.height / 2 - 7)})" d="${LOCK}" fill="none" stroke="${theme.tls}" stroke-width="1.3" stroke-linejoin="round"/>`;
            x += LOCK_WIDTH;
        }
        const colour = edge.tls === false ? theme.plaintext : flowActive && edge.steps.length > 0 ? theme.text : theme.mutedText;
        out += text(x, baseline, edge.label, `font-size="${EDGE_FONT}" fill="${colour}"`);
    }
    return out;
}

function renderEdge(edge: DiagramEdge, theme: DiagramTheme, flowActive: boolean, name: string): string {
    const onFlow = flowActive && edge.steps.length > 0;
    const implied = edge.relation !== undefined;
    const colour = onFlow ? theme.flow : implied ? theme.mutedText : edge.style === 'async' ? theme.asyncEdge : theme.edge;
    const width = onFlow ? 2.5 : implied ? 1 : 1.4;
    const dash = implied ? ' stroke-dasharray="2 3"' : edge.style === 'async' ? ' stroke-dasharray="6 4"' : '';
    const tls = edge.tls === undefined ? '' : ` data-tls="${edge.tls}"`;
    let badgeSvg = '';
    if (edge.findings.length > 0) {
        const box = edge.labelBox;
        const [x, y] = box ? [box.x + box.width + 6, box.y + box.height / 2] : midpoint(edge.points);
        badgeSvg = badge(x, y, edge.findings, theme);
    }
    return `<g class="aw-edge" data-id="${escapeXml(edge.id)}" data-source="${escapeXml(edge.source)}" data-target="${escapeXml(edge.target)}" data-style="${edge.style}"${tls}${implied ? ` data-relation="${edge.relation}"` : ''}${edge.steps.length ? ` data-steps="${edge.steps.join(' ')}"` : ''}${edge.connections.length > 1 || (edge.connections.length === 1 && edge.connections[0] !== edge.id) ? ` data-connections="${escapeXml(edge.connections.join(' '))}"` : ''}${edge.callers ? ` data-callers="${escapeXml(edge.callers.join(' '))}"` : ''}${ariaLabel(name)}${dimAttr(edge.dimmed, theme)}>`
        + edgeTitle(edge)
        + `<path d="${pathData(edge.points)}" fill="none" stroke="${colour}" stroke-width="${fmt(width)}"${dash} stroke-linejoin="round"/>`
        + arrowHead(edge.points, colour, edge.style === 'async' || implied, width)
        + (edge.twoWay ? arrowHead([...edge.points].reverse(), colour, true, width) : '')
        + renderEdgeLabel(edge, theme, flowActive)
        + badgeSvg
        + '</g>';
}

/** The edge's tooltip: its label, every connection it merges, and its findings. */
function edgeTitle(edge: DiagramEdge): string {
    const heading = edge.members.length > 1 ? `${edge.label}\n${membersTooltip(edge)}` : edge.label || edge.id;
    if (edge.findings.length > 0) return titleOf(edge.findings, heading);
    if (edge.members.length > 1) return `<title>${escapeXml(heading)}</title>`;
    return !edge.labelBox && edge.label ? `<title>${escapeXml(edge.label)}</title>` : '';
}

function midpoint(points: readonly [number, number][]): [number, number] {
    if (points.length === 0) return [0, 0];
    const i = Math.floor((points.length - 1) / 2);
    const a = points[i];
    const b = points[Math.min(i + 1, points.length - 1)];
    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

// ---------------------------------------------------------------- fragment memo

/**
 * SVG of single nodes and edges by their content (position included), per theme: after an
 * edit that changes one label, only that node is drawn again and the document is joined from
 * flat strings. Bounded; a pure cache (same input, same text).
 */
const fragments = new Map<string, Map<string, string>>();
const FRAGMENT_THEMES = 2;
const FRAGMENTS_PER_THEME = 5_000;

/** Forgets every memoised fragment (the next render draws every node and edge afresh). */
export function clearFragmentCache(): void {
    fragments.clear();
}

function fragmentsFor(theme: DiagramTheme): Map<string, string> {
    const key = JSON.stringify(theme);
    let map = fragments.get(key);
    if (!map) {
        if (fragments.size >= FRAGMENT_THEMES) fragments.clear();
        map = new Map();
        fragments.set(key, map);
    } else if (map.size > FRAGMENTS_PER_THEME) map.clear();
    return map;
}

function memo(cache: Map<string, string>, key: string, draw: () => string): string {
    let svg = cache.get(key);
    if (svg === undefined) {
        svg = draw();
        // Reading a character makes V8 flatten the concatenation once, here, instead of in
        // every later join that reuses it.
        svg.charCodeAt(0);
        cache.set(key, svg);
    }
    return svg;
}

// ---------------------------------------------------------------- the document

/** FNV-1a of `text`, 8 hex digits: a short, deterministic fingerprint. */
function fnv1a(text: string): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return hash.toString(16).padStart(8, '0');
}

/** Renders a laid-out diagram to a standalone SVG document. */
export function renderSvg(diagram: Diagram, theme: ThemeName | DiagramTheme = 'light'): string {
    const t = typeof theme === 'string' ? getTheme(theme) : theme;
    const width = Math.ceil(diagram.width);
    const height = Math.ceil(diagram.height);
    const flowActive = diagram.flowId !== undefined;
    const parts: string[] = [];
    // Ids for the title and description: the view (an XML name: other characters become `_`) and a
    // hash of what they say, so several diagrams inlined in one page (Markdown) keep distinct ids.
    const title = diagramTitle(diagram);
    const description = diagramDescription(diagram);
    const idBase = `archway-${diagram.viewId.replace(/[^A-Za-z0-9_-]/g, '_')}-${fnv1a(`${title}\n${description}`)}`;
    parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" class="archway-diagram" role="img" aria-labelledby="${idBase}-title" aria-describedby="${idBase}-desc" data-view="${escapeXml(diagram.viewId)}" data-theme="${escapeXml(t.name)}"${flowActive ? ` data-flow="${escapeXml(diagram.flowId!)}"` : ''}${diagram.collapsed ? ' data-collapsed="true"' : ''}>`);
    parts.push(`<title id="${idBase}-title">${escapeXml(title)}</title><desc id="${idBase}-desc">${escapeXml(description)}</desc>`);
    parts.push(`<rect width="${width}" height="${height}" fill="${t.background}"/>`);
    if (diagram.title) parts.push(text(16, 27, diagram.title, `font-size="${TITLE_FONT}" font-weight="bold" fill="${t.text}" class="aw-title"`));

    const cache = fragmentsFor(t);
    const byId = new Map(diagram.nodes.map(n => [n.id, n]));
    const node = (n: DiagramNode, draw: (n: DiagramNode, t: DiagramTheme, name: string) => string): string => {
        const name = nodeAccessibleName(n, n.parent === undefined ? undefined : byId.get(n.parent));
        return memo(cache, `${name}\u0000${JSON.stringify(n)}`, () => draw(n, t, name));
    };
    const labelOf = (id: string) => {
        const n = byId.get(id);
        return !n ? id : n.role === 'channel' ? `${n.kind} ${n.label}` : n.label;
    };
    parts.push('<g class="aw-zones">');
    for (const n of diagram.nodes) if (n.role === 'zone') parts.push(node(n, renderZone));
    parts.push('</g><g class="aw-containers">');
    for (const n of diagram.nodes) if (n.role === 'component' && n.compound) parts.push(node(n, renderBroker));
    parts.push('</g><g class="aw-edges">');
    // Dimmed edges first, so the flow draws on top.
    const ordered = flowActive ? [...diagram.edges.filter(e => e.dimmed), ...diagram.edges.filter(e => !e.dimmed)] : diagram.edges;
    const edgePrefix = flowActive ? 'flow:' : 'edge:';
    for (const edge of ordered) {
        const name = edgeAccessibleName(edge, labelOf);
        parts.push(memo(cache, `${edgePrefix}${name}\u0000${JSON.stringify(edge)}`, () => renderEdge(edge, t, flowActive, name)));
    }
    parts.push('</g><g class="aw-nodes">');
    for (const n of diagram.nodes) if (!n.compound) parts.push(node(n, renderLeaf));
    parts.push('</g></svg>');
    return parts.join('\n') + '\n';
}
