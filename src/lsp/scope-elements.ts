/**
 * The elements a document can refer to: every component, zone and channel declared in the
 * document and the files it imports (the same set the scope provider resolves against),
 * with their kind. Works on partially parsed documents.
 */
import { AstUtils, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import { importClosure } from '../language/archway-imports.js';
import { isArchFile, isChannel, isComponent, isZone, type Channel, type Component, type Zone } from '../language/generated/ast.js';
import type { ComponentKind } from '../model/arch-model.js';

/** A declared element as the editor sees it. */
export interface ScopeElement {
    /** Id used to refer to it: the name, or `broker.channel`. */
    id: string;
    type: 'component' | 'zone' | 'channel';
    /** Component kind, `zone`, or `topic` / `queue`. */
    kind: ComponentKind | 'zone' | 'topic' | 'queue';
    label: string | undefined;
    node: Component | Zone | Channel;
    document: LangiumDocument;
    /** For channels: the broker id. */
    broker?: string;
}

/** Elements declared in one document, in source order. */
export function declaredElements(document: LangiumDocument): ScopeElement[] {
    const root = document.parseResult?.value;
    const result: ScopeElement[] = [];
    if (!isArchFile(root)) return result;
    for (const node of AstUtils.streamAst(root)) {
        if (isZone(node) && node.name) {
            result.push({ id: node.name, type: 'zone', kind: 'zone', label: node.label, node, document });
        } else if (isComponent(node) && node.name) {
            result.push({ id: node.name, type: 'component', kind: node.kind as ComponentKind, label: node.label, node, document });
        } else if (isChannel(node) && node.name && isComponent(node.$container) && node.$container.name) {
            const broker = node.$container.name;
            result.push({ id: `${broker}.${node.name}`, type: 'channel', kind: node.kind as 'topic' | 'queue', label: node.label, node, document, broker });
        }
    }
    return result;
}

/** Elements visible from `document`: its own and those of its import closure; first declaration wins. */
export function elementsInScope(document: LangiumDocument, documents: LangiumDocuments): ScopeElement[] {
    const byId = new Map<string, ScopeElement>();
    for (const doc of importClosure(document, documents)) {
        for (const element of declaredElements(doc)) if (!byId.has(element.id)) byId.set(element.id, element);
    }
    return [...byId.values()];
}

/** The element an AST node declares, if it is a declaration. */
export function elementIdOf(node: AstNode): string | undefined {
    if (isChannel(node) && isComponent(node.$container)) return `${node.$container.name}.${node.name}`;
    if (isComponent(node) || isZone(node)) return node.name;
    return undefined;
}
