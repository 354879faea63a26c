/**
 * Capacity: what a gateway or load balancer admits (its `rateLimit`, else the sum of what its
 * callers send) against what the next hop serves (`capacity × replicas`). A caller that is a
 * gateway or load balancer sends what it admits; another caller sends at most what it serves;
 * a caller that declares neither (a client) leaves the admitted rate unbounded.
 */
import type { ComponentKind } from '../model/arch-model.js';
import { walk, type NumberSource, type Walked } from './source.js';

/** Kinds that admit traffic into what is behind them. */
export const ADMITTING_KINDS: ReadonlySet<ComponentKind> = new Set(['gateway', 'loadbalancer']);

/** What a gateway or load balancer admits per second, and where the figure comes from. */
export interface AdmittedRate {
    /** Requests per second; undefined when unbounded (a caller without a figure). */
    perSecond: number | undefined;
    /** `rateLimit` when the component declares one, else the sum of its callers. */
    basis: 'rateLimit' | 'callers';
    /** For `callers`: each caller and what it sends. */
    callers: readonly { id: string; perSecond: number }[];
}

const memos = new WeakMap<NumberSource, Map<string, AdmittedRate>>();

/** What a gateway or load balancer admits; undefined for other kinds. */
export function admittedRate(source: NumberSource, id: string): AdmittedRate | undefined {
    const component = source.component(id);
    if (!component || !ADMITTING_KINDS.has(component.kind)) return undefined;
    let memo = memos.get(source);
    if (!memo) memos.set(source, memo = new Map());
    return walk(id, x => (admits(source, x) && source.component(x)?.rateLimit === undefined ? source.syncIn(x) : []), c => c.source,
        (x, walked) => combine(source, x, walked), memo);
}

function admits(source: NumberSource, id: string): boolean {
    const kind = source.component(id)?.kind;
    return kind !== undefined && ADMITTING_KINDS.has(kind);
}

function combine(source: NumberSource, id: string, walked: readonly Walked<AdmittedRate>[]): AdmittedRate {
    const component = source.component(id)!;
    if (component.rateLimit !== undefined) return { perSecond: component.rateLimit, basis: 'rateLimit', callers: [] };
    if (!admits(source, id)) return { perSecond: component.served, basis: 'callers', callers: [] };
    const rates = new Map<string, number | undefined>();
    for (const { connection, value } of walked) rates.set(connection.source, value.perSecond);
    // Callers the walk left out (a cycle back to a component being computed) are unbounded.
    for (const connection of source.syncIn(id)) if (!rates.has(connection.source)) rates.set(connection.source, undefined);
    const callers = [...rates].map(([caller, perSecond]) => ({ id: caller, perSecond }));
    const bounded = callers.length > 0 && callers.every(c => c.perSecond !== undefined);
    return {
        perSecond: bounded ? callers.reduce((sum, c) => sum + c.perSecond!, 0) : undefined,
        basis: 'callers',
        callers: bounded ? callers as { id: string; perSecond: number }[] : [],
    };
}
