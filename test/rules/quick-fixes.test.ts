import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { loadText } from '../helpers.js';
import { ArchwayCodeActionProvider } from '../../src/lsp/code-actions.js';

const provider = new ArchwayCodeActionProvider();

/** The code actions offered for the first diagnostic of `code`. */
async function actionsFor(text: string, code: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
    const { diagnostics, document } = await loadText(text);
    const diagnostic = diagnostics.find(d => d.code === code);
    if (!diagnostic) throw new Error(`No '${code}' diagnostic in:\n${text}\n(got ${diagnostics.map(d => d.code).join(', ')})`);
    const actions = await provider.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
    return { diagnostic, actions };
}

function apply(text: string, action: CodeAction): string {
    const edits = Object.values(action.edit!.changes!)[0];
    return TextDocument.applyEdits(TextDocument.create('file:///x.arch', 'arch', 1, text), edits);
}

interface RoundTrip {
    rule: string;
    text: string;
    /** Title of the action to apply; the preferred one (or the first) by default. */
    title?: string | RegExp;
}

/** Applies the fix and returns the new text, its syntax errors and the remaining diagnostics of the rule. */
async function roundTrip({ rule, text, title }: RoundTrip): Promise<{ fixed: string; syntaxErrors: number; remaining: string[] }> {
    const { actions } = await actionsFor(text, rule);
    const fixes = actions.filter(a => !a.title.startsWith('Suppress'));
    const action = title === undefined
        ? fixes.find(a => a.isPreferred) ?? fixes[0]
        : fixes.find(a => (typeof title === 'string' ? a.title === title : title.test(a.title)));
    if (!action) throw new Error(`No fix for '${rule}'; offered: ${actions.map(a => a.title).join(', ')}`);
    const fixed = apply(text, action);
    const result = await loadText(fixed);
    const syntaxErrors = result.document.parseResult.lexerErrors.length + result.document.parseResult.parserErrors.length;
    return { fixed, syntaxErrors, remaining: result.diagnostics.filter(d => d.code === rule).map(d => String(d.message)) };
}

