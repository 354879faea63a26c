/**
 * Sizes decided once everything is added: containers are as wide as their title needs (ELK
 * grows them around their children); collapsed zones grow along the side their edges attach
 * to, so many edges do not fan into one point.
 */
import type { Direction } from '../../model/arch-model.js';
import { containerMinWidth, quantize } from '../diagram-model.js';
import type { DiagramGraph } from './diagram-graph.js';

export function sizeContainers(graph: DiagramGraph, direction: Direction): void {
    const degree = new Map<string, number>();
    for (const edge of graph.edges) {
        degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
        degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
    }
    const horizontal = direction === 'right' || direction === 'left';
    for (const node of graph.nodes) {
        if (node.compound) node.width = quantize(containerMinWidth(node));
        if (node.role === 'collapsed-zone' || node.role === 'collapsed-broker') {
            const span = quantize((degree.get(node.id) ?? 0) * 8);
            if (horizontal) node.height = Math.max(node.height, span);
            else node.width = Math.max(node.width, span);
        }
    }
}
