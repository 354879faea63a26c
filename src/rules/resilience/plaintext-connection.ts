import { analyze, arrow } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProtocol } from '../fix.js';

/** The TLS form of a plaintext protocol. */
export function tlsFormOf(protocol: string): string {
    const forms: Record<string, string> = {
        http: 'https', ws: 'wss', tcp: 'tls', amqp: 'amqps', mqtt: 'mqtts', redis: 'rediss', kafka: 'kafka+tls',
        sql: 'sql+tls', grpc: 'grpcs', ldap: 'ldaps', smtp: 'smtps', ftp: 'sftp', telnet: 'ssh', udp: 'tls',
    };
    return forms[protocol] ?? 'tls';
}

/** Unencrypted traffic, above all across the public boundary. */
export const plaintextConnection = defineRule({
    id: 'plaintext-connection',
    area: 'resilience',
    severity: 'error',
    title: 'A connection uses a plaintext protocol across the public boundary.',
    rationale: 'Traffic that crosses the public boundary travels over networks you do not control; without TLS it can be read and altered in transit (Threagile `unencrypted-communication`). Inside a private zone it is still worth encrypting (zero trust), hence an info there.',
    fires: 'A connection\'s protocol is not a TLS one (`http`, `ws`, `tcp`, `amqp`, `mqtt`, `redis`, plain `kafka`, …) and one end is an entry point or it is a CDN→origin hop. An info when it stays inside private zones. DNS resolution (a connection from a `dns`) is not judged.',
    fix: 'Use the TLS form of the protocol: `https`, `wss`, `amqps`, `mqtts`, `rediss`, `kafka+tls`, …',
    quickFix: ['set-protocol'],
    examples: {
        invalid: 'client web\nservice api\nweb -> api : http',
        valid: 'client web\nservice api\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.connections
        .filter(c => c.tls === false && !a.endpoint(c.source)?.hasUnresolvedReferences && a.endpoint(c.source)?.kind !== 'dns')
        .map(c => {
            const crosses = a.crossesPublicBoundary(c);
            const tls = tlsFormOf(c.protocol!);
            return finding(c.location,
                crosses
                    ? `The connection '${arrow(c)}' crosses the public boundary over plaintext '${c.protocol}'; use '${tls}'.`
                    : `The connection '${arrow(c)}' uses plaintext '${c.protocol}' inside the private network; consider '${tls}'.`,
                { severity: crosses ? undefined : 'info', elements: [c.source, c.target], fixes: [fix(`Use ${tls}`, setProtocol(c, tls))] });
        });
});
