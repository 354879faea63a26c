import { analyze, authenticates, authOf, Describe, isPublic, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import type { Finding } from '../../model/arch-model.js';
import { exposedGateways } from './shared.js';

/** A gateway route opened with `auth: none` to a target that is not public. */
export const unauthenticatedRoute = defineRule({
    id: 'unauthenticated-route',
    area: 'gateway',
    severity: 'warning',
    title: 'A gateway route is opened with `auth: none` to a service that is not public.',
    rationale: 'A route with `auth: none` lets anyone call its target anonymously, whatever the gateway does for its other routes. That is right for login, registration and health checks, and a hole when the target acts on behalf of a user (who then is whoever the request says). Saying which routes are anonymous on purpose keeps the others honest.',
    fires: 'A gateway reached from an entry point has a `route` with `auth: none` whose target is neither `public: true` nor authenticating on its own (`auth` other than `none`), and the route is not marked `public: true`. A service reached from outside only through such routes is judged here, not by `missing-authentication`: one finding per route.',
    fix: 'Authenticate the route (remove `auth: none`, or set another mode), or mark it `public: true` when it is anonymous on purpose.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  rateLimit: 100/s\n  route "/orders" -> orders { auth: none }\n}\nservice orders\nweb -> api : https',
        valid: 'client web\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  rateLimit: 100/s\n  route "/login" -> users { auth: none  public: true }\n}\nservice users\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const gateway of exposedGateways(model)) {
        for (const route of a.syncOut(gateway.id)) {
            if (route.origin !== 'route' || authOf(route.properties)?.mode !== 'none' || isPublic(route.properties)) continue;
            const target = a.components.get(route.target);
            if (!target || target.hasUnresolvedReferences || isPublic(target.properties) || authenticates(target.properties)) continue;
            const auth = authOf(route.properties)!;
            result.push(finding(auth.property.location,
                `The route '${route.path ?? ''}' of the gateway '${gateway.id}' lets anyone call '${target.id}' anonymously (auth: none), and '${target.id}' is not public and does not authenticate; authenticate the route, or mark it public: true if it is anonymous on purpose.`,
                {
                    elements: [gateway.id, target.id],
                    related: [relatedElement(target, `${Describe(target)} is not marked public: true and has no auth of its own.`)],
                    fixes: [fix('Mark the route public: true (anonymous on purpose)', setProperty(route, 'public', 'true'), false)],
                }));
        }
    }
    return result;
});
