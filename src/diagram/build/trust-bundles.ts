/**
 * Identity providers that many boxes of a view trust. One dotted `trusts` edge per token
 * consumer reads well while an issuer has a few; when six services of a view trust one
 * IdentityServer, six dotted lines cross everything between the services and the issuer (a
 * third of the eShop overview's crossings) to say one thing: these services accept its tokens.
 * Above `TRUST_EDGE_LIMIT`, the issuer's box says it once (`trusted by 6`, a fact on the box,
 * so also in its accessible name), the trusting boxes keep their `auth jwt` fact, and the edges
 * are not drawn. A view that wants no trust at all says `trusts: false`.
 */
import type { CollapsePlan } from './collapse-plan.js';
import type { SelectedRelation } from '../view-selection.js';

/** Issuers trusted by more boxes than this in one view draw `trusted by N` instead of N edges. */
export const TRUST_EDGE_LIMIT = 3;

/** Issuer node id → the drawn boxes that trust it, for issuers over the limit only. */
export function bundledTrusts(relations: readonly SelectedRelation[], plan: CollapsePlan): Map<string, string[]> {
    const trusters = new Map<string, Set<string>>();
    for (const { relation, source, target } of relations) {
        if (relation.kind !== 'trusts') continue;
        const from = plan.nodeOf(source);
        const to = plan.nodeOf(target);
        // Between collapsed boxes a relation only adds to an edge that is drawn anyway.
        if (from === to || from !== source || to !== target) continue;
        let set = trusters.get(to);
        if (!set) trusters.set(to, set = new Set());
        set.add(from);
    }
    const bundled = new Map<string, string[]>();
    for (const [issuer, sources] of trusters) if (sources.size > TRUST_EDGE_LIMIT) bundled.set(issuer, [...sources]);
    return bundled;
}
