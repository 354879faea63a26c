import type { Connection } from '../../model/arch-model.js';
import { formatMilliseconds } from '../../numbers/format.js';
import type { BudgetCall, TimeBudget } from '../../numbers/timeouts.js';
import { arrow } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';

/** Timeouts that read as a duration a little above `ms`, for the quick fix. */
const STEPS = [10, 20, 50, 100, 200, 250, 300, 500, 750, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000];

/** The smallest readable timeout strictly above `ms`. */
export function timeoutAbove(ms: number): number {
    return STEPS.find(step => step > ms) ?? Math.ceil((ms + 1) / 60_000) * 60_000;
}

/** `'orders -> payments' waits up to 3 × 1s = 3s` and what lies below a call without a timeout. */
function explainCall(call: BudgetCall): string {
    const head = `'${arrow(call.connection)}'`;
    if (call.timeout !== undefined) {
        return call.attempts > 1
            ? `${head} waits up to ${call.attempts} × ${formatMilliseconds(call.timeout)} = ${formatMilliseconds(call.milliseconds)}`
            : `${head} waits up to ${formatMilliseconds(call.timeout)}`;
    }
    const below = call.callee?.call ? `, as ${explainCall(call.callee.call)}` : '';
    return `${head} has no timeout and may take ${formatMilliseconds(call.milliseconds)}${below}`;
}

/** Why a callee may spend what it spends. */
function explainBudget(callee: string, budget: TimeBudget): string {
    const parts: string[] = [];
    if (budget.own !== undefined) parts.push(`its own latency is ${formatMilliseconds(budget.own)}`);
    if (budget.call) parts.push(explainCall(budget.call));
    return `'${callee}' may spend ${formatMilliseconds(budget.milliseconds)} (${parts.join(' and ')})`;
}

/** A caller that gives up before its callee can finish. */
export const timeoutBudgetExceeded = defineRule({
    id: 'timeout-budget-exceeded',
    area: 'numbers',
    severity: 'warning',
    title: 'A caller\'s timeout is shorter than what its callee may spend on the request.',
    rationale: 'When a caller gives up before its callee has finished, the callee keeps working for a request nobody waits for, and a retry starts the same work again: load grows exactly when the system is slow. Along a synchronous chain each timeout must exceed what the callee may spend: its own latency plus its downstream timeouts, each multiplied by its attempts (docs/numbers.md).',
    fires: 'A synchronous connection has a `timeout` (its own, or its caller\'s default `timeout:`) not above what the callee may spend: the callee\'s `latency` plus its most expensive synchronous call (`(1 + retries) × timeout`, or for a call without a timeout what its callee may spend, hop latency included). Only declared or configured figures count.',
    fix: 'Raise the caller\'s timeout above the callee\'s budget (the quick fix sets the next readable duration above it), or shorten the callee\'s own timeouts and retries.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service api\nservice orders\ndatabase db\napi -> orders : grpcs { timeout: 1s }\norders -> db : sql+tls { timeout: 2s }',
        valid: 'service api\nservice orders\ndatabase db\napi -> orders : grpcs { timeout: 3s }\norders -> db : sql+tls { timeout: 2s }',
    },
}, (model, { finding, numbers }) => model.connections.flatMap(connection => {
    if (connection.style !== 'sync' || connection.hasUnresolvedReferences) return [];
    const { timeout, timeoutProperty } = numbers.connection(connection);
    if (timeout === undefined) return [];
    const budget = numbers.timeBudget(connection.target);
    if (!budget.known || budget.milliseconds < timeout) return [];
    const from = timeoutProperty && timeoutProperty !== connection.properties.get('timeout') ? ` (the default timeout of '${connection.source}')` : '';
    const raised = formatMilliseconds(timeoutAbove(budget.milliseconds));
    return [finding(connection.location,
        `'${arrow(connection)}' gives up after ${formatMilliseconds(timeout)}${from}, but ${explainBudget(connection.target, budget)}: the work goes on for a request nobody waits for.`,
        {
            elements: [connection.source, connection.target],
            related: relatedCalls(budget),
            fixes: [fix(`Set timeout: ${raised}`, setProperty(connection, 'timeout', raised))],
        })];
}));

/** The calls that make up the budget, for the related information. */
function relatedCalls(budget: TimeBudget): { location: Connection['location']; message: string }[] {
    const result: { location: Connection['location']; message: string }[] = [];
    for (let call = budget.call; call; call = call.callee?.call) {
        result.push({ location: call.connection.location, message: explainCall(call) + '.' });
        if (call.timeout !== undefined) break;
    }
    return result;
}
