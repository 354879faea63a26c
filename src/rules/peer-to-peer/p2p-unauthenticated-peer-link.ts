import { analyze, arrow, authOf, boolProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty, setProtocol } from '../fix.js';
import { tlsFormOf } from '../resilience/plaintext-connection.js';
import type { Component } from '../../model/arch-model.js';

/** A public peer link with no mutual authentication or signing. */
export const p2pUnauthenticatedPeerLink = defineRule({
    id: 'p2p-unauthenticated-peer-link',
    area: 'peer-to-peer',
    severity: 'warning',
    title: 'A peer link across a public zone is plaintext or unauthenticated.',
    rationale: 'Without a server in the middle, each peer must prove who it is and protect what it sends. An open peer link lets anyone join, impersonate a peer or tamper with data.',
    fires: 'A connection between two `peer`s, one of them in a `trust: public` zone, is plaintext, or neither the connection nor the peers use `auth: mtls` or `signed: true`.',
    fix: 'Set `auth: mtls` on the connection.',
    quickFix: ['set-protocol', 'set-property'],
    examples: {
        invalid: 'zone net {\n  trust: public\n  peer a { discovery: dht }\n  peer b { discovery: dht }\n}\na -> b : tcp',
        valid: 'zone net {\n  trust: public\n  peer a { discovery: dht }\n  peer b { discovery: dht }\n}\na -> b : tls { auth: mtls }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const secured = (c: Component): boolean => authOf(c.properties)?.mode === 'mtls' || boolProp(c.properties, 'signed') === true;
    return model.connections.flatMap(c => {
        const s = a.components.get(c.source);
        const t = a.components.get(c.target);
        if (s?.kind !== 'peer' || t?.kind !== 'peer' || s.hasUnresolvedReferences) return [];
        if (s.trust !== 'public' && t.trust !== 'public') return [];
        const plaintext = c.tls === false;
        const authenticated = authOf(c.properties)?.mode === 'mtls' || boolProp(c.properties, 'signed') === true || (secured(s) && secured(t));
        if (!plaintext && authenticated) return [];
        const why = plaintext && !authenticated ? `is plaintext (${c.protocol}) and unauthenticated` : plaintext ? `is plaintext (${c.protocol})` : 'has neither auth: mtls nor signed: true';
        return [finding(c.location,
            `The peer link '${arrow(c)}' touches a public zone and ${why}.`,
            { elements: [s.id, t.id], fixes: [fix('Authenticate the link with mutual TLS', [...(plaintext ? [setProtocol(c, tlsFormOf(c.protocol!))] : []), setProperty(c, 'auth', 'mtls')])] })];
    });
});
