import { analyze, arrow, relatedConnection, type Analysis } from '../analysis.js';
import { defineRule } from '../define.js';
import type { RuleContext } from '../rule.js';
import { fix, setProtocol } from '../fix.js';
import type { Connection, Finding, Zone } from '../../model/arch-model.js';

/** The TLS form of a plaintext protocol. */
export function tlsFormOf(protocol: string): string {
    const forms: Record<string, string> = {
        http: 'https', ws: 'wss', tcp: 'tls', amqp: 'amqps', mqtt: 'mqtts', redis: 'rediss', kafka: 'kafka+tls',
        sql: 'sql+tls', grpc: 'grpcs', ldap: 'ldaps', smtp: 'smtps', ftp: 'sftp', telnet: 'ssh', udp: 'tls', dns: 'dot',
    };
    return forms[protocol] ?? 'tls';
}

/** Unencrypted traffic, above all across the public boundary. */
export const plaintextConnection = defineRule({
    id: 'plaintext-connection',
    area: 'resilience',
    severity: 'error',
    title: 'A connection uses a plaintext protocol across the public boundary.',
    rationale: 'Traffic that crosses the public boundary travels over networks you do not control; without TLS it can be read and altered in transit (Threagile `unencrypted-communication`). Inside the private network it is still worth encrypting (zero trust), hence an info there: one per zone, since one platform decision usually covers all of them.',
    fires: 'A connection\'s protocol (a gateway route\'s too, when it names one) is not a TLS one (`http`, `ws`, `tcp`, `amqp`, `mqtt`, `redis`, plain `kafka`, …) and one end is an entry point or it is a CDN→origin hop: an error per connection. Plaintext connections that stay inside the private network are one info per zone (the innermost zone holding both ends), listing the connections as related information. Not judged: DNS resolution and ordinary lookups (a connection from a `dns`, to a `dns`, or over the `dns` protocol; a lookup to a `dns` with `encrypted: true` is judged), and connections with both ends in a zone with `mtls: true` (a service mesh encrypts them).',
    fix: 'Use the TLS form of the protocol: `https`, `wss`, `amqps`, `mqtts`, `rediss`, `kafka+tls`, …; or, when a service mesh encrypts the traffic inside a zone, say so with `mtls: true` on the zone.',
    quickFix: ['set-protocol'],
    examples: {
        invalid: 'client web\nservice api\nweb -> api : http',
        valid: 'client web\nservice api\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    const inside = new Map<string, Connection[]>();
    for (const c of model.connections) {
        if (!a.isPlaintext(c) || a.endpoint(c.source)?.hasUnresolvedReferences) continue;
        if (a.crossesPublicBoundary(c)) {
            const tls = tlsFormOf(c.protocol!);
            result.push(finding(c.location, `The connection '${arrow(c)}' crosses the public boundary over plaintext '${c.protocol}'; use '${tls}'.`,
                { elements: [c.source, c.target], fixes: [fix(`Use ${tls}`, setProtocol(c, tls))] }));
            continue;
        }
        const zone = sharedZone(a, c)?.id ?? '';
        const group = inside.get(zone);
        if (group) group.push(c);
        else inside.set(zone, [c]);
    }
    for (const [zoneId, connections] of inside) result.push(privateFinding(zoneId ? model.elements.get(zoneId) as Zone : undefined, connections, finding));
    return result;
});

/** The innermost zone holding both ends of a connection (a channel's end is its broker). */
function sharedZone(a: Analysis, connection: Connection): Zone | undefined {
    const source = a.endpoint(connection.source)?.zonePath ?? [];
    const target = a.endpoint(connection.target)?.zonePath ?? [];
    let shared: string | undefined;
    for (let i = 0; i < Math.min(source.length, target.length) && source[i] === target[i]; i++) shared = source[i];
    const zone = shared === undefined ? undefined : a.model.elements.get(shared);
    return zone?.type === 'zone' ? zone : undefined;
}

/** The info for the plaintext connections inside one zone (or sharing none), on the zone's name. */
function privateFinding(zone: Zone | undefined, connections: Connection[], finding: RuleContext['finding']): Finding {
    const protocols = [...new Set(connections.map(c => c.protocol!))].sort();
    const first = connections[0];
    const where = zone ? `inside the zone '${zone.id}'` : 'between private components that share no zone';
    const message = connections.length === 1
        ? `The connection '${arrow(first)}' ${where} uses plaintext '${first.protocol}'; consider '${tlsFormOf(first.protocol!)}'${zone ? ', or mtls: true on the zone if a service mesh encrypts it' : ''}.`
        : `${connections.length} connections ${where} use plaintext (${protocols.join(', ')}); consider TLS${zone ? ', or mtls: true on the zone if a service mesh encrypts them' : ''}.`;
    return finding(zone?.nameLocation ?? first.location, message, {
        severity: 'info',
        elements: zone ? [zone.id] : [...new Set(connections.flatMap(c => [c.source, c.target]))],
        related: connections.map(c => relatedConnection(c, `'${arrow(c)}' uses plaintext '${c.protocol}'.`)),
        fixes: [fix(connections.length === 1 ? `Use ${tlsFormOf(first.protocol!)}` : `Use TLS on the ${connections.length} connections`, connections.map(c => setProtocol(c, tlsFormOf(c.protocol!))))],
    });
}
