/**
 * Hover: on a kind keyword, what it is and which rules apply; on an id (declaration or
 * reference), its kind, label, zone, trust, key properties and connections; on a property,
 * its meaning, type and default; on a rule id in `@allow`, the rule's title and rationale;
 * on a protocol, whether it is encrypted.
 */
import { CstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { HoverProvider, LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver-protocol';
import { resolveImportUri } from '../language/archway-imports.js';
import {
    isAnnotation, isArchFile, isChannel, isComponent, isConnection, isFlow, isFlowStep, isImport, isProperty, isRoute,
    isView, isWordValue, isZone, type Flow as FlowNode, type View as ViewNode,
} from '../language/generated/ast.js';
import type { ArchModel, Connection, Element, Property, PropertyValue } from '../model/arch-model.js';
import { TLS_PROTOCOLS } from '../model/arch-model.js';
import { describeType } from '../model/schema/describe-type.js';
import { componentFigureLines, connectionFigureLines, flowFigureLines, viewFigureLines } from '../numbers/figures-text.js';
import { elementIdOf } from './scope-elements.js';
import { findRule, KEYWORD_DOCS, rulesForKind } from './language-docs.js';
import { EditorModels } from './editor-models.js';
import { targetAt } from './cursor-target.js';
import { propertyOfValue, specOfProperty } from './schema-lookup.js';
import { COMPONENT_KIND_INFO, isComponentKind, type ComponentKind } from '../model/component-kinds.js';
import { RULE_DOCS_BASE, ruleDocsUrl } from '../checking/diagnostics.js';

/** Properties worth showing in an element's hover, in this order. */
const KEY_PROPERTIES = [
    'technology', 'engine', 'replicas', 'ha', 'auth', 'origin', 'ttl', 'waf', 'rateLimit', 'cache', 'routing',
    'store', 'stateStore', 'eventStore', 'eventSourced', 'deadLetter', 'from', 'to', 'schedule', 'trust', 'external', 'public',
];

export class ArchwayHoverProvider implements HoverProvider {
    private readonly models: EditorModels;

    constructor(private readonly services: LangiumServices) {
        this.models = new EditorModels(services);
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        try {
            const root = document.parseResult.value;
            if (!isArchFile(root) || !root.$cstNode) return undefined;
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = CstUtils.findLeafNodeAtOffset(root.$cstNode, offset);
            if (!leaf || leaf.hidden) return undefined;
            const value = this.content(document, leaf);
            if (!value) return undefined;
            return { contents: { kind: 'markdown', value }, range: leaf.range };
        } catch {
            return undefined;
        }
    }

    private content(document: LangiumDocument, leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        const is = (property: string): boolean => {
            const target = GrammarUtils.findNodeForProperty(node.$cstNode, property);
            return target !== undefined && target.offset <= leaf.offset && leaf.end <= target.end;
        };
        if (isComponent(node) && is('kind') && isComponentKind(node.kind)) return kindHover(node.kind);
        if (isChannel(node) && is('kind')) return `**${node.kind}** — ${KEYWORD_DOCS[node.kind]}`;
        if (isAnnotation(node)) {
            if (is('rule') && node.rule) return ruleHover(node.rule);
            if (is('name')) return '**@allow(rule-id, "reason")** — suppresses that rule on this declaration or connection. The reason is required and shows in reviews.';
            return undefined;
        }
        if (isProperty(node) && is('name')) return propertyHover(node);
        if (isImport(node) && is('path')) {
            const uri = resolveImportUri(document.uri, node.path);
            const loaded = this.services.shared.workspace.LangiumDocuments.hasDocument(uri);
            return `**import** — ${KEYWORD_DOCS.import}\n\n\`${uri.path}\`${loaded ? '' : ' (not loaded)'}`;
        }
        if ((isConnection(node) || isRoute(node) || isFlowStep(node)) && is('protocol') && node.protocol) {
            return TLS_PROTOCOLS.has(node.protocol)
                ? `**${node.protocol}** — encrypted in transit (TLS).`
                : `**${node.protocol}** — plaintext: the rules flag it where it crosses the public boundary (\`plaintext-connection\`).`;
        }
        if ((isView(node) || isFlow(node)) && is('name')) return this.viewHover(document, node);
        if ((isConnection(node) && is('arrow')) || (isRoute(node) && leaf.text === '->')) return this.connectionHover(document, leaf);
        // Declared names and references.
        const target = targetAt(document, leaf.offset, this.services.references.References)?.target
            ?? this.services.references.References.findDeclarations(leaf).find(d => elementIdOf(d) !== undefined);
        if (target) {
            const id = elementIdOf(target)!;
            return this.elementHover(document, id, target);
        }
        const owner = isWordValue(node) ? propertyOfValue(node) : undefined;
        if (isWordValue(node) && isProperty(owner)) return wordHover(owner, node.word?.$refText ?? leaf.text);
        const keyword = KEYWORD_DOCS[leaf.text];
        if (keyword && leaf.grammarSource && (leaf.grammarSource as { $type?: string }).$type === 'Keyword' && !is('name')) {
            return `**${leaf.text}** — ${keyword}`;
        }
        return undefined;
    }

    private viewHover(document: LangiumDocument, node: ViewNode | FlowNode): string {
        const model = this.models.modelsOf(document)[0];
        if (isView(node)) {
            const view = model?.views.find(v => v.id === node.name);
            const lines = [`**view** \`${node.name}\`${node.label ? ` — ${node.label}` : ''}`, '', KEYWORD_DOCS.view];
            if (view) {
                lines.push('', view.includeAll ? 'Includes everything' : `Includes ${view.includes.map(i => `\`${i}\``).join(', ') || 'nothing'}`);
                if (view.excludes.length > 0) lines.push('', `Excludes ${view.excludes.map(i => `\`${i}\``).join(', ')}`);
                lines.push(...figuresSection(viewFigureLines(this.models.numbersOf(model!), view)));
            }
            return lines.join('\n');
        }
        const flow = model?.flows.find(f => f.id === node.name);
        const lines = [`**flow** \`${node.name}\`${node.label ? ` — ${node.label}` : ''}`, '', KEYWORD_DOCS.flow];
        if (flow) {
            lines.push('');
            for (const step of flow.steps) {
                lines.push(`${step.index}. \`${step.source}\` ${step.style === 'sync' ? '->' : '~>'} \`${step.target}\`${step.label ? ` — ${step.label}` : ''}${step.connection ? '' : ' *(no such connection)*'}`);
            }
            lines.push(...figuresSection(flowFigureLines(this.models.numbersOf(model!), flow)));
        }
        return lines.join('\n');
    }

    /** On a connection's or route's arrow: the connection and its numbers. */
    private connectionHover(document: LangiumDocument, leaf: CstNode): string | undefined {
        const uri = document.uri.toString();
        for (const model of this.models.modelsOf(document)) {
            const connection = model.connections
                .filter(c => c.location.uri === uri && contains(c.location.range, leaf.range.start))
                .sort((a, b) => (a.location.range.end.line - a.location.range.start.line) - (b.location.range.end.line - b.location.range.start.line))[0];
            if (!connection) continue;
            const arrow = connection.style === 'sync' ? '->' : '~>';
            const head = `**connection** \`${connection.source} ${arrow} ${connection.target}\`${connection.protocol ? ` (${connection.protocol})` : ''}`;
            return [head, ...figuresSection(connectionFigureLines(this.models.numbersOf(model), connection))].join('\n');
        }
        return undefined;
    }

    private elementHover(document: LangiumDocument, id: string, node: AstNode): string {
        const found = this.models.find(document, id);
        if (!found) {
            const kind = isComponent(node) ? node.kind : isZone(node) ? 'zone' : isChannel(node) ? node.kind : '';
            return `**${kind}** \`${id}\``;
        }
        const figures = found.element.type === 'component' ? componentFigureLines(this.models.numbersOf(found.model), id) : [];
        return [describeElement(found.model, found.element), ...figuresSection(figures)].join('\n');
    }
}

/** A hover's numbers, as a list under a heading (nothing when there are none). */
function figuresSection(lines: readonly string[]): string[] {
    return lines.length === 0 ? [] : ['', `**Numbers** ([how they are computed](${RULE_DOCS_BASE.replace(/rules\/$/, '')}numbers.md))`, '', ...lines.map(line => `- ${line}`)];
}

function contains(range: { start: { line: number; character: number }; end: { line: number; character: number } }, position: { line: number; character: number }): boolean {
    const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
    const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
    return after && before;
}

function kindHover(kind: ComponentKind): string {
    const rules = rulesForKind(kind);
    const lines = [`**${kind}** — ${COMPONENT_KIND_INFO[kind].doc}`];
    if (rules.length > 0) {
        lines.push('', 'Rules that apply:');
        for (const rule of rules) lines.push(`- [\`${rule.id}\`](${ruleDocsUrl(rule.id)})${rule.title ? ` — ${rule.title}` : ''}`);
    }
    return lines.join('\n');
}

function ruleHover(id: string): string {
    const rule = findRule(id);
    if (!rule) return `\`${id}\` — not a known rule id.`;
    const lines = [`**${rule.id}** (${rule.severity}) — ${rule.title || rule.fires}`];
    if (rule.rationale) lines.push('', rule.rationale);
    if (rule.title && rule.fires) lines.push('', `**When it fires:** ${rule.fires}`);
    lines.push('', `[Documentation](${ruleDocsUrl(rule.id)})`);
    return lines.join('\n');
}

function propertyHover(node: Parameters<typeof specOfProperty>[0] & { name: string }): string {
    const spec = specOfProperty(node);
    if (!spec) return `**${node.name}** — not a property here.`;
    const lines = [`**${node.name}** — ${spec.doc}`, '', `Type: ${describeType(spec.type, 'tooltip')}`];
    if (spec.default) lines.push('', `Default: \`${spec.default}\``);
    return lines.join('\n');
}

function wordHover(property: AstNode & { name: string }, word: string): string | undefined {
    const spec = specOfProperty(property);
    if (!spec) return undefined;
    return `\`${word}\` — value of **${property.name}**: ${spec.doc}\n\nType: ${describeType(spec.type, 'tooltip')}`;
}

/** The markdown describing an element of a model. */
export function describeElement(model: ArchModel, element: Element): string {
    const lines: string[] = [];
    const kind = element.type === 'component' ? element.kind : element.type === 'zone' ? 'zone' : element.kind;
    lines.push(`**${kind}** \`${element.id}\`${element.label ? ` — ${element.label}` : ''}`);
    lines.push('');
    if (element.type === 'component') {
        lines.push(`Zone: ${element.zone ? `\`${element.zone}\`` : '—'} · trust: **${element.trust}**`);
    } else if (element.type === 'zone') {
        lines.push(`Trust: **${element.trust}**${element.trustDeclared ? '' : ' (inherited)'}${element.parent ? ` · inside \`${element.parent}\`` : ''} · ${element.components.length} component(s)`);
    } else {
        lines.push(`Broker: \`${element.broker}\` · ${element.publishers.length} publisher(s), ${element.subscribers.length} subscriber(s)`);
    }
    const props = [...element.properties.values()]
        .filter(p => element.type !== 'component' || KEY_PROPERTIES.includes(p.name))
        .sort((a, b) => rank(a) - rank(b))
        .slice(0, 8);
    if (props.length > 0) lines.push('', props.map(p => `\`${p.name}: ${valueText(p.value)}\``).join(' · '));
    const outgoing = model.outgoing.get(element.id) ?? [];
    const incoming = model.incoming.get(element.id) ?? [];
    if (outgoing.length > 0) lines.push('', `Outgoing: ${listConnections(outgoing, c => c.target, false)}`);
    if (incoming.length > 0) lines.push('', `Incoming: ${listConnections(incoming, c => c.source, true)}`);
    if (element.type === 'component' && element.channels.length > 0) lines.push('', `Channels: ${element.channels.map(c => `\`${c}\``).join(', ')}`);
    return lines.join('\n');
}

function rank(property: Property): number {
    const index = KEY_PROPERTIES.indexOf(property.name);
    return index < 0 ? KEY_PROPERTIES.length : index;
}

function valueText(value: PropertyValue): string {
    return value.text.length > 40 ? `${value.text.slice(0, 37)}…` : value.text;
}

function listConnections(connections: readonly Connection[], other: (c: Connection) => string, incoming: boolean, max = 8): string {
    const items = connections.slice(0, max).map(c => {
        const arrow = c.style === 'sync' ? '->' : '~>';
        const via = c.origin === 'route' && c.path ? ` route ${c.path}` : '';
        const end = `\`${other(c)}\``;
        return `${incoming ? `${end} ${arrow}` : `${arrow} ${end}`}${c.protocol ? ` (${c.protocol})` : ''}${via}`;
    });
    if (connections.length > max) items.push(`… ${connections.length - max} more`);
    return items.join(', ');
}
