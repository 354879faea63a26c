import { analyze, authenticates, Describe, isPublic } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { breadthFirst, pathTo } from '../graph/digraph.js';
import type { Component, Finding } from '../../model/arch-model.js';

/** Kinds an anonymous request passes through on its way in without being authenticated there (unless they set `auth`). */
const PASS_THROUGH = new Set(['client', 'dns', 'cdn', 'loadbalancer', 'external']);

/** A service the outside reaches with no authentication on the way. */
export const missingAuthentication = defineRule({
    id: 'missing-authentication',
    area: 'auth',
    severity: 'error',
    title: 'A service is reachable from an entry point without any authentication.',
    rationale: 'A service published to the outside (a host port, a load balancer, a CDN origin) that authenticates nobody lets anyone on the internet call it: upload files, read data, change prices, or read an operator\'s dashboard (Threagile `missing-authentication`). Either something on the way in authenticates, the service does, or the model says it is anonymous on purpose.',
    fires: 'A `service` or `function` is reached from an entry point over sync connections that pass only through clients, DNS, CDNs, external systems and load balancers without `auth` (or is an entry point itself, in a public zone), has no `auth` of its own (or `auth: none`) and is not `public: true`. Not judged here: what lies behind a gateway (`gateway-missing-auth` and `unauthenticated-route` judge its routes), a private service an entry point calls directly while a gateway also leads to it (`gateway-bypass`), and anything only reached through another service.',
    fix: 'Authenticate the service (`auth: jwt { … }`, or an authenticating gateway or load balancer in front), or mark it `public: true` when it is anonymous on purpose.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\nservice uploads\nweb -> uploads : https',
        valid: 'client web\nservice uploads {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp\nweb -> uploads : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const entries = a.entries.filter(e => !e.hasUnresolvedReferences).map(e => a.index.get(e.id)!);
    // Spread from the entry points through what passes requests on without authenticating them.
    const reach = breadthFirst(a.sync, entries, v => {
        const node = a.nodes[v];
        return node.type === 'component' && PASS_THROUGH.has(node.kind) && !authenticates(node.properties);
    });
    const behindGateway = a.syncReachFromGateways();
    const result: Finding[] = [];
    for (const c of model.components) {
        if (!exposedKind(c) || c.hasUnresolvedReferences || authenticates(c.properties) || isPublic(c.properties)) continue;
        const v = a.index.get(c.id)!;
        if (reach.distance[v] < 0) continue;
        const path = pathTo(reach, v).map(i => a.nodes[i].id);
        // An entry point calling a private service that a gateway also leads to: gateway-bypass's finding.
        const entry = a.components.get(path[0]);
        if (path.length === 2 && behindGateway.distance[v] >= 0 && c.trust === 'private' && entry && !['gateway', 'cdn', 'dns'].includes(entry.kind)) continue;
        const how = path.length > 1 ? `'${path[0]}' reaches it with no authentication on the way (${path.join(' -> ')})` : 'it is an entry point itself (in a public zone)';
        result.push(finding(c.nameLocation,
            `${Describe(c)} does not authenticate callers and is not marked public: true, yet ${how}; authenticate it, or mark it public: true if it is anonymous on purpose.`,
            {
                elements: [c.id],
                related: path.length > 1 ? a.relatedPath(path, 'of the unauthenticated path') : [],
                fixes: [
                    fix('Authenticate with JWT (expiry 15m, denylist revocation)', setProperty(c, 'auth', 'jwt { expiry: 15m  revocation: denylist }')),
                    fix('Mark it public: true (anonymous on purpose)', setProperty(c, 'public', 'true'), false),
                ],
            }));
    }
    return result;
});

/**
 * What answers requests: services and functions. Object storage is judged by
 * `client-direct-datastore-access` (a client) and the CDN rules (an origin); pipelines and
 * orchestrators are not published to callers.
 */
function exposedKind(c: Component): boolean {
    return c.kind === 'service' || c.kind === 'function';
}
