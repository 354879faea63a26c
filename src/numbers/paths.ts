/**
 * The worst synchronous path below an element, over the whole topology: the lowest
 * availability any chain of calls from it reaches (the element included), and the highest
 * latency. A component's hover shows them ("with what it calls"); a view's figure is the worst
 * over its entry points.
 */
import type { Connection } from '../model/arch-model.js';
import { cdnAvailability, cdnLatency } from './formulas.js';
import { walk, type NumberSource, type Walked } from './source.js';

/** The worst path from an element. */
export interface WorstPath {
    /** Availability of the least available chain from the element (a fraction). */
    availability: number;
    /** The connections of that chain, in order. */
    availabilityPath: readonly Connection[];
    /** Expected latency of the slowest chain in ms (unknown latencies count as 0). */
    latency: number;
    /** The connections of that chain, in order. */
    latencyPath: readonly Connection[];
    /** True when some component or hop on the slowest chain declares (or is assumed) a latency. */
    latencyKnown: boolean;
}

/** Worst paths computed so far, per source. */
const memos = new WeakMap<NumberSource, Map<string, WorstPath>>();

/** The worst synchronous path from an element. */
export function worstPath(source: NumberSource, id: string): WorstPath {
    let memo = memos.get(source);
    if (!memo) memos.set(source, memo = new Map());
    return walk(id, x => source.syncOut(x), c => c.target, (x, walked) => combine(source, x, walked), memo);
}

function combine(source: NumberSource, id: string, walked: readonly Walked<WorstPath>[]): WorstPath {
    const component = source.component(id);
    const own = component?.availability ?? 1;
    const ownLatency = component?.latency;
    let low: Walked<WorstPath> | undefined;
    let slow: { walked: Walked<WorstPath>; latency: number; known: boolean } | undefined;
    for (const w of walked) {
        if (!low || w.value.availability < low.value.availability) low = w;
        const hop = source.connection(w.connection).latency;
        const latency = (hop ?? 0) + w.value.latency;
        if (!slow || latency > slow.latency) slow = { walked: w, latency, known: hop !== undefined || w.value.latencyKnown };
    }
    const hit = component?.kind === 'cdn' ? component.hitRatio : undefined;
    const below = low?.value.availability ?? 1;
    const belowLatency = slow?.latency ?? 0;
    return {
        availability: hit !== undefined && low ? cdnAvailability(own, hit, below) : own * below,
        availabilityPath: low ? [low.connection, ...low.value.availabilityPath] : [],
        latency: hit !== undefined ? cdnLatency(ownLatency ?? 0, hit, belowLatency) : (ownLatency ?? 0) + belowLatency,
        latencyPath: slow ? [slow.walked.connection, ...slow.walked.value.latencyPath] : [],
        latencyKnown: ownLatency !== undefined || (slow?.known ?? false),
    };
}
