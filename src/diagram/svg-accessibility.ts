/**
 * What a screen reader hears of a diagram: the accessible name of every box (kind, label, zone,
 * findings) and edge (ends, protocol, count), and the title and description of the whole view
 * that exported SVGs carry (the way Mermaid's `accTitle`/`accDescr` do). Pure text, no SVG: the
 * renderer escapes it.
 */
import type { Diagram, DiagramEdge, DiagramFinding, DiagramNode } from './diagram-model.js';

/** At most this many zones are named in the view's description (the rest are counted). */
const DESCRIBED_ZONES = 12;

function plural(n: number, word: string, many = `${word}s`): string {
    return `${n} ${n === 1 ? word : many}`;
}

/** "1 error, 2 warnings: E001 …; W004 …" — empty without findings. */
export function findingsPhrase(findings: readonly DiagramFinding[]): string {
    if (findings.length === 0) return '';
    const counts: string[] = [];
    for (const severity of ['error', 'warning', 'info'] as const) {
        const n = findings.filter(f => f.severity === severity).length;
        if (n > 0) counts.push(plural(n, severity === 'info' ? 'note' : severity));
    }
    return `${counts.join(', ')}: ${findings.map(f => `${f.code} ${f.message}`).join('; ')}`;
}

/** Labels longer than this are cut in what a screen reader hears (the drawn label is cut by width). */
const SPOKEN_LABEL_CHARS = 120;

/** A label as spoken: at most {@link SPOKEN_LABEL_CHARS} characters, an ellipsis where it was cut. */
function spoken(label: string): string {
    return label.length <= SPOKEN_LABEL_CHARS ? label : `${label.slice(0, SPOKEN_LABEL_CHARS - 1)}…`;
}

function kindWord(node: DiagramNode): string {
    switch (node.role) {
        case 'zone': return `${node.trust ?? 'private'} zone`;
        case 'collapsed-zone': return `collapsed ${node.trust ?? 'private'} zone`;
        case 'collapsed-broker': return `collapsed ${node.kind}`;
        case 'channel': return node.kind;
        default: return node.kind.replace(/-/g, ' ');
    }
}

/** The accessible name of a box: `service Orders (Node.js), in zone Backend, 1 warning: …`. */
export function nodeAccessibleName(node: DiagramNode, parent: DiagramNode | undefined): string {
    const parts = [`${kindWord(node)} ${spoken(node.label)}`];
    // The subtitle starts with the kind, which the name already says.
    const details = [...node.subtitle.split(' · '), ...node.facts.split(' · ')]
        .filter(part => part && part !== node.kind).map(part => part.replace(/^×(\d+)$/, '$1 replicas')).join(', ');
    if (details && node.role !== 'zone') parts[0] += ` (${spoken(details)})`;
    if (node.trustedBy?.length) parts.push(`trusted by ${node.trustedBy.map(spoken).join(', ')}`);
    if (parent) parts.push(`in ${parent.role === 'zone' ? 'zone' : kindWord(parent)} ${spoken(parent.label)}`);
    const findings = findingsPhrase(node.findings);
    if (findings) parts.push(findings);
    return parts.join(', ');
}

function edgeKindWord(edge: DiagramEdge): string {
    if (edge.relation === 'trusts') return 'trusts';
    if (edge.relation !== undefined) return `${edge.relation} relation`;
    return edge.style === 'async' ? 'async message' : 'call';
}

/** The accessible name of an edge: `call from Web to Orders, https with TLS, 5 connections, …`. */
export function edgeAccessibleName(edge: DiagramEdge, labelOf: (id: string) => string): string {
    // labelOf names topics `topic orderPlaced`, boxes by their label.
    const parts = [edge.twoWay
        ? `async messages both ways between ${spoken(labelOf(edge.source))} and ${spoken(labelOf(edge.target))}`
        : `${edgeKindWord(edge)} from ${spoken(labelOf(edge.source))} to ${spoken(labelOf(edge.target))}`];
    if (edge.label && edge.label !== edge.relation) parts.push(`${spoken(edge.label)}${edge.tls === true ? ' with TLS' : edge.tls === false ? ' in plaintext' : ''}`);
    const count = Math.max(edge.members.length, edge.connections.length);
    if (edge.callers) parts.push(`calls from ${edge.callers.map(id => spoken(labelOf(id))).join(', ')}`);
    else if (count > 1) parts.push(plural(count, 'connection'));
    if (edge.steps.length > 0) parts.push(`flow ${edge.steps.length === 1 ? 'step' : 'steps'} ${edge.steps.join(', ')}`);
    const findings = findingsPhrase(edge.findings);
    if (findings) parts.push(findings);
    return parts.join(', ');
}

/** The title of the whole view (the SVG's `<title>`). */
export function diagramTitle(diagram: Diagram): string {
    const name = spoken(diagram.title || `view ${diagram.viewId}`);
    return diagram.flowId ? `Architecture diagram: ${name}, flow ${diagram.flowId}` : `Architecture diagram: ${name}`;
}

/** A summary of the whole view (the SVG's `<desc>`): what is in it, by zone, and what is wrong. */
export function diagramDescription(diagram: Diagram): string {
    const boxes = diagram.nodes.filter(n => n.role === 'component' || n.role === 'collapsed-zone' || n.role === 'collapsed-broker');
    const channels = diagram.nodes.filter(n => n.role === 'channel');
    const zones = diagram.nodes.filter(n => n.role === 'zone' || n.role === 'collapsed-zone');
    const connections = diagram.edges.reduce((sum, e) => sum + Math.max(1, e.members.length, e.connections.length), 0);
    const sentences = [`${plural(boxes.length, 'box', 'boxes')}${channels.length ? ` and ${plural(channels.length, 'topic')}` : ''}`
        + `${zones.length ? ` in ${plural(zones.length, 'zone')}` : ''}, joined by ${plural(diagram.edges.length, 'edge')}`
        + `${connections !== diagram.edges.length ? ` standing for ${plural(connections, 'connection')}` : ''}.`];
    if (zones.length > 0) {
        const named = zones.slice(0, DESCRIBED_ZONES).map(z => {
            const inside = diagram.nodes.filter(n => n.parent === z.id && n.role !== 'channel').length;
            return `${spoken(z.label)} (${z.trust ?? 'private'}${z.role === 'collapsed-zone' ? ', collapsed' : `, ${plural(inside, 'box', 'boxes')}`})`;
        });
        const more = zones.length > DESCRIBED_ZONES ? ` and ${zones.length - DESCRIBED_ZONES} more` : '';
        sentences.push(`Zones: ${named.join(', ')}${more}.`);
    }
    const findings = [...diagram.nodes, ...diagram.edges].flatMap(e => e.findings);
    const errors = findings.filter(f => f.severity === 'error').length;
    const warnings = findings.filter(f => f.severity === 'warning').length;
    sentences.push(errors + warnings === 0 ? 'No errors or warnings are drawn.' : `Drawn findings: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
    if (diagram.collapsed) sentences.push('Some zones or brokers are drawn collapsed; open them in the preview or export with --expand.');
    return sentences.join(' ');
}
