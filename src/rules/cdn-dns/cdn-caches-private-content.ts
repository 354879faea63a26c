import { analyze, authOf, durationProp, relatedElement, wordProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import type { Component, Finding } from '../../model/arch-model.js';
import { originsOf } from './shared.js';

const PER_USER = new Set(['session', 'jwt', 'oauth2']);

/** A caching CDN in front of per-user content. */
export const cdnCachesPrivateContent = defineRule({
    id: 'cdn-caches-private-content',
    area: 'cdn-dns',
    severity: 'warning',
    title: 'A CDN caches responses of an origin that authenticates per user.',
    rationale: 'Per-user responses cached at a shared edge can be served to the next user: one customer sees another\'s account page. Authenticated requests must bypass the cache.',
    fires: 'A CDN has `ttl` greater than zero, its origin authenticates per user (`auth: session`, `jwt` or `oauth2`, or is behind a gateway that does), and `bypassWhen: authenticated` is not set.',
    fix: 'Insert `bypassWhen: authenticated`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'cdn edge { origin: api  ttl: 1h  waf: true }\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  route "/a" -> app\n}\nservice app',
        valid: 'cdn edge { origin: api  ttl: 1h  waf: true  bypassWhen: authenticated }\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  route "/a" -> app\n}\nservice app',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const perUser = (c: Component): boolean => PER_USER.has(authOf(c.properties)?.mode ?? '');
    const result: Finding[] = [];
    for (const cdn of model.components) {
        if (cdn.kind !== 'cdn' || cdn.hasUnresolvedReferences) continue;
        if (!(durationProp(cdn.properties, 'ttl')! > 0) || wordProp(cdn.properties, 'bypassWhen') === 'authenticated') continue;
        const origin = originsOf(model, cdn).find(o => perUser(o)
            || a.incoming(o.id).some(c => c.style === 'sync' && a.components.get(c.source)?.kind === 'gateway' && perUser(a.components.get(c.source)!)));
        if (!origin) continue;
        result.push(finding(cdn.properties.get('ttl')!.location,
            `The CDN '${cdn.id}' caches responses for ${cdn.properties.get('ttl')!.value.text} from '${origin.id}', which serves per-user content; set bypassWhen: authenticated so one user's responses are never served to another.`,
            { elements: [cdn.id, origin.id], related: [relatedElement(origin, `'${origin.id}' authenticates per user.`)], fixes: [fix('Insert bypassWhen: authenticated', setProperty(cdn, 'bypassWhen', 'authenticated'))] }));
    }
    return result;
});
