/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The preview webview script (bundled to `media/preview.js`, browser IIFE). Shows the SVG the
 * language server drew, with pan (drag), zoom (wheel, buttons, keys), fit, a view/flow picker,
 * click-to-reveal, click-to-expand for collapsed zones (with a notice saying why they are
 * collapsed), cursor highlight and a banner for syntax errors. Every message from the host
 * is validated; the SVG is parsed as XML, stripped of anything active and imported as nodes
 * (never assigned as HTML).
 */
import type { CursorMessage, PreviewState, UpdateMessage, WebviewToHostMessage } from '../protocol/diagram-protocol.js';
import { elementAt, parseHostMessage, toHexColour, parsePreviewState } from './protocol.js';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

interface Box { x: number; y: number; width: number; height: number }
interface Viewport { x: number; y: number; scale: number }

const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const ZOOM_STEP = 1.25;
/** Elements that can run, load or embed things; never kept. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'audio', 'video', 'image', 'animate',
    'set', 'animatemotion', 'animatetransform', 'handler', 'listener', 'link', 'meta', 'base']);

const vscode = acquireVsCodeApi();

const canvas = document.getElementById('canvas') as HTMLDivElement;
const banner = document.getElementById('banner') as HTMLDivElement;
const collapseNotice = document.getElementById('collapse-notice') as HTMLDivElement;
const collapseText = document.getElementById('collapse-text') as HTMLSpanElement;
const collapseAll = document.getElementById('collapse-all') as HTMLButtonElement;
const fileName = document.getElementById('file-name') as HTMLSpanElement;
const viewPicker = document.getElementById('view-picker') as HTMLLabelElement;
const viewSelect = document.getElementById('view-select') as HTMLSelectElement;
const flowPicker = document.getElementById('flow-picker') as HTMLLabelElement;
const flowSelect = document.getElementById('flow-select') as HTMLSelectElement;
const zoomLevel = document.getElementById('zoom-level') as HTMLSpanElement;

let state: PreviewState | undefined = parsePreviewState(vscode.getState());
let current: UpdateMessage | undefined;
let svg: SVGSVGElement | undefined;
let bounds: Box = { x: 0, y: 0, width: 100, height: 100 };
let viewport: Viewport = state?.viewport ?? { x: 0, y: 0, scale: 1 };
/** Restore the saved viewport on the first diagram of the saved document instead of fitting. */
let restoreViewport = state?.viewport !== undefined;
let byId = new Map<string, Element[]>();
let highlighted: string | undefined;
let lastCursor: CursorMessage | undefined;
let adoptedSheet: CSSStyleSheet | undefined;

function post(message: WebviewToHostMessage): void {
    vscode.postMessage(message);
}

function saveState(): void {
    if (!current) return;
    state = {
        uri: current.uri, view: current.view, flow: current.flow, locked: current.locked,
        expandedZones: current.collapse?.expanded.length ? [...current.collapse.expanded] : undefined, viewport: { ...viewport },
    };
    vscode.setState(state);
}

// ------------------------------------------------------------------ SVG insertion

/** Removes anything active from a parsed SVG tree; returns style attributes to re-apply through CSSOM. */
function sanitize(root: Element): Array<[Element, string]> {
    const styles: Array<[Element, string]> = [];
    const walk = (element: Element) => {
        for (const child of [...element.children]) {
            if (FORBIDDEN_ELEMENTS.has(child.localName.toLowerCase()) || child.namespaceURI !== SVG_NS) {
                child.remove();
                continue;
            }
            walk(child);
        }
        for (const attribute of [...element.attributes]) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.trim().toLowerCase();
            if (name.startsWith('on')) element.removeAttribute(attribute.name);
            else if ((name === 'href' || name === 'xlink:href' || name.endsWith(':href')) && !value.startsWith('#')) element.removeAttribute(attribute.name);
            else if (name === 'style') {
                styles.push([element, attribute.value]);
                element.removeAttribute(attribute.name);
            }
        }
    };
    walk(root);
    return styles;
}