const CASES: RoundTrip[] = [
    { rule: 'unresolved-reference', text: 'client web\nservice orders\nweb -> ordrs : https' },
    { rule: 'unknown-property', text: 'service orders { replica: 2 }' },
    { rule: 'allow-without-reason', text: '@allow(orphan-componet, "kept")\nservice legacy' },
    { rule: 'orphan-component', text: 'client web\nservice api\nweb -> api : https\nservice legacy "Old" { replicas: 2 }' },
    { rule: 'flow-step-not-in-topology', text: 'client web\nservice api\nweb -> api : https\nflow f {\n  web -> api\n  api -> web\n}' },
    { rule: 'gateway-bypass', text: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https\nweb -> orders : https' },
    { rule: 'gateway-bypass', text: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nservice admin\nweb -> api : https\nweb -> admin : https' },
    { rule: 'gateway-missing-auth', text: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https' },
    { rule: 'gateway-missing-auth', text: 'client web\ngateway api {\n  auth: none\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https' },
    { rule: 'gateway-missing-rate-limit', text: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https' },
    { rule: 'gateway-missing-rate-limit', text: 'client web\ngateway api { route "/o" -> orders }\nservice orders\nweb -> api : https' },
    { rule: 'gateway-cache-disabled', text: 'gateway api {\n  route "/c" -> catalog { op: read }\n}\nservice catalog' },
    { rule: 'gateway-without-routes', text: 'client web\ngateway api\nservice orders\nweb -> api : https\nweb -> orders : https' },
    { rule: 'cdn-missing-origin', text: 'cdn edge { ttl: 1h }\nstorage assets' },
    { rule: 'cdn-missing-origin', text: 'cdn edge\nstorage assets' },
    { rule: 'cdn-missing-waf', text: 'client web\ncdn edge { origin: assets }\nstorage assets\nweb -> edge : https' },
    { rule: 'cdn-no-cache-policy', text: 'cdn edge {\n  origin: assets\n}\nstorage assets' },
    { rule: 'cdn-no-cache-policy', text: 'cdn edge { origin: assets  ttl: 0s }\nstorage assets' },
    { rule: 'cdn-caches-private-content', text: 'cdn edge { origin: app  ttl: 1h }\nservice app { auth: session { store: s } }\ncache s' },
    { rule: 'session-without-shared-store', text: 'service users {\n  replicas: 2\n  auth: session\n}\ncache redis' },
    { rule: 'session-without-shared-store', text: 'service users {\n  replicas: 2\n  auth: session { ttl: 30m }\n}' },
    { rule: 'session-cookie-insecure', text: 'service users {\n  auth: session { store: s }\n}\ncache s' },
    { rule: 'session-cookie-insecure', text: 'service users {\n  auth: session { store: s  cookie: { secure: true } }\n}\ncache s' },
    { rule: 'jwt-missing-expiry', text: 'service api {\n  auth: jwt { revocation: denylist }\n}' },
    { rule: 'jwt-missing-expiry', text: 'service api {\n  auth: jwt\n}' },
    { rule: 'jwt-missing-expiry', text: 'service api {\n  auth: jwt { expiry: 7d }\n}' },
    { rule: 'jwt-no-revocation-strategy', text: 'service api {\n  auth: jwt {\n    expiry: 15m\n  }\n}' },
    { rule: 'jwt-insecure-client-storage', text: 'client web { tokenStorage: localStorage }\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https' },
    { rule: 'jwt-insecure-client-storage', text: 'client web\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https' },
    { rule: 'missing-identity-propagation', text: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders' },
    { rule: 'missing-identity-propagation', text: 'gateway g { auth: oauth2 }\nservice orders\ng -> orders : https { timeout: 2s }' },
    { rule: 'topic-without-subscriber', text: 'service orders\nservice billing\nbroker bus {\n  topic placed\n}\norders ~> bus.placed' },
    { rule: 'async-without-broker', text: 'service orders\nservice billing\norders ~> billing' },
    { rule: 'async-without-broker', text: 'service orders {\n  ~> billing\n}\nservice billing\nbroker bus {\n  topic other\n}' },
    { rule: 'consumer-without-dlq', text: 'broker bus {\n  queue q\n}' },
    { rule: 'sync-call-without-timeout', text: 'service a\nservice b\na -> b : grpcs' },
    { rule: 'sync-call-without-timeout', text: 'service a\nservice b\na -> b : grpcs { retries: 2 }' },
    { rule: 'sync-call-without-timeout', text: 'service a {\n  -> b : grpcs\n}\nservice b' },
    { rule: 'event-sourcing-without-event-store', text: 'service ledger { eventSourced: true }\neventstore es' },
    { rule: 'event-sourcing-without-event-store', text: 'service ledger { eventSourced: true }' },
    { rule: 'event-store-not-append-only', text: 'service a\neventstore es\na -> es { op: write }' },
    { rule: 'batch-job-without-trigger', text: 'batch invoices' },
    { rule: 'orchestrator-single-point-of-failure', text: 'orchestrator o\nservice a\nservice b\no -> a\no -> b' },
    { rule: 'orchestrator-single-point-of-failure', text: 'orchestrator o { replicas: 1 }\nservice a\nservice b\ndatabase st\no -> a\no -> b' },
    { rule: 'orchestrator-without-compensation', text: 'orchestrator o\nservice a\nservice b\ndatabase x\ndatabase y\no -> a\no -> b\na -> x\nb -> y' },
    { rule: 'p2p-without-discovery', text: 'peer a\npeer b\na -> b : tls' },
    { rule: 'p2p-unauthenticated-peer-link', text: 'zone net {\n  trust: public\n  peer a\n  peer b\n}\na -> b : tcp' },
    { rule: 'plaintext-connection', text: 'client web\nservice api\nweb -> api : http "calls"' },
    { rule: 'plaintext-connection', text: 'service a\ncache c\na -> c : redis' },
    { rule: 'incomplete-component', text: 'client web\nservice api\nweb -> api "calls"' },
    { rule: 'single-point-of-failure', text: 'client web\nservice api\nweb -> api : https' },
    { rule: 'single-point-of-failure', text: 'client web\nservice api { replicas: 1 }\nweb -> api : https' },
    { rule: 'replicas-without-load-balancer', text: 'client web\nservice a { replicas: 3 }\nweb -> a : https' },
];

describe('quick fixes round-trip: the fixed text parses and the diagnostic is gone', () => {
    CASES.forEach((c, i) => {
        it(`fixes '${c.rule}' (case ${i + 1})`, async () => {
            const { fixed, syntaxErrors, remaining } = await roundTrip(c);
            expect({ syntaxErrors, remaining, fixed }).toEqual({ syntaxErrors: 0, remaining: [], fixed });
        });
    });
});

describe('quick fix details', () => {
    it('renames an unresolved reference to the suggestion', async () => {
        const { fixed } = await roundTrip({ rule: 'unresolved-reference', text: 'client web\nservice orders\nweb -> ordrs : https' });
        expect(fixed).toBe('client web\nservice orders\nweb -> orders : https');
    });
    it('inserts a property on its own line in a multi-line body', async () => {
        const { fixed } = await roundTrip({ rule: 'gateway-missing-rate-limit', text: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https' });
        expect(fixed).toBe('client web\ngateway api {\n  route "/o" -> orders\n  rateLimit: 100/s\n}\nservice orders\nweb -> api : https');
    });
    it('adds a block to a component without one', async () => {
        const { fixed } = await roundTrip({ rule: 'single-point-of-failure', text: 'client web\nservice api\nweb -> api : https' });
        expect(fixed).toBe('client web\nservice api { replicas: 2 }\nweb -> api : https');
    });
    it('replaces only the protocol of a plaintext connection', async () => {
        const { fixed } = await roundTrip({ rule: 'plaintext-connection', text: 'client web\nservice api\nweb -> api : http "calls"' });
        expect(fixed).toBe('client web\nservice api\nweb -> api : https "calls"');
    });
    it('routes a bypass through the gateway', async () => {
        const { fixed } = await roundTrip({ rule: 'gateway-bypass', text: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nservice admin\nweb -> api : https\nweb -> admin : https' });
        expect(fixed).toBe('client web\ngateway api {\n  route "/o" -> orders\n  route "/admin" -> admin\n}\nservice orders\nservice admin\nweb -> api : https\nweb -> api : https');
    });
    it('marks the rename of an unknown property as preferred', async () => {
        const { actions } = await actionsFor('service orders { replica: 2 }', 'unknown-property');
        expect(actions.map(a => [a.title, a.isPreferred])).toEqual([["Rename to 'replicas'", true], ["Suppress 'unknown-property' with @allow…", false]]);
    });
});

describe('Suppress with @allow…', () => {
    const SUPPRESSIBLE: RoundTrip[] = [
        { rule: 'orphan-component', text: 'zone z {\n  service legacy\n}' },
        { rule: 'sync-call-without-timeout', text: 'service a\nservice b\na -> b : grpcs' },
        { rule: 'consumer-without-dlq', text: 'broker bus {\n  queue q\n}' },
        { rule: 'missing-identity-propagation', text: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders' },
        { rule: 'jwt-missing-expiry', text: 'service api {\n  auth: jwt { revocation: denylist }\n}' },
    ];
    for (const c of SUPPRESSIBLE) {
        it(`suppresses '${c.rule}' and the text stays valid`, async () => {
            const { fixed, syntaxErrors, remaining } = await roundTrip({ ...c, title: undefined, rule: c.rule } as RoundTrip).then(async () => {
                const { actions } = await actionsFor(c.text, c.rule);
                const suppress = actions.find(a => a.title === `Suppress '${c.rule}' with @allow…`)!;
                const text = apply(c.text, suppress);
                const result = await loadText(text);
                return {
                    fixed: text,
                    syntaxErrors: result.document.parseResult.parserErrors.length + result.document.parseResult.lexerErrors.length,
                    remaining: result.diagnostics.filter(d => d.code === c.rule || d.code === "allow-without-reason").map(d => String(d.message)),
                };
            });
            expect({ syntaxErrors, remaining, fixed }).toEqual({ syntaxErrors: 0, remaining: [], fixed });
        });
    }
    it('indents the annotation like the element', async () => {
        const { actions } = await actionsFor('zone z {\n  service legacy\n}', 'orphan-component');
        const suppress = actions.find(a => a.title.startsWith('Suppress'))!;
        expect(apply('zone z {\n  service legacy\n}', suppress)).toBe('zone z {\n  @allow(orphan-component, "explain why this is acceptable here")\n  service legacy\n}');
    });
});

describe('wiring', () => {
    it('the language services use the Archway code-action provider', async () => {
        const { createArchwayServices } = await import('../../src/lsp/module.js');
        const { EmptyFileSystem } = await import('langium');
        expect(createArchwayServices(EmptyFileSystem).Archway.lsp.CodeActionProvider).toBeInstanceOf(ArchwayCodeActionProvider);
    });
});
