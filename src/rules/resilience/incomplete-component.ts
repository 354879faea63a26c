import { analyze, arrow } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProtocol } from '../fix.js';

/** A public-boundary connection that does not say how it travels. */
export const incompleteComponent = defineRule({
    id: 'incomplete-component',
    area: 'resilience',
    severity: 'info',
    title: 'A connection across the public boundary has no protocol.',
    rationale: 'Whether traffic over the public boundary is encrypted can only be checked when the protocol is written down; an unnamed protocol hides plaintext.',
    fires: 'A connection (not a gateway route, not a DNS resolution) whose end is an entry point, or a CDN→origin hop, has no `: protocol`.',
    fix: 'Insert `: https`.',
    quickFix: ['set-protocol'],
    examples: {
        invalid: 'client web\nservice api { replicas: 2 }\nweb -> api',
        valid: 'client web\nservice api { replicas: 2 }\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.connections
        .filter(c => c.origin !== 'route' && c.protocol === undefined && a.components.get(c.source)?.kind !== 'dns' && a.crossesPublicBoundary(c) && !a.endpoint(c.source)?.hasUnresolvedReferences)
        .map(c => finding(c.location,
            `The connection '${arrow(c)}' crosses the public boundary but names no protocol, so its encryption cannot be checked; add one such as ': https'.`,
            { elements: [c.source, c.target], fixes: [fix('Insert : https', setProtocol(c, 'https'))] }));
});
