/**
 * The preview's viewport arithmetic, without the DOM: which part of the diagram the canvas
 * shows (`x`, `y`: the top-left corner in SVG units; `scale`: screen px per SVG unit), and how
 * fit, zoom, pan, reveal and re-layout anchoring move it. The webview applies the result as
 * the SVG's `viewBox`.
 */

/** A rectangle in SVG units. */
export interface Box { x: number; y: number; width: number; height: number }
/** The top-left corner of what the canvas shows, in SVG units, and screen px per SVG unit. */
export interface Viewport { x: number; y: number; scale: number }
export interface Point { x: number; y: number }
/** A size in screen px. */
export interface Size { width: number; height: number }

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;
/** One press of zoom in / out. */
export const ZOOM_STEP = 1.25;
/** Fitting never enlarges a small diagram more than this. */
export const MAX_FIT_SCALE = 2;
/** Screen px left around a fitted diagram. */
export const FIT_PADDING = 16;

export function clampScale(scale: number): number {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The viewport with its scale within bounds. */
export function clampViewport(viewport: Viewport): Viewport {
    return { ...viewport, scale: clampScale(viewport.scale) };
}

/** The whole diagram, centred, as large as fits (at most `MAX_FIT_SCALE`). */
export function fitViewport(bounds: Box, canvas: Size): Viewport {
    const fitted = Math.min((canvas.width - FIT_PADDING * 2) / bounds.width, (canvas.height - FIT_PADDING * 2) / bounds.height);
    const scale = Math.min(MAX_FIT_SCALE, Math.max(MIN_SCALE, fitted));
    return {
        scale,
        x: bounds.x - (canvas.width / scale - bounds.width) / 2,
        y: bounds.y - (canvas.height / scale - bounds.height) / 2,
    };
}

/** Zooms by `factor` keeping the canvas point `at` (screen px; default: the centre) where it is. */
export function zoomViewport(viewport: Viewport, factor: number, canvas: Size, at?: Partial<Point>): Viewport {
    const cx = at?.x ?? canvas.width / 2;
    const cy = at?.y ?? canvas.height / 2;
    const scale = clampScale(viewport.scale * factor);
    const pointX = viewport.x + cx / viewport.scale;
    const pointY = viewport.y + cy / viewport.scale;
    return { scale, x: pointX - cx / scale, y: pointY - cy / scale };
}

/** Moves the diagram by (`dx`, `dy`) screen px (a drag to the right shows more of the left). */
export function panViewport(viewport: Viewport, dx: number, dy: number): Viewport {
    return { ...viewport, x: viewport.x - dx / viewport.scale, y: viewport.y - dy / viewport.scale };
}

/** The viewport centred on `box` when the box is not wholly visible; undefined when it is. */
export function revealBox(viewport: Viewport, box: Box, canvas: Size): Viewport | undefined {
    const width = canvas.width / viewport.scale;
    const height = canvas.height / viewport.scale;
    const inside = box.x >= viewport.x && box.y >= viewport.y && box.x + box.width <= viewport.x + width && box.y + box.height <= viewport.y + height;
    if (inside) return undefined;
    return { ...viewport, x: box.x + box.width / 2 - width / 2, y: box.y + box.height / 2 - height / 2 };
}

/** After a re-layout moved an element from `before` to `after` (SVG units): the viewport that keeps it where it was on screen. */
export function anchorViewport(viewport: Viewport, before: Point, after: Point): Viewport {
    return { ...viewport, x: viewport.x + after.x - before.x, y: viewport.y + after.y - before.y };
}

/**
 * How far (screen px at the same scale) a node moved on screen from `old` in `oldViewport` to
 * `now` in `viewport`: where a glide starts.
 */
export function screenOffset(old: Point, oldViewport: Viewport, now: Point, viewport: Viewport): Point {
    return { x: (old.x - oldViewport.x) - (now.x - viewport.x), y: (old.y - oldViewport.y) - (now.y - viewport.y) };
}

/** The SVG `viewBox` showing `viewport` on a canvas of `canvas` px (two decimals). */
export function viewBoxOf(viewport: Viewport, canvas: Size): string {
    const fmt = (n: number) => String(Math.round(n * 100) / 100);
    return `${fmt(viewport.x)} ${fmt(viewport.y)} ${fmt(canvas.width / viewport.scale)} ${fmt(canvas.height / viewport.scale)}`;
}

/** `125%`. */
export function zoomPercent(scale: number): string {
    return `${Math.round(scale * 100)}%`;
}

/** Zoom factor of one wheel event: pinch (ctrl) zooms faster than scrolling; one event never more than e. */
export function wheelZoomFactor(deltaY: number, ctrlKey: boolean): number {
    return Math.exp(-Math.max(-100, Math.min(100, deltaY)) * (ctrlKey ? 0.01 : 0.002));
}

/** The canvas size, or the diagram's own while the canvas has none (hidden, not yet laid out). */
export function canvasOrDiagramSize(canvas: Size, bounds: Box): Size {
    return canvas.width > 0 && canvas.height > 0 ? canvas : { width: bounds.width, height: bounds.height };
}

/** The diagram's extent from the SVG's `viewBox`, else its `width` and `height`, else 100 × 100. */
export function naturalBounds(viewBox: string | null, width: string | null, height: string | null): Box {
    const numbers = viewBox?.trim().split(/[\s,]+/).map(Number);
    if (numbers && numbers.length === 4 && numbers.every(Number.isFinite) && numbers[2] > 0 && numbers[3] > 0) {
        return { x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3] };
    }
    const w = parseFloat(width ?? '');
    const h = parseFloat(height ?? '');
    return { x: 0, y: 0, width: w > 0 ? w : 100, height: h > 0 ? h : 100 };
}

/** The viewport at the same scale with `box` in the middle of the canvas (search results). */
export function centreOn(viewport: Viewport, box: Box, canvas: Size): Viewport {
    return { ...viewport, x: box.x + box.width / 2 - canvas.width / viewport.scale / 2, y: box.y + box.height / 2 - canvas.height / viewport.scale / 2 };
}
