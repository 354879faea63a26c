/**
 * Navigation: go to definition (ids, both halves of `broker.topic`, import paths), rename of
 * components, zones and channels across files (`broker.topic` references keep their other half,
 * `@allow` rule ids are never touched), document symbols (zones → components → channels,
 * views, flows), symbol kinds, and selection ranges.
 */
import {
    AstUtils, CstUtils, GrammarUtils, URI,
    type AstNode, type CstNode, type LangiumDocument, type LangiumDocuments, type MaybePromise, type References,
} from 'langium';
import {
    DefaultDefinitionProvider, DefaultFoldingRangeProvider, DefaultFuzzyMatcher, DefaultLanguageServer, DefaultNodeKindProvider,
    type DocumentLinkProvider, type DocumentSymbolProvider, type FoldingRangeAcceptor, type LangiumServices, type LangiumSharedServices, type RenameProvider,
} from 'langium/lsp';
import {
    CompletionItemKind, FoldingRangeKind, LocationLink, SymbolKind,
    type DefinitionParams, type DocumentLink, type DocumentSymbol, type InitializeParams, type InitializeResult, type Position,
    type PrepareRenameParams, type Range, type RenameParams, type SelectionRange, type SelectionRangeParams,
    type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { resolveImportUri } from '../language/archway-imports.js';
import {
    isArchFile, isChannel, isComponent, isFlow, isImport, isView, isZone,
    type Channel, type Component, type Zone,
} from '../language/generated/ast.js';
import type { AstNodeDescription } from 'langium';
import { elementsInScope } from './archway-elements.js';
import { tokenize } from './archway-tokens.js';

/** What the id is made of: `[A-Za-z_]\w*` with inner hyphens. */
export const ID_PATTERN = /^[_a-zA-Z]\w*(?:-\w+)*$/;

type Declaration = Component | Zone | Channel;

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

/** Definitions, including the broker half of `broker.topic` and `import "…"` paths. */
export class ArchwayDefinitionProvider extends DefaultDefinitionProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override getDefinition(document: LangiumDocument, params: DefinitionParams): MaybePromise<LocationLink[] | undefined> {
        try {
            const root = document.parseResult.value;
            if (!root.$cstNode) return undefined;
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = CstUtils.findLeafNodeAtOffset(root.$cstNode, offset);
            if (leaf && isImport(leaf.astNode) && leaf.astNode.path) {
                const uri = resolveImportUri(document.uri, leaf.astNode.path);
                const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
                const target = this.documents.getDocument(uri);
                const range = target?.parseResult.value.$cstNode?.range ?? zero;
                return [LocationLink.create(uri.toString(), range, zero, leaf.range)];
            }
            const found = targetAt(document, offset, this.references);
            if (!found) return undefined;
            const targetDocument = AstUtils.getDocument(found.target);
            const nameNode = GrammarUtils.findNodeForProperty(found.target.$cstNode, 'name');
            if (!found.target.$cstNode || !nameNode) return undefined;
            return [LocationLink.create(targetDocument.textDocument.uri, found.target.$cstNode.range, nameNode.range, found.range)];
        } catch {
            return undefined;
        }
    }
}

/** Rename of components, zones and channels in every file that refers to them. */
export class ArchwayRenameProvider implements RenameProvider {
    private readonly references: References;
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        this.references = services.references.References;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    prepareRename(document: LangiumDocument, params: PrepareRenameParams): Range | undefined {
        try {
            return targetAt(document, document.textDocument.offsetAt(params.position), this.references)?.range;
        } catch {
            return undefined;
        }
    }

    rename(document: LangiumDocument, params: RenameParams): WorkspaceEdit | undefined {
        const found = targetAt(document, document.textDocument.offsetAt(params.position), this.references);
        if (!found) return undefined;
        const target = found.target;
        let newName = params.newName.trim();
        // `bus.newName` for a channel means the channel part.
        if (isChannel(target) && isComponent(target.$container) && newName.startsWith(`${target.$container.name}.`)) {
            newName = newName.slice(target.$container.name.length + 1);
        }
        if (!ID_PATTERN.test(newName)) {
            throw new Error(`'${params.newName}' is not a valid id: use letters, digits, '_' and inner '-'.`);
        }
        const newId = isChannel(target) && isComponent(target.$container) ? `${target.$container.name}.${newName}` : newName;
        const currentId = isChannel(target) && isComponent(target.$container) ? `${target.$container.name}.${target.name}` : target.name;
        if (newId !== currentId && elementsInScope(AstUtils.getDocument(target), this.documents).some(e => e.id === newId)) {
            throw new Error(`'${newId}' is already declared; pick another id.`);
        }
        const changes: Record<string, TextEdit[]> = {};
        const seen = new Set<string>();
        const edit = (uri: string, range: Range): void => {
            const key = `${uri}|${range.start.line}:${range.start.character}`;
            if (seen.has(key)) return;
            seen.add(key);
            (changes[uri] ??= []).push({ range, newText: newName });
        };
        for (const ref of this.references.findReferences(target, { includeDeclaration: true })) {
            const uri = ref.sourceUri.toString();
            const text = this.textOf(ref.sourceUri, ref.segment.offset, ref.segment.end);
            const dot = text?.lastIndexOf('.') ?? -1;
            if (isChannel(target) && dot >= 0) {
                // `broker.topic`: only the topic half.
                edit(uri, this.rangeOf(ref.sourceUri, ref.segment.offset + dot + 1, ref.segment.end) ?? ref.segment.range);
            } else {
                edit(uri, ref.segment.range);
            }
        }
        if (isComponent(target)) {
            // Renaming a broker: the broker half of every `broker.topic`.
            for (const member of target.members) {
                if (!isChannel(member)) continue;
                for (const ref of this.references.findReferences(member, { includeDeclaration: false })) {
                    const text = this.textOf(ref.sourceUri, ref.segment.offset, ref.segment.end);
                    const dot = text?.indexOf('.') ?? -1;
                    if (dot < 0) continue;
                    const range = this.rangeOf(ref.sourceUri, ref.segment.offset, ref.segment.offset + dot);
                    if (range) edit(ref.sourceUri.toString(), range);
                }
            }
        }
        return { changes };
    }

