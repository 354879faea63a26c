/**
 * Inlay hints after connections whose protocol is not written:
 * - a flow step shows the protocol of the declared connection it follows (inferred);
 * - a connection that crosses the public boundary (an entry point at one end, or a CDN → origin
 *   hop) shows the likely protocol with a `?`, because there the rules need to know whether it
 *   is encrypted. Double-clicking the hint writes it.
 */
import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { InlayHintProvider, LangiumServices } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams, type Position } from 'vscode-languageserver-protocol';
import {
    isArchFile, isConnection, isFlow, isFlowStep,
} from '../language/generated/ast.js';
import type { ArchModel, Component, Element } from '../model/arch-model.js';
import { hasTrait } from '../model/component-kinds.js';
import { EditorModels } from './editor-models.js';

export class ArchwayInlayHintProvider implements InlayHintProvider {
    private readonly models: EditorModels;

    constructor(services: LangiumServices) {
        this.models = new EditorModels(services);
    }

    getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
        try {
            return this.hints(document, params);
        } catch {
            return [];
        }
    }

    private hints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
        const root = document.parseResult.value;
        if (!isArchFile(root) || document.parseResult.parserErrors.length > 0) return [];
        const model = this.models.modelsOf(document)[0];
        if (!model) return [];
        const hints: InlayHint[] = [];
        const start = params.range.start.line;
        const end = params.range.end.line;
        for (const node of AstUtils.streamAst(root)) {
            const cst = node.$cstNode;
            if (!cst || cst.range.end.line < start || cst.range.start.line > end) continue;
            if (isFlowStep(node) && !node.protocol && isFlow(node.$container)) {
                const step = model.flows.find(f => f.id === (node.$container as { name: string }).name)?.steps
                    .find(s => s.location.range.start.line === cst.range.start.line && s.location.range.start.character === cst.range.start.character);
                const protocol = step?.connection ? model.connections.find(c => c.id === step.connection)?.protocol : undefined;
                const at = this.afterTarget(node);
                if (protocol && at) {
                    hints.push({ position: at, label: `: ${protocol}`, kind: InlayHintKind.Type, paddingLeft: true, tooltip: 'Protocol of the declared connection this step follows.' });
                }
            } else if (isConnection(node) && !node.protocol) {
                const at = this.afterTarget(node);
                const connection = model.connections.find(c => c.location.uri === document.uri.toString()
                    && c.location.range.start.line === cst.range.start.line && c.location.range.start.character === cst.range.start.character);
                if (!at || !connection) continue;
                const source = model.elements.get(connection.source);
                const target = model.elements.get(connection.target);
                if (!crossesPublicBoundary(model, source, target)) continue;
                const guess = likelyProtocol(model, target);
                hints.push({
                    position: at, label: `: ${guess}?`, kind: InlayHintKind.Type, paddingLeft: true,
                    tooltip: `No protocol: this connection crosses the public boundary, so the rules cannot tell whether it is encrypted. Likely \`${guess}\`.`,
                    textEdits: [{ range: { start: at, end: at }, newText: ` : ${guess}` }],
                });
            }
        }
        return hints;
    }

    private afterTarget(node: AstNode): Position | undefined {
        return GrammarUtils.findNodeForProperty(node.$cstNode, 'target')?.range.end;
    }
}

function componentOf(model: ArchModel, element: Element | undefined): Component | undefined {
    if (!element) return undefined;
    if (element.type === 'component') return element;
    if (element.type === 'channel') {
        const broker = model.elements.get(element.broker);
        return broker?.type === 'component' ? broker : undefined;
    }
    return undefined;
}

/** One end is an entry point (a client, or anything in a public zone), or it is a CDN → origin hop. */
export function crossesPublicBoundary(model: ArchModel, source: Element | undefined, target: Element | undefined): boolean {
    const a = componentOf(model, source);
    const b = componentOf(model, target);
    if (!a || !b) return false;
    const entry = (c: Component) => hasTrait(c.kind, 'entryPoint') || c.trust === 'public';
    return entry(a) || entry(b) || a.kind === 'cdn';
}

/** The protocol a connection into `target` most likely uses. */
export function likelyProtocol(model: ArchModel, target: Element | undefined): string {
    const component = componentOf(model, target);
    const engine = component?.properties.get('engine')?.value.text.toLowerCase() ?? '';
    switch (component?.kind) {
        case 'database': return 'sql+tls';
        case 'cache': return 'rediss';
        case 'broker': return engine.includes('rabbit') ? 'amqps' : engine.includes('mqtt') ? 'mqtts' : 'kafka+tls';
        case 'peer': return 'tls';
        default: return 'https';
    }
}
