import { prop } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { originsOf } from './shared.js';

const PREFERENCE = ['storage', 'gateway', 'loadbalancer', 'service', 'function', 'external'];

/** A CDN with nowhere to fetch a cache miss from. */
export const cdnMissingOrigin = defineRule({
    id: 'cdn-missing-origin',
    area: 'cdn-dns',
    severity: 'error',
    title: 'A CDN has no origin.',
    rationale: 'On a cache miss the edge fetches from the origin and stores a copy. A CDN without an origin cannot serve anything it does not already hold, so the request flow DNS → edge → miss → origin is broken.',
    fires: 'A `cdn` has no `origin` and no outgoing sync connection to a service-like component, gateway, load balancer, storage or external system.',
    fix: 'Set `origin:` to a candidate (a storage, gateway, load balancer or service of the model).',
    quickFix: ['set-property'],
    examples: {
        invalid: 'cdn edge { ttl: 1h  waf: true }\nstorage assets',
        valid: 'cdn edge { origin: assets  ttl: 1h  waf: true }\nstorage assets',
    },
}, (model, { finding }) => model.components
    .filter(c => c.kind === 'cdn' && !c.hasUnresolvedReferences && prop(c.properties, 'origin') === undefined && originsOf(model, c).length === 0)
    .map(cdn => {
        const candidates = PREFERENCE.flatMap(kind => model.components.filter(c => c.kind === kind)).map(c => c.id);
        return finding(cdn.nameLocation,
            `The CDN '${cdn.id}' has no origin: on a cache miss it has nowhere to fetch from; set origin: to the storage or service it fronts.`,
            { elements: [cdn.id], fixes: candidates.slice(0, 3).map((c, i) => fix(`Set origin: ${c}`, setProperty(cdn, 'origin', c), i === 0)) });
    }));
