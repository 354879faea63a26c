/**
 * View selection: which components, zones, channels and connections a view (and
 * optionally a flow) shows. Pure; keeps the model's order so the same text always
 * selects the same elements in the same order.
 */
import type { ArchModel, Connection, Direction, Flow, View } from '../model/arch-model.js';
import { impliedRelations, type ImpliedRelation } from '../model/implied-relations.js';

/** A view or flow name that the model does not declare. */
export class DiagramError extends Error {}

/** A connection as the view draws it: its ends mapped to visible elements. */
export interface SelectedConnection {
    connection: Connection;
    /** Visible element the edge starts at (the connection's source, or its broker). */
    source: string;
    /** Visible element the edge ends at. */
    target: string;
}

/** An implied relationship as the view draws it: its ends mapped to visible elements. */
export interface SelectedRelation {
    relation: ImpliedRelation;
    source: string;
    target: string;
}

/** What a view shows. */
export interface ViewSelection {
    view: View;
    flow: Flow | undefined;
    direction: Direction;
    /** Visible component ids, in model order. */
    components: string[];
    /** Visible channel ids, in model order; their brokers are visible components. */
    channels: string[];
    /** Zones drawn as containers (ancestors of visible components), in model order. */
    zones: string[];
    /** Connections with both ends visible, in model order. */
    connections: SelectedConnection[];
    /** Implied relationships with both ends visible (unless the view turns them off), in model order. */
    relations: SelectedRelation[];
}

/** Options of `selectView`. */
export interface SelectOptions {
    /** View id; default the view named `overview`, else the first view. */
    view?: string;
    /** Flow id to highlight; its steps' ends are added to the view when missing. */
    flow?: string;
    /** Overrides the view's direction. */
    direction?: Direction;
}

/** The view of a model without views, and of the name `overview` when no view has it: everything. */
function implicitOverview(): View {
    return {
        id: 'overview', label: 'Everything', implicit: true, includeAll: true, includes: [], excludes: [], collapse: [],
        showImplied: true, showTrusts: true,
        direction: undefined, location: undefined,
    };
}

/** The view a name refers to, or the default view. Throws `DiagramError` for unknown names. */
export function findView(model: ArchModel, name: string | undefined): View {
    if (name === undefined) return model.views.find(v => v.id === 'overview') ?? model.views[0] ?? implicitOverview();
    const view = model.views.find(v => v.id === name);
    if (view) return view;
    if (name === 'overview') return implicitOverview();
    const known = model.views.map(v => v.id).join(', ');
    throw new DiagramError(`No view named '${name}'. Views: ${known || 'none'}.`);
}

/** The flow a name refers to. Throws `DiagramError` for unknown names. */
export function findFlow(model: ArchModel, name: string): Flow {
    const flow = model.flows.find(f => f.id === name);
    if (flow) return flow;
    const known = model.flows.map(f => f.id).join(', ');
    throw new DiagramError(`No flow named '${name}'. Flows: ${known || 'none'}.`);
}

/** Selects what a view (and flow) shows. */
export function selectView(model: ArchModel, options: SelectOptions = {}): ViewSelection {
    const view = findView(model, options.view);
    const flow = options.flow === undefined ? undefined : findFlow(model, options.flow);
    const chosen = chooseElements(model, view, flow);
    const components = model.components.filter(c => chosen.components.has(c.id)).map(c => c.id);
    const channels = model.channels
        .filter(ch => chosen.components.has(ch.broker) && !chosen.excludedChannels.has(ch.id)
            && (chosen.wholeBrokers.has(ch.broker) || chosen.channels.has(ch.id)))
        .map(ch => ch.id);
    return {
        view, flow, direction: options.direction ?? view.direction ?? 'right',
        components, channels, zones: zonesAround(model, components),
        connections: connectionsBetween(model, chosen.components, new Set(channels)),
        relations: relationsBetween(model, view, chosen.components, new Set(channels)),
    };
}