/** Parses the renderer's SVG; undefined when it is not well-formed SVG. */
function parseSvg(markup: string): { element: SVGSVGElement; styles: Array<[Element, string]>; css: string } | undefined {
    const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const root = parsed.documentElement;
    if (!root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS || parsed.getElementsByTagName('parsererror').length > 0) return undefined;
    // <style> blocks move into a constructed stylesheet (CSSOM is allowed by the CSP; inline <style> is not).
    const css: string[] = [];
    for (const style of [...root.getElementsByTagNameNS(SVG_NS, 'style')]) {
        css.push(style.textContent ?? '');
        style.remove();
    }
    const styles = sanitize(root);
    const element = document.importNode(root, true) as unknown as SVGSVGElement;
    // Map each sanitized element to its imported twin by walking both trees in the same order.
    const originals = [root, ...root.querySelectorAll('*')];
    const imported = [element, ...element.querySelectorAll('*')];
    const index = new Map(originals.map((node, i) => [node, i]));
    return { element, styles: styles.map(([node, value]) => [imported[index.get(node)!], value]), css: css.join('\n') };
}

function naturalBounds(element: SVGSVGElement): Box {
    const viewBox = element.getAttribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
    if (viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2] > 0 && viewBox[3] > 0) {
        return { x: viewBox[0], y: viewBox[1], width: viewBox[2], height: viewBox[3] };
    }
    const width = parseFloat(element.getAttribute('width') ?? '');
    const height = parseFloat(element.getAttribute('height') ?? '');
    return { x: 0, y: 0, width: width > 0 ? width : 100, height: height > 0 ? height : 100 };
}

function showSvg(markup: string): boolean {
    const parsed = parseSvg(markup);
    if (!parsed) return false;
    const { element, styles, css } = parsed;
    bounds = naturalBounds(element);
    element.removeAttribute('width');
    element.removeAttribute('height');
    element.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    element.setAttribute('class', `${element.getAttribute('class') ?? ''} archway-diagram`.trim());
    for (const [node, value] of styles) (node as SVGElement).style.cssText = value;
    if (adoptedSheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter(sheet => sheet !== adoptedSheet);
    adoptedSheet = undefined;
    if (css.trim()) {
        adoptedSheet = new CSSStyleSheet();
        adoptedSheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, adoptedSheet];
    }
    // The renderer paints a full-size background rect: extend its colour to the whole canvas.
    const background = element.querySelector(':scope > rect');
    const fill = background?.getAttribute('fill');
    const coversAll = background && !background.getAttribute('x') && !background.getAttribute('y')
        && Number(background.getAttribute('width')) >= bounds.width && Number(background.getAttribute('height')) >= bounds.height;
    canvas.style.backgroundColor = coversAll && fill && /^#[0-9a-f]{3,8}$|^[a-z]+$/i.test(fill) ? fill : '';
    canvas.replaceChildren(element);
    svg = element;
    byId = new Map();
    for (const node of element.querySelectorAll('[data-id]')) {
        const id = node.getAttribute('data-id')!;
        const list = byId.get(id);
        if (list) list.push(node);
        else byId.set(id, [node]);
        node.classList.add('archway-element');
    }
    return true;
}

// ------------------------------------------------------------------ viewport

function canvasSize(): { width: number; height: number } {
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    return width > 0 && height > 0 ? { width, height } : { width: bounds.width, height: bounds.height };
}

function applyViewport(): void {
    if (!svg) return;
    const size = canvasSize();
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, viewport.scale));
    viewport = { ...viewport, scale };
    const fmt = (n: number) => String(Math.round(n * 100) / 100);
    svg.setAttribute('viewBox', `${fmt(viewport.x)} ${fmt(viewport.y)} ${fmt(size.width / scale)} ${fmt(size.height / scale)}`);
    zoomLevel.textContent = `${Math.round(scale * 100)}%`;
    saveState();
}

function fit(): void {
    const size = canvasSize();
    const padding = 16;
    const scale = Math.min(2, Math.max(MIN_SCALE, Math.min((size.width - padding * 2) / bounds.width, (size.height - padding * 2) / bounds.height)));
    viewport = {
        scale,
        x: bounds.x - (size.width / scale - bounds.width) / 2,
        y: bounds.y - (size.height / scale - bounds.height) / 2,
    };
    applyViewport();
}

