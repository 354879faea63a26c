import { arrow, relatedConnection } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, removeConnection } from '../fix.js';
import type { Connection } from '../../model/arch-model.js';

/** Two connections with the same ends, style and protocol. */
export const duplicateConnection = defineRule({
    id: 'duplicate-connection',
    area: 'model',
    severity: 'warning',
    title: 'Two connections have the same ends, style and protocol.',
    rationale: 'A second identical connection draws a second line for one call and counts the call twice in every rule that follows the topology; it is usually left over from an edit (a call moved behind a gateway that was already there).',
    fires: 'A connection (`a -> b` or `-> b` in a body) has the same source, target, style (`->` or `~>`) and protocol as one written before it, imports included. Gateway routes are not connections here: a route and a connection to the same target are reported by neither. The finding is on the later copy.',
    fix: 'Remove the copy (preferred only when it sets no properties of its own).',
    quickFix: ['remove-connection'],
    examples: {
        invalid: 'client web\nservice orders { replicas: 2 }\nweb -> orders : https { loadBalancing: client }\nweb -> orders : https',
        valid: 'client web\nservice orders { replicas: 2 }\nweb -> orders : https { loadBalancing: client }',
    },
}, (model, { finding }) => {
    const first = new Map<string, Connection>();
    const result = [];
    for (const connection of model.connections) {
        if (connection.origin === 'route') continue;
        const key = `${connection.source}\u0000${connection.style}\u0000${connection.target}\u0000${connection.protocol ?? ''}`;
        const original = first.get(key);
        if (!original) {
            first.set(key, connection);
            continue;
        }
        const protocol = connection.protocol !== undefined ? ` over '${connection.protocol}'` : '';
        result.push(finding(connection.location,
            `The connection '${arrow(connection)}'${protocol} is declared twice; remove the copy.`,
            {
                elements: [connection.source, connection.target],
                tags: [1],
                related: [relatedConnection(original, `The first '${arrow(original)}'.`)],
                fixes: [fix(`Remove the copy of '${arrow(connection)}'`, removeConnection(connection), connection.properties.size === 0)],
            }));
    }
    return result;
});
