/**
 * Document links: import paths open the imported files.
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { resolveImportUri } from '../language/archway-imports.js';
import { isArchFile } from '../language/generated/ast.js';

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
