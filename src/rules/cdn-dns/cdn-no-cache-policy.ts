import { durationProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';

/** A CDN with no caching policy. */
export const cdnNoCachePolicy = defineRule({
    id: 'cdn-no-cache-policy',
    area: 'cdn-dns',
    severity: 'info',
    title: 'A CDN has no cache policy (no ttl, or ttl 0).',
    rationale: 'A CDN earns its place by serving cache hits from the edge. Without a TTL every request may go back to the origin, and the edge only adds a hop.',
    fires: 'A `cdn` has no `ttl`, or `ttl: 0`.',
    fix: 'Insert `ttl: 1h`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'cdn edge { origin: assets  waf: true }\nstorage assets',
        valid: 'cdn edge { origin: assets  ttl: 1h  waf: true }\nstorage assets',
    },
}, (model, { finding }) => model.components
    .filter(c => c.kind === 'cdn' && !c.hasUnresolvedReferences && !(durationProp(c.properties, 'ttl')! > 0))
    .map(cdn => {
        const ttl = cdn.properties.get('ttl');
        return finding(ttl?.location ?? cdn.nameLocation,
            ttl ? `The CDN '${cdn.id}' has ttl 0 and caches nothing; every request goes to the origin.`
                : `The CDN '${cdn.id}' has no ttl, so its caching policy is undefined; set how long edges keep a copy.`,
            { elements: [cdn.id], fixes: [fix('Set ttl: 1h', setProperty(cdn, 'ttl', '1h'))] });
    }));
