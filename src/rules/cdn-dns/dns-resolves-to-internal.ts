import { analyze, arrow, describe, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import { isDataStore, isServiceLike, type Finding } from '../../model/arch-model.js';
import { hasTrait } from '../../model/component-kinds.js';

/** DNS pointing at an internal component instead of an edge component. */
export const dnsResolvesToInternal = defineRule({
    id: 'dns-resolves-to-internal',
    area: 'cdn-dns',
    severity: 'warning',
    title: 'DNS resolves to a private service or data store instead of an edge component.',
    rationale: 'Public DNS names should resolve to the edge (CDN, gateway, load balancer). A record that points at an internal service or database publishes its address and invites direct traffic.',
    fires: 'A `dns` has a connection to a private service-like component or data store.',
    fix: 'Point the DNS at the CDN, gateway or load balancer in front of the component.',
    examples: {
        invalid: 'dns dns\nservice orders\ndns -> orders "resolves"',
        valid: 'dns dns\ngateway api {\n  route "/orders" -> orders\n}\nservice orders\ndns -> api "resolves"',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const dns of model.components) {
        if (dns.kind !== 'dns' || dns.hasUnresolvedReferences) continue;
        for (const connection of a.outgoing(dns.id)) {
            const target = a.components.get(connection.target);
            if (!target || target.trust !== 'private' || !(isServiceLike(target) || isDataStore(target))) continue;
            const fronts = a.incoming(target.id).map(c => a.components.get(c.source)).filter(c => c && hasTrait(c.kind, 'front'));
            result.push(finding(connection.location,
                `The DNS '${dns.id}' resolves to ${describe(target)} ('${arrow(connection)}'), a private component; point it at a CDN, gateway or load balancer instead.`,
                { elements: [dns.id, target.id], related: fronts.map(f => relatedElement(f!, `'${f!.id}' fronts '${target.id}'.`)) }));
        }
    }
    return result;
});
