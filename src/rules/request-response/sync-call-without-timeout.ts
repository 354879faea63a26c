import { analyze, arrow, prop } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';

/** Service-to-service calls that can wait forever. */
export const syncCallWithoutTimeout = defineRule({
    id: 'sync-call-without-timeout',
    area: 'request-response',
    severity: 'info',
    title: 'A synchronous call between services has no timeout.',
    rationale: 'Without a timeout a slow callee holds the caller\'s threads and connections until they run out, and the failure spreads upstream. Every remote call needs a deadline.',
    fires: 'A sync connection between two service-like components has no `timeout`, and the caller declares no default `timeout` either.',
    fix: 'Insert `{ timeout: 2s }` on the connection.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service orders\nservice stock\norders -> stock : grpcs',
        valid: 'service orders\nservice stock\norders -> stock : grpcs { timeout: 2s }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.connections
        .filter(c => c.style === 'sync' && a.serviceLike(c.source) && a.serviceLike(c.target))
        .filter(c => prop(c.properties, 'timeout') === undefined)
        .filter(c => { const s = a.components.get(c.source)!; return prop(s.properties, 'timeout') === undefined && !s.hasUnresolvedReferences; })
        .map(c => finding(c.location,
            `The synchronous call '${arrow(c)}' has no timeout; a slow '${c.target}' ties up '${c.source}' indefinitely.`,
            { elements: [c.source, c.target], fixes: [fix('Insert timeout: 2s', setProperty(c, 'timeout', '2s'))] }));
});
