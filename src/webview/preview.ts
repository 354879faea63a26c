/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The preview webview script (bundled to `media/preview.js`, browser IIFE). Shows the SVG the
 * language server drew, with pan (drag), zoom (wheel, buttons, keys), fit, a view/flow picker,
 * click-to-reveal, click-to-expand for collapsed zones (with a notice saying why they are
 * collapsed), cursor highlight, a banner for syntax errors, boxes reachable with the keyboard
 * and named for screen readers (`diagram-focus.ts`), a search box and dimming around the
 * selection. Every message from the host is validated; the SVG is sanitised
 * (`svg-sanitize.ts`) and drawn by `diagram-canvas.ts`; the viewport arithmetic is
 * `viewport.ts`; the page's events are wired in `preview-events.ts`.
 */
import type {
    CursorMessage, HostToWebviewMessage, PreviewState, UpdateMessage, WebviewToHostMessage,
} from '../protocol/diagram-protocol.js';
import { DiagramCanvas } from './diagram-canvas.js';
import { listen, type PreviewActions } from './preview-events.js';
import { ARROWS, DiagramFocus } from './diagram-focus.js';
import { findPreviewElements, showDiagramChrome, showLocked, type PreviewElements } from './preview-chrome.js';
import { elementAt, parseHostMessage, toHexColour, parsePreviewState } from './protocol.js';
import {
    anchorViewport, centreOn, clampViewport, fitViewport, panViewport, revealBox, viewBoxOf, zoomPercent,
    zoomViewport, type Viewport,
} from './viewport.js';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A press that moves less than this (px) is a click, not a drag. */
const DRAG_THRESHOLD = 4;

/** A press on the canvas that may become a drag. */
interface Drag {
    x: number;
    y: number;
    moved: boolean;
    target: Element | null;
    pointer: number;
}

/** Everything the preview remembers between events. */
interface SessionState {
    /** What VS Code keeps for this panel across reloads. */
    saved: PreviewState | undefined;
    /** The last diagram update from the host. */
    current: UpdateMessage | undefined;
    viewport: Viewport;
    /** Restore the saved viewport on the first diagram of the saved document instead of fitting. */
    restoreViewport: boolean;
    /** The model id highlighted (cursor or click). */
    highlighted: string | undefined;
    lastCursor: CursorMessage | undefined;
    drag: Drag | undefined;
    /** The editor background last reported to the host. */
    sentBackground: string | undefined;
    resizeFrame: number;
}

/** The preview's state and behaviour; `preview-events.ts` connects the page's events to it. */
class Preview implements PreviewActions {
    private readonly state: SessionState;
    private readonly canvas: DiagramCanvas;
    private readonly focus = new DiagramFocus();
    /** The last search's matches and which one is selected. */
    private found: { query: string; ids: string[]; index: number } = { query: '', ids: [], index: 0 };

    constructor(private readonly vscode: VsCodeApi, private readonly ui: PreviewElements) {
        const saved = parsePreviewState(vscode.getState());
        this.state = {
            saved, current: undefined, viewport: saved?.viewport ?? { x: 0, y: 0, scale: 1 }, restoreViewport: saved?.viewport !== undefined,
            highlighted: undefined, lastCursor: undefined, drag: undefined, sentBackground: undefined, resizeFrame: 0,
        };
        this.canvas = new DiagramCanvas(ui.canvas);
    }

    // -------------------------------------------------------------- host messages

    onMessage(data: unknown): void {
        const message = parseHostMessage(data);
        if (!message) {
            const type = typeof data === 'object' && data !== null ? String((data as { type?: unknown }).type) : typeof data;
            console.warn(`[archway] ignored an unknown or malformed message (type: ${type.slice(0, 40)})`);
            return;
        }
        this.handle(message);
    }

    private handle(message: HostToWebviewMessage): void {
        switch (message.type) {
            case 'update': this.onUpdate(message); break;
            case 'cursor': this.onCursor(message); break;
            case 'locked': this.setLocked(message.locked); break;
            case 'viewport':
                if (message.viewport === 'fit') this.fit();
                else this.setViewport(message.viewport);
                break;
        }
    }

