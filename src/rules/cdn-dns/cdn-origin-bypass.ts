import { analyze, arrow, Describe, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import type { Finding } from '../../model/arch-model.js';
import { hasTrait } from '../../model/component-kinds.js';
import { originsOf } from './shared.js';

/** The CDN's origin is reachable without going through the CDN. */
export const cdnOriginBypass = defineRule({
    id: 'cdn-origin-bypass',
    area: 'cdn-dns',
    severity: 'warning',
    title: 'A CDN\'s origin is reachable directly, around the CDN.',
    rationale: 'The CDN shields the origin: it absorbs load, terminates TLS at the edge and filters traffic. If clients or DNS can reach the origin directly, attackers and misconfigured clients skip the edge and its cache.',
    fires: 'A CDN\'s origin is also the target of a sync connection from an entry point, is connected to by a `dns`, or sits in a `trust: public` zone.',
    fix: 'Point the client or DNS at the CDN instead of the origin.',
    examples: {
        invalid: 'client web\ncdn edge { origin: assets  ttl: 1h  waf: true }\nstorage assets\nweb -> edge : https\nweb -> assets : https',
        valid: 'client web\ncdn edge { origin: assets  ttl: 1h  waf: true }\nstorage assets\nweb -> edge : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    const seen = new Set<string>();
    for (const cdn of model.components) {
        if (cdn.kind !== 'cdn' || cdn.hasUnresolvedReferences) continue;
        for (const origin of originsOf(model, cdn)) {
            if (origin.kind === 'cdn') continue;
            for (const connection of a.incoming(origin.id)) {
                const source = a.components.get(connection.source);
                if (!source || source.id === cdn.id || seen.has(connection.id)) continue;
                const direct = connection.style === 'sync' && a.isEntry(source) && !hasTrait(source.kind, 'front');
                if (!direct && source.kind !== 'dns') continue;
                seen.add(connection.id);
                result.push(finding(connection.location,
                    `${Describe(source)} reaches '${origin.id}' directly ('${arrow(connection)}'), but '${origin.id}' is the origin of the CDN '${cdn.id}'; go through the CDN.`,
                    { elements: [source.id, origin.id, cdn.id], related: [relatedElement(cdn, `The CDN '${cdn.id}' fronts '${origin.id}'.`)] }));
            }
            if (origin.trust === 'public' && !seen.has(origin.id)) {
                seen.add(origin.id);
                result.push(finding(origin.nameLocation,
                    `'${origin.id}' is the origin of the CDN '${cdn.id}' but sits in a public zone, reachable around the CDN; move it to a private zone.`,
                    { elements: [origin.id, cdn.id], related: [relatedElement(cdn, `The CDN '${cdn.id}' fronts '${origin.id}'.`)] }));
            }
        }
    }
    return result;
});
