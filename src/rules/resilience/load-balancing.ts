/**
 * Which calls to a replicated component spread no load: shared by `replicas-without-load-balancer`
 * (which reports them) and `single-point-of-failure` (whose fix adds replicas and must balance
 * the calls it would otherwise leave unbalanced).
 */
import type { Component, Connection } from '../../model/arch-model.js';
import { type Analysis, arrow, prop } from '../analysis.js';
import { setProperty, type FixChange } from '../fix.js';

/**
 * A sync call to a service-like component that no load balancer or gateway spreads and that sets
 * no `loadBalancing:`; calls from service-like components count only with `serviceCallers` (else
 * platform service discovery is assumed). Replicas are not looked at.
 */
export function isUnbalancedCall(a: Analysis, c: Connection, serviceCallers: boolean): boolean {
    if (c.style !== 'sync') return false;
    const target = a.serviceLike(c.target);
    if (!target || target.hasUnresolvedReferences) return false;
    const source = a.components.get(c.source);
    if (!source || source.kind === 'loadbalancer' || source.kind === 'gateway' || source.kind === 'cdn') return false;
    if (!serviceCallers && a.serviceLike(source.id)) return false;
    const lb = prop(c.properties, 'loadBalancing');
    return !lb || (lb.type === 'boolean' && !lb.value);
}

/** The unbalanced calls (see `isUnbalancedCall`) into one component. */
export function unbalancedCallsTo(a: Analysis, target: Component, serviceCallers: boolean): Connection[] {
    return (a.model.incoming.get(target.id) ?? []).filter(c => isUnbalancedCall(a, c, serviceCallers));
}

/**
 * For a fix that adds replicas to `component`: `loadBalancing: client` on the calls into it that
 * nothing would spread (else the fix trades its finding for `replicas-without-load-balancer`),
 * only those written in the component's own file so the fix stays one file's edit.
 */
export function balanceCallsTo(a: Analysis, component: Component): { changes: FixChange[]; calls: Connection[] } {
    const calls = unbalancedCallsTo(a, component, false).filter(c => c.location.uri === component.location.uri);
    return { changes: calls.map(c => setProperty(c, 'loadBalancing', 'client')), calls };
}

/** `'a -> b', 'c -> b'` and `… and 3 more` for a fix title. */
export function namedCalls(calls: readonly Connection[]): string {
    return calls.slice(0, 2).map(c => `'${arrow(c)}'`).join(', ') + (calls.length > 2 ? ` and ${calls.length - 2} more` : '');
}
