import { analyze, arrow, Describe, describe, pathText, relatedConnection, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, removeConnection, retargetConnection, type FixChange, type FixIntent } from '../fix.js';
import type { ArchModel, Component, Connection } from '../../model/arch-model.js';
import { pathTo } from '../graph/digraph.js';

/** An entry point calls a private service directly instead of through the gateway. */
export const gatewayBypass = defineRule({
    id: 'gateway-bypass',
    area: 'gateway',
    severity: 'error',
    title: 'An entry point calls a private service directly instead of through the gateway.',
    rationale: 'An API gateway centralises routing, authentication, rate limiting and caching. A client that reaches a service directly skips all of it: the gateway\'s protections exist only for callers that choose to use them.',
    fires: 'The model has a `gateway`, and an entry point (a client outside any zone or in a `public` zone, or any component in a `trust: public` zone; gateways, CDNs and DNS excluded) has a sync connection to a private service-like component that is also reachable through a gateway. A service behind no gateway at all is a separate front end, not a bypass: `missing-authentication` reports it when it does not authenticate.',
    fix: 'Route through the gateway: point the connection at the gateway; when the entry point already calls the gateway the same way, remove the direct connection instead.',
    quickFix: ['remove-connection', 'retarget-connection'],
    examples: {
        invalid: 'client web\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  rateLimit: 100/s\n  route "/orders" -> orders\n}\nservice orders\nweb -> api : https\nweb -> orders : https',
        valid: 'client web\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  rateLimit: 100/s\n  route "/orders" -> orders\n}\nservice orders\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const gateways = model.components.filter(c => c.kind === 'gateway');
    if (gateways.length === 0) return [];
    // Which gateway reaches each node first (multi-source BFS from all gateways).
    const reach = a.syncReachFromGateways();
    const result = [];
    for (const entry of a.entries) {
        if (entry.kind === 'gateway' || entry.kind === 'cdn' || entry.kind === 'dns' || entry.hasUnresolvedReferences) continue;
        for (const connection of a.syncOut(entry.id)) {
            const target = a.serviceLike(connection.target);
            if (!target || target.trust !== 'private' || target.hasUnresolvedReferences) continue;
            const node = a.index.get(target.id)!;
            const path = pathTo(reach, node).map(v => a.nodes[v].id);
            // Behind no gateway at all it is not a bypass: a separate front end, which
            // missing-authentication judges when it does not authenticate.
            if (path.length <= 1) continue;
            const gateway = a.components.get(path[0])!;
            const firstHop = a.syncOut(path[0]).find(c => c.target === path[1]);
            result.push(finding(connection.location,
                `${Describe(entry)} calls ${describe(target)} directly ('${arrow(connection)}'), bypassing ${describe(gateway)} that also leads to it; call the gateway instead.`,
                {
                    elements: [entry.id, target.id, gateway.id],
                    // One place: the gateway's own hop towards the target (its route), else the gateway.
                    related: [firstHop
                        ? relatedConnection(firstHop, `${Describe(gateway)} leads to '${target.id}' here (${pathText(path)}).`)
                        : relatedElement(gateway, `${Describe(gateway)} leads to '${target.id}' via ${pathText(path)}.`)],
                    fixes: [routeThrough(model, connection, gateway)],
                }));
        }
    }
    return result;
});

/**
 * "Route through the gateway": the connection points at the gateway instead; when the entry
 * point already has that connection (same style and protocol), the direct one is removed
 * instead, so no duplicate is left behind.
 */
function routeThrough(model: ArchModel, connection: Connection, gateway: Component, ...more: FixChange[]): FixIntent {
    const existing = (model.outgoing.get(connection.source) ?? []).find(c => c !== connection && c.origin !== 'route' && c.target === gateway.id
        && c.style === connection.style && c.protocol === connection.protocol);
    if (existing) return fix(`Remove the direct call: '${arrow(existing)}' already goes through the gateway '${gateway.id}'`, [removeConnection(connection), ...more]);
    return fix(`Route through the gateway '${gateway.id}'`, [retargetConnection(connection, gateway.id), ...more]);
}
