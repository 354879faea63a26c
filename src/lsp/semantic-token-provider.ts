/**
 * Semantic tokens, so themes colour the language consistently: kinds as keywords, ids by
 * what they name (components by kind, zones as namespaces, channels as events), properties,
 * enum words, protocols, and `@allow` rule ids.
 */
import type { AstNode, Reference } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver-protocol';
import {
    isAnnotation, isChannel, isComponent, isConnection, isFlow, isFlowStep, isProperty, isRoute, isView,
    isViewExclude, isViewInclude, isWordValue, isZone,
} from '../language/generated/ast.js';
import { kindInfo, type KindSymbol } from '../model/component-kinds.js';
import { propertyOfValue, referenceKinds, specOfProperty } from './schema-lookup.js';

const TOKEN_TYPES: Readonly<Record<KindSymbol, string>> = {
    class: SemanticTokenTypes.class, struct: SemanticTokenTypes.struct, interface: SemanticTokenTypes.interface,
    variable: SemanticTokenTypes.variable, function: SemanticTokenTypes.function,
};

/** The token type for an id of this component kind (its `symbol` in the kinds table). */
export function tokenTypeOfKind(kind: string): string {
    return TOKEN_TYPES[kindInfo(kind)?.symbol ?? 'class'];
}

/** The token type for whatever a resolved reference points at. */
function tokenTypeOfTarget(target: AstNode | undefined): string | undefined {
    if (isComponent(target)) return tokenTypeOfKind(target.kind);
    if (isZone(target)) return SemanticTokenTypes.namespace;
    if (isChannel(target)) return SemanticTokenTypes.event;
    return undefined;
}

export class ArchwaySemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declaration = SemanticTokenModifiers.declaration;
        const reference = (ref: Reference | undefined, property: string, index?: number): void => {
            const type = tokenTypeOfTarget(ref?.ref);
            if (type) acceptor({ node, property: property as never, index, type });
        };
        if (isComponent(node)) {
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.keyword });
            if (node.name) acceptor({ node, property: 'name', type: tokenTypeOfKind(node.kind), modifier: declaration });
        } else if (isZone(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        } else if (isChannel(node)) {
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.keyword });
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.event, modifier: declaration });
        } else if (isProperty(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
        } else if (isWordValue(node)) {
            const property = propertyOfValue(node);
            const spec = property ? specOfProperty(property) : undefined;
            const isReference = referenceKinds(spec?.type).size > 0 && node.word?.ref !== undefined;
            if (isReference) reference(node.word, 'word');
            else if (node.word) acceptor({ node, property: 'word', type: SemanticTokenTypes.enumMember });
        } else if (isConnection(node) || isFlowStep(node)) {
            if (isConnection(node) && node.source) reference(node.source, 'source');
            if (isFlowStep(node)) reference(node.source, 'source');
            reference(node.target, 'target');
            if (node.protocol) acceptor({ node, property: 'protocol', type: SemanticTokenTypes.type });
        } else if (isRoute(node)) {
            reference(node.target, 'target');
        } else if (isViewInclude(node) || isViewExclude(node)) {
            node.elements.forEach((element, index) => reference(element, 'elements', index));
        } else if (isAnnotation(node)) {
            acceptor({ node, keyword: '@', type: SemanticTokenTypes.decorator });
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.decorator });
            if (node.rule) acceptor({ node, property: 'rule', type: SemanticTokenTypes.macro });
        } else if (isView(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: declaration });
        } else if (isFlow(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
        }
    }
}