    private onUpdate(message: UpdateMessage): void {
        const state = this.state;
        const sameDocument = state.current !== undefined && state.current.uri === message.uri && !message.documentChanged;
        state.current = message;
        showDiagramChrome(this.ui, message);
        this.setLocked(message.locked);
        // Keep the selected element where it was on screen across re-layouts of the same document.
        const anchorId = state.highlighted;
        const anchor = anchorId ? this.canvas.centreOf(anchorId) : undefined;
        const before = sameDocument ? this.canvas.nodePositions() : undefined;
        const viewportBefore = { ...state.viewport };
        const focused = this.ui.canvas.contains(document.activeElement) ? this.focus.boxIdOf(document.activeElement) : undefined;
        if (message.svg && this.canvas.show(message.svg)) {
            state.highlighted = undefined;
            this.focus.prepare(this.canvas.svg!, focused);
            this.found = { query: '', ids: [], index: 0 };
            if (state.restoreViewport && state.saved?.uri === message.uri) {
                this.applyViewport();
            } else if (sameDocument) {
                const moved = anchorId ? this.canvas.centreOf(anchorId) : undefined;
                if (anchor && moved) state.viewport = anchorViewport(state.viewport, anchor, moved);
                this.applyViewport();
            } else {
                this.fit();
            }
            state.restoreViewport = false;
            if (before) this.canvas.glide(before, viewportBefore, state.viewport);
            if (state.lastCursor) this.onCursor(state.lastCursor);
            if (focused && this.canvas.has(focused)) this.highlight(focused);
        } else if (!this.canvas.svg) {
            this.canvas.showPlaceholder(message.error ? 'No diagram.' : 'Nothing to draw yet: declare a component.');
        }
        this.saveState();
    }

    private onCursor(message: CursorMessage): void {
        this.state.lastCursor = message;
        if (!this.state.current) return;
        this.highlight(elementAt(this.state.current.elements, this.canvas.ids(), message.uri, message.position));
    }

    private setLocked(locked: boolean): void {
        if (!showLocked(document, locked)) return;
        if (this.state.current) this.state.current = { ...this.state.current, locked };
        this.saveState();
    }

    // -------------------------------------------------------------- viewport

    private applyViewport(): void {
        if (!this.canvas.svg) return;
        const viewport = clampViewport(this.state.viewport);
        this.state.viewport = viewport;
        this.canvas.setViewBox(viewBoxOf(viewport, this.canvas.size()));
        this.ui.zoomLevel.textContent = zoomPercent(viewport.scale);
        this.saveState();
    }

    private setViewport(viewport: Viewport): void {
        this.state.viewport = viewport;
        this.applyViewport();
    }

    fit(): void {
        this.setViewport(fitViewport(this.canvas.bounds, this.canvas.size()));
    }

    /** Zooms by `factor` keeping the canvas point (`x`, `y`) fixed (default: the centre). */
    zoom(factor: number, x?: number, y?: number): void {
        this.setViewport(zoomViewport(this.state.viewport, factor, this.canvas.size(), { x, y }));
    }

    pan(dx: number, dy: number): void {
        this.setViewport(panViewport(this.state.viewport, dx, dy));
    }

    /** Pans so `id` is visible when it is outside the viewport. */
    private ensureVisible(id: string): void {
        if (!this.canvas.svg) return;
        const box = this.canvas.boxOf(id);
        const moved = box ? revealBox(this.state.viewport, box, this.canvas.size()) : undefined;
        if (moved) this.setViewport(moved);
    }

    /** Re-applies the viewport once per frame while the canvas resizes. */
    onResize(): void {
        cancelAnimationFrame(this.state.resizeFrame);
        this.state.resizeFrame = requestAnimationFrame(() => this.applyViewport());
    }

    // -------------------------------------------------------------- selection

    private highlight(id: string | undefined): void {
        const state = this.state;
        if (state.highlighted === id) return;
        for (const node of this.canvas.elementsOf(state.highlighted ?? '')) node.classList.remove('archway-highlight');
        state.highlighted = id && this.canvas.has(id) ? id : undefined;
        for (const node of this.canvas.elementsOf(state.highlighted ?? '')) node.classList.add('archway-highlight');
        if (state.highlighted) {
            this.focus.setActive(state.highlighted);
            this.ensureVisible(state.highlighted);
        }
        this.focus.dimAround(state.highlighted);
    }

    // -------------------------------------------------------------- keyboard and search

    /** A box got the focus (Tab, arrow keys, a click): it is the selection. */
    onFocusIn(target: Element | null): void {
        const id = this.focus.boxIdOf(target);
        if (id) this.highlight(id);
    }

    /**
     * Keys on a focused box: arrows follow edges, Page Down/Up step through every box in reading
     * order, Home/End go to the first/last, Enter/Space reveal; true when handled.
     */
    onBoxKey(event: KeyboardEvent): boolean {
        const id = this.focus.boxIdOf(event.target as Element);
        if (!id || event.altKey || event.ctrlKey || event.metaKey) return false;
        const direction = ARROWS[event.key];
        let next: string | undefined;
        if (direction) next = this.focus.arrow(id, direction);
        else if (event.key === 'Home' || event.key === 'End') next = this.focus.end(event.key === 'Home' ? 'home' : 'end');
        else if (event.key === 'PageDown' || event.key === 'PageUp') next = this.focus.step(id, event.key === 'PageDown' ? 1 : -1);
        else if (event.key === 'Enter' || event.key === ' ') {
            this.revealAt(event.target as Element);
            return true;
        } else return false;
        if (next) this.focus.focus(next);
        return true;
    }

