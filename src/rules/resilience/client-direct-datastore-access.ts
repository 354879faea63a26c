import { analyze, arrow, Describe, describe } from '../analysis.js';
import { defineRule } from '../define.js';
import { isDataStore, type Element } from '../../model/arch-model.js';

/** An entry point talking straight to storage or a broker. */
export const clientDirectDatastoreAccess = defineRule({
    id: 'client-direct-datastore-access',
    area: 'resilience',
    severity: 'error',
    title: 'An entry point connects directly to a data store or broker.',
    rationale: 'A client that talks to a database or broker directly holds its credentials and bypasses every business rule and authorisation check a service would apply (Threagile `unguarded-direct-datastore-access`).',
    fires: 'An entry point (a client outside any zone or in a `public` zone, or any component in a `trust: public` zone; a client in a private zone is internal traffic) has a connection to a data store, a broker or a broker\'s channel. A CDN pulling from `storage` is fine, and so are data stores and brokers talking to each other.',
    fix: 'Put a service in between.',
    examples: {
        invalid: 'client web\ndatabase db { replicas: 2 }\nweb -> db : sql+tls',
        valid: 'client web\nservice api\ndatabase db { replicas: 2 }\nweb -> api : https\napi -> db : sql+tls',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const storeLike = (e: Element | undefined): boolean => e?.type === 'channel' || (e?.type === 'component' && e.kind === 'broker') || isDataStore(e);
    return model.connections.flatMap(c => {
        const source = a.components.get(c.source);
        if (!source || !a.isEntry(source) || source.kind === 'cdn' || storeLike(source) || source.hasUnresolvedReferences) return [];
        const target = model.elements.get(c.target);
        if (!storeLike(target)) return [];
        return [finding(c.location,
            `${Describe(source)} connects directly to ${describe(target)} ('${arrow(c)}'); put a service in between so data access is authorised and validated.`,
            { elements: [source.id, c.target] })];
    });
});
