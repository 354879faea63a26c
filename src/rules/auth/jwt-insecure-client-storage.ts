import { analyze, authOf, wordProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { breadthFirst, reverse } from '../graph/digraph.js';
import type { Finding } from '../../model/arch-model.js';

const NON_BROWSER = new Set(['mobile', 'desktop', 'cli', 'device', 'server']);

/** A browser client keeping JWTs where scripts can read them. */
export const jwtInsecureClientStorage = defineRule({
    id: 'jwt-insecure-client-storage',
    area: 'auth',
    severity: 'warning',
    title: 'A client keeps JWTs where scripts can read them (web storage or a plain cookie).',
    rationale: 'Web storage is readable by every script on the page, so one XSS bug exfiltrates every token. A cookie without `HttpOnly` is just as readable (`document.cookie`). Keep tokens in memory, in an httpOnly cookie, or in a native app\'s secure storage (the OS keychain).',
    fires: 'A client that reaches a JWT-protected component has `tokenStorage: localStorage`, `sessionStorage` or `cookie` (a script-readable cookie; `httpOnlyCookie`, `memory` and `secureStorage` are safe); an info when `tokenStorage` is unset (not for clients with a non-browser `platform`).',
    fix: 'Set `tokenStorage: memory`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web { tokenStorage: localStorage }\nservice api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp\nweb -> api : https',
        valid: 'client web { tokenStorage: memory }\nservice api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp\nweb -> api : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    if (!model.components.some(c => authOf(c.properties)?.mode === 'jwt')) return [];
    const result: Finding[] = [];
    // One backward search from every JWT-protected component: who reaches one, and which.
    const protectedIds = model.components.filter(c => authOf(c.properties)?.mode === 'jwt').map(c => a.index.get(c.id)!);
    const reach = breadthFirst(reverse(a.sync), protectedIds);
    for (const client of model.components) {
        if (client.kind !== 'client' || client.hasUnresolvedReferences) continue;
        let v = a.index.get(client.id)!;
        if (reach.distance[v] <= 0) continue;
        while (reach.distance[v] > 0) v = reach.parent[v];
        const protectedApi = a.nodes[v];
        const fixes = [fix('Keep tokens in memory', setProperty(client, 'tokenStorage', 'memory'))];
        const storage = wordProp(client.properties, 'tokenStorage');
        if (storage === 'localStorage' || storage === 'sessionStorage' || storage === 'cookie') {
            result.push(finding(client.properties.get('tokenStorage')!.location,
                `The client '${client.id}' keeps the JWTs of '${protectedApi.id}' in ${storage === 'cookie' ? 'a cookie without HttpOnly' : storage}, where any script on the page can read them; use memory or an httpOnly cookie.`,
                { elements: [client.id, protectedApi.id], fixes }));
        } else if (storage === undefined && !NON_BROWSER.has(wordProp(client.properties, 'platform') ?? '')) {
            result.push(finding(client.nameLocation,
                `The client '${client.id}' calls '${protectedApi.id}', which accepts JWTs, but does not say where it keeps tokens; set tokenStorage: memory or httpOnlyCookie.`,
                { severity: 'info', elements: [client.id, protectedApi.id], fixes }));
        }
    }
    return result;
});
