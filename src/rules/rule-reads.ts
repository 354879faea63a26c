/**
 * What each rule reads of the model's properties: the names of the properties (of components,
 * zones, channels, connections, routes and flows; a block such as `auth:` counts as its top-level
 * name) whose values the rule's findings can depend on. Everything else a rule may read freely
 * (kinds, ids, zones, connections, protocols, places): an edit that changes any of it re-runs
 * every rule. An edit that changes only property values re-runs just the rules that declare one
 * of the changed names, and reuses the findings of the others (`src/checking/check-reuse.ts`).
 *
 * Two names stand for what a rule reads of every property: `#names` for which properties an
 * element or connection has (not their values; `duplicate-connection` asks whether a copy sets
 * any) and `#references` for the values that refer to elements (`orphan-component` counts a
 * component any property points at as connected). A rule that is not listed reads every
 * property (it always runs again): the drift rules, whose input is also the deployment. `test/rules/rule-reads.test.ts` changes every property a rule does not declare,
 * on every rule's doc examples and on real models, and fails when the rule's findings change.
 */

/** Read by a rule that asks which properties an owner has, not their values. */
export const NAMES = '#names';

/** Read by a rule that follows every property value referring to an element. */
export const REFERENCES = '#references';

/** Property names each listed rule reads (empty: it reads none). */
export const RULE_READS: Readonly<Record<string, readonly string[]>> = {
    'orphan-component': [REFERENCES, 'external'],
    'flow-step-not-in-topology': [],
    'duplicate-connection': [NAMES],
    'gateway-bypass': [],
    'gateway-missing-auth': ['auth', 'forwardIdentity', 'platform', 'public', 'tokenStorage'],
    'gateway-missing-rate-limit': ['rateLimit'],
    'gateway-without-routes': [],
    'gateway-cache-disabled': ['cache', 'op'],
    'unauthenticated-route': ['auth', 'public'],
    'cdn-missing-origin': ['origin'],
    'cdn-origin-bypass': ['origin'],
    'cdn-missing-waf': ['waf'],
    'cdn-no-cache-policy': ['ttl'],
    'cdn-caches-private-content': ['auth', 'bypassWhen', 'origin', 'ttl'],
    'dns-resolves-to-internal': [],
    'session-without-shared-store': ['auth', 'ha', 'replicas'],
    'session-cookie-insecure': ['auth', 'encrypted', 'mtls'],
    'jwt-missing-expiry': ['auth', 'issues'],
    'jwt-no-revocation-strategy': ['auth', 'issues'],
    'jwt-without-issuer': ['auth'],
    'jwt-insecure-client-storage': ['auth', 'platform', 'tokenStorage'],
    'missing-identity-propagation': ['auth', 'forwardIdentity', 'public'],
    'jwt-expiry-too-long': ['auth', 'issues'],
    'missing-authentication': ['auth', 'public'],
    'topic-without-subscriber': ['deadLetter'],
    'subscriber-without-publisher': ['external'],
    'async-without-broker': [],
    'consumer-without-dlq': ['deadLetter'],
    'sync-cycle': [],
    'sync-chain-too-deep': [],
    'sync-call-without-timeout': ['timeout'],
    'event-sourcing-without-event-store': ['eventSourced', 'eventStore'],
    'event-store-not-append-only': ['eventStore', 'op'],
    'stream-processor-without-source': ['from'],
    'etl-incomplete-pipeline': ['from', 'op', 'to'],
    'batch-job-without-trigger': ['every', 'from', 'schedule', 'trigger'],
    'batch-in-request-path': [],
    'analytics-on-serving-database': ['from', 'op', 'readReplica'],
    'orchestrator-single-point-of-failure': ['ha', 'replicas', 'stateStore'],
    'orchestrator-without-compensation': ['compensation', 'op', 'stateStore'],
    'p2p-without-discovery': ['discovery'],
    'p2p-unauthenticated-peer-link': ['auth', 'signed'],
    'shared-database': ['op'],
    'client-direct-datastore-access': [],
    'plaintext-connection': ['encrypted', 'mtls'],
    'single-point-of-failure': ['ha', 'loadBalancing', 'op', 'replicas'],
    'replicas-without-load-balancer': ['loadBalancing', 'replicas'],
    'incomplete-component': [],
    'capacity-below-admitted-rate': ['availability', 'capacity', 'composition', 'ha', 'hitRatio', 'latency', 'rateLimit', 'replicas', 'timeout'],
    'flow-below-availability-slo': ['availability', 'capacity', 'composition', 'ha', 'hitRatio', 'latency', 'rateLimit', 'replicas', 'retries', 'slo', 'timeout'],
    'flow-over-latency-slo': ['availability', 'capacity', 'composition', 'ha', 'hitRatio', 'latency', 'rateLimit', 'replicas', 'retries', 'slo', 'timeout'],
    'retry-amplification': ['latency', 'retries', 'timeout'],
    'timeout-budget-exceeded': ['availability', 'capacity', 'ha', 'hitRatio', 'latency', 'rateLimit', 'replicas', 'retries', 'timeout'],
};

/** The property names a rule reads, or undefined when it may read any (it is not listed). */
export function ruleReads(ruleId: string): readonly string[] | undefined {
    return Object.hasOwn(RULE_READS, ruleId) ? RULE_READS[ruleId] : undefined;
}
