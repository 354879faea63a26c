/**
 * `archway/drawMarkdownBlock`: draws a Markdown file's ```` ```arch ```` block for the Markdown
 * preview. The block is checked as if it were a file beside the Markdown file, in services of
 * its own (so it never joins the workspace's scope), with its imports read through the
 * server's file system (the editor's in the browser) or, when open, from the editor's text.
 */
import { URI, UriUtils, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { createArchwayCheckServices } from '../checking/check-services.js';
import { importedUris } from '../language/archway-imports.js';
import type { ImportStatus } from '../model/build-model.js';
import { buildDocumentModel } from '../model/workspace-models.js';
import {
    DiagramMethods, type DrawMarkdownBlockParams, type DrawMarkdownBlockResult, type MarkdownBlockProblem,
} from '../protocol/diagram-protocol.js';
import { checkModel } from '../rules/engine.js';
import type { DiagramConnection, DiagramRenderer } from './diagram-handler.js';

/** Blocks larger than this are not drawn (a README diagram is far smaller). */
const MAX_BLOCK_CHARS = 200_000;
/** At most this many files are read for one block's imports. */
const MAX_IMPORTED_FILES = 500;

function isParams(value: unknown): value is DrawMarkdownBlockParams {
    const params = value as DrawMarkdownBlockParams | undefined;
    return typeof params?.source === 'string' && typeof params.markdownUri === 'string'
        && (params.theme === undefined || ['light', 'dark', 'high-contrast'].includes(params.theme));
}

/** Registers the request on the connection; `workspace` supplies open editors' text and the file system. */
export function registerMarkdownBlockHandler(connection: DiagramConnection, workspace: LangiumSharedCoreServices, render: DiagramRenderer): void {
    connection.onRequest(DiagramMethods.drawMarkdownBlock, async (params: unknown, _token: CancellationToken) => {
        if (!isParams(params)) throw new Error('archway/drawMarkdownBlock: expected { source, markdownUri, theme? }.');
        if (params.source.length > MAX_BLOCK_CHARS) {
            return { problems: [{ severity: 'error', line: 1, message: `The block has ${params.source.length} characters; blocks over ${MAX_BLOCK_CHARS} are not drawn.` }] };
        }
        return drawMarkdownBlock(params, workspace, render);
    });
}

/** Checks and draws one block; see the file comment. */
export async function drawMarkdownBlock(params: DrawMarkdownBlockParams, workspace: LangiumSharedCoreServices, render: DiagramRenderer): Promise<DrawMarkdownBlockResult> {
    const markdownUri = URI.parse(params.markdownUri);
    const name = UriUtils.basename(markdownUri).replace(/\.[^.]*$/, '');
    const blockUri = UriUtils.joinPath(UriUtils.dirname(markdownUri), `${name}.markdown-block.arch`);
    const statuses = new Map<string, ImportStatus>();
    const { shared, Archway } = createArchwayCheckServices(
        { fileSystemProvider: () => workspace.workspace.FileSystemProvider },
        { importStatus: uri => statuses.get(uri) ?? 'missing' },
    );
    const documents = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const block = factory.fromString(params.source, blockUri);
    documents.addDocument(block);
    statuses.set(blockUri.toString(), 'ok');
    const all: LangiumDocument[] = [block];
    for (let i = 0; i < all.length && all.length < MAX_IMPORTED_FILES; i++) {
        for (const uri of importedUris(all[i])) {
            if (statuses.has(uri)) continue;
            const text = await readImport(uri, workspace);
            statuses.set(uri, typeof text === 'string' ? 'ok' : text.status);
            if (typeof text !== 'string') continue;
            const document = factory.fromString(text, URI.parse(uri));
            documents.addDocument(document);
            all.push(document);
        }
    }
    await shared.workspace.DocumentBuilder.build(all, { validation: true });
    const errors: MarkdownBlockProblem[] = (block.diagnostics ?? []).filter(d => d.severity === 1).map(d => ({
        severity: 'error', line: d.range.start.line + 1, message: typeof d.message === 'string' ? d.message : String(d.message),
    }));
    const parsed = block.parseResult.lexerErrors.length === 0 && block.parseResult.parserErrors.length === 0;
    if (!parsed) return { problems: errors };
    const model = buildDocumentModel(block, documents, Archway.archway.ModelChecker.importStatus);
    const findings = checkModel(model).findings;
    const own: MarkdownBlockProblem[] = findings.filter(f => f.location.uri === blockUri.toString() && f.severity !== 'hint')
        .map(f => ({ severity: f.severity as MarkdownBlockProblem['severity'], line: f.location.range.start.line + 1, message: f.message, code: f.code }));
    const ownMessages = new Set(own.map(problem => problem.message));
    const drawn = await render(model, { theme: params.theme ?? 'light', findings });
    return { svg: drawn.svg, problems: [...errors.filter(error => !ownMessages.has(error.message)), ...own] };
}

/** An imported file's text: the editor's when it is open, else the file system's. */
async function readImport(uri: string, workspace: LangiumSharedCoreServices): Promise<string | { status: ImportStatus }> {
    const parsed = URI.parse(uri);
    if (!parsed.path.endsWith('.arch')) return { status: 'not-arch' };
    const open = workspace.workspace.TextDocuments?.get(uri);
    if (open) return open.getText();
    try {
        return await workspace.workspace.FileSystemProvider.readFile(parsed);
    } catch {
        return { status: 'missing' };
    }
}
