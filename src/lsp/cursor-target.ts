/**
 * What the cursor is on, for definition, rename and hover: a declaration's name, or a
 * reference to a component, zone or channel.
 */
import { CstUtils, type AstNode, type CstNode, type LangiumDocument, type References } from 'langium';
import type { Range } from 'vscode-languageserver-protocol';
import { isChannel, isComponent, isZone, type Channel, type Component, type Zone } from '../language/generated/ast.js';

export type Declaration = Component | Zone | Channel;

function isDeclaration(node: AstNode | undefined): node is Declaration {
    return isComponent(node) || isZone(node) || isChannel(node);
}

/**
 * What the cursor is on: a declaration's name, or a reference. For `broker.topic` the broker
 * half resolves to the broker and the topic half to the channel.
 */
export function targetAt(document: LangiumDocument, offset: number, references: References): { target: Declaration; source: CstNode; range: Range } | undefined {
    const root = document.parseResult.value;
    if (!root.$cstNode) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root.$cstNode, offset) ?? CstUtils.findLeafNodeAtOffset(root.$cstNode, offset - 1);
    if (!leaf || leaf.hidden) return undefined;
    const declarations = references.findDeclarations(leaf).filter(isDeclaration);
    let target = declarations[0];
    if (!target) return undefined;
    const whole = CstUtils.getDatatypeNode(leaf) ?? leaf;
    const dot = whole.text.indexOf('.');
    if (isChannel(target) && dot >= 0 && whole !== leaf) {
        if (leaf.offset < whole.offset + dot) {
            target = target.$container as Component;
            return { target, source: leaf, range: leaf.range };
        }
        if (leaf.text === '.') return undefined;
    }
    return { target, source: leaf, range: leaf.range };
}
