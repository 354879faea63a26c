/**
 * VS Code's Markdown preview: `extendMarkdownIt` (returned from `activate`) adds the arch-block
 * plugin, whose drawings come from the language server (`archway/drawMarkdownBlock`), so imports
 * resolve through the same file system on desktop and on the web. When a drawing is ready, or
 * an `.arch` file changes, the preview is refreshed.
 */
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { DiagramMethods, type DrawMarkdownBlockParams, type DrawMarkdownBlockResult } from '../protocol/diagram-protocol.js';
import type { LanguageServer } from './language-server.js';
import { archwayMarkdownIt, type BlockDiagram } from './markdown-arch-plugin.js';
import { BlockDiagramCache } from './markdown-block-cache.js';
import { configuredTheme } from './settings.js';

/** Refreshes are batched: many blocks finishing together refresh once. */
const REFRESH_DELAY_MS = 50;

/** The result is what the server promised (never trust a message blindly: it goes into the preview's HTML). */
function isResult(value: unknown): value is DrawMarkdownBlockResult {
    const result = value as DrawMarkdownBlockResult | undefined;
    return typeof result === 'object' && result !== null && (result.svg === undefined || typeof result.svg === 'string')
        && Array.isArray(result.problems) && result.problems.every(problem => typeof problem?.message === 'string' && Number.isInteger(problem.line)
            && ['error', 'warning', 'info'].includes(problem.severity) && (problem.code === undefined || typeof problem.code === 'string'));
}

/** Registers what the Markdown preview needs; returns the `extendMarkdownIt` for `activate` to return. */
export function registerMarkdownPreview(context: vscode.ExtensionContext, server: LanguageServer): (md: MarkdownIt) => MarkdownIt {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = (): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
            timer = undefined;
            void vscode.commands.executeCommand('markdown.preview.refresh');
        }, REFRESH_DELAY_MS);
    };
    const draw = async (source: string, markdownUri: string | undefined): Promise<BlockDiagram> => {
        if (!markdownUri) return { problems: [{ severity: 'error', line: 1, message: 'Save the Markdown file to draw its arch blocks.' }] };
        const client = await server.running();
        const params: DrawMarkdownBlockParams = { source, markdownUri, theme: configuredTheme('preview.theme') };
        const result: unknown = await client.sendRequest(DiagramMethods.drawMarkdownBlock, params);
        if (!isResult(result)) throw new Error('the language server sent an unexpected answer');
        return result;
    };
    const cache = new BlockDiagramCache(draw, refresh);
    const onArchChange = (document: vscode.TextDocument): void => {
        if (document.languageId !== 'arch') return;
        cache.clear();
        refresh();
    };
    context.subscriptions.push(
        vscode.workspace.onDidSaveTextDocument(onArchChange),
        vscode.workspace.onDidChangeConfiguration(event => {
            if (event.affectsConfiguration('archway.preview.theme') || event.affectsConfiguration('workbench.colorTheme')) {
                cache.clear();
                refresh();
            }
        }),
        { dispose: () => timer && clearTimeout(timer) },
    );
    return md => archwayMarkdownIt(md, cache);
}
