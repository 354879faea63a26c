import { analyze, quotedList, relatedConnection, writes } from '../analysis.js';
import { defineRule } from '../define.js';
import type { Connection, Finding } from '../../model/arch-model.js';

const PIPELINE = new Set(['etl', 'batch', 'stream']);

/** A database written by several services. */
export const sharedDatabase = defineRule({
    id: 'shared-database',
    area: 'resilience',
    severity: 'warning',
    title: 'Several services write to the same database.',
    rationale: 'A database shared by services couples them through its schema: no one can change a table without coordinating with every other writer, and no single service guards the data\'s invariants. Each service should own its store; others go through its API.',
    fires: 'A `database` receives writes (sync connections without `op: read`) from two or more service-like components (ETL, batch and stream jobs are only counted when they write explicitly). An info when the others only read (`op: read`).',
    fix: 'Give each service its own store, or go through the owner\'s API.',
    examples: {
        invalid: 'service orders\nservice billing\ndatabase db { replicas: 2 }\norders -> db : sql+tls\nbilling -> db : sql+tls',
        valid: 'service orders\nservice billing\ndatabase db { replicas: 2 }\norders -> db : sql+tls\nbilling -> orders : grpcs { timeout: 2s }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const result: Finding[] = [];
    for (const db of model.components) {
        if (db.kind !== 'database') continue;
        const writers = new Map<string, Connection>();
        const readers = new Map<string, Connection>();
        for (const c of a.incoming(db.id)) {
            const source = a.serviceLike(c.source);
            if (!source || c.style !== 'sync') continue;
            const explicitWrite = c.properties.get('op') !== undefined && writes(c);
            if (PIPELINE.has(source.kind) ? explicitWrite : writes(c)) {
                if (!writers.has(source.id)) writers.set(source.id, c);
            } else if (!PIPELINE.has(source.kind) && !readers.has(source.id)) {
                readers.set(source.id, c);
            }
        }
        for (const id of writers.keys()) readers.delete(id);
        if (writers.size >= 2) {
            result.push(finding(db.nameLocation,
                `The database '${db.id}' is written by ${quotedList(writers.keys())}; each service should own its data, and others go through its API.`,
                { elements: [db.id, ...writers.keys()], related: [...writers.values()].map(c => relatedConnection(c, `'${c.source}' writes to '${db.id}'.`)) }));
        } else if (writers.size === 1 && readers.size > 0) {
            const [owner] = writers.keys();
            result.push(finding(db.nameLocation,
                `The database '${db.id}' is owned by '${owner}' but also read directly by ${quotedList(readers.keys())}; reading through '${owner}' keeps its schema private.`,
                { severity: 'info', elements: [db.id, owner, ...readers.keys()], related: [...readers.values()].map(c => relatedConnection(c, `'${c.source}' reads '${db.id}' directly.`)) }));
        }
    }
    return result;
});
