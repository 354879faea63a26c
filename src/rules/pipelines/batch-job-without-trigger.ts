import { analyze, prop, refProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';

/** A batch or ETL job that nothing ever starts. */
export const batchJobWithoutTrigger = defineRule({
    id: 'batch-job-without-trigger',
    area: 'pipelines',
    severity: 'warning',
    title: 'A batch or ETL job has no trigger.',
    rationale: 'Batching trades latency for throughput by running on a schedule or when enough work has piled up. A job with neither, and nothing that calls or feeds it, never runs.',
    fires: 'A `batch` or `etl` has no `schedule`, no `every` (`every: 1000 items`), no `trigger`, no incoming connection of any style, and does not read (`from:`) a topic, queue, broker or stream.',
    fix: 'Insert `schedule: "0 2 * * *"`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'batch invoices { to: ledger }\ndatabase ledger { replicas: 2 }',
        valid: 'batch invoices { schedule: "0 2 * * *"  to: ledger }\ndatabase ledger { replicas: 2 }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.components
        .filter(c => (c.kind === 'batch' || c.kind === 'etl') && !c.hasUnresolvedReferences)
        .filter(c => !['schedule', 'every', 'trigger'].some(p => prop(c.properties, p) !== undefined))
        .filter(c => a.incoming(c.id).length === 0)
        // A job reading a topic, queue or stream is fed by it.
        .filter(c => !refProp(c.properties, 'from').some(id => { const e = model.elements.get(id); return e?.type === 'channel' || (e?.type === 'component' && (e.kind === 'broker' || e.kind === 'stream')); }))
        .map(c => finding(c.nameLocation,
            `The ${c.kind === 'etl' ? 'ETL' : 'batch'} job '${c.id}' has no schedule, no threshold (every:) and nothing calls or feeds it, so it never runs.`,
            { elements: [c.id], fixes: [fix('Insert schedule: "0 2 * * *"', setProperty(c, 'schedule', '"0 2 * * *"'))] }));
});
