/**
 * Timeout budgets: what a component may spend on one request before it answers, from the
 * calls it makes. A call with a timeout costs at most `(1 + retries) × timeout`; a call
 * without one costs what the callee may spend (plus the hop), per attempt. A component may
 * spend its own latency plus its most expensive call (one call is enough to exceed a caller's
 * deadline; the calls a request makes one after another are not known, so the figure is a
 * lower bound of the worst case).
 */
import type { Connection } from '../model/arch-model.js';
import { attempts, worstCallTime } from './formulas.js';
import { walk, type NumberSource, type Walked } from './source.js';

/** The most a component may spend on a request, and why. */
export interface TimeBudget {
    /** Milliseconds. */
    milliseconds: number;
    /** True when some declared timeout or latency contributes (else the figure is 0 and says nothing). */
    known: boolean;
    /** The component's own latency in ms, when known. */
    own: number | undefined;
    /** The most expensive call and what it costs, when there is one. */
    call: BudgetCall | undefined;
}

/** One call in a budget's explanation. */
export interface BudgetCall {
    connection: Connection;
    /** What the call may cost in ms. */
    milliseconds: number;
    /** Attempts (`1 + retries`). */
    attempts: number;
    /** The timeout of each attempt, when the call has one. */
    timeout: number | undefined;
    /** Without a timeout: what the callee may spend, per attempt. */
    callee: TimeBudget | undefined;
}

const memos = new WeakMap<NumberSource, Map<string, TimeBudget>>();

/** What a component may spend on one request. */
export function timeBudget(source: NumberSource, id: string): TimeBudget {
    let memo = memos.get(source);
    if (!memo) memos.set(source, memo = new Map());
    return walk(id, x => source.syncOut(x), c => c.target, (x, walked) => combine(source, x, walked), memo);
}

function combine(source: NumberSource, id: string, walked: readonly Walked<TimeBudget>[]): TimeBudget {
    const own = source.component(id)?.latency;
    let worst: BudgetCall | undefined;
    let known = own !== undefined;
    for (const { connection, value } of walked) {
        const numbers = source.connection(connection);
        const call: BudgetCall = numbers.timeout !== undefined
            ? { connection, milliseconds: worstCallTime(numbers.timeout, numbers.retries), attempts: attempts(numbers.retries), timeout: numbers.timeout, callee: undefined }
            : { connection, milliseconds: attempts(numbers.retries) * ((numbers.latency ?? 0) + value.milliseconds), attempts: attempts(numbers.retries), timeout: undefined, callee: value };
        const callKnown = numbers.timeout !== undefined || numbers.latency !== undefined || value.known;
        if (!callKnown) continue;
        known = true;
        if (!worst || call.milliseconds > worst.milliseconds) worst = call;
    }
    return { milliseconds: (own ?? 0) + (worst?.milliseconds ?? 0), known, own, call: worst };
}
