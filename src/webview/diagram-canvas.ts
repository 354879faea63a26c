/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The diagram on the canvas: inserts a sanitised SVG (its styles through CSSOM, its background
 * extended to the whole canvas), finds the drawn elements by model id, measures them, and
 * glides nodes to a new layout.
 */
import { parseSafeSvg } from './svg-sanitize.js';
import { canvasOrDiagramSize, naturalBounds, screenOffset, type Box, type Point, type Size, type Viewport } from './viewport.js';

/** Above this many drawn ids, a re-layout does not glide (measuring every node costs more than it shows). */
const GLIDE_LIMIT = 400;

export class DiagramCanvas {
    /** The SVG shown, once one was. */
    svg: SVGSVGElement | undefined;
    /** The diagram's extent in SVG units. */
    bounds: Box = { x: 0, y: 0, width: 100, height: 100 };
    /** Drawn elements by `data-id` (an edge and its label share an id). */
    private byId = new Map<string, Element[]>();
    private adoptedSheet: CSSStyleSheet | undefined;

    constructor(readonly element: HTMLDivElement) {}

    /** The canvas size in px (the diagram's own while the canvas has none). */
    size(): Size {
        return canvasOrDiagramSize({ width: this.element.clientWidth, height: this.element.clientHeight }, this.bounds);
    }

    /** Replaces the diagram with `markup`; false (and nothing changes) when it is not well-formed SVG. */
    show(markup: string): boolean {
        const parsed = parseSafeSvg(markup, document);
        if (!parsed) return false;
        const { element, styles, css } = parsed;
        this.bounds = naturalBounds(element.getAttribute('viewBox'), element.getAttribute('width'), element.getAttribute('height'));
        element.removeAttribute('width');
        element.removeAttribute('height');
        element.setAttribute('preserveAspectRatio', 'xMidYMid meet');
        element.setAttribute('class', `${element.getAttribute('class') ?? ''} archway-diagram`.trim());
        for (const [node, value] of styles) (node as SVGElement).style.cssText = value;
        this.adoptStyles(css);
        this.element.style.backgroundColor = this.backgroundOf(element);
        this.element.replaceChildren(element);
        this.svg = element;
        this.byId = new Map();
        for (const node of element.querySelectorAll('[data-id]')) {
            const id = node.getAttribute('data-id')!;
            const list = this.byId.get(id);
            if (list) list.push(node);
            else this.byId.set(id, [node]);
            node.classList.add('archway-element');
        }
        return true;
    }

    /** Shows a line of text instead of a diagram. */
    showPlaceholder(text: string): void {
        const placeholder = document.createElement('div');
        placeholder.className = 'placeholder';
        placeholder.textContent = text;
        this.element.replaceChildren(placeholder);
    }

    setViewBox(viewBox: string): void {
        this.svg?.setAttribute('viewBox', viewBox);
    }

    /** The drawn elements of a model id (none when it is not drawn). */
    elementsOf(id: string): readonly Element[] {
        return this.byId.get(id) ?? [];
    }

    has(id: string): boolean {
        return this.byId.has(id);
    }

    /** Every drawn model id. */
    ids(): IterableIterator<string> {
        return this.byId.keys();
    }

    /** The box of an element in SVG units, if it is drawn and rendered. */
    boxOf(id: string): Box | undefined {
        const node = this.byId.get(id)?.[0];
        if (!(node instanceof SVGGraphicsElement)) return undefined;
        try {
            return node.getBBox();
        } catch {
            return undefined;
        }
    }

    /** Centre of an element's box in SVG units, if it is drawn. */
    centreOf(id: string): Point | undefined {
        const box = this.boxOf(id);
        return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : undefined;
    }

    /** Top-left corners of the drawn nodes (elements with `data-kind`), by id. */
    nodePositions(): Map<string, Point> {
        const positions = new Map<string, Point>();
        if (!this.svg || this.byId.size > GLIDE_LIMIT) return positions;
        for (const [id, nodes] of this.byId) {
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
    glide(previous: Map<string, Point>, previousViewport: Viewport, viewport: Viewport): void {
        if (previous.size === 0 || Math.abs(previousViewport.scale - viewport.scale) > 1e-9
            || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
        const moved: SVGElement[] = [];
        for (const [id, now] of this.nodePositions()) {
            const old = previous.get(id);
            if (!old) continue;
            const offset = screenOffset(old, previousViewport, now, viewport);
            if (Math.abs(offset.x) < 0.5 && Math.abs(offset.y) < 0.5) continue;
            const node = this.byId.get(id)![0] as SVGElement;
            node.style.transform = `translate(${offset.x}px, ${offset.y}px)`;
            moved.push(node);
        }
        if (moved.length === 0) return;
        void this.svg?.getBoundingClientRect(); // commit the start positions before transitioning
        for (const node of moved) {
            node.style.transition = 'transform 240ms ease-out';
            node.style.transform = '';
        }
    }

    /** Replaces the previous diagram's stylesheet with `css`. */
    private adoptStyles(css: string): void {
        if (this.adoptedSheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter(sheet => sheet !== this.adoptedSheet);
        this.adoptedSheet = undefined;
        if (css.trim()) {
            this.adoptedSheet = new CSSStyleSheet();
            this.adoptedSheet.replaceSync(css);
            document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.adoptedSheet];
        }
    }

    /** The renderer paints a full-size background rect: its colour, to extend to the whole canvas ('' for none). */
    private backgroundOf(element: SVGSVGElement): string {
        const background = element.querySelector(':scope > rect');
        const fill = background?.getAttribute('fill');
        const coversAll = background && !background.getAttribute('x') && !background.getAttribute('y')
            && Number(background.getAttribute('width')) >= this.bounds.width && Number(background.getAttribute('height')) >= this.bounds.height;
        return coversAll && fill && /^#[0-9a-f]{3,8}$|^[a-z]+$/i.test(fill) ? fill : '';
    }
}
