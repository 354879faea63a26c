/**
 * The diagram renderer the language server hands to the diagram handler: the diagram pipeline
 * (`src/diagram`) behind the handler's small `DiagramRenderer` interface.
 */
import { LayoutCancelledError, renderDiagram } from '../diagram/index.js';
import type { DiagramRenderer } from '../lsp/diagram-handler.js';

/** Selects, lays out (in the layout worker) and draws a view; reports which zones are collapsed. */
export const renderServerDiagram: DiagramRenderer = async (model, options) => {
    const result = await renderDiagram(model, options);
    const { diagram } = result;
    return {
        svg: result.svg, viewIds: result.viewIds, flowIds: result.flowIds, view: result.layout.view, collapse: diagram.collapse,
        drawnIds: [...diagram.nodes.map(node => node.id), ...diagram.edges.map(edge => edge.id)],
        // A merged edge or an implied relation's edge reveals its first member's declaration.
        locatedBy: Object.fromEntries(diagram.edges.filter(edge => edge.members.length > 0 && !edge.connections.includes(edge.id))
            .map(edge => [edge.id, edge.members[0].id])),
    };
};

/** True for the renderer's "superseded by a newer layout" errors. */
export function isLayoutCancellation(error: unknown): boolean {
    return error instanceof LayoutCancelledError;
}
