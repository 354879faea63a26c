/**
 * Readability measures of a laid-out Archway diagram, computed from its JSON export
 * (`archway export --format json`, or `renderDiagram(…).layout`): boxes, zones, edges,
 * canvas size, edge crossings and the worst edge detour. Pure functions, no layout here;
 * `scripts/layout-quality.ts` prints them for every view of a set of models.
 */
import type { DiagramLayoutJson } from '../src/diagram/index.js';

// ---------------------------------------------------------------------------- geometry

type Point = readonly [number, number];

/** Coordinates closer than this are the same point (the export rounds to 0.01 px). */
const EPSILON = 0.05;

const samePoint = (a: Point, b: Point): boolean => Math.abs(a[0] - b[0]) <= EPSILON && Math.abs(a[1] - b[1]) <= EPSILON;

/** Length of a polyline. */
export function polylineLength(points: readonly Point[]): number {
    let length = 0;
    for (let i = 1; i < points.length; i++) length += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
    return length;
}

/**
 * The single point where segments `p1-p2` and `q1-q2` meet, or undefined when they do
 * not meet or overlap along a stretch (collinear overlaps are not crossings).
 */
export function segmentIntersection(p1: Point, p2: Point, q1: Point, q2: Point): Point | undefined {
    const rx = p2[0] - p1[0], ry = p2[1] - p1[1];
    const sx = q2[0] - q1[0], sy = q2[1] - q1[1];
    const denominator = rx * sy - ry * sx;
    const qpx = q1[0] - p1[0], qpy = q1[1] - p1[1];
    if (Math.abs(denominator) < 1e-9) return undefined; // parallel or collinear
    const t = (qpx * sy - qpy * sx) / denominator;
    const u = (qpx * ry - qpy * rx) / denominator;
    // Tolerance in parameter space, relative to each segment's length.
    const tEps = EPSILON / Math.max(Math.hypot(rx, ry), EPSILON);
    const uEps = EPSILON / Math.max(Math.hypot(sx, sy), EPSILON);
    if (t < -tEps || t > 1 + tEps || u < -uEps || u > 1 + uEps) return undefined;
    return [p1[0] + t * rx, p1[1] + t * ry];
}

interface Box { minX: number; minY: number; maxX: number; maxY: number }

function boundsOf(points: readonly Point[]): Box {
    const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const [x, y] of points) {
        box.minX = Math.min(box.minX, x); box.maxX = Math.max(box.maxX, x);
        box.minY = Math.min(box.minY, y); box.maxY = Math.max(box.maxY, y);
    }
    return box;
}

const overlaps = (a: Box, b: Box): boolean =>
    a.minX <= b.maxX + EPSILON && b.minX <= a.maxX + EPSILON && a.minY <= b.maxY + EPSILON && b.minY <= a.maxY + EPSILON;

/**
 * Edge crossings: for every pair of edges, the distinct points where a segment of one
 * meets a segment of the other at a single point, not counting points that are an end of
 * either polyline (edges sharing a box meet at its border; an edge ending on another is a
 * touch, not a crossing). Collinear overlaps are not counted. A crossing through a bend of
 * one edge is counted once.
 */
export function countCrossings(polylines: readonly (readonly Point[])[]): number {
    const bounds = polylines.map(boundsOf);
    let crossings = 0;
    for (let i = 0; i < polylines.length; i++) {
        const a = polylines[i];
        if (a.length < 2) continue;
        for (let j = i + 1; j < polylines.length; j++) {
            const b = polylines[j];
            if (b.length < 2 || !overlaps(bounds[i], bounds[j])) continue;
            const ends = [a[0], a[a.length - 1], b[0], b[b.length - 1]];
            const found: Point[] = [];
            for (let s = 1; s < a.length; s++) {
                for (let t = 1; t < b.length; t++) {
                    const point = segmentIntersection(a[s - 1], a[s], b[t - 1], b[t]);
                    if (!point || ends.some(end => samePoint(end, point)) || found.some(f => samePoint(f, point))) continue;
                    found.push(point);
                }
            }
            crossings += found.length;
        }
    }
    return crossings;
}

// ---------------------------------------------------------------------------- measures

/** Readability measures of one laid-out view. */
export interface LayoutQuality {
    view: string;
    /** Components, channels and collapsed zones drawn as boxes. */
    boxes: number;
    /** Expanded zones (containers). */
    zones: number;
    edges: number;
    width: number;
    height: number;
    crossings: number;
    /** Largest drawn length ÷ Manhattan distance between the end boxes' centres (0 when no edge qualifies). */
    worstDetour: number;
    /** The edge with the largest detour. */
    worstDetourEdge: string | undefined;
}

/** Measures a laid-out view (the JSON export of `archway export --format json`). */
export function measureLayout(layout: DiagramLayoutJson): LayoutQuality {
    const centres = new Map(layout.nodes.map(n => [n.id, [n.x + n.width / 2, n.y + n.height / 2] as const]));
    let worstDetour = 0;
    let worstDetourEdge: string | undefined;
    for (const edge of layout.edges) {
        const from = centres.get(edge.source), to = centres.get(edge.target);
        if (!from || !to || edge.points.length < 2) continue;
        const manhattan = Math.abs(from[0] - to[0]) + Math.abs(from[1] - to[1]);
        if (manhattan < EPSILON) continue; // a self-loop has no distance to cover
        const ratio = polylineLength(edge.points) / manhattan;
        if (ratio > worstDetour) {
            worstDetour = ratio;
            worstDetourEdge = edge.id;
        }
    }
    return {
        view: layout.view,
        boxes: layout.nodes.filter(n => n.role !== 'zone').length,
        zones: layout.nodes.filter(n => n.role === 'zone').length,
        edges: layout.edges.length,
        width: Math.round(layout.width),
        height: Math.round(layout.height),
        crossings: countCrossings(layout.edges.map(e => e.points)),
        worstDetour,
        worstDetourEdge,
    };
}
