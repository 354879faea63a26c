import { analyze, Describe, describe, isRedundant, relatedElement, writes, type Analysis } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty, type FixIntent } from '../fix.js';
import { balanceCallsTo, namedCalls } from './load-balancing.js';
import { breadthFirst, pathTo, type Reachability } from '../graph/digraph.js';
import { isDataStore, type Component, type Connection, type Finding } from '../../model/arch-model.js';
import { kindsWith } from '../../model/component-kinds.js';

/** Kinds that need redundancy (the kinds table), but the orchestrator: it has its own rule. */
const JUDGED: ReadonlySet<string> = new Set(kindsWith('needsRedundancy').filter(k => k !== 'orchestrator'));

/** Kinds that can be background workers; scheduled jobs (batch, ETL) run again on their next schedule. */
const WORKER_KINDS = new Set(['service', 'function', 'stream']);

/** One instance of something user requests, event processing or background work depend on. */
export const singlePointOfFailure = defineRule({
    id: 'single-point-of-failure',
    area: 'resilience',
    severity: 'warning',
    title: 'A non-redundant component is on a path from an entry point, or runs background work alone.',
    rationale: 'A component that runs once takes every request that depends on it down with it: a deploy, a crashed host or a zone outage becomes a user-facing outage. A consumer that runs once stops the processing of its events, and a background worker that runs once (a poller, an outbox relay) stops its work. Run two or more instances, or use a managed highly-available service (`ha: true`).',
    fires: 'A gateway, load balancer, service-like component (not an orchestrator: it has its own rule), data store, broker or identity provider is not redundant (`replicas >= 2` or `ha: true`; dns, cdn, storage and serverless `function`s are redundant by default) and: an entry point reaches it through sync connections and routes (requests depend on it); or only through async delivery (the events of a topic stop being processed when it fails; for a broker, publishing to it stops); or, in a model with entry points, it is a background worker (a service that nothing calls or feeds, which publishes to channels or writes to data stores), or something only such a worker reaches. One diagnostic per component; the message names an example path (from an entry point, never an internal client) and its start is the related information; the message says how many components are reachable only through it (its dominator subtree from the entry points).',
    fix: 'Insert `replicas: 2`, and `loadBalancing: client` on calls into it that no load balancer spreads.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\nservice api\nweb -> api : https',
        valid: 'client web\nservice api { replicas: 2 }\nweb -> api : https { loadBalancing: client }',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    // Background workers are judged in models of a system (with entry points), not in fragments
    // and sketches where nothing is reached from outside yet.
    const workers = a.entries.length === 0 ? [] : model.components.filter(c => isBackgroundWorker(a, c));
    const fromWorkers = breadthFirst(a.flow, workers.map(w => a.index.get(w.id)!));
    const result: Finding[] = [];
    for (const c of model.components) {
        if (!JUDGED.has(c.kind) || c.hasUnresolvedReferences || isRedundant(c)) continue;
        const what = dependency(a, c, fromWorkers);
        if (!what) continue;
        const dominated = a.dominatedCounts[a.index.get(c.id)!];
        const behind = dominated > 0 ? ` ${dominated} other component${dominated === 1 ? ' is' : 's are'} reachable only through it.` : '';
        result.push(finding(c.properties.get('replicas')?.location ?? c.nameLocation,
            `${Describe(c)} runs as a single instance, ${what.text}; run at least two replicas.${behind}`,
            // The message spells the path out; the related place is where it starts (the entry point or worker).
            { elements: [c.id], related: [relatedElement(model.elements.get(what.path[0])!, `The path starts at ${describe(model.elements.get(what.path[0])!)}.`)], fixes: [replicasFix(a, c)] }));
    }
    return result;
});

/** `replicas: 2`, and `loadBalancing: client` on the calls into it no load balancer would spread. */
function replicasFix(a: Analysis, component: Component): FixIntent {
    const balance = balanceCallsTo(a, component);
    if (balance.calls.length === 0) return fix('Set replicas: 2', setProperty(component, 'replicas', '2'));
    return fix(`Set replicas: 2 and balance ${namedCalls(balance.calls)} on the client`, [setProperty(component, 'replicas', '2'), ...balance.changes]);
}

