/**
 * Views too deep to read from left to right. A layered layout puts a chain of boxes one per
 * column: a generated organisation of 25 collapsed domains, each calling the next, drew
 * 8,400 px wide and 2,000 px high. When a view does not set its `direction:`, such a view is
 * drawn top-down instead, where the chain's depth takes rows and the boxes of one layer sit
 * side by side. Decided before layout from the graph alone (longest path, with feedback edges
 * turned round as the layout turns them), so the same input gives the same picture.
 */
import type { Direction } from '../model/arch-model.js';
import type { Diagram } from './diagram-model.js';
import { feedbackEdges } from './edge-orientation.js';

/** A drawing wider than this (estimated) is turned top-down when its view has no direction. */
export const MAX_DRAWING_SIDE = 6000;

/** Space ELK leaves between two layers, edges included (measured on the generated models: about 100 px). */
const LAYER_GAP = 100;

/**
 * The direction to draw a diagram laid out `right` or `left` in when its layers would make it
 * wider than `MAX_DRAWING_SIDE` (`down` or `up`), else undefined. Boxes inside open zones
 * count like the others: the layout puts every box of the diagram into one sequence of
 * layers, whatever zone holds it, so opening a zone of a deep view does not turn it round.
 */
export function deepViewDirection(diagram: Pick<Diagram, 'nodes' | 'edges' | 'direction'>): Direction | undefined {
    if (diagram.direction !== 'right' && diagram.direction !== 'left') return undefined;
    const layers = layerWidths(diagram);
    const width = layers.reduce((sum, w) => sum + w, 0) + LAYER_GAP * Math.max(0, layers.length - 1);
    if (width <= MAX_DRAWING_SIDE) return undefined;
    return diagram.direction === 'right' ? 'down' : 'up';
}

/** Per layer (longest path from a source, feedback edges reversed), the widest box in it. */
function layerWidths(diagram: Pick<Diagram, 'nodes' | 'edges'>): number[] {
    const backwards = feedbackEdges(diagram);
    const boxes = diagram.nodes.filter(node => !node.compound);
    const ids = new Set(boxes.map(node => node.id));
    const successors = new Map<string, string[]>(boxes.map(node => [node.id, []]));
    const indegree = new Map<string, number>(boxes.map(node => [node.id, 0]));
    for (const edge of diagram.edges) {
        if (!ids.has(edge.source) || !ids.has(edge.target) || edge.source === edge.target) continue;
        const [from, to] = backwards.has(edge.id) ? [edge.target, edge.source] : [edge.source, edge.target];
        successors.get(from)!.push(to);
        indegree.set(to, indegree.get(to)! + 1);
    }
    const layer = new Map<string, number>();
    const queue = boxes.filter(node => indegree.get(node.id) === 0).map(node => node.id);
    for (const id of queue) layer.set(id, 0);
    for (let i = 0; i < queue.length; i++) {
        const id = queue[i];
        for (const next of successors.get(id)!) {
            layer.set(next, Math.max(layer.get(next) ?? 0, layer.get(id)! + 1));
            indegree.set(next, indegree.get(next)! - 1);
            if (indegree.get(next) === 0) queue.push(next);
        }
    }
    const widths: number[] = [];
    for (const node of boxes) {
        const l = layer.get(node.id) ?? 0; // a node left on a cycle (none after feedback reversal) counts in the first layer
        widths[l] = Math.max(widths[l] ?? 0, node.width);
    }
    return Array.from(widths, w => w ?? 0);
}
