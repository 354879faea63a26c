/**
 * Rule ids the editor offers a quick fix for (besides "Suppress with @allow…", offered for
 * every rule). Kept here so docs and `--list-rules` can say so without depending on the
 * language server; a test checks it against the code-action provider.
 */
export const QUICK_FIX_RULES: ReadonlySet<string> = new Set([
    'allow-without-reason', 'async-without-broker', 'batch-job-without-trigger', 'cdn-caches-private-content', 'cdn-missing-origin',
    'cdn-missing-waf', 'cdn-no-cache-policy', 'consumer-without-dlq', 'event-sourcing-without-event-store', 'event-store-not-append-only',
    'flow-step-not-in-topology', 'gateway-bypass', 'gateway-cache-disabled', 'gateway-missing-auth', 'gateway-missing-rate-limit',
    'gateway-without-routes', 'incomplete-component', 'jwt-insecure-client-storage', 'jwt-missing-expiry', 'jwt-no-revocation-strategy',
    'missing-identity-propagation', 'orchestrator-single-point-of-failure', 'orchestrator-without-compensation', 'orphan-component',
    'p2p-unauthenticated-peer-link', 'p2p-without-discovery', 'plaintext-connection', 'replicas-without-load-balancer',
    'session-cookie-insecure', 'session-without-shared-store', 'single-point-of-failure', 'sync-call-without-timeout',
    'topic-without-subscriber', 'unknown-property', 'unresolved-reference',
]);
