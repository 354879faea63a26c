import { analyze, boolProp, Describe, prop, relatedConnection, wordProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty, setProtocol, type FixIntent } from '../fix.js';
import { tlsFormOf } from '../resilience/plaintext-connection.js';
import { breadthFirst, reverse } from '../graph/digraph.js';
import { isDataStore, isServiceLike, type Component, type Connection, type Finding } from '../../model/arch-model.js';
import { componentsWithAuth } from './shared.js';

/** Session cookies that can leak: missing flags, or sent over a plaintext hop. */
export const sessionCookieInsecure = defineRule({
    id: 'session-cookie-insecure',
    area: 'auth',
    severity: 'warning',
    title: 'A session cookie lacks secure flags or travels over plaintext.',
    rationale: 'A session cookie is a bearer credential. Without `secure` it leaks over plain HTTP, without `httpOnly` any injected script can read it, without `sameSite` it rides along on cross-site requests (CSRF).',
    fires: 'A component with `auth: session` is reached from an entry point over a path (through edge components such as CDNs, gateways and load balancers) with a plaintext hop (DNS lookups and hops inside a zone with `mtls: true` do not count), or its session block lacks `cookie { secure: true httpOnly: true sameSite: strict|lax }`.',
    fix: 'Insert `cookie: { secure: true httpOnly: true sameSite: lax }` into the session block.',
    quickFix: ['set-property', 'set-protocol'],
    examples: {
        invalid: 'service users {\n  auth: session { store: sessions }\n}\ncache sessions',
        valid: 'service users {\n  auth: session { store: sessions  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache sessions',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    const sessions = componentsWithAuth(model, 'session');
    if (sessions.length === 0) return result;
    // The cookie travels from the entry point through edge components (CDN, gateway, load
    // balancer…) to the component that owns the session; service-to-service hops do not carry
    // it, and neither do DNS lookups.
    const edgeReach = breadthFirst(a.sync, a.entries.map(e => a.index.get(e.id)!), v => {
        const node = a.nodes[v];
        return !(node.type === 'component' && (node.kind === 'dns' || isServiceLike(node) || isDataStore(node)));
    });
    for (const { component, auth } of sessions) {
        const cookie = prop(auth.settings, 'cookie');
        const flags = cookie?.type === 'block' ? cookie.properties : new Map();
        const sameSite = wordProp(flags, 'sameSite');
        const missing = [
            boolProp(flags, 'secure') !== true ? 'secure' : undefined,
            boolProp(flags, 'httpOnly') !== true ? 'httpOnly' : undefined,
            sameSite !== 'strict' && sameSite !== 'lax' ? 'sameSite' : undefined,
        ].filter((m): m is string => m !== undefined);
        // Plaintext hops on some entry → component path: edge u→v with u reached from an entry and v reaching the component.
        const target = a.index.get(component.id)!;
        const plaintext: Connection[] = [];
        if (edgeReach.distance[target] >= 0) {
            // Walk the edge part of the graph backwards from the component, collecting plaintext hops.
            const back = breadthFirst(reverse(a.sync), [target], v => v === target || (edgeReach.distance[v] > 0 && !isServiceLike(a.nodes[v])));
            a.syncConnections.forEach((connections, u) => {
                if (back.distance[u] < 0 || edgeReach.distance[u] < 0 || (u !== target && isServiceLike(a.nodes[u]))) return;
                for (const c of connections) if (a.isPlaintext(c) && back.distance[a.index.get(c.target)!] >= 0 && (c.target === component.id || !isServiceLike(a.nodes[a.index.get(c.target)!]))) plaintext.push(c);
            });
        }
        if (missing.length === 0 && plaintext.length === 0) continue;
        const parts = [
            missing.length > 0 ? `its session cookie does not set ${missing.join(', ')}` : undefined,
            plaintext.length > 0 ? `the cookie travels over plaintext (${plaintext.map(c => `'${c.source} -> ${c.target} : ${c.protocol}'`).join(', ')})` : undefined,
        ].filter(Boolean);
        result.push(finding(auth.property.location,
            `${Describe(component)} uses session authentication, but ${parts.join(', and ')}.`,
            { elements: [component.id], related: plaintext.map(c => relatedConnection(c, 'A plaintext hop on the way to the session.')), fixes: [secureCookieFix(component, missing.length > 0, plaintext)] }));
    }
    return result;
});

/** Sets the cookie flags when some are missing, and the TLS form of every plaintext hop the cookie takes. */
function secureCookieFix(component: Component, flagsMissing: boolean, plaintext: Connection[]): FixIntent {
    const title = !flagsMissing ? 'Carry the session cookie over TLS only'
        : plaintext.length > 0 ? 'Set secure cookie flags and carry the cookie over TLS only' : 'Set secure cookie flags';
    return fix(title, [
        ...(flagsMissing ? [setProperty(component, 'cookie', '{ secure: true httpOnly: true sameSite: lax }', { within: 'auth' })] : []),
        ...plaintext.map(c => setProtocol(c, tlsFormOf(c.protocol!))),
    ]);
}
