/**
 * Retry amplification: along a synchronous chain, each hop's `(1 + retries)` multiplies the
 * calls the next hop receives when the end of the chain is slow or failing. For a connection,
 * the worst chain through it is the worst chain of calls into its caller, the connection
 * itself, and the worst chain below its callee.
 */
import type { Connection } from '../model/arch-model.js';
import { attempts } from './formulas.js';
import { walk, type NumberSource, type Walked } from './source.js';

/** A chain of calls and the product of its attempts. */
export interface RetryChain {
    /** `∏ (1 + retries)` along `connections`. */
    factor: number;
    /** The chain's connections, in call order. */
    connections: readonly Connection[];
}

/** The worst chain through a connection. */
export interface RetryAmplification {
    /** The worst chain of calls into the connection's caller (factor 1 when nothing retries there). */
    above: RetryChain;
    /** Attempts of the connection itself. */
    attempts: number;
    /** The worst chain below the connection's callee. */
    below: RetryChain;
    /** `above × attempts × below`: calls the end of the chain receives for one request. */
    factor: number;
    /** The whole chain, in call order. */
    connections: readonly Connection[];
}

const memos = new WeakMap<NumberSource, { above: Map<string, RetryChain>; below: Map<string, RetryChain> }>();

function memoOf(source: NumberSource): { above: Map<string, RetryChain>; below: Map<string, RetryChain> } {
    let memo = memos.get(source);
    if (!memo) memos.set(source, memo = { above: new Map(), below: new Map() });
    return memo;
}

/** The worst chain of calls that ends at an element (how many times one request can reach it). */
export function retriesAbove(source: NumberSource, id: string): RetryChain {
    return walk(id, x => source.syncIn(x), c => c.source, (_, walked) => worst(source, walked, (c, chain) => [...chain, c]), memoOf(source).above);
}

/** The worst chain of calls that starts at an element. */
export function retriesBelow(source: NumberSource, id: string): RetryChain {
    return walk(id, x => source.syncOut(x), c => c.target, (_, walked) => worst(source, walked, (c, chain) => [c, ...chain]), memoOf(source).below);
}

/** The worst chain through a connection. */
export function retryAmplification(source: NumberSource, connection: Connection): RetryAmplification {
    const above = retriesAbove(source, connection.source);
    let below = retriesBelow(source, connection.target);
    // On a synchronous cycle the chains above and below meet: count the cycle once.
    if (below.connections.some(c => c === connection || above.connections.includes(c))) below = { factor: 1, connections: [] };
    const own = attempts(source.connection(connection).retries);
    return {
        above, attempts: own, below, factor: above.factor * own * below.factor,
        connections: [...above.connections, connection, ...below.connections],
    };
}

function worst(source: NumberSource, walked: readonly Walked<RetryChain>[], extend: (c: Connection, chain: readonly Connection[]) => Connection[]): RetryChain {
    let best: RetryChain = { factor: 1, connections: [] };
    for (const { connection, value } of walked) {
        const factor = attempts(source.connection(connection).retries) * value.factor;
        if (factor > best.factor) best = { factor, connections: extend(connection, value.connections) };
    }
    return best;
}
