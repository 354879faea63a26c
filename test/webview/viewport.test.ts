/**
 * The preview's viewport arithmetic without a browser: fit, zoom around a point, pan, reveal,
 * anchoring across re-layouts, and the `viewBox` it becomes.
 */
import { describe, expect, it } from 'vitest';
import {
    anchorViewport, canvasOrDiagramSize, clampViewport, fitViewport, MAX_FIT_SCALE, MAX_SCALE, MIN_SCALE, naturalBounds,
    panViewport, revealBox, screenOffset, viewBoxOf, wheelZoomFactor, ZOOM_STEP, zoomPercent, zoomViewport,
    type Box, type Point, type Size, type Viewport,
} from '../../src/webview/viewport.js';

const CANVAS: Size = { width: 1000, height: 600 };

/** Where an SVG point appears on the canvas, in screen px. */
function toScreen(viewport: Viewport, point: Point): Point {
    return { x: (point.x - viewport.x) * viewport.scale, y: (point.y - viewport.y) * viewport.scale };
}

/** The SVG point under a canvas point. */
function toSvg(viewport: Viewport, point: Point): Point {
    return { x: viewport.x + point.x / viewport.scale, y: viewport.y + point.y / viewport.scale };
}

describe('fitting', () => {
    it('shows the whole diagram centred, with padding on the tighter side', () => {
        const bounds: Box = { x: 0, y: 0, width: 2000, height: 600 };
        const viewport = fitViewport(bounds, CANVAS);
        // Width decides: (1000 - 32) / 2000.
        expect(viewport.scale).toBeCloseTo(0.484);
        const topLeft = toScreen(viewport, { x: 0, y: 0 });
        const bottomRight = toScreen(viewport, { x: 2000, y: 600 });
        expect(topLeft.x).toBeCloseTo(16);
        expect(bottomRight.x).toBeCloseTo(984);
        // Centred vertically.
        expect(topLeft.y).toBeCloseTo(CANVAS.height - bottomRight.y);
    });

    it('honours a viewBox that does not start at the origin', () => {
        const viewport = fitViewport({ x: -300, y: 50, width: 400, height: 400 }, CANVAS);
        const centre = toScreen(viewport, { x: -100, y: 250 });
        expect(centre.x).toBeCloseTo(500);
        expect(centre.y).toBeCloseTo(300);
    });

    it('does not blow a tiny diagram up beyond twice its size, nor shrink a huge one to nothing', () => {
        expect(fitViewport({ x: 0, y: 0, width: 50, height: 20 }, CANVAS).scale).toBe(MAX_FIT_SCALE);
        expect(fitViewport({ x: 0, y: 0, width: 1e7, height: 1e7 }, CANVAS).scale).toBe(MIN_SCALE);
    });
});

describe('zooming', () => {
    const start: Viewport = { x: 100, y: 40, scale: 1 };

    it('keeps the point under the cursor where it is', () => {
        const cursor = { x: 730, y: 95 };
        const under = toSvg(start, cursor);
        const zoomed = zoomViewport(start, ZOOM_STEP, CANVAS, cursor);
        expect(zoomed.scale).toBeCloseTo(1.25);
        const after = toScreen(zoomed, under);
        expect(after.x).toBeCloseTo(cursor.x);
        expect(after.y).toBeCloseTo(cursor.y);
    });

    it('zooms around the centre of the canvas without a point (buttons and keys)', () => {
        const centre = toSvg(start, { x: 500, y: 300 });
        const zoomed = zoomViewport(start, 1 / ZOOM_STEP, CANVAS);
        expect(toScreen(zoomed, centre).x).toBeCloseTo(500);
        expect(toScreen(zoomed, centre).y).toBeCloseTo(300);
        expect(zoomViewport(start, ZOOM_STEP, CANVAS, { x: 200 }).y).toBeCloseTo(zoomViewport(start, ZOOM_STEP, CANVAS).y);
    });

    it('stops at the smallest and largest scale, and zooming in then out returns to the start', () => {
        expect(zoomViewport(start, 1000, CANVAS).scale).toBe(MAX_SCALE);
        expect(zoomViewport(start, 1e-6, CANVAS).scale).toBe(MIN_SCALE);
        const back = zoomViewport(zoomViewport(start, ZOOM_STEP, CANVAS, { x: 10, y: 10 }), 1 / ZOOM_STEP, CANVAS, { x: 10, y: 10 });
        expect(back.x).toBeCloseTo(start.x);
        expect(back.y).toBeCloseTo(start.y);
        expect(back.scale).toBeCloseTo(start.scale);
    });

    it('turns wheel deltas into gentle factors: scrolling down zooms out, pinching is faster, huge deltas are capped', () => {
        expect(wheelZoomFactor(100, false)).toBeLessThan(1);
        expect(wheelZoomFactor(-100, false)).toBeGreaterThan(1);
        expect(wheelZoomFactor(-10, true)).toBeGreaterThan(wheelZoomFactor(-10, false));
        expect(wheelZoomFactor(100_000, false)).toBe(wheelZoomFactor(100, false));
        expect(wheelZoomFactor(0, true)).toBe(1);
    });

    it('clamps a viewport restored from saved state', () => {
        expect(clampViewport({ x: 1, y: 2, scale: 100 })).toEqual({ x: 1, y: 2, scale: MAX_SCALE });
        expect(clampViewport({ x: 1, y: 2, scale: 0 })).toEqual({ x: 1, y: 2, scale: MIN_SCALE });
    });
});

