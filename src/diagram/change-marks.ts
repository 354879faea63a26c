/**
 * Change marks on a rendered diagram, for `archway diff --format svg|png`: added elements
 * outlined and badged `+`, changed ones `~`, removed ones faded with a dashed outline and `−`,
 * and a legend below. Works on the finished SVG and the laid-out diagram (positions), so the
 * diagram builder and renderer stay as they are. Pure.
 */
import type { Diagram } from './diagram-model.js';
import { fmt } from './icons.js';
import { escapeXml } from './render-svg.js';
import { getTheme, type DiagramTheme, type ThemeName } from './themes.js';

/** Element and connection ids by change. */
export interface ChangeMarks {
    added: ReadonlySet<string>;
    removed: ReadonlySet<string>;
    changed: ReadonlySet<string>;
}

type Change = 'added' | 'removed' | 'changed';

interface Palette {
    added: string;
    changed: string;
    removed: string;
}

function paletteFor(theme: DiagramTheme): Palette {
    return theme.name === 'light'
        ? { added: '#1a7f37', changed: '#9a6700', removed: '#cf222e' }
        : { added: '#3fb950', changed: '#d29922', removed: '#f85149' };
}

const SYMBOL: Record<Change, string> = { added: '+', changed: '~', removed: '−' };
const LEGEND_HEIGHT = 34;
const REMOVED_OPACITY = 0.4;

function changeOf(id: string, marks: ChangeMarks): Change | undefined {
    if (marks.added.has(id)) return 'added';
    if (marks.removed.has(id)) return 'removed';
    if (marks.changed.has(id)) return 'changed';
    return undefined;
}

function badge(x: number, y: number, change: Change, colour: string, theme: DiagramTheme): string {
    return `<g data-change-badge="${change}"><circle cx="${fmt(x)}" cy="${fmt(y)}" r="9" fill="${colour}" stroke="${theme.background}" stroke-width="2"/>`
        + `<text x="${fmt(x)}" y="${fmt(y + 4.5)}" text-anchor="middle" font-size="14" font-weight="bold" fill="#ffffff">${SYMBOL[change]}</text></g>`;
}

/** The SVG with change marks drawn over it and a legend below. */
export function markChanges(svg: string, diagram: Diagram, marks: ChangeMarks, themeName: ThemeName | DiagramTheme = 'light'): string {
    const theme = typeof themeName === 'string' ? getTheme(themeName) : themeName;
    const palette = paletteFor(theme);
    let marked = svg;
    const overlay: string[] = ['<g class="aw-changes">'];
    // Highlights of added and changed edges go under the edges, so lines and labels stay legible.
    const under: string[] = [];
    for (const node of diagram.nodes) {
        const change = changeOf(node.id, marks);
        if (!change) continue;
        const colour = palette[change];
        marked = tagGroup(marked, node.id, change);
        const pad = 4;
        const dash = change === 'removed' ? ' stroke-dasharray="6 4"' : '';
        overlay.push(`<rect data-change="${change}" data-for="${escapeXml(node.id)}" x="${fmt(node.x - pad)}" y="${fmt(node.y - pad)}" width="${fmt(node.width + 2 * pad)}" height="${fmt(node.height + 2 * pad)}" rx="10" fill="none" stroke="${colour}" stroke-width="${change === 'changed' ? 2.5 : 3}"${dash}/>`);
        overlay.push(badge(node.x - pad, node.y - pad, change, colour, theme));
    }
    for (const edge of diagram.edges) {
        const change = edge.connections.map(id => changeOf(id, marks)).find(c => c !== undefined) ?? changeOf(edge.id, marks);
        if (!change || edge.points.length < 2) continue;
        marked = tagGroup(marked, edge.id, change);
        const points = edge.points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ');
        const dash = change === 'removed' ? ' stroke-dasharray="6 4"' : '';
        const line = `<polyline data-change="${change}" data-for="${escapeXml(edge.id)}" points="${points}" fill="none" stroke="${palette[change]}" stroke-width="${change === 'removed' ? 2 : 7}" stroke-opacity="${change === 'removed' ? 0.9 : 0.5}" stroke-linejoin="round"${dash}/>`;
        (change === 'removed' ? overlay : under).push(line);
    }
    overlay.push('</g>');
    const width = Math.max(Math.ceil(diagram.width), 420);
    const height = Math.ceil(diagram.height) + LEGEND_HEIGHT;
    overlay.push(legend(Math.ceil(diagram.height) + 8, palette, theme));
    marked = marked
        .replace(/^<svg([^>]*?) width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+"/, `<svg$1 width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`)
        .replace(/<rect width="[\d.]+" height="[\d.]+" fill=/, `<rect width="${width}" height="${height}" fill=`);
    const edges = marked.indexOf('<g class="aw-edges">');
    if (edges >= 0 && under.length > 0) {
        const at = edges + '<g class="aw-edges">'.length;
        marked = `${marked.slice(0, at)}\n${under.join('\n')}${marked.slice(at)}`;
    }
    const end = marked.lastIndexOf('</svg>');
    return `${marked.slice(0, end)}${overlay.join('\n')}\n${marked.slice(end)}`;
}

/** Marks the element's group with `data-change`, fading removed ones. */
function tagGroup(svg: string, id: string, change: Change): string {
    const attribute = `data-id="${escapeXml(id)}"`;
    const at = svg.indexOf(attribute);
    if (at < 0) return svg;
    const extra = ` data-change="${change}"${change === 'removed' ? ` opacity="${REMOVED_OPACITY}"` : ''}`;
    // A group that is already dimmed keeps one opacity attribute.
    const tagEnd = svg.indexOf('>', at);
    const tag = svg.slice(at, tagEnd).replace(/ opacity="[\d.]+"/, '');
    return svg.slice(0, at) + tag + extra + svg.slice(tagEnd);
}

function legend(y: number, palette: Palette, theme: DiagramTheme): string {
    const items: [Change, string][] = [['added', 'added'], ['changed', 'changed'], ['removed', 'removed (faded)']];
    let x = 16;
    const parts = [`<g class="aw-change-legend" font-size="12" fill="${theme.mutedText}">`];
    for (const [change, text] of items) {
        parts.push(badge(x + 9, y + 12, change, palette[change], theme));
        parts.push(`<text x="${fmt(x + 24)}" y="${fmt(y + 16)}">${text}</text>`);
        x += 24 + text.length * 7 + 24;
    }
    parts.push('</g>');
    return parts.join('');
}
