/**
 * `archway export --format markdown <file.md> [more.md…]`: each ```` ```arch ```` block of each
 * Markdown file becomes an SVG next to the file and an image link to it, with the block's
 * source kept below in a collapsed `<details>` (see `markdown-blocks.ts`). Blocks import
 * files relative to the Markdown file. A block with errors is reported at its Markdown line;
 * one that does not parse stays as it is, and the other blocks and files are still exported.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Direction } from '../model/arch-model.js';
import { checkModel } from '../rules/engine.js';
import { renderDiagram, type ThemeName } from '../diagram/index.js';
import type { CliIo } from './args.js';
import { InputError, loadWorkspace, readArchFileOrThrow, type FileSource } from './load-workspace.js';
import { findArchBlocks, rewriteMarkdown, svgNames, type ArchBlock } from './markdown-blocks.js';
import { makesPictureIncomplete } from './incomplete-picture.js';

/** Options shared by every block. */
export interface MarkdownExportOptions {
    theme: ThemeName;
    direction?: Direction;
    collapse: 'auto' | 'always' | 'never';
}

/** Markdown files over this size are refused (as `.arch` files over the parser's limit are). */
const MAX_MARKDOWN_BYTES = 4 * 1024 * 1024;

/** Exports every file; resolves to the exit code (0; 1 when a block has syntax errors or unresolved references or imports, as for `archway export`; 2 when a file cannot be read or written). */
export async function exportMarkdownFiles(paths: readonly string[], options: MarkdownExportOptions, io: CliIo): Promise<number> {
    let code = 0;
    for (const path of paths) {
        try {
            code = Math.max(code, await exportMarkdownFile(resolve(path), path, options, io));
        } catch (error) {
            if (!(error instanceof InputError)) throw error;
            io.stderr(`${error.message}\n`);
            code = 2;
        }
    }
    return code;
}

function readMarkdown(file: string, shown: string): string {
    let stats;
    try {
        stats = statSync(file);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(code === 'ENOENT' ? `No such file: '${shown}'.` : `Cannot read '${shown}': ${code ?? String(error)}.`);
    }
    if (!stats.isFile()) throw new InputError(`'${shown}' is not a regular file.`);
    if (stats.size > MAX_MARKDOWN_BYTES) throw new InputError(`'${shown}' is over ${MAX_MARKDOWN_BYTES / 1024 / 1024} MB; not exported.`);
    const buffer = readFileSync(file);
    if (buffer.includes(0)) throw new InputError(`'${shown}' is a binary file, not Markdown.`);
    return buffer.toString('utf8');
}

/** Writes `text` to `path` unless it already holds exactly that; true when written. */
function writeIfChanged(path: string, text: string): boolean {
    try {
        if (readFileSync(path, 'utf8') === text) return false;
    } catch {
        // missing: write it
    }
    try {
        writeFileSync(path, text);
    } catch (error) {
        throw new InputError(`Cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    return true;
}

async function exportMarkdownFile(file: string, shown: string, options: MarkdownExportOptions, io: CliIo): Promise<number> {
    if (extname(file).toLowerCase() !== '.md' && extname(file).toLowerCase() !== '.markdown') {
        throw new InputError(`'${shown}' is not a Markdown file (.md).`);
    }
    const markdown = readMarkdown(file, shown);
    const blocks = findArchBlocks(markdown);
    if (blocks.length === 0) {
        io.stderr(`${shown}: no \`\`\`arch blocks.\n`);
        return 0;
    }
    const dir = dirname(file);
    const names = svgNames(blocks, basename(file, extname(file)));
    const rendered = new Map<ArchBlock, { svgName: string; alt: string }>();
    let code = 0;
    for (const block of blocks) {
        const where = `${shown}:${block.fenceLine + 1}`;
        if (block.skipped) {
            io.stderr(`${where} warning The arch block is not exported: ${block.skipped}.\n`);
            continue;
        }
        const svgName = names.get(block)!;
        const result = await drawArchBlock(file, block.source, svgName.replace(/\.svg$/, ''), options);
        for (const message of result.messages) {
            const at = message.path === undefined ? `${shown}:${block.fenceLine + 1 + message.line}:${message.column + block.indent}` : `${message.path}:${message.line}:${message.column}`;
            io.stderr(`${at} error ${message.text}\n`);
        }
        if (result.messages.length > 0) code = 1;
        if (result.svg === undefined) {
            io.stderr(`${where} error The arch block does not parse; it is left as it is and its diagram is not updated.\n`);
            continue;
        }
        const target = join(dir, svgName);
        io.stderr(`${writeIfChanged(target, result.svg) ? 'Wrote' : 'Unchanged'} ${target}\n`);
        rendered.set(block, { svgName, alt: result.alt });
    }
    const rewritten = rewriteMarkdown(markdown, rendered);
    if (rewritten !== markdown) {
        writeIfChanged(file, rewritten);
        io.stderr(`Rewrote ${shown}\n`);
    }
    return code;
}