/** Zooms by `factor` keeping the canvas point (`px`, `py`) fixed (default: the centre). */
function zoom(factor: number, px?: number, py?: number): void {
    const size = canvasSize();
    const cx = px ?? size.width / 2;
    const cy = py ?? size.height / 2;
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, viewport.scale * factor));
    const pointX = viewport.x + cx / viewport.scale;
    const pointY = viewport.y + cy / viewport.scale;
    viewport = { scale, x: pointX - cx / scale, y: pointY - cy / scale };
    applyViewport();
}

function pan(dx: number, dy: number): void {
    viewport = { ...viewport, x: viewport.x - dx / viewport.scale, y: viewport.y - dy / viewport.scale };
    applyViewport();
}

/** Pans so `id` is visible when it is outside the viewport. */
function ensureVisible(id: string): void {
    const node = byId.get(id)?.[0];
    if (!node || !svg || !(node instanceof SVGGraphicsElement)) return;
    let box: DOMRect;
    try {
        box = node.getBBox();
    } catch {
        return;
    }
    const size = canvasSize();
    const width = size.width / viewport.scale;
    const height = size.height / viewport.scale;
    const inside = box.x >= viewport.x && box.y >= viewport.y && box.x + box.width <= viewport.x + width && box.y + box.height <= viewport.y + height;
    if (inside) return;
    viewport = { ...viewport, x: box.x + box.width / 2 - width / 2, y: box.y + box.height / 2 - height / 2 };
    applyViewport();
}

/** Centre of an element's box in SVG units, if it is drawn. */
function centreOf(id: string): { x: number; y: number } | undefined {
    const node = byId.get(id)?.[0];
    if (!(node instanceof SVGGraphicsElement)) return undefined;
    try {
        const box = node.getBBox();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    } catch {
        return undefined;
    }
}

/** Top-left corners of the drawn nodes (elements with `data-kind`), by id. */
function nodePositions(): Map<string, { x: number; y: number }> {
    const positions = new Map<string, { x: number; y: number }>();
    if (!svg || byId.size > 400) return positions;
    for (const [id, nodes] of byId) {
        const node = nodes[0];
        if (!(node instanceof SVGGraphicsElement) || !node.hasAttribute('data-kind')) continue;
        try {
            const box = node.getBBox();
            positions.set(id, { x: box.x, y: box.y });
        } catch {
            // not rendered
        }
    }
    return positions;
}

/**
 * Glides nodes from where they were on screen to the new layout (same zoom: offsets are in SVG
 * units relative to each viewport). Skipped when the user prefers reduced motion.
 */
function animateFrom(previous: Map<string, { x: number; y: number }>, previousViewport: Viewport): void {
    if (previous.size === 0 || Math.abs(previousViewport.scale - viewport.scale) > 1e-9
        || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const moved: SVGElement[] = [];
    for (const [id, now] of nodePositions()) {
        const old = previous.get(id);
        if (!old) continue;
        const dx = (old.x - previousViewport.x) - (now.x - viewport.x);
        const dy = (old.y - previousViewport.y) - (now.y - viewport.y);
        if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) continue;
        const node = byId.get(id)![0] as SVGElement;
        node.style.transform = `translate(${dx}px, ${dy}px)`;
        moved.push(node);
    }
    if (moved.length === 0) return;
    void svg?.getBoundingClientRect(); // commit the start positions before transitioning
    for (const node of moved) {
        node.style.transition = 'transform 240ms ease-out';
        node.style.transform = '';
    }
}

// ------------------------------------------------------------------ highlight

function highlight(id: string | undefined): void {
    if (highlighted === id) return;
    for (const node of byId.get(highlighted ?? '') ?? []) node.classList.remove('archway-highlight');
    highlighted = id && byId.has(id) ? id : undefined;
    for (const node of byId.get(highlighted ?? '') ?? []) node.classList.add('archway-highlight');
    if (highlighted) ensureVisible(highlighted);
}

function onCursor(message: CursorMessage): void {
    lastCursor = message;
    if (!current) return;
    highlight(elementAt(current.elements, byId.keys(), message.uri, message.position));
}

// ------------------------------------------------------------------ toolbar, banner

