import { opOf, prop, quotedList, relatedConnection } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { analyze } from '../analysis.js';

/** A gateway serving reads without response caching. */
export const gatewayCacheDisabled = defineRule({
    id: 'gateway-cache-disabled',
    area: 'gateway',
    severity: 'info',
    title: 'A gateway serves reads but caches nothing.',
    rationale: 'Caching read responses at the gateway is one of its core jobs: it cuts latency and load on the services for idempotent reads.',
    fires: 'A gateway has no `cache`, and one of its routes or outgoing connections is marked `op: read`.',
    fix: 'Insert `cache: 30s`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'gateway api {\n  route "/catalog" -> catalog { op: read }\n}\nservice catalog',
        valid: 'gateway api {\n  cache: 30s\n  route "/catalog" -> catalog { op: read }\n}\nservice catalog',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.components
        .filter(g => g.kind === 'gateway' && !g.hasUnresolvedReferences && prop(g.properties, 'cache') === undefined)
        .flatMap(g => {
            const reads = a.syncOut(g.id).filter(c => opOf(c) === 'read');
            if (reads.length === 0) return [];
            return [finding(g.nameLocation,
                `The gateway '${g.id}' serves reads (${quotedList(reads.map(r => r.path || r.target))}) but has no cache.`,
                { elements: [g.id], related: reads.map(r => relatedConnection(r, 'A read behind the gateway.')), fixes: [fix('Insert cache: 30s', setProperty(g, 'cache', '30s'))] })];
        });
});
