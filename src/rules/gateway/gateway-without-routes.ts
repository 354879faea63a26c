import { analyze, describe } from '../analysis.js';
import { defineRule } from '../define.js';
import { addRoute, fix } from '../fix.js';
import type { Component, Finding } from '../../model/arch-model.js';
import { hasTrait } from '../../model/component-kinds.js';

/** Route targets a gateway may have besides service-like components: what fronts services, and an identity provider (a BFF proxying `/identity`). */
const ROUTABLE = new Set(['loadbalancer', 'external', 'gateway', 'idp']);

/** A gateway that routes nowhere, or routes to something that is not a service. */
export const gatewayWithoutRoutes = defineRule({
    id: 'gateway-without-routes',
    area: 'gateway',
    severity: 'error',
    title: 'A gateway has no routes, or routes to something that is not a service.',
    rationale: 'A gateway exists to route requests to services. One without routes is dead weight on the diagram; a route straight to a database or broker exposes storage as an API.',
    fires: 'A gateway has no outgoing sync connection and no `route`; or a `route` targets something that is not service-like (a load balancer, an external system or another gateway in front of services is accepted, and so is an identity provider: a backend-for-frontend proxying its login pages).',
    fix: 'Add routes for the services clients call directly.',
    quickFix: ['add-route'],
    examples: {
        invalid: 'client web\ngateway api { rateLimit: 100/s }\nweb -> api : https',
        valid: 'client web\ngateway api {\n  rateLimit: 100/s\n  auth: jwt { expiry: 15m revocation: denylist }\n  route "/orders" -> orders\n}\nservice orders\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const gateway of model.components) {
        if (gateway.kind !== 'gateway' || gateway.hasUnresolvedReferences) continue;
        const out = a.syncOut(gateway.id);
        if (out.length === 0) {
            const callers = a.incoming(gateway.id).filter(c => c.style === 'sync').map(c => c.source);
            const direct = [...new Set(callers.flatMap(caller => a.syncOut(caller).map(c => c.target)))].filter(t => a.serviceLike(t));
            result.push(finding(gateway.nameLocation,
                `The gateway '${gateway.id}' has no routes and no outgoing connections; it routes nowhere.`,
                { elements: [gateway.id], fixes: direct.length > 0 ? [fix(`Add routes to ${direct.map(c => `'${c}'`).join(', ')}`, direct.map(c => addRoute(gateway, c)))] : [] }));
            continue;
        }
        for (const route of out) {
            if (route.origin !== 'route') continue;
            const target: Component = a.components.get(route.target)!;
            if (ROUTABLE.has(target.kind) || hasTrait(target.kind, 'serviceLike')) continue;
            result.push(finding(route.location,
                `The route '${route.path ?? ''}' of the gateway '${gateway.id}' targets ${describe(target)}, which is not a service.`,
                { elements: [gateway.id, target.id] }));
        }
    }
    return result;
});
