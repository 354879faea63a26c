/**
 * A markdown-it plugin for VS Code's Markdown preview: a ```` ```arch ```` block renders as its
 * diagram (SVG), with the block's own findings as badges below it, and a clear inline message
 * when it does not parse. Drawing is asynchronous (ELK layout): the first render shows the
 * source with a "drawing" note and asks `BlockDiagrams` for the diagram; when it is ready the
 * host refreshes the preview and the next render finds it in the cache.
 *
 * No editor API here (the plugin runs in whatever markdown-it instance it is given), and every
 * text from the model is escaped; the SVG comes from Archway's renderer, which escapes model
 * text and emits no script, and is checked again here for anything that could run.
 */
import type MarkdownIt from 'markdown-it';

/** A problem of a block: a parse error or a finding, at a 1-based line of the block. */
export interface BlockProblem {
    severity: 'error' | 'warning' | 'info';
    message: string;
    line: number;
    code?: string;
}

/** The drawing of one block: `svg` is undefined when the block does not parse. */
export interface BlockDiagram {
    svg?: string;
    problems: BlockProblem[];
}

/** Where the plugin gets drawings: a cache, keyed by the block's text and the Markdown file. */
export interface BlockDiagrams {
    /** The drawing when ready; otherwise undefined, and the drawing is started (once). */
    get(source: string, markdownUri: string | undefined): BlockDiagram | undefined;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text escaped for HTML content and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, char => HTML_ESCAPES[char]);
}

/** Anything in an SVG that could run or load something; such an SVG is not shown. */
const UNSAFE_SVG = /<\s*(script|foreignObject|iframe|object|embed|image|use|a|animate|set|handler|link|meta|base)\b|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=/i;

/** True when the SVG is a single `<svg>` element with nothing that can run or load. */
export function isSafeSvg(svg: string): boolean {
    const trimmed = svg.trim();
    return /^(<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(trimmed) && trimmed.endsWith('</svg>') && !UNSAFE_SVG.test(trimmed);
}

/** The markdown-it `env` VS Code passes: the Markdown document being previewed. */
function markdownUriOf(env: unknown): string | undefined {
    const document = (env as { currentDocument?: { toString(): string } } | undefined)?.currentDocument;
    return document ? document.toString() : undefined;
}

function sourceBlock(source: string): string {
    return `<pre class="archway-md-source"><code class="language-arch">${escapeHtml(source)}</code></pre>`;
}

function problemList(problems: readonly BlockProblem[]): string {
    if (problems.length === 0) return '';
    const items = problems.map(problem => `<li class="archway-md-badge archway-md-badge-${problem.severity}" title="${escapeHtml(problem.code ?? problem.severity)}">`
        + `<span class="archway-md-severity">${problem.severity}</span> line ${problem.line}: ${escapeHtml(problem.message)}`
        + `${problem.code ? ` <code>${escapeHtml(problem.code)}</code>` : ''}</li>`);
    return `<ul class="archway-md-findings">${items.join('')}</ul>`;
}

/** The HTML of one arch block, given its drawing (undefined while it is being drawn). */
export function renderArchBlock(source: string, diagram: BlockDiagram | undefined): string {
    if (!diagram) {
        return `<div class="archway-md archway-md-pending"><p class="archway-md-note">Drawing the Archway diagram…</p>${sourceBlock(source)}</div>`;
    }
    if (diagram.svg === undefined) {
        const errors = diagram.problems.filter(problem => problem.severity === 'error');
        const first = errors[0];
        const message = first ? `line ${first.line}: ${escapeHtml(first.message)}` : 'it has syntax errors';
        return `<div class="archway-md archway-md-invalid"><p class="archway-md-error" role="alert">This arch block does not parse (${message}).</p>`
            + `${problemList(errors.slice(1))}${sourceBlock(source)}</div>`;
    }
    if (!isSafeSvg(diagram.svg)) {
        return `<div class="archway-md archway-md-invalid"><p class="archway-md-error" role="alert">The diagram of this arch block was not shown: it is not a plain SVG.</p>${sourceBlock(source)}</div>`;
    }
    return `<div class="archway-md archway-md-diagram">${diagram.svg}${problemList(diagram.problems)}</div>`;
}

/**
 * Extends a markdown-it instance (VS Code's preview calls `extendMarkdownIt` with its own):
 * fences whose language is `arch` render through `renderArchBlock`; others as before.
 */
export function archwayMarkdownIt(md: MarkdownIt, diagrams: BlockDiagrams): MarkdownIt {
    const fallback = md.renderer.rules.fence;
    md.renderer.rules.fence = (tokens, index, options, env, self) => {
        const token = tokens[index];
        if (token.info.trim().split(/\s+/)[0] !== 'arch') {
            return fallback ? fallback(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
        }
        return renderArchBlock(token.content, diagrams.get(token.content, markdownUriOf(env)));
    };
    return md;
}
