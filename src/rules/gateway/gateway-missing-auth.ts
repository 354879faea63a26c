import { analyze, authenticates, authOf, Describe, isPublic, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import type { Component } from '../../model/arch-model.js';
import { exposedGateways, gatewayTargets } from './shared.js';

/** A public-facing gateway that does not authenticate callers. */
export const gatewayMissingAuth = defineRule({
    id: 'gateway-missing-auth',
    area: 'gateway',
    severity: 'error',
    title: 'A gateway reached from an entry point does not authenticate callers.',
    rationale: 'Authentication at the gateway is the one check every request passes. Without it each service must authenticate on its own, and any that forgets is open to the internet (Threagile `missing-authentication`).',
    fires: 'A gateway reached from an entry point has no `auth` or `auth: none`, and some target of a route without an `auth` of its own (looking through load balancers; a route\'s own `auth: none` is judged by `unauthenticated-route`) is neither `public: true` nor authenticating on its own. When every such target is public (or its route is `public: true`) or authenticates itself the finding is an info; when every route authenticates on its own there is none.',
    fix: 'Insert `auth: jwt { expiry: 15m revocation: denylist }`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\ngateway api {\n  rateLimit: 100/s\n  route "/orders" -> orders\n}\nservice orders\nweb -> api : https',
        valid: 'client web\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  rateLimit: 100/s\n  route "/orders" -> orders\n}\nservice orders\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result = [];
    for (const gateway of exposedGateways(model)) {
        if (authenticates(gateway.properties)) continue;
        // What the gateway exposes without authentication: the targets of its routes that set no
        // auth of their own (or `auth: none`), looking through load balancers in front of services;
        // a route marked `public: true` exposes its target on purpose.
        const targets: Component[] = [];
        const seen = new Set<string>([gateway.id]);
        // A route with an `auth` of its own is judged by it: `auth: none` by unauthenticated-route.
        const open = gatewayTargets(model, gateway).filter(c => authOf(c.properties) === undefined);
        if (open.length === 0) continue;
        const queue = open.filter(c => !isPublic(c.properties)).map(c => a.components.get(c.target)!);
        while (queue.length > 0) {
            const t = queue.shift()!;
            if (seen.has(t.id)) continue;
            seen.add(t.id);
            if (t.kind === 'loadbalancer') queue.push(...a.syncOut(t.id).map(c => a.components.get(c.target)!));
            else targets.push(t);
        }
        const unguarded = targets.filter(t => !isPublic(t.properties) && !authenticates(t.properties));
        const auth = authOf(gateway.properties);
        const location = auth?.property.location ?? gateway.nameLocation;
        const fixes = [fix('Authenticate with JWT (expiry 15m, denylist revocation)', setProperty(gateway, 'auth', 'jwt { expiry: 15m revocation: denylist }'))];
        if (unguarded.length > 0) {
            result.push(finding(location,
                `The gateway '${gateway.id}' is reachable from an entry point but does not authenticate callers, and ${unguarded.map(t => `'${t.id}'`).join(', ')} behind it ${unguarded.length === 1 ? 'is' : 'are'} not public; set auth on the gateway.`,
                { elements: [gateway.id], related: unguarded.map(t => relatedElement(t, `${Describe(t)} is not marked public: true and does not authenticate.`)), fixes }));
        } else {
            result.push(finding(location,
                `The gateway '${gateway.id}' does not authenticate callers; every target behind it is public or authenticates itself.`,
                { severity: 'info', elements: [gateway.id], fixes }));
        }
    }
    return result;
});
