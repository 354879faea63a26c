/**
 * The requests both language servers answer beyond Langium's (the Node server in `main.ts`, the
 * Web Worker's in `browser.ts`): diagrams for the preview, and Markdown `arch` blocks. One place,
 * so the two hosts cannot drift apart.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { registerDiagramHandler, type DiagramConnection } from '../lsp/diagram-handler.js';
import { registerMarkdownBlockHandler } from '../lsp/markdown-block-handler.js';
import type { ArchwayServices } from '../lsp/module.js';
import { isLayoutCancellation, renderServerDiagram } from './diagram-renderer.js';

/** Registers the diagram and Markdown-block requests on `connection`, checked with the editor's model checker. */
export function registerArchwayRequests(connection: DiagramConnection, shared: LangiumSharedServices, archway: ArchwayServices): void {
    const checker = archway.archway.ModelChecker;
    registerDiagramHandler(connection, shared, {
        render: renderServerDiagram,
        isCancellation: isLayoutCancellation,
        ruleSettings: rootUri => checker.settingsFor(rootUri),
        checkedModel: document => {
            const check = checker.checkRootedAt(document);
            return { model: check.model, findings: check.result.findings, assumptions: checker.assumptionsFor(document.uri.toString()) };
        },
    });
    registerMarkdownBlockHandler(connection, shared, renderServerDiagram);
}
