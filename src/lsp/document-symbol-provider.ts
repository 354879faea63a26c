/**
 * Document symbols (outline, breadcrumbs): zones → components → channels, views and flows.
 */
import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { isArchFile, isChannel, isComponent, isFlow, isView, isZone } from '../language/generated/ast.js';
import { kindInfo, type KindSymbol } from '../model/component-kinds.js';

const SYMBOL_KINDS: Readonly<Record<KindSymbol, SymbolKind>> = {
    class: SymbolKind.Class, struct: SymbolKind.Struct, interface: SymbolKind.Interface, variable: SymbolKind.Variable, function: SymbolKind.Function,
};

/** Outline and breadcrumbs: zones → components → channels; views and flows. */
export class ArchwayDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const root = document.parseResult.value;
        if (!isArchFile(root)) return [];
        const symbols: DocumentSymbol[] = [];
        for (const element of root.elements) {
            const symbol = this.symbol(element);
            if (symbol) symbols.push(symbol);
        }
        return symbols;
    }

    private symbol(node: AstNode): DocumentSymbol | undefined {
        const cst = node.$cstNode;
        const nameNode = GrammarUtils.findNodeForProperty(cst, 'name');
        const name = (node as { name?: string }).name;
        if (!cst || !nameNode || !name) return undefined;
        const label = (node as { label?: string }).label;
        let detail = '';
        let kind: SymbolKind = SymbolKind.Object;
        let children: DocumentSymbol[] | undefined;
        if (isZone(node)) {
            detail = `zone${label ? ` — ${label}` : ''}`;
            kind = SymbolKind.Namespace;
            children = node.members.map(m => this.symbol(m)).filter((s): s is DocumentSymbol => s !== undefined);
        } else if (isComponent(node)) {
            detail = `${node.kind}${label ? ` — ${label}` : ''}`;
            kind = symbolKindOfKind(node.kind);
            children = node.members.filter(isChannel).map(m => this.symbol(m)).filter((s): s is DocumentSymbol => s !== undefined);
        } else if (isChannel(node)) {
            detail = `${node.kind}${label ? ` — ${label}` : ''}`;
            kind = SymbolKind.Event;
        } else if (isView(node)) {
            detail = `view${label ? ` — ${label}` : ''}`;
            kind = SymbolKind.File;
        } else if (isFlow(node)) {
            detail = `flow${label ? ` — ${label}` : ''}`;
            kind = SymbolKind.Function;
        } else {
            return undefined;
        }
        return { name, detail, kind, range: cst.range, selectionRange: nameNode.range, children: children && children.length > 0 ? children : undefined };
    }
}

/** The symbol kind of a component kind (its `symbol` in the kinds table: data stores are structs, brokers interfaces, …). */
export function symbolKindOfKind(kind: string): SymbolKind {
    return SYMBOL_KINDS[kindInfo(kind)?.symbol ?? 'class'];
}