function fillSelect(select: HTMLSelectElement, values: string[], selected: string | undefined, none?: string): void {
    const options: HTMLOptionElement[] = [];
    if (none !== undefined) {
        const option = document.createElement('option');
        option.value = '';
        option.textContent = none;
        options.push(option);
    }
    for (const value of values) {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = value;
        options.push(option);
    }
    select.replaceChildren(...options);
    select.value = selected ?? '';
}

function setLocked(locked: boolean): void {
    const button = document.querySelector<HTMLButtonElement>('button[data-command="toggleLock"]');
    if (!button) return;
    button.setAttribute('aria-pressed', String(locked));
    const label = locked ? 'Locked to this document (click to follow the active editor)' : 'Lock to this document';
    button.title = label;
    button.setAttribute('aria-label', label);
    if (current) current = { ...current, locked };
    saveState();
}

function showBanner(message: UpdateMessage): void {
    const text = message.error
        ? `Cannot draw the diagram: ${message.error}`
        : message.hasSyntaxErrors ? `${message.fileName} has syntax errors — showing the last good diagram.` : '';
    banner.textContent = text;
    banner.hidden = text === '';
}

/** Says why zones are drawn as boxes, and offers to collapse the ones the user opened. */
function showCollapseNotice(message: UpdateMessage): void {
    const collapse = message.collapse;
    const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
    let text = '';
    if (collapse && !message.error) {
        const opened = collapse.expanded.length > 0 ? ` ${plural(collapse.expanded.length, 'zone')} opened.` : '';
        const click = collapse.zones.length > 0 ? ' Click a zone to open it.' : '';
        text = collapse.bySize
            ? `This view has ${plural(collapse.components, 'component')} (more than ${collapse.threshold.toLocaleString('en-US')}), so its zones are drawn collapsed.${click}${opened}`
            : `This view draws ${plural(collapse.zones.length, 'zone')} collapsed.${click}${opened}`;
    }
    collapseText.textContent = text;
    collapseNotice.hidden = text === '';
    collapseAll.hidden = !collapse || collapse.expanded.length === 0;
}

function onUpdate(message: UpdateMessage): void {
    const first = current === undefined;
    const previousUri = current?.uri;
    current = message;
    fileName.textContent = message.fileName;
    fileName.title = message.uri;
    fillSelect(viewSelect, message.viewIds, message.view);
    viewPicker.hidden = message.viewIds.length <= 1;
    fillSelect(flowSelect, message.flowIds, message.flow, '(none)');
    flowPicker.hidden = message.flowIds.length === 0;
    setLocked(message.locked);
    showBanner(message);
    showCollapseNotice(message);
    // Keep the selected element where it was on screen across re-layouts of the same document.
    const anchorId = highlighted;
    const anchor = anchorId ? centreOf(anchorId) : undefined;
    const before = !first && previousUri === message.uri && !message.documentChanged ? nodePositions() : undefined;
    const viewportBefore = { ...viewport };
    if (message.svg && showSvg(message.svg)) {
        highlighted = undefined;
        const sameDocument = !first && previousUri === message.uri && !message.documentChanged;
        if (restoreViewport && state?.uri === message.uri) {
            restoreViewport = false;
            applyViewport();
        } else if (sameDocument) {
            const moved = anchorId ? centreOf(anchorId) : undefined;
            if (anchor && moved) viewport = { ...viewport, x: viewport.x + moved.x - anchor.x, y: viewport.y + moved.y - anchor.y };
            applyViewport();
        } else {
            fit();
        }
        restoreViewport = false;
        if (before) animateFrom(before, viewportBefore);
        if (lastCursor) onCursor(lastCursor);
    } else if (!svg) {
        const placeholder = document.createElement('div');
        placeholder.className = 'placeholder';
        placeholder.textContent = message.error ? 'No diagram.' : 'Nothing to draw yet: declare a component.';
        canvas.replaceChildren(placeholder);
    }
    saveState();
}

// ------------------------------------------------------------------ events

window.addEventListener('message', event => {
    const message = parseHostMessage(event.data);
    if (!message) {
        const type = typeof event.data === 'object' && event.data !== null ? String((event.data as { type?: unknown }).type) : typeof event.data;
        console.warn(`[archway] ignored an unknown or malformed message (type: ${type.slice(0, 40)})`);
        return;
    }
    switch (message.type) {
        case 'update': onUpdate(message); break;
        case 'cursor': onCursor(message); break;
        case 'locked': setLocked(message.locked); break;
        case 'viewport':
            if (message.viewport === 'fit') fit();
            else {
                viewport = message.viewport;
                applyViewport();
            }
            break;
    }
});