/** What depends on a component (as a clause of the message), with an example path; undefined when nothing does. */
function dependency(a: Analysis, c: Component, fromWorkers: Reachability): { text: string; path: string[] } | undefined {
    const v = a.index.get(c.id)!;
    if (a.syncFromEntries.distance[v] >= 0) {
        const path = a.userPath(c.id);
        return { text: `and requests from '${path[0]}' depend on it (${pathText(a, path)})`, path };
    }
    if (a.flowFromEntries.distance[v] >= 0) {
        const path = pathTo(a.flowFromEntries, v).map(i => a.nodes[i].id);
        if (c.kind === 'broker') {
            // Up to the channel the publisher writes to (the channel belongs to this broker).
            const shown = a.model.elements.get(path[path.length - 2])?.type === 'channel' ? path.slice(0, -1) : path;
            return { text: `and publishing from '${shown[shown.length - 2] ?? shown[0]}' depends on it (${pathText(a, shown)})`, path: shown };
        }
        const channel = [...path].reverse().find(id => a.model.elements.get(id)?.type === 'channel');
        return channel
            ? { text: `and when it stops, the events on '${channel}' stop being processed (${pathText(a, path)})`, path }
            : { text: `and work that '${path[0]}' starts asynchronously depends on it (${pathText(a, path)})`, path };
    }
    if (fromWorkers.distance[v] === 0) {
        const work = a.outgoing(c.id).filter(o => does(a, o));
        const list = (ids: string[]): string => [...new Set(ids)].map(id => `'${id}'`).join(', ');
        const publishes = list(work.filter(o => o.style === 'async').map(o => o.target));
        const stores = list(work.filter(o => o.style === 'sync').map(o => o.target));
        const what = [publishes && `publishes to ${publishes}`, stores && `writes to ${stores}`].filter(Boolean).join(' and ');
        return { text: `and nothing calls it: when it stops, its background work stops (it ${what})`, path: [c.id] };
    }
    if (fromWorkers.distance[v] >= 0) {
        const path = pathTo(fromWorkers, v).map(i => a.nodes[i].id);
        return { text: `and the background work of '${path[0]}' depends on it (${pathText(a, path)})`, path };
    }
    return undefined;
}

/**
 * A background worker: a service-like component (not a scheduled job) that nothing calls or
 * feeds, and that publishes to channels or writes to data stores (a poller, an outbox relay).
 */
function isBackgroundWorker(a: Analysis, c: Component): boolean {
    if (!WORKER_KINDS.has(c.kind) || c.hasUnresolvedReferences || a.incoming(c.id).length > 0) return false;
    return a.outgoing(c.id).some(o => does(a, o));
}

/** True for a publish to a channel or broker, or a sync write to a data store. */
function does(a: Analysis, connection: Connection): boolean {
    const target = a.model.elements.get(connection.target);
    if (connection.style === 'async') return target?.type === 'channel' || (target?.type === 'component' && target.kind === 'broker');
    return isDataStore(target) && writes(connection);
}

/**
 * `a -> b ~> bus.t ~> c`: the ids of a path joined by the arrows of their connections; a path of
 * more than eight elements shows its first two and last two (`a -> b -> … (7 more) -> y -> z`).
 */
function pathText(a: Analysis, path: readonly string[]): string {
    let text = path[0] ?? '';
    for (let i = 1; i < path.length; i++) {
        if (path.length > 8 && i === 2) {
            text += ` -> … (${path.length - 4} more)`;
            i = path.length - 2;
            text += ` -> ${path[i]}`;
            continue;
        }
        const from = a.index.get(path[i - 1])!;
        const hop = a.flowConnections[from][a.flow.successors[from].indexOf(a.index.get(path[i])!)];
        text += ` ${hop?.style === 'async' ? '~>' : '->'} ${path[i]}`;
    }
    return text;
}
