import { analyze, authenticates, authOf, boolProp, Describe, relatedElement } from '../analysis.js';
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
    fires: 'A gateway reached from an entry point has no `auth` or `auth: none`, and some target behind it (looking through load balancers) is neither `public: true` nor authenticating on its own. When every target is public or authenticates itself the finding is an info.',
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
        // What the gateway exposes: its targets, looking through load balancers in front of services.
        const targets: Component[] = [];
        const seen = new Set<string>([gateway.id]);
        const queue = gatewayTargets(model, gateway).map(c => a.components.get(c.target)!);
        while (queue.length > 0) {
            const t = queue.shift()!;
            if (seen.has(t.id)) continue;
            seen.add(t.id);
            if (t.kind === 'loadbalancer') queue.push(...a.syncOut(t.id).map(c => a.components.get(c.target)!));
            else targets.push(t);
        }
        if (targets.length === 0) continue;
        const open = targets.filter(t => boolProp(t.properties, 'public') !== true && !authenticates(t.properties));
        const auth = authOf(gateway.properties);
        const location = auth?.property.location ?? gateway.nameLocation;
        const fixes = [fix('Authenticate with JWT (expiry 15m, denylist revocation)', setProperty(gateway, 'auth', 'jwt { expiry: 15m revocation: denylist }'))];
        if (open.length > 0) {
            result.push(finding(location,
                `The gateway '${gateway.id}' is reachable from an entry point but does not authenticate callers, and ${open.map(t => `'${t.id}'`).join(', ')} behind it ${open.length === 1 ? 'is' : 'are'} not public; set auth on the gateway.`,
                { elements: [gateway.id], related: open.map(t => relatedElement(t, `${Describe(t)} is not marked public: true and does not authenticate.`)), fixes }));
        } else {
            result.push(finding(location,
                `The gateway '${gateway.id}' does not authenticate callers; every target behind it is public or authenticates itself.`,
                { severity: 'info', elements: [gateway.id], fixes }));
        }
    }
    return result;
});