/** The elements a view names, before the model's order is applied. */
interface ChosenElements {
    components: Set<string>;
    /** Brokers whose channels all show (unless excluded). */
    wholeBrokers: Set<string>;
    /** Channels named one by one. */
    channels: Set<string>;
    excludedChannels: Set<string>;
}

/** What `include` adds and `exclude` removes; a flow's steps always show, even when the view left their ends out. */
function chooseElements(model: ArchModel, view: View, flow: Flow | undefined): ChosenElements {
    const chosen: ChosenElements = { components: new Set(), wholeBrokers: new Set(), channels: new Set(), excludedChannels: new Set() };
    const inZone = (zonePath: readonly string[], zone: string): boolean => zonePath.includes(zone);
    const includeElement = (id: string): void => {
        const element = model.elements.get(id);
        if (!element) return;
        if (element.type === 'component') {
            chosen.components.add(id);
            chosen.wholeBrokers.add(id);
        } else if (element.type === 'zone') {
            for (const c of model.components) {
                if (inZone(c.zonePath, id)) {
                    chosen.components.add(c.id);
                    chosen.wholeBrokers.add(c.id);
                }
            }
        } else {
            chosen.components.add(element.broker);
            chosen.channels.add(id);
        }
    };
    if (view.includeAll) for (const c of model.components) includeElement(c.id);
    for (const id of view.includes) includeElement(id);

    for (const id of view.excludes) {
        const element = model.elements.get(id);
        if (!element) continue;
        if (element.type === 'component') chosen.components.delete(id);
        else if (element.type === 'zone') {
            for (const c of model.components) if (inZone(c.zonePath, id)) chosen.components.delete(c.id);
        } else chosen.excludedChannels.add(id);
    }

    for (const step of flow?.steps ?? []) {
        for (const id of [step.source, step.target]) {
            const element = model.elements.get(id);
            if (element?.type === 'channel') {
                chosen.components.add(element.broker);
                chosen.channels.add(id);
                chosen.excludedChannels.delete(id);
            } else if (element?.type === 'component') chosen.components.add(id);
        }
    }
    return chosen;
}

/** Zones drawn as containers: the ancestors of the visible components, in model order. */
function zonesAround(model: ArchModel, components: readonly string[]): string[] {
    const zoneSet = new Set<string>();
    for (const id of components) {
        const component = model.elements.get(id);
        if (component?.type === 'component') for (const z of component.zonePath) zoneSet.add(z);
    }
    return model.zones.filter(z => zoneSet.has(z.id)).map(z => z.id);
}

/** The visible element standing for `id`: itself, or a hidden channel's broker. */
function visibleOf(model: ArchModel, components: ReadonlySet<string>, channels: ReadonlySet<string>, id: string): string | undefined {
    if (components.has(id) || channels.has(id)) return id;
    const element = model.elements.get(id);
    if (element?.type === 'channel' && components.has(element.broker)) return element.broker;
    return undefined;
}

/** Implied relationships with both ends visible, as the view's `implied:` and `trusts:` allow. */
function relationsBetween(model: ArchModel, view: View, components: ReadonlySet<string>, channels: ReadonlySet<string>): SelectedRelation[] {
    const relations: SelectedRelation[] = [];
    for (const relation of impliedRelations(model)) {
        if (relation.kind === 'trusts' ? !view.showTrusts : !view.showImplied) continue;
        const source = visibleOf(model, components, channels, relation.source);
        const target = visibleOf(model, components, channels, relation.target);
        if (source === undefined || target === undefined || source === target) continue;
        relations.push({ relation, source, target });
    }
    return relations;
}

/** Connections with both ends visible (a hidden channel is drawn as its broker), in model order. */
function connectionsBetween(model: ArchModel, components: ReadonlySet<string>, channels: ReadonlySet<string>): SelectedConnection[] {
    const visible = (id: string) => visibleOf(model, components, channels, id);
    const connections: SelectedConnection[] = [];
    for (const connection of model.connections) {
        const source = visible(connection.source);
        const target = visible(connection.target);
        if (source === undefined || target === undefined || source === target) continue;
        connections.push({ connection, source, target });
    }
    return connections;
}
