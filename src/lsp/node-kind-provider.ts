/**
 * Symbol and completion kinds of Archway's declarations.
 */
import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver-protocol';
import { isComponent } from '../language/generated/ast.js';
import { symbolKindOfKind } from './document-symbol-provider.js';

/** Symbol and completion kinds for workspace symbols and generic completion. */
export class ArchwayNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        const type = 'type' in node && typeof node.type === 'string' ? node.type : (node as AstNode).$type;
        const ast = 'node' in node ? node.node : (node as AstNode);
        switch (type) {
            case 'Zone': return SymbolKind.Namespace;
            case 'Channel': return SymbolKind.Event;
            case 'Component': return isComponent(ast) ? symbolKindOfKind(ast.kind) : SymbolKind.Class;
            case 'View': return SymbolKind.File;
            case 'Flow': return SymbolKind.Function;
            default: return super.getSymbolKind(node);
        }
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        const type = 'type' in node && typeof node.type === 'string' ? node.type : (node as AstNode).$type;
        if (type === 'Zone') return CompletionItemKind.Module;
        if (type === 'Channel') return CompletionItemKind.Event;
        if (type === 'Component') return CompletionItemKind.Class;
        return super.getCompletionItemKind(node);
    }
}
