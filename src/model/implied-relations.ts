/**
 * Relationships that properties state rather than connections: an ETL's, batch job's or stream
 * processor's `from:`/`to:`, a CDN's `origin:`, a token `issuer:` (the component trusts it), a
 * session `store:`, an orchestrator's `stateStore:`, a service's `eventStore:`. The diagram
 * draws them as edges; an explicit connection between the same two elements (either way)
 * says the same thing and replaces the implied one. Pure, over a plain `ArchModel`.
 */
import type { ArchModel, Component, PropertyValue, SourceLocation } from './arch-model.js';

/** What an implied relationship says. */
export type RelationKind = 'from' | 'to' | 'origin' | 'trusts' | 'sessions' | 'state' | 'events';

/** One implied relationship, oriented the way data or trust flows. */
export interface ImpliedRelation {
    /** `kind:source->target`, unique in the model. */
    id: string;
    kind: RelationKind;
    /** Element id the edge starts at (a component or channel). */
    source: string;
    target: string;
    /** The edge label: `reads`, `writes`, `origin`, `trusts`, `sessions`, `state`, `events`. */
    label: string;
    /** The property value that states it. */
    location: SourceLocation;
}

const LABELS: Readonly<Record<RelationKind, string>> = {
    from: 'reads', to: 'writes', origin: 'origin', trusts: 'trusts', sessions: 'sessions', state: 'state', events: 'events',
};

const cache = new WeakMap<ArchModel, ImpliedRelation[]>();

/** The model's implied relationships not already said by a connection, in model order. */
export function impliedRelations(model: ArchModel): ImpliedRelation[] {
    let relations = cache.get(model);
    if (!relations) {
        relations = collect(model);
        cache.set(model, relations);
    }
    return relations;
}

function collect(model: ArchModel): ImpliedRelation[] {
    const connected = new Set<string>();
    const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
    /** A channel also stands for its broker, so `from: bus` matches `bus.topic ~> job`. */
    const ends = (id: string): string[] => {
        const element = model.elements.get(id);
        return element?.type === 'channel' ? [id, element.broker] : [id];
    };
    for (const connection of model.connections) {
        for (const a of ends(connection.source)) for (const b of ends(connection.target)) connected.add(key(a, b));
    }
    const relations: ImpliedRelation[] = [];
    const seen = new Set<string>();
    const add = (kind: RelationKind, source: string, target: string, location: SourceLocation) => {
        if (source === target || connected.has(key(source, target))) return;
        const id = `${kind}:${source}->${target}`;
        if (seen.has(id)) return;
        seen.add(id);
        relations.push({ id, kind, source, target, label: LABELS[kind], location });
    };
    for (const component of model.components) {
        for (const [kind, target, location] of relationsOf(component)) {
            if (!model.elements.has(target)) continue;
            // `from:` reads from the referenced element: the data flows towards the job.
            if (kind === 'from') add(kind, target, component.id, location);
            else add(kind, component.id, target, location);
        }
    }
    return relations;
}

/** `[kind, referenced id, where]` for each relationship property of a component. */
function relationsOf(component: Component): [RelationKind, string, SourceLocation][] {
    const found: [RelationKind, string, SourceLocation][] = [];
    const refs = (value: PropertyValue | undefined): { target: string; location: SourceLocation }[] => {
        if (!value) return [];
        if (value.type === 'reference') return value.target === undefined ? [] : [{ target: value.target, location: value.location }];
        if (value.type === 'list') return value.items.flatMap(item => refs(item));
        return [];
    };
    const property = (name: string) => component.properties.get(name)?.value;
    if (component.kind === 'etl' || component.kind === 'batch' || component.kind === 'stream') {
        for (const ref of refs(property('from'))) found.push(['from', ref.target, ref.location]);
        for (const ref of refs(property('to'))) found.push(['to', ref.target, ref.location]);
    }
    if (component.kind === 'cdn') for (const ref of refs(property('origin'))) found.push(['origin', ref.target, ref.location]);
    const auth = property('auth');
    if (auth?.type === 'mode') {
        const issuer = auth.properties.get('issuer')?.value;
        if (auth.mode === 'jwt' || auth.mode === 'oauth2') for (const ref of refs(issuer)) found.push(['trusts', ref.target, ref.location]);
        if (auth.mode === 'session') for (const ref of refs(auth.properties.get('store')?.value)) found.push(['sessions', ref.target, ref.location]);
    }
    for (const ref of refs(property('stateStore'))) found.push(['state', ref.target, ref.location]);
    for (const ref of refs(property('eventStore'))) found.push(['events', ref.target, ref.location]);
    return found;
}
