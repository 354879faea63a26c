/**
 * Every rule Archway knows, in catalogue order: the registered rules with a `check`, plus the
 * ids the model builder and the engine report. `listRules()` is what `archway check --list-rules`
 * prints and what the docs are generated from.
 */
import type { ModelRule, Rule, RuleMeta } from './rule.js';
import { MODEL_PROBLEMS } from './model/model-problems.js';
import { orphanComponent } from './model/orphan-component.js';
import { flowStepNotInTopology } from './model/flow-step-not-in-topology.js';
import { gatewayBypass } from './gateway/gateway-bypass.js';
import { gatewayMissingAuth } from './gateway/gateway-missing-auth.js';
import { gatewayMissingRateLimit } from './gateway/gateway-missing-rate-limit.js';
import { gatewayWithoutRoutes } from './gateway/gateway-without-routes.js';
import { gatewayCacheDisabled } from './gateway/gateway-cache-disabled.js';
import { cdnMissingOrigin } from './cdn-dns/cdn-missing-origin.js';
import { cdnOriginBypass } from './cdn-dns/cdn-origin-bypass.js';
import { cdnMissingWaf } from './cdn-dns/cdn-missing-waf.js';
import { cdnNoCachePolicy } from './cdn-dns/cdn-no-cache-policy.js';
import { cdnCachesPrivateContent } from './cdn-dns/cdn-caches-private-content.js';
import { dnsResolvesToInternal } from './cdn-dns/dns-resolves-to-internal.js';
import { sessionWithoutSharedStore } from './auth/session-without-shared-store.js';
import { sessionCookieInsecure } from './auth/session-cookie-insecure.js';
import { jwtMissingExpiry } from './auth/jwt-missing-expiry.js';
import { jwtNoRevocationStrategy } from './auth/jwt-no-revocation-strategy.js';
import { jwtWithoutIssuer } from './auth/jwt-without-issuer.js';
import { jwtInsecureClientStorage } from './auth/jwt-insecure-client-storage.js';
import { missingIdentityPropagation } from './auth/missing-identity-propagation.js';
import { topicWithoutSubscriber } from './messaging/topic-without-subscriber.js';
import { subscriberWithoutPublisher } from './messaging/subscriber-without-publisher.js';
import { asyncWithoutBroker } from './messaging/async-without-broker.js';
import { consumerWithoutDlq } from './messaging/consumer-without-dlq.js';
import { syncCycle } from './request-response/sync-cycle.js';
import { syncChainTooDeep } from './request-response/sync-chain-too-deep.js';
import { syncCallWithoutTimeout } from './request-response/sync-call-without-timeout.js';
import { eventSourcingWithoutEventStore } from './event-sourcing/event-sourcing-without-event-store.js';
import { eventStoreNotAppendOnly } from './event-sourcing/event-store-not-append-only.js';
import { streamProcessorWithoutSource } from './pipelines/stream-processor-without-source.js';
import { etlIncompletePipeline } from './pipelines/etl-incomplete-pipeline.js';
import { batchJobWithoutTrigger } from './pipelines/batch-job-without-trigger.js';
import { batchInRequestPath } from './pipelines/batch-in-request-path.js';
import { analyticsOnServingDatabase } from './pipelines/analytics-on-serving-database.js';
import { orchestratorSinglePointOfFailure } from './orchestration/orchestrator-single-point-of-failure.js';
import { orchestratorWithoutCompensation } from './orchestration/orchestrator-without-compensation.js';
import { p2pWithoutDiscovery } from './peer-to-peer/p2p-without-discovery.js';
import { p2pUnauthenticatedPeerLink } from './peer-to-peer/p2p-unauthenticated-peer-link.js';
import { sharedDatabase } from './resilience/shared-database.js';
import { clientDirectDatastoreAccess } from './resilience/client-direct-datastore-access.js';
import { plaintextConnection } from './resilience/plaintext-connection.js';
import { singlePointOfFailure } from './resilience/single-point-of-failure.js';
import { replicasWithoutLoadBalancer } from './resilience/replicas-without-load-balancer.js';
import { incompleteComponent } from './resilience/incomplete-component.js';
import { driftUndeclaredWorkload } from './drift/drift-undeclared-workload.js';
import { driftMissingWorkload } from './drift/drift-missing-workload.js';
import { driftReplicas } from './drift/drift-replicas.js';
import { driftExposure } from './drift/drift-exposure.js';

/** Rules with a `check`, in catalogue order. */
export const RULES: readonly Rule[] = [
    orphanComponent, flowStepNotInTopology,
    gatewayBypass, gatewayMissingAuth, gatewayMissingRateLimit, gatewayWithoutRoutes, gatewayCacheDisabled,
    cdnMissingOrigin, cdnOriginBypass, cdnMissingWaf, cdnNoCachePolicy, cdnCachesPrivateContent, dnsResolvesToInternal,
    sessionWithoutSharedStore, sessionCookieInsecure, jwtMissingExpiry, jwtNoRevocationStrategy, jwtWithoutIssuer,
    jwtInsecureClientStorage, missingIdentityPropagation,
    topicWithoutSubscriber, subscriberWithoutPublisher, asyncWithoutBroker, consumerWithoutDlq,
    syncCycle, syncChainTooDeep, syncCallWithoutTimeout,
    eventSourcingWithoutEventStore, eventStoreNotAppendOnly,
    streamProcessorWithoutSource, etlIncompletePipeline, batchJobWithoutTrigger, batchInRequestPath, analyticsOnServingDatabase,
    orchestratorSinglePointOfFailure, orchestratorWithoutCompensation,
    p2pWithoutDiscovery, p2pUnauthenticatedPeerLink,
    sharedDatabase, clientDirectDatastoreAccess, plaintextConnection, singlePointOfFailure, replicasWithoutLoadBalancer, incompleteComponent,
    driftUndeclaredWorkload, driftMissingWorkload, driftReplicas, driftExposure,
];

/** Every rule and model-level id, in catalogue order (model ids first). */
export const ALL_RULES: readonly (Rule | ModelRule)[] = [
    ...MODEL_PROBLEMS.slice(0, 4), orphanComponent, flowStepNotInTopology, ...MODEL_PROBLEMS.slice(4), ...RULES.slice(2),
];

const BY_ID = new Map(ALL_RULES.map(r => [r.meta.id, r] as const));

/** Metadata of every rule id, in catalogue order (for `archway check --list-rules` and docs). */
export function listRules(): RuleMeta[] {
    return ALL_RULES.map(r => r.meta);
}

/** The rule (or model-level id) with this id. */
export function getRule(id: string): Rule | ModelRule | undefined {
    return BY_ID.get(id);
}

/** Every known rule id. */
export function ruleIds(): string[] {
    return [...BY_ID.keys()];
}