/** An error, in a file the block imports (`path`) or in the block itself (lines of the block, 1-based). */
export interface BlockMessage {
    path?: string;
    line: number;
    column: number;
    text: string;
}

/** The block's own findings and errors, at lines of the block (1-based): what badges show. */
export interface BlockProblem {
    severity: 'error' | 'warning' | 'info';
    message: string;
    line: number;
    code?: string;
}

/** What `drawArchBlock` returns: `svg` is undefined when the block does not parse. */
export interface DrawnBlock {
    svg?: string;
    alt: string;
    messages: BlockMessage[];
    problems: BlockProblem[];
}

/**
 * Checks and draws one block as if it were the file `<name>.arch` in the Markdown file's folder
 * (its imports resolve from there; nothing is written).
 */
export async function drawArchBlock(markdownFile: string, blockSource: string, name: string, options: MarkdownExportOptions): Promise<DrawnBlock> {
    const virtualPath = join(dirname(markdownFile), `${name}.arch`);
    const source: FileSource = {
        status: path => {
            if (path === virtualPath) return 'file';
            try {
                return statSync(path).isDirectory() ? 'directory' : 'file';
            } catch {
                return 'missing';
            }
        },
        read: path => {
            if (path === virtualPath) return blockSource;
            try {
                return readArchFileOrThrow(path);
            } catch {
                return undefined;
            }
        },
    };
    const workspace = await loadWorkspace([virtualPath], { source });
    const document = workspace.requested[0];
    const messages = workspace.all.flatMap(d => (d.diagnostics ?? []).filter(makesPictureIncomplete).map(x => blockMessage(d, x, d === document)));
    const parseProblems: BlockProblem[] = messages.filter(m => m.path === undefined).map(m => ({ severity: 'error', message: m.text, line: m.line }));
    const parsed = document.parseResult.lexerErrors.length === 0 && document.parseResult.parserErrors.length === 0;
    const models = workspace.modelsOf(document);
    const model = models.find(m => m.rootUri === document.uri.toString()) ?? models[0];
    if (!parsed || !model) return { alt: 'Architecture diagram', messages, problems: parseProblems };
    const findings = checkModel(model).findings;
    const result = await renderDiagram(model, { theme: options.theme, direction: options.direction, findings, collapse: options.collapse });
    const own = findings.filter(f => f.location.uri === document.uri.toString() && f.severity !== 'hint')
        .map(f => ({ severity: f.severity as BlockProblem['severity'], message: f.message, line: f.location.range.start.line + 1, code: f.code }));
    const ownMessages = new Set(own.map(p => p.message));
    return {
        svg: result.svg,
        alt: model.name ? `Architecture diagram: ${model.name}` : 'Architecture diagram',
        messages,
        problems: [...parseProblems.filter(p => !ownMessages.has(p.message)), ...own],
    };
}

function blockMessage(document: LangiumDocument, diagnostic: Diagnostic, inBlock: boolean): BlockMessage {
    const { line, character } = diagnostic.range.start;
    const text = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    return { path: inBlock ? undefined : document.uri.fsPath, line: line + 1, column: character + 1, text };
}
