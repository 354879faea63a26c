/**
 * What the model-level exports (D2, LikeC4, Structurizr) need to know about a model, in one
 * place: the zone tree with its members in model order, a component's technology and
 * description, its other properties as plain `name → text` pairs, and a mapping of Archway
 * ids to ids a target language accepts (sanitised, unique, never a reserved word).
 */
import type { ArchModel, Channel, Component, Connection, Property, PropertyMap, Zone } from '../../model/arch-model.js';

/** A zone or the model's top level, with what it directly holds, in model order. */
export interface Scope {
    zone: Zone | undefined;
    zones: Scope[];
    components: Component[];
}

/** The zone tree: the top level (zone `undefined`) and every zone with its direct members. */
export function scopeTree(model: ArchModel): Scope {
    const byZone = new Map<string | undefined, Scope>();
    const scopeOf = (zone: Zone | undefined): Scope => {
        let scope = byZone.get(zone?.id);
        if (!scope) {
            scope = { zone, zones: [], components: [] };
            byZone.set(zone?.id, scope);
        }
        return scope;
    };
    const root = scopeOf(undefined);
    for (const zone of model.zones) {
        const parent = zone.parent === undefined ? undefined : model.elements.get(zone.parent);
        scopeOf(parent?.type === 'zone' ? parent : undefined).zones.push(scopeOf(zone));
    }
    for (const component of model.components) {
        const zone = component.zone === undefined ? undefined : model.elements.get(component.zone);
        scopeOf(zone?.type === 'zone' ? zone : undefined).components.push(component);
    }
    return root;
}

/** The text of a string property (`technology`, `description`), if set. */
export function stringProperty(properties: PropertyMap, name: string): string | undefined {
    const value = properties.get(name)?.value;
    if (!value) return undefined;
    return value.type === 'string' ? value.value : value.text;
}

/** Product or stack: `technology`, else a database's `engine`. */
export function technologyOf(component: Component): string | undefined {
    return stringProperty(component.properties, 'technology') ?? stringProperty(component.properties, 'engine');
}

/** Properties written as their own field of the target, not as metadata. */
const OWN_FIELDS = new Set(['description', 'technology', 'tags']);

/** A property value as plain text: strings unquoted, everything else as written. */
export function propertyText(property: Property): string {
    const value = property.value;
    if (value.type === 'string') return value.value;
    if (value.type === 'list') return value.items.map(item => item.type === 'string' ? item.value : item.text).join(', ');
    return value.text.replace(/\s+/g, ' ').trim();
}

/** Every property but description, technology and tags, as `[name, text]`, in source order. */
export function metadataOf(properties: PropertyMap): [string, string][] {
    return [...properties.values()].filter(p => !OWN_FIELDS.has(p.name)).map(p => [p.name, propertyText(p)]);
}

/** The `tags: [...]` list of an element. */
export function tagsOf(properties: PropertyMap): string[] {
    const value = properties.get('tags')?.value;
    if (value?.type !== 'list') return [];
    return value.items.map(item => item.type === 'string' ? item.value : item.text);
}

/** What a connection's label in another tool says: the route path, the label, or neither. */
export function connectionTitle(connection: Connection): string | undefined {
    if (connection.origin === 'route' && connection.path) {
        return connection.label && connection.label !== connection.path ? `${connection.path} ${connection.label}` : connection.path;
    }
    return connection.label;
}

/** A channel's display name. */
export function channelTitle(channel: Channel): string {
    return channel.label ?? channel.name;
}

/**
 * Maps Archway ids to ids a target accepts: `sanitize` turns an id into a valid one, reserved
 * words get a suffix, and clashes (two ids that sanitise alike) get `_2`, `_3`…. The same
 * model always gives the same ids (model order decides who keeps the plain one).
 */
export class IdMap {
    private readonly ids = new Map<string, string>();
    private readonly taken = new Set<string>();

    constructor(
        private readonly sanitize: (id: string) => string,
        private readonly reserved: ReadonlySet<string> = new Set(),
        private readonly caseInsensitive = false,
    ) {}

    /** The target id of an Archway id (assigned on first use, made from `name`, by default the id itself). */
    get(id: string, name = id): string {
        const known = this.ids.get(id);
        if (known !== undefined) return known;
        let base = this.sanitize(name);
        if (this.reserved.has(this.key(base))) base = `${base}_`;
        let candidate = base;
        for (let n = 2; this.taken.has(this.key(candidate)); n++) candidate = `${base}_${n}`;
        this.taken.add(this.key(candidate));
        this.ids.set(id, candidate);
        return candidate;
    }

    /** Gives `key` the target id `preferred` (or a suffixed one) before anything else takes it. */
    claim(key: string, preferred: string): string {
        const known = this.ids.get(key);
        if (known !== undefined) return known;
        let candidate = preferred;
        for (let n = 2; this.taken.has(this.key(candidate)); n++) candidate = `${preferred}_${n}`;
        this.taken.add(this.key(candidate));
        this.ids.set(key, candidate);
        return candidate;
    }

    /** True when the target id differs from the Archway id. */
    renamed(id: string): boolean {
        return this.get(id) !== id;
    }

    private key(id: string): string {
        return this.caseInsensitive ? id.toLowerCase() : id;
    }
}

/** The Archway file name a generated file names in its header comment. */
export function sourceName(model: ArchModel): string {
    const path = decodeURIComponent(model.rootUri.replace(/^file:\/\//, ''));
    return path.slice(path.lastIndexOf('/') + 1);
}

/** Replaces control characters (newlines included) with spaces: for one-line comments. */
export function oneLine(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}
