import { analyze, opOf, refProp } from '../analysis.js';
import { defineRule } from '../define.js';

/** An ETL job missing its extract or its load end. */
export const etlIncompletePipeline = defineRule({
    id: 'etl-incomplete-pipeline',
    area: 'pipelines',
    severity: 'error',
    title: 'An ETL job lacks a source or a sink.',
    rationale: 'Extract, transform, load: a pipeline with no source has nothing to extract and one with no sink loads nowhere. Either end missing means the model does not say where data comes from or goes.',
    fires: 'An `etl` has no source (`from:`, an incoming `~>`, or an outgoing `op: read|readwrite`) or no sink (`to:`, an outgoing `~>`, or an outgoing `op: write|append|readwrite|delete`). Outgoing connections without `op` are counted towards whichever end is missing.',
    fix: 'Insert `from:` / `to:`.',
    examples: {
        invalid: 'etl nightly { schedule: "0 2 * * *"  from: orders }\ndatabase orders { replicas: 2 }',
        valid: 'etl nightly { schedule: "0 2 * * *"  from: orders  to: warehouse }\ndatabase orders { replicas: 2 }\ndatabase warehouse { replicas: 2 }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.components
        .filter(c => c.kind === 'etl' && !c.hasUnresolvedReferences)
        .flatMap(etl => {
            const out = a.outgoing(etl.id);
            const source = refProp(etl.properties, 'from').length > 0 || a.incoming(etl.id).some(c => c.style === 'async')
                || out.some(c => opOf(c) === 'read' || opOf(c) === 'readwrite');
            const sink = refProp(etl.properties, 'to').length > 0 || out.some(c => c.style === 'async')
                || out.some(c => ['write', 'append', 'readwrite', 'delete'].includes(opOf(c) ?? ''));
            const unmarked = out.filter(c => c.style === 'sync' && opOf(c) === undefined).length;
            const missing = [source ? undefined : 'source', sink ? undefined : 'sink'].filter((m): m is string => m !== undefined);
            if (missing.length === 0 || unmarked >= missing.length) return [];
            const what = missing.length === 2 ? 'neither a source (from:) nor a sink (to:)' : missing[0] === 'source' ? 'no source (from: or a read)' : 'no sink (to: or a write)';
            return [finding(etl.nameLocation,
                `The ETL job '${etl.id}' has ${what}.`,
                { elements: [etl.id] })];
        });
});