    /** Cycles dimming around the selection: off, one hop, two hops. */
    toggleNeighbours(): void {
        this.focus.hops = (this.focus.hops + 1) % 3;
        const labels = ['All', '1 hop', '2 hops'];
        this.ui.neighbours.textContent = labels[this.focus.hops];
        this.ui.neighbours.setAttribute('aria-pressed', String(this.focus.hops > 0));
        this.focus.dimAround(this.state.highlighted);
    }

    /**
     * Finds a box by id or label: a new text selects its best match, `step` moves through the
     * matches (Enter, Shift+Enter). The match is selected and centred (at 100% zoom at least);
     * focus stays in the search box.
     */
    find(query: string, step: 0 | 1 | -1): void {
        if (query !== this.found.query) this.found = { query, ids: this.focus.search(query), index: 0 };
        else if (this.found.ids.length > 0) this.found.index = (this.found.index + step + this.found.ids.length) % this.found.ids.length;
        const { ids, index } = this.found;
        this.ui.findStatus.textContent = query.trim() === '' ? '' : ids.length === 0 ? 'No match' : `${index + 1} of ${ids.length}`;
        if (ids.length === 0) return;
        this.highlight(ids[index]);
        const box = this.canvas.boxOf(ids[index]);
        // Centred, and readable: a match in a big fitted diagram is zoomed to at least 100%.
        if (box) this.setViewport(centreOn({ ...this.state.viewport, scale: Math.max(this.state.viewport.scale, 1) }, box, this.canvas.size()));
    }

    /** Posts `expandZone` for a collapsed zone under `target`, else `reveal` for the element, if any. */
    revealAt(target: Element | null): void {
        const node = target?.closest('[data-id]');
        const id = node?.getAttribute('data-id');
        const current = this.state.current;
        if (!id || !current) return;
        if (node?.getAttribute('data-collapsed') === 'true' && current.collapse?.zones.includes(id)) {
            this.highlight(id); // the viewport stays anchored on the zone while it opens
            this.post({ type: 'expandZone', zone: id });
            return;
        }
        if (!Object.prototype.hasOwnProperty.call(current.elements, id)) return;
        const location = current.elements[id];
        this.highlight(id);
        this.post({ type: 'reveal', id, uri: location.uri, range: location.range });
    }

    /** Reveals the highlighted element (Enter on the canvas). */
    revealHighlighted(): void {
        if (this.state.highlighted) this.revealAt(this.canvas.elementsOf(this.state.highlighted)[0] ?? null);
    }

    // -------------------------------------------------------------- dragging

    onPointerDown(event: PointerEvent): void {
        if (event.button !== 0) return;
        this.state.drag = { x: event.clientX, y: event.clientY, moved: false, target: event.target as Element, pointer: event.pointerId };
    }

    onPointerMove(event: PointerEvent): void {
        const drag = this.state.drag;
        if (!drag || drag.pointer !== event.pointerId) return;
        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        if (!drag.moved) {
            drag.moved = true;
            this.ui.canvas.setPointerCapture(event.pointerId);
            this.ui.canvas.classList.add('panning');
        }
        drag.x = event.clientX;
        drag.y = event.clientY;
        this.pan(dx, dy);
    }

    /** Ends a press: a drag stops panning; a click reveals what it hit. */
    onPointerEnd(event: PointerEvent): void {
        const drag = this.state.drag;
        if (!drag || drag.pointer !== event.pointerId) return;
        this.state.drag = undefined;
        this.ui.canvas.classList.remove('panning');
        if (this.ui.canvas.hasPointerCapture(event.pointerId)) this.ui.canvas.releasePointerCapture(event.pointerId);
        if (drag.moved || event.type === 'pointercancel') return;
        this.revealAt(drag.target);
    }

    // -------------------------------------------------------------- host

    post(message: WebviewToHostMessage): void {
        this.vscode.postMessage(message);
    }

    /** Reports the editor's background when it changed (VS Code switches the theme through <body>'s class). */
    postEditorColours(): void {
        const background = toHexColour(getComputedStyle(document.body).getPropertyValue('--vscode-editor-background'));
        if (!background || background === this.state.sentBackground) return;
        this.state.sentBackground = background;
        this.post({ type: 'editorColours', background });
    }

    private saveState(): void {
        const current = this.state.current;
        if (!current) return;
        this.state.saved = {
            uri: current.uri, view: current.view, flow: current.flow, locked: current.locked,
            expandedZones: current.collapse?.expanded.length ? [...current.collapse.expanded] : undefined, viewport: { ...this.state.viewport },
        };
        this.vscode.setState(this.state.saved);
    }
}

const ui = findPreviewElements(document);
const preview = new Preview(acquireVsCodeApi(), ui);
listen(preview, ui);
preview.postEditorColours();
preview.post({ type: 'ready' });
