import { analyze, arrow } from '../analysis.js';
import { defineRule } from '../define.js';

/** A user request waits for a batch job. */
export const batchInRequestPath = defineRule({
    id: 'batch-in-request-path',
    area: 'pipelines',
    severity: 'warning',
    title: 'A component on a user path calls a batch or ETL job synchronously.',
    rationale: 'Batch and ETL jobs are built for throughput, not latency: they run for minutes. A user request that waits for one times out; enqueue the work and answer at once.',
    fires: 'A component reached by a sync path from an entry point has a sync connection to a `batch` or `etl`.',
    fix: 'Enqueue the work instead (publish to a queue the job consumes).',
    examples: {
        invalid: 'client web\nservice reports\nbatch export { schedule: "0 2 * * *" }\nweb -> reports : https\nreports -> export : https { timeout: 2s }',
        valid: 'client web\nservice reports\nbatch export { schedule: "0 2 * * *" }\nbroker bus {\n  queue exports\n  deadLetter: true\n}\nweb -> reports : https\nreports ~> bus.exports\nbus.exports ~> export',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.connections
        .filter(c => c.style === 'sync' && a.onUserPath(c.source))
        .filter(c => { const t = a.components.get(c.target); return (t?.kind === 'batch' || t?.kind === 'etl') && !t.hasUnresolvedReferences; })
        .map(c => finding(c.location,
            `'${c.source}' is on a user path and calls the ${a.components.get(c.target)!.kind === 'etl' ? 'ETL' : 'batch'} job '${c.target}' synchronously ('${arrow(c)}'); enqueue the work instead of waiting for it.`,
            { elements: [c.source, c.target], related: a.relatedPath(a.userPath(c.source), 'of the user path') }));
});
