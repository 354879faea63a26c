/**
 * The preview webview's HTML: a fixed shell (toolbar, banner, canvas) with a strict CSP. The
 * diagram itself arrives later by message and is inserted by `media/preview.js`. Pure, so
 * tests render exactly what the extension shows.
 */

/** What the HTML needs from the webview. */
export interface PreviewHtmlOptions {
    /** `webview.cspSource`. */
    cspSource: string;
    /** A fresh random nonce per render. */
    nonce: string;
    /** `webview.asWebviewUri(media/preview.js)`. */
    scriptUri: string;
    /** `webview.asWebviewUri(media/preview.css)`. */
    styleUri: string;
    /** Panel title, e.g. "Preview shop.arch". */
    title: string;
    /** Whether the toolbar offers PNG export (not in the browser, where the command is hidden too). Default: true. */
    offersPng?: boolean;
}

/** Escapes text for HTML text and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A random nonce (base64 of 16 random bytes). */
export function createNonce(random: (bytes: number) => Uint8Array): string {
    const bytes = random(16);
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
}

/** The Content-Security-Policy of the preview. */
export function previewCsp(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        `style-src ${cspSource}`,
        `font-src ${cspSource}`,
        `script-src 'nonce-${nonce}'`,
    ].join('; ');
}

/** Lock button icons (inline SVG, no icon font needed); CSS shows one by `aria-pressed`. */
const LOCK_ICONS = '<svg class="icon icon-unlocked" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">'
    + '<rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor"/><path d="M5.5 7V5a2.5 2.5 0 0 1 5 0" fill="none" stroke="currentColor" stroke-width="1.5" transform="translate(2.5 0)"/></svg>'
    + '<svg class="icon icon-locked" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">'
    + '<rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor"/><path d="M5.5 7V5a2.5 2.5 0 0 1 5 0V7" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>';

const FIT_ICON = '<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">'
    + '<path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>';

/** The preview HTML. */
export function renderPreviewHtml(options: PreviewHtmlOptions): string {
    const nonce = escapeHtml(options.nonce);
    const button = (command: string, label: string, text: string) =>
        `<button type="button" data-command="${command}" title="${label}" aria-label="${label}">${text}</button>`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Diagram">
  <span id="file-name" class="file-name"></span>
  <label id="view-picker" class="picker" hidden>View <select id="view-select" aria-label="View"></select></label>
  <label id="flow-picker" class="picker" hidden>Flow <select id="flow-select" aria-label="Flow"></select></label>
  <span class="spacer"></span>
  <span class="find" role="search"><input id="find-input" type="search" placeholder="Find component" aria-label="Find a component by id or label (Enter: next match)" aria-describedby="find-status" autocomplete="off" spellcheck="false"><span id="find-status" class="find-status" role="status" aria-live="polite"></span></span>
  <button type="button" data-command="neighbours" aria-pressed="false" title="Dim everything but the selected box and its neighbours (off, 1 hop, 2 hops)" aria-label="Dim everything but the selected box's neighbours">All</button>
  ${button('zoomOut', 'Zoom out', '&#x2212;')}
  <span id="zoom-level" class="zoom-level" aria-live="polite">100%</span>
  ${button('zoomIn', 'Zoom in', '+')}
  ${button('fit', 'Fit to window', FIT_ICON)}
  ${button('toggleLock', 'Lock to this document', LOCK_ICONS)}
  ${button('exportSvg', 'Export as SVG', 'SVG')}
  ${options.offersPng === false ? '' : button('exportPng', 'Export as PNG', 'PNG')}
</div>
<div id="banner" class="banner" role="status" hidden></div>
<div id="collapse-notice" class="notice" role="status" hidden><span id="collapse-text"></span> <button type="button" id="collapse-all" data-command="collapseZones" title="Collapse every zone again" hidden>Collapse all</button></div>
<div id="canvas" class="canvas" tabindex="0" role="region" aria-label="Architecture diagram" aria-describedby="canvas-keys">
  <span id="canvas-keys" class="visually-hidden">Tab reaches the boxes; arrow keys follow their connections, Page Down and Page Up visit every box in reading order, Enter shows the declaration, Escape returns to the editor.</span>
  <div id="placeholder" class="placeholder">Loading diagram…</div>
</div>
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