    private textOf(uri: URI, start: number, end: number): string | undefined {
        return this.documents.getDocument(uri)?.textDocument.getText().slice(start, end);
    }

    private rangeOf(uri: URI, start: number, end: number): Range | undefined {
        const doc = this.documents.getDocument(uri);
        if (!doc) return undefined;
        return { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(end) };
    }
}

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

function symbolKindOfKind(kind: string): SymbolKind {
    switch (kind) {
        case 'database': case 'cache': case 'storage': case 'eventstore': return SymbolKind.Struct;
        case 'broker': return SymbolKind.Interface;
        case 'client': return SymbolKind.Variable;
        case 'function': return SymbolKind.Function;
        default: return SymbolKind.Class;
    }
}

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

/** Selection ranges: the word, then each enclosing syntax node up to the file. */
export function selectionRanges(document: LangiumDocument, positions: readonly Position[]): SelectionRange[] {
    const root = document.parseResult.value.$cstNode;
    return positions.map(position => {
        const offset = document.textDocument.offsetAt(position);
        const ranges: Range[] = [];
        let node: CstNode | undefined = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
        while (node) {
            const range = node.range;
            const last = ranges[ranges.length - 1];
            if (!last || !sameRange(last, range)) ranges.push(range);
            node = node.container;
        }
        if (ranges.length === 0) ranges.push({ start: position, end: position });
        let result: SelectionRange | undefined;
        for (let i = ranges.length - 1; i >= 0; i--) result = { range: ranges[i], parent: result };
        return result!;
    });
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The language server, with selection ranges added to Langium's capabilities. */
export class ArchwayLanguageServer extends DefaultLanguageServer {
    constructor(services: LangiumSharedServices) {
        super(services);
        const connection = services.lsp.Connection;
        connection?.onSelectionRanges(async (params: SelectionRangeParams) => {
            const document = services.workspace.LangiumDocuments.getDocument(URI.parse(params.textDocument.uri));
            if (!document) return [];
            try {
                return selectionRanges(document, params.positions);
            } catch {
                return [];
            }
        });
    }

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        return { ...result, capabilities: { ...result.capabilities, selectionRangeProvider: true } };
    }
}

/** Fuzzy matching for symbol queries where `.` and `-` also start a word (`bus.orderPlaced`). */
export class ArchwayFuzzyMatcher extends DefaultFuzzyMatcher {
    override match(query: string, text: string): boolean {
        if (super.match(query, text)) return true;
        return text.split(/[.-]/).some(part => part !== text && super.match(query, part));
    }
}

/** Folding: Langium's block folding plus block comments and runs of `//` comment lines. */
export class ArchwayFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectCommentFolding(document: LangiumDocument, _node: AstNode, acceptor: FoldingRangeAcceptor): void {
        const text = document.textDocument.getText();
        let run: { start: number; end: number } | undefined;
        const flush = (): void => {
            if (run && run.end > run.start) acceptor({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
            run = undefined;
        };
        for (const token of tokenize(text)) {
            if (token.type !== 'comment') continue;
            const start = document.textDocument.positionAt(token.offset).line;
            const end = document.textDocument.positionAt(token.end).line;
            if (!token.lineComment) {
                flush();
                if (end > start) acceptor({ startLine: start, endLine: end, kind: FoldingRangeKind.Comment });
                continue;
            }
            const lineStart = text.lastIndexOf('\n', token.offset - 1) + 1;
            const ownLine = text.slice(lineStart, token.offset).trim() === '';
            if (ownLine && run && run.end === start - 1) run.end = start;
            else {
                flush();
                if (ownLine) run = { start, end: start };
            }
        }
        flush();
    }
}

/** Import paths are links to the imported files. */
export class ArchwayDocumentLinkProvider implements DocumentLinkProvider {
    getDocumentLinks(document: LangiumDocument): DocumentLink[] {
        const root = document.parseResult.value;
        if (!isArchFile(root)) return [];
        const links: DocumentLink[] = [];
        for (const imp of root.imports) {
            const node = GrammarUtils.findNodeForProperty(imp.$cstNode, 'path');
            if (!node || !imp.path) continue;
            links.push({ range: node.range, target: resolveImportUri(document.uri, imp.path).toString(), tooltip: 'Open the imported file' });
        }
        return links;
    }
}
