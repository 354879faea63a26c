/**
 * Small helpers over the generated AST.
 */
import type { AstNode } from 'langium';
import type { Component } from './generated/ast.js';

/** True for a `broker` declaration. */
export function isBroker(node: AstNode): node is Component {
    return node.$type === 'Component' && (node as Component).kind === 'broker';
}
