/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The preview's event wiring: toolbar buttons, pickers, the search box, pointer and wheel on
 * the canvas, and its keys (zoom, pan, and on a focused box the keyboard navigation).
 */
import type { WebviewToHostMessage } from '../protocol/diagram-protocol.js';
import type { PreviewElements } from './preview-chrome.js';
import { wheelZoomFactor, ZOOM_STEP } from './viewport.js';

/** What the events drive (the `Preview` of `preview.ts`). */
export interface PreviewActions {
    onMessage(data: unknown): void;
    post(message: WebviewToHostMessage): void;
    zoom(factor: number, x?: number, y?: number): void;
    pan(dx: number, dy: number): void;
    fit(): void;
    toggleNeighbours(): void;
    find(query: string, step: 0 | 1 | -1): void;
    onPointerDown(event: PointerEvent): void;
    onPointerMove(event: PointerEvent): void;
    onPointerEnd(event: PointerEvent): void;
    onFocusIn(target: Element | null): void;
    onBoxKey(event: KeyboardEvent): boolean;
    revealHighlighted(): void;
    onResize(): void;
    postEditorColours(): void;
}

/** Screen px of one arrow-key pan. */
const KEY_PAN = 40;

/** Connects the page's events to the preview. */
export function listen(preview: PreviewActions, ui: PreviewElements): void {
    window.addEventListener('message', event => preview.onMessage(event.data));
    ui.collapseAll.addEventListener('click', () => preview.post({ type: 'collapseZones' }));
    ui.toolbar.addEventListener('click', event => {
        const button = (event.target as Element).closest('button[data-command]');
        switch (button?.getAttribute('data-command')) {
            case 'zoomIn': preview.zoom(ZOOM_STEP); break;
            case 'zoomOut': preview.zoom(1 / ZOOM_STEP); break;
            case 'fit': preview.fit(); break;
            case 'toggleLock': preview.post({ type: 'toggleLock' }); break;
            case 'exportSvg': preview.post({ type: 'export', format: 'svg' }); break;
            case 'exportPng': preview.post({ type: 'export', format: 'png' }); break;
            case 'neighbours': preview.toggleNeighbours(); break;
        }
    });
    ui.findInput.addEventListener('input', () => preview.find(ui.findInput.value, 0));
    ui.findInput.addEventListener('keydown', event => {
        if (event.key === 'Enter') preview.find(ui.findInput.value, event.shiftKey ? -1 : 1);
        else if (event.key === 'Escape' && ui.findInput.value !== '') {
            ui.findInput.value = '';
            preview.find('', 0);
        } else return;
        event.preventDefault();
    });
    ui.viewSelect.addEventListener('change', () => {
        if (ui.viewSelect.value) preview.post({ type: 'selectView', view: ui.viewSelect.value });
    });
    ui.flowSelect.addEventListener('change', () => preview.post({ type: 'selectFlow', flow: ui.flowSelect.value || undefined }));

    const canvas = ui.canvas;
    canvas.addEventListener('wheel', event => {
        event.preventDefault();
        const rect = canvas.getBoundingClientRect();
        preview.zoom(wheelZoomFactor(event.deltaY, event.ctrlKey), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    canvas.addEventListener('pointerdown', event => preview.onPointerDown(event));
    canvas.addEventListener('pointermove', event => preview.onPointerMove(event));
    canvas.addEventListener('pointerup', event => preview.onPointerEnd(event));
    canvas.addEventListener('pointercancel', event => preview.onPointerEnd(event));
    canvas.addEventListener('focusin', event => preview.onFocusIn(event.target as Element));
    canvas.addEventListener('keydown', event => {
        if (preview.onBoxKey(event)) {
            event.preventDefault();
            return;
        }
        switch (event.key) {
            case '+': case '=': preview.zoom(ZOOM_STEP); break;
            case '-': case '_': preview.zoom(1 / ZOOM_STEP); break;
            case '0': preview.fit(); break;
            case 'ArrowLeft': preview.pan(KEY_PAN, 0); break;
            case 'ArrowRight': preview.pan(-KEY_PAN, 0); break;
            case 'ArrowUp': preview.pan(0, KEY_PAN); break;
            case 'ArrowDown': preview.pan(0, -KEY_PAN); break;
            case 'Enter': preview.revealHighlighted(); break;
            case 'Escape': preview.post({ type: 'focusEditor' }); break;
            default: return;
        }
        event.preventDefault();
    });
    new ResizeObserver(() => preview.onResize()).observe(canvas);
    new MutationObserver(() => requestAnimationFrame(() => preview.postEditorColours()))
        .observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
}
