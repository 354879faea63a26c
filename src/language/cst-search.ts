/**
 * Searches in the concrete syntax tree: the CST node of a feature (`name`, `kind`), the
 * feature a grammar element assigns, the first leaf after an offset. Iterative (zones nest
 * deeply) and without the arrays Langium's `GrammarUtils` builds for every child, because the
 * model builder asks for every declaration on every build.
 */
import { isCompositeCstNode, type AstNode, type CstNode } from 'langium';

/**
 * The first CST node assigned to `feature` of the node's own AST node, in document order: what
 * Langium's `GrammarUtils.findNodeForProperty` finds, without building arrays for every child.
 */
export function findNodeForFeature(cst: CstNode, feature: string): CstNode | undefined {
    if (!isCompositeCstNode(cst)) return undefined;
    const element = cst.astNode;
    const stack: (readonly CstNode[])[] = [cst.content];
    const indexes: number[] = [0];
    while (stack.length > 0) {
        const top = stack.length - 1;
        const children = stack[top];
        const index = indexes[top]++;
        if (index >= children.length) {
            stack.pop();
            indexes.pop();
            continue;
        }
        const child = children[index];
        if (assignedFeature(child.grammarSource) === feature) return child;
        if (isCompositeCstNode(child) && child.astNode === element) {
            stack.push(child.content);
            indexes.push(0);
        }
    }
    return undefined;
}

/** The feature of the assignment a grammar element is part of, '' for none (cached per grammar element). */
export function assignedFeature(source: AstNode | undefined): string | undefined {
    if (!source) return undefined;
    let feature = featureOfSource.get(source);
    if (feature === undefined) {
        feature = '';
        for (let node: AstNode | undefined = source; node; node = node.$container) {
            if (node.$type === 'Assignment') {
                feature = (node as AstNode & { feature: string }).feature;
                break;
            }
        }
        featureOfSource.set(source, feature);
    }
    return feature;
}

const featureOfSource = new WeakMap<AstNode, string>();

/** The first non-hidden leaf at or after `offset` under `cst`, in document order. */
export function firstLeafFrom(cst: CstNode, offset: number): CstNode | undefined {
    const stack: CstNode[] = [cst];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (isCompositeCstNode(node)) {
            if (node.end < offset) continue;
            for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
        } else if (node.offset >= offset && !node.hidden) {
            return node;
        }
    }
    return undefined;
}
