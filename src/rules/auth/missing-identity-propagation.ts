import { analyze, authenticates, authenticatesHop, isPublic, prop, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import type { Finding } from '../../model/arch-model.js';

/** A gateway authenticates callers but the service behind it never learns who they are. */
export const missingIdentityPropagation = defineRule({
    id: 'missing-identity-propagation',
    area: 'auth',
    severity: 'warning',
    title: 'An authenticating gateway forwards requests without the caller\'s identity.',
    rationale: 'When the gateway authenticates and the service does not, the service must still know who the caller is to authorise per user. Without forwarding the identity (a JWT or a signed header) every request looks anonymous, or trusts unverifiable headers (Threagile `missing-identity-propagation`).',
    fires: 'A gateway authenticates a sync route or connection (its own `auth`, not `none`, unless the route sets `auth: none`; or the route\'s own `auth`) to a service-like component that has no `auth` of its own (and is not `public: true`), and the connection has no `forwardIdentity`. A route with `auth: none` carries no identity to forward: `unauthenticated-route` judges it.',
    fix: 'Set `forwardIdentity: jwt` on the route or connection.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'gateway api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n  route "/orders" -> orders\n}\nidp idp\nservice orders',
        valid: 'gateway api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n  route "/orders" -> orders { forwardIdentity: jwt }\n}\nidp idp\nservice orders',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const gateway of model.components) {
        if (gateway.kind !== 'gateway' || gateway.hasUnresolvedReferences) continue;
        for (const connection of a.syncOut(gateway.id)) {
            // A route with `auth: none` has no identity to forward (unauthenticated-route judges it).
            if (!authenticatesHop(gateway, connection)) continue;
            const target = a.serviceLike(connection.target);
            if (!target || authenticates(target.properties) || isPublic(target.properties)) continue;
            const forward = prop(connection.properties, 'forwardIdentity');
            if (forward && !(forward.type === 'boolean' && !forward.value)) continue;
            const what = connection.origin === 'route' ? `the route '${connection.path ?? ''}'` : `'${connection.source} -> ${connection.target}'`;
            result.push(finding(connection.location,
                `The gateway '${gateway.id}' authenticates callers but forwards to '${target.id}' (${what}) without their identity; set forwardIdentity so '${target.id}' knows who is calling.`,
                { elements: [gateway.id, target.id], related: [relatedElement(target, `'${target.id}' has no auth of its own.`)], fixes: [fix('Forward the caller\'s identity as a JWT', setProperty(connection, 'forwardIdentity', 'jwt'))] }));
        }
    }
    return result;
});
