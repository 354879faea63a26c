/**
 * Code lens "Preview" on each `view` and `flow`: runs the client command `archway.openPreview`
 * with `{ uri, view }` or `{ uri, flow }` (registered by the VS Code extension).
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { isArchFile, isFlow, isView } from '../language/generated/ast.js';

/** The client-side command the lens runs. */
export const OPEN_PREVIEW_COMMAND = 'archway.openPreview';

export class ArchwayCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value;
        if (!isArchFile(root)) return [];
        const uri = document.uri.toString();
        const lenses: CodeLens[] = [];
        for (const element of root.elements) {
            if (!(isView(element) || isFlow(element)) || !element.name) continue;
            const range = (GrammarUtils.findNodeForProperty(element.$cstNode, 'name') ?? element.$cstNode)?.range;
            if (!range) continue;
            const argument = isView(element) ? { uri, view: element.name } : { uri, flow: element.name };
            lenses.push({
                range,
                command: { title: 'Preview', command: OPEN_PREVIEW_COMMAND, arguments: [argument] },
            });
        }
        return lenses;
    }
}
