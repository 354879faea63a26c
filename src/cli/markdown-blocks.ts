/**
 * The ```` ```arch ```` blocks of a Markdown file, and the rewrite of each into an image link
 * to its exported SVG with the block's source kept below it in a collapsed `<details>`, so
 * forges show the picture and a re-run after editing the source updates it. Pure: no files.
 *
 * A rewritten block (a "region"):
 *
 * ```text
 * <!-- archway-diagram: README.arch-1.svg (…) -->
 * ![Architecture diagram](README.arch-1.svg)
 *
 * <details>
 * <summary>Diagram source</summary>
 *
 * ```arch
 * …the block, verbatim…
 * ```
 *
 * </details>
 * <!-- /archway-diagram -->
 * ```
 *
 * A re-run recognises the region around a block and rewrites the whole region, keeping its
 * SVG name, so running twice changes nothing.
 */
import MarkdownIt from 'markdown-it';

/** One ```` ```arch ```` fenced block of a Markdown file. */
export interface ArchBlock {
    /** 1-based ordinal among the file's arch blocks. */
    ordinal: number;
    /** The block's text (without the fences). */
    source: string;
    /** 0-based line of the opening fence. */
    fenceLine: number;
    /** 0-based line after the closing fence (or the end of the file when unclosed). */
    endLine: number;
    /** Columns the fence is indented by (the block's lines lose as many). */
    indent: number;
    /** The name after `arch` in the info string (```` ```arch overview ````), if any. */
    name?: string;
    /** The region this block was rewritten into before, if any: its lines and SVG name. */
    region?: { startLine: number; endLine: number; svgName: string };
    /** Why the block is not rewritten (a fence inside a list or quote). */
    skipped?: string;
}

const REGION_OPEN = /^<!-- archway-diagram: (\S+\.svg) .*-->$/;
const REGION_CLOSE = '<!-- /archway-diagram -->';
const DETAILS_OPEN = ['<details>', '<summary>Diagram source</summary>', ''];
const DETAILS_CLOSE = ['', '</details>', REGION_CLOSE];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The info string's language is `arch` (```` ```arch ````, ```` ```arch name ````, ```` ~~~ arch ````). */
export function isArchInfo(info: string): boolean {
    return info.trim().split(/\s+/)[0] === 'arch';
}

/** The lines of a text and its line ending (the first one found, else `\n`). */
export function splitLines(text: string): { lines: string[]; eol: string } {
    return { lines: text.split(/\r?\n/), eol: /\r\n/.test(text) ? '\r\n' : '\n' };
}

/** The arch blocks of a Markdown text, in order, with any region each was rewritten into. */
export function findArchBlocks(markdown: string): ArchBlock[] {
    const { lines } = splitLines(markdown);
    const tokens = new MarkdownIt('commonmark').parse(markdown, {});
    const blocks: ArchBlock[] = [];
    for (const token of tokens) {
        if (token.type !== 'fence' || !isArchInfo(token.info) || !token.map) continue;
        const [fenceLine, endLine] = token.map;
        const words = token.info.trim().split(/\s+/);
        const name = words[1] !== undefined && NAME.test(words[1]) ? words[1] : undefined;
        const indent = /^ */.exec(lines[fenceLine] ?? '')?.[0].length ?? 0;
        const block: ArchBlock = { ordinal: blocks.length + 1, source: token.content, fenceLine, endLine, indent, name };
        const closed = endLine - 1 > fenceLine && (lines[endLine - 1] ?? '').trim().startsWith(token.markup);
        if (token.level > 0) block.skipped = 'it is inside a list or a quote; move it to the top level of the file to export it';
        else if (!closed) block.skipped = `its fence is not closed; end it with a line '${token.markup}'`;
        else block.region = regionAround(lines, fenceLine, endLine);
        blocks.push(block);
    }
    return blocks;
}

/** The region (see the file comment) whose source is the fence at [fenceLine, endLine), if the lines around it form one. */
function regionAround(lines: readonly string[], fenceLine: number, endLine: number): ArchBlock['region'] {
    const startLine = fenceLine - DETAILS_OPEN.length - 3;
    if (startLine < 0) return undefined;
    const open = REGION_OPEN.exec(lines[startLine]);
    if (!open) return undefined;
    if (!/^!\[[^\]]*\]\([^)\s]+\)$/.test(lines[startLine + 1]) || lines[startLine + 2] !== '') return undefined;
    for (let i = 0; i < DETAILS_OPEN.length; i++) if (lines[startLine + 3 + i] !== DETAILS_OPEN[i]) return undefined;
    for (let i = 0; i < DETAILS_CLOSE.length; i++) if (lines[endLine + i] !== DETAILS_CLOSE[i]) return undefined;
    return { startLine, endLine: endLine + DETAILS_CLOSE.length, svgName: open[1] };
}

/**
 * The SVG file name of each block, relative to the Markdown file: a region's own name, else
 * `<md-base>.<name>.svg` for a named block, else `<md-base>.arch-<n>.svg`, never two the same.
 */
export function svgNames(blocks: readonly ArchBlock[], markdownBase: string): Map<ArchBlock, string> {
    const names = new Map<ArchBlock, string>();
    const used = new Set<string>();
    for (const block of blocks) if (block.region) used.add(block.region.svgName);
    for (const block of blocks) {
        if (block.skipped) continue;
        if (block.region && !names.has(block)) {
            names.set(block, block.region.svgName);
            continue;
        }
        let n = block.ordinal;
        let name = `${markdownBase}.${block.name ?? `arch-${n}`}.svg`;
        while (used.has(name)) name = `${markdownBase}.${block.name ?? 'arch'}-${++n}.svg`;
        used.add(name);
        names.set(block, name);
    }
    return names;
}

/** The image's alt text: brackets and backslashes escaped for Markdown. */
function altText(text: string): string {
    return text.replace(/[\\[\]]/g, match => `\\${match}`);
}

/** The lines of a block's region: marker, image link, and the block's original fence lines in `<details>`. */
export function regionLines(lines: readonly string[], block: ArchBlock, svgName: string, alt: string): string[] {
    return [
        `<!-- archway-diagram: ${svgName} (generated by \`archway export --format markdown\`: edit the source below and run it again) -->`,
        `![${altText(alt)}](${encodeURI(svgName)})`,
        '',
        ...DETAILS_OPEN,
        ...lines.slice(block.fenceLine, block.endLine),
        ...DETAILS_CLOSE,
    ];
}

/**
 * The Markdown with each block in `rendered` replaced by its region (a block rewritten before
 * has its old region replaced). Blocks not in `rendered` (they did not parse) stay as they are.
 */
export function rewriteMarkdown(markdown: string, rendered: ReadonlyMap<ArchBlock, { svgName: string; alt: string }>): string {
    const { lines, eol } = splitLines(markdown);
    const out: string[] = [];
    let next = 0;
    const ordered = [...rendered.keys()].sort((a, b) => a.fenceLine - b.fenceLine);
    for (const block of ordered) {
        const { svgName, alt } = rendered.get(block)!;
        const start = block.region?.startLine ?? block.fenceLine;
        const end = block.region?.endLine ?? block.endLine;
        out.push(...lines.slice(next, start), ...regionLines(lines, block, svgName, alt));
        next = end;
    }
    out.push(...lines.slice(next));
    return out.join(eol);
}
