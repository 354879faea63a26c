/**
 * Go to definition: ids, both halves of `broker.topic`, and import paths.
 */
import { AstUtils, CstUtils, GrammarUtils, type LangiumDocument, type LangiumDocuments, type MaybePromise } from 'langium';
import { DefaultDefinitionProvider, type LangiumServices } from 'langium/lsp';
import { LocationLink, type DefinitionParams } from 'vscode-languageserver-protocol';
import { resolveImportUri } from '../language/archway-imports.js';
import { isImport } from '../language/generated/ast.js';
import { targetAt } from './cursor-target.js';

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
