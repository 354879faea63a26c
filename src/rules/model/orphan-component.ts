import { allReferences, Describe, isExternal } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, removeElement } from '../fix.js';

/** A component nothing connects to and nothing references. */
export const orphanComponent = defineRule({
    id: 'orphan-component',
    area: 'model',
    severity: 'warning',
    title: 'A component has no connection and nothing references it.',
    rationale: 'A box with no lines is either dead architecture or a missing connection; both make the diagram lie. Structurizr reports the same as `model.element.disconnected`.',
    fires: 'A component has no connection of any style (its topics and queues count for a broker), no reference property points at it, and it references nothing itself. Components with `external: true` are exempt. The diagnostic carries the `Unnecessary` tag.',
    fix: 'Delete the component.',
    quickFix: ['remove-element'],
    examples: {
        invalid: 'service orders\nservice legacy "Old reports"\nclient web\nweb -> orders : https',
        valid: 'service orders\nclient web\nweb -> orders : https',
    },
}, (model, { finding }) => {
    const referenced = new Set<string>();
    const add = (id: string): void => {
        referenced.add(id);
        const element = model.elements.get(id);
        if (element?.type === 'channel') referenced.add(element.broker);
    };
    for (const c of model.components) {
        const refs = allReferences(c.properties);
        if (refs.length > 0) referenced.add(c.id);
        refs.forEach(add);
    }
    for (const ch of model.channels) allReferences(ch.properties).forEach(add);
    for (const connection of model.connections) {
        add(connection.source);
        add(connection.target);
        allReferences(connection.properties).forEach(add);
    }
    return model.components
        .filter(c => !referenced.has(c.id) && !isExternal(c) && !c.hasUnresolvedReferences)
        .map(c => finding(c.nameLocation,
            `${Describe(c)} has no connections and nothing references it; connect it or remove it.`,
            { elements: [c.id], tags: [1], fixes: [fix(`Delete '${c.id}'`, removeElement(c), false)] }));
});
