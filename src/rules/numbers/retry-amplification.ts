import type { Connection } from '../../model/arch-model.js';
import { arrow } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';

/** Retries at several layers of one chain that multiply into a storm. */
export const retryAmplificationRule = defineRule({
    id: 'retry-amplification',
    area: 'numbers',
    severity: 'warning',
    title: 'Retries along a synchronous chain multiply beyond a threshold.',
    rationale: 'Each layer that retries multiplies the calls the layers below receive: three retries at each of three hops turn one click into 4 × 4 × 4 = 64 calls to the database, exactly when it is slow. Retry at one layer (usually the outermost), with backoff and a retry budget (docs/numbers.md).',
    fires: 'The product of `(1 + retries)` along a synchronous chain is above `maxFactor` (default 10). Reported once per chain, on its innermost connection that retries.',
    options: { maxFactor: { type: 'integer', description: 'Most calls one request may cause at the end of a synchronous chain through retries.', default: 10, min: 1 } },
    fix: 'Keep the retries of one layer and set `retries: 0` on the others (the quick fix keeps the outermost when that alone is within the threshold).',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service api\nservice orders\ndatabase db\napi -> orders : grpcs { timeout: 3s  retries: 3 }\norders -> db : sql+tls { timeout: 500ms  retries: 3 }',
        valid: 'service api\nservice orders\ndatabase db\napi -> orders : grpcs { timeout: 3s  retries: 3 }\norders -> db : sql+tls { timeout: 500ms }',
    },
}, (model, { options, finding, numbers }) => {
    const maxFactor = options.maxFactor as number;
    return model.connections.flatMap(connection => {
        if (connection.style !== 'sync' || connection.hasUnresolvedReferences || numbers.connection(connection).retries === 0) return [];
        const amplification = numbers.retryAmplification(connection);
        if (amplification.factor <= maxFactor || amplification.below.factor > 1) return [];
        const retrying = amplification.connections.filter(c => numbers.connection(c).retries > 0);
        const end = amplification.connections[amplification.connections.length - 1].target;
        const product = retrying.map(c => `${numbers.connection(c).retries + 1} attempts at '${arrow(c)}'`).join(' × ');
        const outermost = retrying[0];
        const others = retrying.slice(1);
        const fixable = retrying.length > 1 && numbers.connection(outermost).retries + 1 <= maxFactor
            && others.every(c => c.location.uri === connection.location.uri);
        return [finding(connection.location,
            `One request can reach '${end}' ${amplification.factor} times: ${product}, above the maximum of ${maxFactor}; retry at one layer only.`,
            {
                elements: [...new Set(amplification.connections.flatMap(c => [c.source, c.target]))],
                related: retrying.filter(c => c !== connection).map(c => relatedRetry(c, numbers.connection(c).retries)),
                fixes: fixable ? [fix(`Retry only at '${arrow(outermost)}'`, others.map(c => setProperty(c, 'retries', '0')))] : [],
            })];
    });
});

function relatedRetry(connection: Connection, retries: number): { location: Connection['location']; message: string } {
    return { location: connection.location, message: `'${arrow(connection)}' retries ${retries} time${retries === 1 ? '' : 's'}.` };
}
