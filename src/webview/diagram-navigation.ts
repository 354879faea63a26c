/**
 * Keyboard and search geometry of the preview, pure (no DOM): boxes in reading order, the
 * connected box an arrow key moves to, the boxes within one or two hops of a selection, and
 * which box a search text finds.
 */
import type { Box } from './viewport.js';

/** A focusable box: its model id, label and box in SVG units. */
export interface NavBox {
    id: string;
    label: string;
    box: Box;
}

/** An edge between two drawn boxes (model ids). */
export interface NavEdge {
    source: string;
    target: string;
    /** The boxes whose calls an edge from their zone stands for: they, not the zone, are its sources. */
    callers?: readonly string[];
}

/** The box pairs an edge connects: its source and target, or each of its callers and its target. */
export function edgeEnds(edge: NavEdge): [string, string][] {
    return (edge.callers ?? [edge.source]).map(source => [source, edge.target]);
}

export type ArrowDirection = 'left' | 'right' | 'up' | 'down';

/** Boxes whose tops are closer than this (SVG units) read as one row. */
const ROW_TOLERANCE = 24;

/** Boxes in reading order: rows top to bottom (tops within a tolerance share a row), each row left to right. */
export function readingOrder<T extends NavBox>(boxes: readonly T[]): T[] {
    const byTop = [...boxes].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x || a.id.localeCompare(b.id));
    const ordered: T[] = [];
    let row: T[] = [];
    for (const box of byTop) {
        if (row.length > 0 && box.box.y - row[0].box.y > ROW_TOLERANCE) {
            ordered.push(...row.sort((a, b) => a.box.x - b.box.x || a.box.y - b.box.y));
            row = [];
        }
        row.push(box);
    }
    ordered.push(...row.sort((a, b) => a.box.x - b.box.x || a.box.y - b.box.y));
    return ordered;
}

function centre(box: Box): { x: number; y: number } {
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function contains(outer: Box, inner: Box): boolean {
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** Along `direction`: how far ahead (> 0 when ahead) and how far aside. */
function offsets(from: Box, to: Box, direction: ArrowDirection): { ahead: number; aside: number } {
    const a = centre(from);
    const b = centre(to);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    switch (direction) {
        case 'right': return { ahead: dx, aside: Math.abs(dy) };
        case 'left': return { ahead: -dx, aside: Math.abs(dy) };
        case 'down': return { ahead: dy, aside: Math.abs(dx) };
        case 'up': return { ahead: -dy, aside: Math.abs(dx) };
    }
}

/** The nearest candidate ahead (aside weighs double); with `cone`, only those within 45° of the direction. */
function bestAhead<T extends NavBox>(from: T, candidates: readonly T[], direction: ArrowDirection, cone: boolean): T | undefined {
    let best: { box: T; score: number } | undefined;
    for (const candidate of candidates) {
        const { ahead, aside } = offsets(from.box, candidate.box, direction);
        if (ahead <= 0.5 || (cone && aside > ahead)) continue;
        const score = ahead + 2 * aside;
        if (!best || score < best.score || (score === best.score && candidate.id < best.box.id)) best = { box: candidate, score };
    }
    return best?.box;
}

/**
 * Where an arrow key moves from `from`: the nearest box connected to it by an edge (either way)
 * ahead in that direction (within 45° first); when none is, the nearest box ahead that neither
 * contains it nor lies inside it (Page Down/Up reach every box in reading order).
 */
export function arrowTarget<T extends NavBox>(from: T, boxes: readonly T[], edges: readonly NavEdge[], direction: ArrowDirection): T | undefined {
    const connected = new Set<string>();
    for (const [source, target] of edges.flatMap(edgeEnds)) {
        if (source === from.id) connected.add(target);
        if (target === from.id) connected.add(source);
    }
    connected.delete(from.id);
    const neighbours = boxes.filter(b => connected.has(b.id));
    const others = boxes.filter(b => b.id !== from.id && !contains(b.box, from.box) && !contains(from.box, b.box));
    return bestAhead(from, neighbours, direction, true) ?? bestAhead(from, neighbours, direction, false)
        ?? bestAhead(from, others, direction, true) ?? bestAhead(from, others, direction, false);
}

/** The ids within `hops` edges of `id` (itself included). */
export function neighbourhood(id: string, edges: readonly NavEdge[], hops: number): Set<string> {
    const reached = new Set([id]);
    let frontier = [id];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const next: string[] = [];
        for (const [source, target] of edges.flatMap(edgeEnds)) {
            for (const [a, b] of [[source, target], [target, source]]) {
                if (frontier.includes(a) && !reached.has(b)) {
                    reached.add(b);
                    next.push(b);
                }
            }
        }
        frontier = next;
    }
    return reached;
}

/**
 * The boxes a search text finds, best first: exact id or label, then ones starting with it,
 * then ones containing it (case-insensitive; ties in reading order).
 */
export function searchBoxes<T extends NavBox>(query: string, boxes: readonly T[]): T[] {
    const q = query.trim().toLowerCase();
    if (q.length === 0) return [];
    const rank = (box: T): number => {
        const id = box.id.toLowerCase();
        const label = box.label.toLowerCase();
        if (id === q || label === q) return 0;
        if (id.startsWith(q) || label.startsWith(q)) return 1;
        if (id.includes(q) || label.includes(q)) return 2;
        return 3;
    };
    return readingOrder(boxes).map((box, order) => ({ box, order, rank: rank(box) }))
        .filter(entry => entry.rank < 3)
        .sort((a, b) => a.rank - b.rank || a.order - b.order)
        .map(entry => entry.box);
}
