import { analyze, authenticates, authOf, boolProp, Describe, isPublic, prop, quotedList, relatedElement, wordProp, type Analysis } from '../analysis.js';
import { defineRule } from '../define.js';
import { addComponent, fix, freshId, setProperty, type FixChange, type FixIntent } from '../fix.js';
import { breadthFirst, reverse } from '../graph/digraph.js';
import type { ArchModel, Component } from '../../model/arch-model.js';
import { exposedGateways, gatewayTargets } from './shared.js';

/** A public-facing gateway that does not authenticate callers. */
export const gatewayMissingAuth = defineRule({
    id: 'gateway-missing-auth',
    area: 'gateway',
    severity: 'error',
    title: 'A gateway reached from an entry point does not authenticate callers.',
    rationale: 'Authentication at the gateway is the one check every request passes. Without it each service must authenticate on its own, and any that forgets is open to the internet (Threagile `missing-authentication`).',
    fires: 'A gateway reached from an entry point has no `auth` or `auth: none`, and some target of a route without an `auth` of its own (looking through load balancers; a route\'s own `auth: none` is judged by `unauthenticated-route`) is neither `public: true` nor authenticating on its own. When every such target is public (or its route is `public: true`) or authenticates itself the finding is an info; when every route authenticates on its own there is none.',
    fix: 'Insert `auth: jwt { issuer: idp expiry: 15m revocation: denylist }` (declaring an `idp` when the model has none), with `forwardIdentity: jwt` on calls to services that do not authenticate and `tokenStorage: memory` on browser clients that reach the gateway.',
    quickFix: ['add-component', 'set-property'],
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
        const fixes = [authenticateFix(model, a, gateway)];
        if (unguarded.length > 0) {
            result.push(finding(location,
                `The gateway '${gateway.id}' is reachable from an entry point but does not authenticate callers, and ${quotedList(unguarded.map(t => t.id))} behind it ${unguarded.length === 1 ? 'is' : 'are'} not public; set auth on the gateway.`,
                { elements: [gateway.id], related: unguarded.map(t => relatedElement(t, `${Describe(t)} is not marked public: true and does not authenticate.`)), fixes }));
        } else {
            result.push(finding(location,
                `The gateway '${gateway.id}' does not authenticate callers; every target behind it is public or authenticates itself.`,
                { severity: 'info', elements: [gateway.id], fixes }));
        }
    }
    return result;
});

const NON_BROWSER = new Set(['mobile', 'desktop', 'cli', 'device', 'server']);

/**
 * `auth: jwt { issuer: … expiry: 15m revocation: denylist }` on the gateway, with what JWTs then
 * need so the fix leaves no new finding: the model's identity provider as issuer (declared after
 * the gateway when there is none), `forwardIdentity: jwt` on its calls to services that do not
 * authenticate on their own, `tokenStorage: memory` on browser clients that reach it without a
 * safe storage. Only what is written in the gateway's file is changed, so the fix stays one
 * file's edit.
 */
function authenticateFix(model: ArchModel, a: Analysis, gateway: Component): FixIntent {
    const sameFile = (location: { uri: string }): boolean => location.uri === gateway.location.uri;
    const idp = model.components.find(c => c.kind === 'idp');
    const issuer = idp?.id ?? freshId(model, 'idp');
    const changes: FixChange[] = [setProperty(gateway, 'auth', `jwt { issuer: ${issuer} expiry: 15m revocation: denylist }`)];
    if (!idp) changes.push(addComponent({ kind: 'idp', id: issuer, label: 'Identity provider', members: [] }, gateway));
    for (const connection of a.syncOut(gateway.id)) {
        const target = a.serviceLike(connection.target);
        if (!target || authenticates(target.properties) || boolProp(target.properties, 'public') === true || !sameFile(connection.location)) continue;
        const forward = prop(connection.properties, 'forwardIdentity');
        if (!forward || (forward.type === 'boolean' && !forward.value)) changes.push(setProperty(connection, 'forwardIdentity', 'jwt'));
    }
    const reach = breadthFirst(reverse(a.sync), [a.index.get(gateway.id)!]);
    for (const client of model.components) {
        if (client.kind !== 'client' || reach.distance[a.index.get(client.id)!] <= 0 || !sameFile(client.location)) continue;
        const storage = wordProp(client.properties, 'tokenStorage');
        const unsafe = storage === 'localStorage' || storage === 'sessionStorage' || (storage === undefined && !NON_BROWSER.has(wordProp(client.properties, 'platform') ?? ''));
        if (unsafe) changes.push(setProperty(client, 'tokenStorage', 'memory'));
    }
    return fix(`Authenticate with JWT issued by '${issuer}' (expiry 15m, denylist revocation)`, changes);
}