collapseAll.addEventListener('click', () => post({ type: 'collapseZones' }));

document.getElementById('toolbar')!.addEventListener('click', event => {
    const button = (event.target as Element).closest('button[data-command]');
    switch (button?.getAttribute('data-command')) {
        case 'zoomIn': zoom(ZOOM_STEP); break;
        case 'zoomOut': zoom(1 / ZOOM_STEP); break;
        case 'fit': fit(); break;
        case 'toggleLock': post({ type: 'toggleLock' }); break;
        case 'exportSvg': post({ type: 'export', format: 'svg' }); break;
        case 'exportPng': post({ type: 'export', format: 'png' }); break;
    }
});

viewSelect.addEventListener('change', () => {
    if (viewSelect.value) post({ type: 'selectView', view: viewSelect.value });
});
flowSelect.addEventListener('change', () => post({ type: 'selectFlow', flow: flowSelect.value || undefined }));

canvas.addEventListener('wheel', event => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    const factor = Math.exp(-Math.max(-100, Math.min(100, event.deltaY)) * (event.ctrlKey ? 0.01 : 0.002));
    zoom(factor, event.clientX - rect.left, event.clientY - rect.top);
}, { passive: false });

let drag: { x: number; y: number; moved: boolean; target: Element | null; pointer: number } | undefined;
canvas.addEventListener('pointerdown', event => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, moved: false, target: event.target as Element, pointer: event.pointerId };
});
canvas.addEventListener('pointermove', event => {
    if (!drag || drag.pointer !== event.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
        drag.moved = true;
        canvas.setPointerCapture(event.pointerId);
        canvas.classList.add('panning');
    }
    drag.x = event.clientX;
    drag.y = event.clientY;
    pan(dx, dy);
});
const endDrag = (event: PointerEvent) => {
    if (!drag || drag.pointer !== event.pointerId) return;
    const { moved, target } = drag;
    drag = undefined;
    canvas.classList.remove('panning');
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    if (moved || event.type === 'pointercancel') return;
    revealAt(target);
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

/** Posts `expandZone` for a collapsed zone under `target`, else `reveal` for the element, if any. */
function revealAt(target: Element | null): void {
    const node = target?.closest('[data-id]');
    const id = node?.getAttribute('data-id');
    if (!id || !current) return;
    if (node?.getAttribute('data-collapsed') === 'true' && current.collapse?.zones.includes(id)) {
        highlight(id); // the viewport stays anchored on the zone while it opens
        post({ type: 'expandZone', zone: id });
        return;
    }
    if (!Object.prototype.hasOwnProperty.call(current.elements, id)) return;
    const location = current.elements[id];
    highlight(id);
    post({ type: 'reveal', id, uri: location.uri, range: location.range });
}

canvas.addEventListener('keydown', event => {
    const step = 40;
    switch (event.key) {
        case '+': case '=': zoom(ZOOM_STEP); break;
        case '-': case '_': zoom(1 / ZOOM_STEP); break;
        case '0': fit(); break;
        case 'ArrowLeft': pan(step, 0); break;
        case 'ArrowRight': pan(-step, 0); break;
        case 'ArrowUp': pan(0, step); break;
        case 'ArrowDown': pan(0, -step); break;
        case 'Enter': if (highlighted) revealAt(byId.get(highlighted)?.[0] ?? null); break;
        default: return;
    }
    event.preventDefault();
});

let resizeFrame = 0;
new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => applyViewport());
}).observe(canvas);

// The editor's background: sent now and whenever VS Code switches the theme (it changes <body>'s class).
let sentBackground: string | undefined;
function postEditorColours(): void {
    const background = toHexColour(getComputedStyle(document.body).getPropertyValue('--vscode-editor-background'));
    if (!background || background === sentBackground) return;
    sentBackground = background;
    post({ type: 'editorColours', background });
}
new MutationObserver(() => requestAnimationFrame(postEditorColours)).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });

postEditorColours();
post({ type: 'ready' });