describe('panning', () => {
    it('moves the diagram with the pointer, in screen px whatever the zoom', () => {
        const viewport: Viewport = { x: 0, y: 0, scale: 2 };
        const point = { x: 50, y: 50 };
        const before = toScreen(viewport, point);
        const panned = panViewport(viewport, 30, -10);
        const after = toScreen(panned, point);
        expect(after.x - before.x).toBeCloseTo(30);
        expect(after.y - before.y).toBeCloseTo(-10);
        expect(panned.scale).toBe(2);
    });
});

describe('revealing an element', () => {
    const viewport: Viewport = { x: 0, y: 0, scale: 1 };

    it('leaves the viewport alone when the element is wholly visible', () => {
        expect(revealBox(viewport, { x: 10, y: 10, width: 100, height: 50 }, CANVAS)).toBeUndefined();
    });

    it('centres an element that is outside or cut by the edge, keeping the zoom', () => {
        // At half size the canvas shows 2000 × 1200 units: this box is beyond it.
        const box: Box = { x: 2100, y: 950, width: 100, height: 50 };
        const moved = revealBox({ ...viewport, scale: 0.5 }, box, CANVAS)!;
        expect(moved.scale).toBe(0.5);
        const centre = toScreen(moved, { x: 2150, y: 975 });
        expect(centre.x).toBeCloseTo(500);
        expect(centre.y).toBeCloseTo(300);
        expect(revealBox(viewport, { x: 950, y: 10, width: 100, height: 50 }, CANVAS)).toBeDefined();
    });
});

describe('anchoring across a re-layout', () => {
    it('keeps the selected element at the same place on screen when the layout moves it', () => {
        const viewport: Viewport = { x: 20, y: -5, scale: 1.5 };
        const before = { x: 300, y: 200 };
        const after = { x: 420, y: 160 };
        const anchored = anchorViewport(viewport, before, after);
        expect(toScreen(anchored, after)).toEqual(toScreen(viewport, before));
        expect(anchored.scale).toBe(viewport.scale);
    });

    it('measures how far a node jumped on screen, where its glide starts', () => {
        const old: Viewport = { x: 0, y: 0, scale: 1 };
        const now: Viewport = { x: 50, y: 0, scale: 1 };
        // The node moved 50 to the right in the diagram and the viewport followed: it did not move on screen.
        expect(screenOffset({ x: 100, y: 100 }, old, { x: 150, y: 100 }, now)).toEqual({ x: 0, y: 0 });
        expect(screenOffset({ x: 100, y: 100 }, old, { x: 100, y: 130 }, old)).toEqual({ x: 0, y: -30 });
    });
});

describe('the view box', () => {
    it('spans the canvas at the viewport scale, rounded to two decimals', () => {
        expect(viewBoxOf({ x: 1.23456, y: -7.891, scale: 3 }, CANVAS)).toBe('1.23 -7.89 333.33 200');
        expect(zoomPercent(1.254)).toBe('125%');
    });

    it('reads the diagram extent from the viewBox, else width and height, else a default', () => {
        expect(naturalBounds('-10 20 300 200', '600', '400')).toEqual({ x: -10, y: 20, width: 300, height: 200 });
        expect(naturalBounds(' 0,0,50,60 ', null, null)).toEqual({ x: 0, y: 0, width: 50, height: 60 });
        expect(naturalBounds('0 0 0 10', '640px', '480')).toEqual({ x: 0, y: 0, width: 640, height: 480 });
        expect(naturalBounds('bogus', null, '-3')).toEqual({ x: 0, y: 0, width: 100, height: 100 });
    });

    it('uses the diagram size while the canvas has none (a hidden panel)', () => {
        const bounds: Box = { x: 0, y: 0, width: 320, height: 240 };
        expect(canvasOrDiagramSize({ width: 0, height: 500 }, bounds)).toEqual({ width: 320, height: 240 });
        expect(canvasOrDiagramSize(CANVAS, bounds)).toEqual(CANVAS);
    });
});
