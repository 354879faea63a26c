/**
 * Helpers for diagram tests: a minimal XML well-formedness checker, SVG safety checks,
 * layout geometry checks, example loading and a generator of big models.
 */
import type { DiagramLayoutJson } from '../../src/diagram/index.js';
import { exampleWorkspaces } from '../support/examples.js';

/** A parsed XML element (enough for checks). */
export interface XmlElement {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

function decode(text: string): string {
    return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
        switch (e) {
            case 'amp': return '&';
            case 'lt': return '<';
            case 'gt': return '>';
            case 'quot': return '"';
            case 'apos': return "'";
            default: return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
        }
    });
}

function checkText(text: string, where: number): void {
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '<') throw new Error(`Unescaped '<' at ${where + i}`);
        if (c === '&') {
            ENTITY.lastIndex = i;
            if (!ENTITY.test(text)) throw new Error(`Bad entity at ${where + i}: ${text.slice(i, i + 12)}`);
        }
        const code = c.charCodeAt(0);
        if (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') throw new Error(`Control character at ${where + i}`);
    }
}

/** Parses XML strictly enough to reject malformed documents; throws on errors. */
export function parseXml(xml: string): XmlElement {
    let pos = 0;
    const skipSpace = (): void => {
        while (pos < xml.length && /\s/.test(xml[pos])) pos++;
    };
    const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
    const stack: XmlElement[] = [root];
    while (pos < xml.length) {
        const lt = xml.indexOf('<', pos);
        const textEnd = lt < 0 ? xml.length : lt;
        const chunk = xml.slice(pos, textEnd);
        checkText(chunk, pos);
        stack[stack.length - 1].text += decode(chunk);
        if (lt < 0) break;
        pos = lt;
        if (xml.startsWith('<?', pos)) {
            pos = xml.indexOf('?>', pos) + 2;
            continue;
        }
        if (xml.startsWith('<!--', pos)) {
            pos = xml.indexOf('-->', pos) + 3;
            continue;
        }
        if (xml.startsWith('</', pos)) {
            const end = xml.indexOf('>', pos);
            const name = xml.slice(pos + 2, end).trim();
            const open = stack.pop();
            if (!open || open.name !== name) throw new Error(`Mismatched </${name}> at ${pos}, open <${open?.name}>`);
            pos = end + 1;
            continue;
        }
        pos++;
        const nameMatch = /^[A-Za-z_][\w:.-]*/.exec(xml.slice(pos, pos + 100));
        if (!nameMatch) throw new Error(`Bad tag at ${pos}`);
        const element: XmlElement = { name: nameMatch[0], attributes: {}, children: [], text: '' };
        pos += nameMatch[0].length;
        for (;;) {
            skipSpace();
            if (xml.startsWith('/>', pos)) {
                pos += 2;
                stack[stack.length - 1].children.push(element);
                break;
            }
            if (xml[pos] === '>') {
                pos++;
                stack[stack.length - 1].children.push(element);
                stack.push(element);
                break;
            }
            const attr = /^([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(pos, pos + 100_000));
            if (!attr) throw new Error(`Bad attribute at ${pos}: ${xml.slice(pos, pos + 30)}`);
            if (attr[1] in element.attributes) throw new Error(`Duplicate attribute ${attr[1]} at ${pos}`);
            const value = attr[3] ?? attr[4];
            checkText(value, pos);
            element.attributes[attr[1]] = decode(value);
            pos += attr[0].length;
        }
    }
    if (stack.length !== 1) throw new Error(`Unclosed <${stack[stack.length - 1].name}>`);
    if (root.children.length !== 1) throw new Error('Expected one root element');
    return root.children[0];
}

/** Every element of a tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    const visit = (e: XmlElement): void => {
        out.push(e);
        e.children.forEach(visit);
    };
    visit(root);
    return out;
}

/** Texts of all `<text>` elements. */
export function svgTexts(root: XmlElement): string[] {
    return allElements(root).filter(e => e.name === 'text').map(e => e.text);
}

/** Problems that make an SVG unsafe or not standalone (empty when fine). */
export function unsafeParts(svg: string): string[] {
    const problems: string[] = [];
    if (/<script/i.test(svg)) problems.push('<script');
    if (/var\(--/.test(svg)) problems.push('var(--');
    const root = parseXml(svg);
    for (const element of allElements(root)) {
        if (['script', 'foreignObject', 'image', 'iframe', 'style'].includes(element.name)) problems.push(`<${element.name}>`);
        for (const [name, value] of Object.entries(element.attributes)) {
            if (/^on/i.test(name)) problems.push(`${name}= on <${element.name}>`);
            if (/href$|^src$/i.test(name) && !value.startsWith('#')) problems.push(`${name}="${value}"`);
            if (/url\((?!#)/i.test(value)) problems.push(`url( in ${name}`);
            if (name !== 'xmlns' && /\b(?:https?|ftp|file|data|javascript):/i.test(value)) problems.push(`external reference in ${name}`);
        }
    }
    if (root.attributes.xmlns !== 'http://www.w3.org/2000/svg') problems.push('xmlns');
    return problems;
}

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box, tolerance = 0.5): boolean {
    return a.x + tolerance < b.x + b.width && b.x + tolerance < a.x + a.width
        && a.y + tolerance < b.y + b.height && b.y + tolerance < a.y + a.height;
}

function distanceToBox(p: [number, number], b: Box): number {
    const dx = Math.max(b.x - p[0], 0, p[0] - (b.x + b.width));
    const dy = Math.max(b.y - p[1], 0, p[1] - (b.y + b.height));
    const outside = Math.hypot(dx, dy);
    if (outside > 0) return outside;
    // Inside: distance to the nearest border.
    return Math.min(p[0] - b.x, b.x + b.width - p[0], p[1] - b.y, b.y + b.height - p[1]);
}

/** True when segment a–b passes through the interior of box (shrunk by `inset`). */
export function segmentCrossesBox(a: [number, number], b: [number, number], box: Box, inset = 1): boolean {
    const x0 = box.x + inset;
    const y0 = box.y + inset;
    const x1 = box.x + box.width - inset;
    const y1 = box.y + box.height - inset;
    // Liang–Barsky clipping.
    let t0 = 0;
    let t1 = 1;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const clip = (p: number, q: number): boolean => {
        if (p === 0) return q > 0;
        const r = q / p;
        if (p < 0) {
            if (r > t1) return false;
            if (r > t0) t0 = r;
        } else {
            if (r < t0) return false;
            if (r < t1) t1 = r;
        }
        return true;
    };
    if (!clip(-dx, a[0] - x0) || !clip(dx, x1 - a[0]) || !clip(-dy, a[1] - y0) || !clip(dy, y1 - a[1])) return false;
    return t1 - t0 > 1e-6;
}

/** Geometry problems of a laid-out graph (empty when fine). */
export function layoutProblems(layout: DiagramLayoutJson): string[] {
    const problems: string[] = [];
    const byId = new Map(layout.nodes.map(n => [n.id, n]));
    const siblings = new Map<string | null, typeof layout.nodes>();
    for (const node of layout.nodes) {
        const list = siblings.get(node.parent) ?? [];
        list.push(node);
        siblings.set(node.parent, list);
        if (node.width <= 0 || node.height <= 0) problems.push(`${node.id} has no size`);
        if (node.parent !== null) {
            const parent = byId.get(node.parent);
            if (!parent) problems.push(`${node.id}: parent ${node.parent} missing`);
            else if (node.x < parent.x - 0.5 || node.y < parent.y - 0.5
                || node.x + node.width > parent.x + parent.width + 0.5 || node.y + node.height > parent.y + parent.height + 0.5) {
                problems.push(`${node.id} sticks out of ${parent.id}`);
            }
        }
    }
    for (const list of siblings.values()) {
        for (let i = 0; i < list.length; i++) {
            for (let j = i + 1; j < list.length; j++) {
                if (overlaps(list[i], list[j])) problems.push(`${list[i].id} overlaps ${list[j].id}`);
            }
        }
    }
    const parents = new Set(layout.nodes.map(n => n.parent).filter((p): p is string => p !== null));
    const leaves = layout.nodes.filter(n => !parents.has(n.id));
    for (const edge of layout.edges) {
        const source = byId.get(edge.source);
        const target = byId.get(edge.target);
        if (!source || !target) {
            problems.push(`${edge.id}: end missing`);
            continue;
        }
        if (edge.points.length < 2) {
            problems.push(`${edge.id}: no route`);
            continue;
        }
        const first = edge.points[0];
        const last = edge.points[edge.points.length - 1];
        if (distanceToBox(first, source) > 2) problems.push(`${edge.id}: starts ${distanceToBox(first, source).toFixed(1)} px from ${source.id}`);
        if (distanceToBox(last, target) > 2) problems.push(`${edge.id}: ends ${distanceToBox(last, target).toFixed(1)} px from ${target.id}`);
        for (const leaf of leaves) {
            if (leaf.id === edge.source || leaf.id === edge.target) continue;
            for (let i = 0; i + 1 < edge.points.length; i++) {
                if (segmentCrossesBox(edge.points[i], edge.points[i + 1], leaf)) {
                    problems.push(`${edge.id}: segment ${i} crosses ${leaf.id}`);
                    break;
                }
            }
        }
    }
    return problems;
}

/** The repository's examples: folder name → { file name → text }. */
export function exampleFolders(): Map<string, Record<string, string>> {
    return exampleWorkspaces();
}

const KINDS = ['service', 'database', 'cache', 'function', 'storage', 'gateway', 'loadbalancer', 'stream', 'batch', 'etl', 'idp', 'orchestrator', 'eventstore', 'external'];

/**
 * A deterministic model of `size` components: zones nested two deep, every kind, about
 * two connections per component, brokers with topics and both publish and subscribe edges.
 */
export function generateModel(size: number): string {
    const lines: string[] = [`architecture "Generated ${size}"`, ''];
    const ids: string[] = [];
    const topics: string[] = [];
    const zonesTop = Math.max(1, Math.round(size / 40));
    let made = 0;
    let kindIndex = 0;
    const component = (indent: string): void => {
        const i = made++;
        if (i % 15 === 7) {
            const id = `bus${i}`;
            lines.push(`${indent}broker ${id} "Bus ${i}" {`, `${indent}  topic t${i}a`, `${indent}  topic t${i}b`, `${indent}}`);
            topics.push(`${id}.t${i}a`, `${id}.t${i}b`);
            return;
        }
        const kind = KINDS[kindIndex++ % KINDS.length];
        const id = `c${i}`;
        ids.push(id);
        lines.push(`${indent}${kind} ${id} "Component ${i}"${kind === 'service' ? ' { replicas: 2 }' : ''}`);
    };
    lines.push('client web "Web client"', 'client app "Mobile app"');
    made += 2;
    ids.push('web', 'app');
    for (let z = 0; z < zonesTop && made < size; z++) {
        lines.push(`zone z${z} "Zone ${z}" {`, `  trust: ${z === 0 ? 'edge' : 'private'}`);
        const perZone = Math.ceil((size - 2) / zonesTop);
        const inner = Math.floor(perZone / 2);
        for (let k = 0; k < perZone - inner && made < size; k++) component('  ');
        lines.push(`  zone z${z}i "Zone ${z} inner" {`);
        for (let k = 0; k < inner && made < size; k++) component('    ');
        lines.push('  }', '}');
    }
    lines.push('');
    // About two connections per component, mostly forward, a few back.
    for (let i = 0; i < ids.length; i++) {
        const a = ids[i];
        const b = ids[(i + 1 + (i * 7) % 5) % ids.length];
        const c = ids[(i * 13 + 3) % ids.length];
        if (a !== b) lines.push(`${a} -> ${b} : https`);
        if (a !== c && i % 2 === 0) lines.push(`${a} -> ${c} : grpc "call ${i}"`);
    }
    topics.forEach((topic, t) => {
        lines.push(`${ids[(t * 5) % ids.length]} ~> ${topic}`);
        lines.push(`${topic} ~> ${ids[(t * 11 + 4) % ids.length]}`);
    });
    return lines.join('\n') + '\n';
}
