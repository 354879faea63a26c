import { analyze, arrow, Describe, prop, refProp, relatedConnection } from '../analysis.js';
import { defineRule } from '../define.js';
import type { Finding, SourceLocation } from '../../model/arch-model.js';

const ANALYTICS = new Set(['etl', 'batch', 'stream']);

/** Analytics jobs reading the database users are served from. */
export const analyticsOnServingDatabase = defineRule({
    id: 'analytics-on-serving-database',
    area: 'pipelines',
    severity: 'warning',
    title: 'An analytics job reads the database user requests are served from.',
    rationale: 'Analytical scans compete with user traffic for the same locks, caches and I/O: the nightly export becomes the nightly outage. Read from a replica, or stream changes out (CDC).',
    fires: 'An `etl`, `batch` or `stream` reads a `database` (a connection without `op: write|append|delete`, or `from:`) that a service-like component on a user path also uses, and the database has no `readReplica`.',
    fix: 'Read from a replica (`readReplica: true`) or use change data capture.',
    examples: {
        invalid: 'client web\nservice orders\ndatabase ordersDb { replicas: 2 }\netl nightly { schedule: "0 2 * * *"  from: ordersDb  to: warehouse }\ndatabase warehouse { replicas: 2 }\nweb -> orders : https\norders -> ordersDb : sql+tls',
        valid: 'client web\nservice orders\ndatabase ordersDb { replicas: 2  readReplica: true }\netl nightly { schedule: "0 2 * * *"  from: ordersDb  to: warehouse }\ndatabase warehouse { replicas: 2 }\nweb -> orders : https\norders -> ordersDb : sql+tls',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const job of model.components) {
        if (!ANALYTICS.has(job.kind) || job.hasUnresolvedReferences) continue;
        const reads: { db: string; location: SourceLocation; label: string }[] = [];
        for (const id of refProp(job.properties, 'from')) reads.push({ db: id, location: job.properties.get('from')!.location, label: `from: ${id}` });
        for (const c of a.outgoing(job.id)) {
            const op = prop(c.properties, 'op');
            if (op && op.type === 'enum' && ['write', 'append', 'delete'].includes(op.value)) continue;
            reads.push({ db: c.target, location: c.location, label: arrow(c) });
        }
        const seen = new Set<string>();
        for (const read of reads) {
            const db = a.components.get(read.db);
            if (db?.kind !== 'database' || seen.has(db.id)) continue;
            const replica = prop(db.properties, 'readReplica');
            if (replica && !(replica.type === 'boolean' && !replica.value)) continue;
            const serving = a.incoming(db.id).find(c => c.source !== job.id && !ANALYTICS.has(a.components.get(c.source)?.kind ?? '') && a.serviceLike(c.source) && a.onUserPath(c.source));
            if (!serving) continue;
            seen.add(db.id);
            result.push(finding(read.location,
                `${Describe(job)} reads the database '${db.id}' (${read.label}), which '${serving.source}' uses to serve users; read from a replica or stream changes out instead.`,
                { elements: [job.id, db.id], related: [relatedConnection(serving, `'${serving.source}' serves users from '${db.id}'.`)] }));
        }
    }
    return result;
});
