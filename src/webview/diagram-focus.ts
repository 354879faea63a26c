/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The diagram for the keyboard and screen readers: after each SVG is shown, its boxes become
 * buttons named by the renderer's `aria-label` (kind, label, zone, findings) with a roving
 * tabindex in reading order, its edges images named by their ends, protocol and count, and the
 * document a group named by its `<title>` and described by its `<desc>`. Also dims what is
 * not near the selected box (one or two hops) and finds boxes for the search box.
 */
import { arrowTarget, edgeEnds, neighbourhood, readingOrder, searchBoxes, type ArrowDirection, type NavBox, type NavEdge } from './diagram-navigation.js';

/** A focusable box on the canvas. */
interface FocusBox extends NavBox {
    element: SVGGraphicsElement;
}

export const ARROWS: Record<string, ArrowDirection> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export class DiagramFocus {
    private boxes: FocusBox[] = [];
    private edges: NavEdge[] = [];
    private edgeElements: Element[] = [];
    private byId = new Map<string, FocusBox>();
    /** The box with tabindex 0. */
    private active: string | undefined;
    /** 0: nothing dimmed; 1 or 2: hops kept around the selection. */
    hops = 0;

    /** Makes a freshly shown SVG navigable; focuses `focusId` again when it was focused before. */
    prepare(svg: SVGSVGElement, focusId: string | undefined): void {
        this.nameDocument(svg);
        this.boxes = [];
        for (const element of svg.querySelectorAll<SVGGraphicsElement>('[data-kind][data-id]')) {
            element.setAttribute('role', 'button');
            element.setAttribute('tabindex', '-1');
            if (element.getAttribute('data-collapsed') === 'true') element.setAttribute('aria-expanded', 'false');
            let box: NavBox['box'];
            try {
                const b = element.getBBox();
                box = { x: b.x, y: b.y, width: b.width, height: b.height };
            } catch {
                box = { x: 0, y: 0, width: 0, height: 0 };
            }
            const label = element.querySelector('text')?.textContent ?? '';
            this.boxes.push({ id: element.getAttribute('data-id')!, label, box, element });
        }
        this.boxes = readingOrder(this.boxes);
        this.byId = new Map(this.boxes.map(b => [b.id, b]));
        this.edgeElements = [...svg.querySelectorAll('.aw-edge[data-source][data-target]')];
        this.edges = this.edgeElements.map(e => ({
            source: e.getAttribute('data-source')!, target: e.getAttribute('data-target')!, callers: e.getAttribute('data-callers')?.split(' '),
        }));
        for (const edge of this.edgeElements) edge.setAttribute('role', 'img');
        const keep = focusId && this.byId.has(focusId) ? focusId : this.active && this.byId.has(this.active) ? this.active : this.boxes[0]?.id;
        this.active = undefined;
        if (keep) this.setActive(keep);
        if (focusId && keep === focusId) this.byId.get(focusId)!.element.focus({ preventScroll: true });
    }

    /** The document is a group (its boxes are reachable), named by the view's title, described by its summary. */
    private nameDocument(svg: SVGSVGElement): void {
        const title = svg.querySelector(':scope > title');
        if (title) {
            // As an aria-label rather than a <title>: a root <title> would be the tooltip of the whole canvas.
            svg.setAttribute('aria-label', title.textContent ?? '');
            svg.removeAttribute('aria-labelledby');
            title.remove();
        }
        svg.setAttribute('role', 'group');
    }

    /** The model id of the focusable box `element` is or is inside, if any. */
    boxIdOf(element: Element | null): string | undefined {
        const box = element?.closest('[data-kind][data-id]');
        const id = box?.getAttribute('data-id') ?? undefined;
        return id && this.byId.get(id)?.element === box ? id : undefined;
    }

    /** Makes `id` the box Tab lands on. */
    setActive(id: string): void {
        if (this.active === id || !this.byId.has(id)) return;
        if (this.active) this.byId.get(this.active)?.element.setAttribute('tabindex', '-1');
        this.active = id;
        this.byId.get(id)!.element.setAttribute('tabindex', '0');
    }

    /** Focuses box `id` (it becomes the active one). */
    focus(id: string): void {
        const box = this.byId.get(id);
        if (!box) return;
        this.setActive(id);
        box.element.focus({ preventScroll: true });
    }

    /** The box an arrow key moves to from `id`. */
    arrow(id: string, direction: ArrowDirection): string | undefined {
        const from = this.byId.get(id);
        return from ? arrowTarget(from, this.boxes, this.edges, direction)?.id : undefined;
    }

    /** The first (`home`) or last box in reading order. */
    end(which: 'home' | 'end'): string | undefined {
        return (which === 'home' ? this.boxes[0] : this.boxes[this.boxes.length - 1])?.id;
    }

    /** The next (`step` 1) or previous (-1) box after `id` in reading order, wrapping around. */
    step(id: string, step: 1 | -1): string | undefined {
        const index = this.boxes.findIndex(b => b.id === id);
        return index < 0 ? undefined : this.boxes[(index + step + this.boxes.length) % this.boxes.length].id;
    }

    /** Boxes matching a search text, best first. */
    search(query: string): string[] {
        return searchBoxes(query, this.boxes).map(b => b.id);
    }

    /**
     * Dims every box and edge farther than `hops` from `selected` (containers stay: they are the
     * background of what is kept); undims all when there is no selection or dimming is off.
     */
    dimAround(selected: string | undefined): void {
        const kept = selected && this.hops > 0 ? neighbourhood(selected, this.edges, this.hops) : undefined;
        for (const box of this.boxes) {
            const container = box.element.closest('.aw-zones, .aw-containers') !== null;
            box.element.classList.toggle('archway-dimmed', kept !== undefined && !container && !kept.has(box.id));
        }
        this.edgeElements.forEach((element, i) => {
            const edge = this.edges[i];
            element.classList.toggle('archway-dimmed', kept !== undefined && !edgeEnds(edge).some(([source, target]) => kept.has(source) && kept.has(target)));
        });
    }
}
