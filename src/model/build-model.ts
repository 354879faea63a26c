/**
 * AST → `ArchModel`. Takes the parsed and linked files of one model (a root file and
 * everything it imports) and produces the plain typed graph, plus the problems found on
 * the way: duplicate ids, unresolved references, unknown properties, invalid values and
 * import problems.
 */
import { isCompositeCstNode, type AstNode, type CstNode, type Reference } from 'langium';
import {
    type Annotation, type BlockValue, type DurationValue, type ListValue, type NumberValue, type QuantityValue,
    type RateValue, type StringValue, type WordValue, type ArchFile, type Channel as ChannelNode, type Component as ComponentNode,
    type Connection as ConnectionNode, type Element as ElementNode, type Flow as FlowNode,
    type Property as PropertyNode, type Route as RouteNode, type Value as ValueNode, type View as ViewNode,
    type Zone as ZoneNode,
} from '../language/generated/ast.js';
import {
    COMPONENT_KINDS, TLS_PROTOCOLS,
    type Allow, type ArchModel, type Channel, type Component, type ComponentKind, type Connection,
    type Direction, type Element, type Finding, type Flow, type FlowStep, type Property, type PropertyValue,
    type Range, type SourceLocation, type Trust, type View, type Zone,
} from './arch-model.js';
import {
    CHANNEL_PROPERTIES, COMPONENT_PROPERTIES, CONNECTION_PROPERTIES, VIEW_PROPERTIES, ZONE_PROPERTIES,
    type PropertyTable, type PropertyType,
} from './schema/property-schema.js';
import { parseDuration, parseQuantity, parseRate } from './schema/units.js';
import { closest, didYouMean } from './suggest.js';

/** One parsed file of the model. */
export interface ModelFile {
    uri: string;
    root: ArchFile;
}

/** What an import path turned out to be, for import diagnostics. */
export type ImportStatus = 'ok' | 'missing' | 'directory' | 'unreadable' | 'not-arch';

export interface BuildOptions {
    /** Resolves an import path of a file to a URI. */
    resolveImport: (importer: string, path: string) => string;
    /** Whether an imported URI was loaded; defaults to "loaded when it is one of the files". */
    importStatus?: (uri: string) => ImportStatus;
}

/**
 * Type tests by `$type`. These node types have no subtypes, so this is what the generated
 * `isX` functions answer, without the reflection's subtype lookup (the builder asks per member).
 */
const isOfType = <T extends AstNode>(type: string) => (node: AstNode | undefined): node is T => node?.$type === type;
const isZone = isOfType<ZoneNode>('Zone');
const isComponent = isOfType<ComponentNode>('Component');
const isChannel = isOfType<ChannelNode>('Channel');
const isConnection = isOfType<ConnectionNode>('Connection');
const isRoute = isOfType<RouteNode>('Route');
const isProperty = isOfType<PropertyNode>('Property');
const isBlockValue = isOfType<BlockValue>('BlockValue');
const isDurationValue = isOfType<DurationValue>('DurationValue');
const isListValue = isOfType<ListValue>('ListValue');
const isNumberValue = isOfType<NumberValue>('NumberValue');
const isQuantityValue = isOfType<QuantityValue>('QuantityValue');
const isRateValue = isOfType<RateValue>('RateValue');
const isStringValue = isOfType<StringValue>('StringValue');
const isWordValue = isOfType<WordValue>('WordValue');

/** What every typed property value carries: where it is and its source text. */
interface ValueBase {
    location: SourceLocation;
    text: string;
}

/** A property as typed in one context, with what makes it reusable in the next build. */
interface TypedProperty {
    /** Whether the table has the property (else `problems` says it is unknown). */
    known: boolean;
    property: Property | undefined;
    nameLocation: SourceLocation;
    problems: Finding[];
    line: number;
    character: number;
    table: PropertyTable;
    owner: string;
    componentId: string | undefined;
    uri: string;
}

/** Typed properties by node, from the previous builds (see `typedProperty`). */
const typedProperties = new WeakMap<PropertyNode, TypedProperty>();

const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Builds the model of `files[0]` and its imports (`files` must be the import closure, root first). */
export function buildModel(files: readonly ModelFile[], options: BuildOptions): ArchModel {
    return new ModelBuilder(files, options).build();
}

class ModelBuilder {
    private readonly problems: Finding[] = [];
    private readonly elements = new Map<string, Element>();
    private readonly components: Component[] = [];
    private readonly zones: Zone[] = [];
    private readonly channels: Channel[] = [];
    private readonly connections: Connection[] = [];
    private readonly connectionIds = new Map<string, number>();
    /** AST node → model element, to map resolved references to ids. */
    private readonly idOfNode = new Map<AstNode, string>();
    /** The node that declared each element (the first of duplicates), for `own`. */
    private readonly nodeOfElement = new Map<Element, AstNode>();
    /** First declaration of each id, for duplicate reports. */
    private readonly duplicates = new Map<string, SourceLocation[]>();
    private uri = '';
    /** Counts typing steps that depend on other elements (references), which make a typed property uncacheable. */
    private elementLookups = 0;

    constructor(private readonly files: readonly ModelFile[], private readonly options: BuildOptions) {}

    build(): ArchModel {
        for (const file of this.files) {
            this.uri = file.uri;
            this.declare(file.root.elements, undefined);
        }
        this.reportDuplicates();
        const views: View[] = [];
        const flows: FlowNode[] = [];
        const flowUris: string[] = [];
        for (const file of this.files) {
            this.uri = file.uri;
            this.checkImports(file);
            this.describe(file.root.elements, views, flows, flowUris);
        }
        const outgoing = new Map<string, Connection[]>();
        const incoming = new Map<string, Connection[]>();
        for (const connection of this.connections) {
            push(outgoing, connection.source, connection);
            push(incoming, connection.target, connection);
            const source = this.elements.get(connection.source);
            const target = this.elements.get(connection.target);
            if (connection.style === 'async' && target?.type === 'channel') target.publishers.push(connection.id);
            if (connection.style === 'async' && source?.type === 'channel') source.subscribers.push(connection.id);
        }
        const flowModels = flows.map((flow, i) => {
            this.uri = flowUris[i];
            return this.flow(flow);
        });
        if (views.length === 0) {
            views.push({
                id: 'overview', label: 'Everything', implicit: true, includeAll: true, includes: [], excludes: [],
                direction: undefined, collapse: [], location: undefined,
            });
        }
        return {
            name: this.files[0]?.root.header?.name,
            rootUri: this.files[0]?.uri ?? '',
            files: this.files.map(file => file.uri),
            components: this.components,
            zones: this.zones,
            channels: this.channels,
            connections: this.connections,
            views,
            flows: flowModels,
            elements: this.elements,
            outgoing,
            incoming,
            problems: this.problems,
        };
    }

    // ------------------------------------------------------------ pass 1: declarations

    /** Declares zones and components depth-first in source order, without recursion (zones nest deeply). */
    private declare(members: Iterable<AstNode>, zone: Zone | undefined): void {
        const stack: { members: Iterator<AstNode>; zone: Zone | undefined }[] = [{ members: members[Symbol.iterator](), zone }];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const next = top.members.next();
            if (next.done) {
                stack.pop();
                continue;
            }
            const member = next.value;
            if (isZone(member)) {
                const declared = this.declareZone(member, top.zone);
                if (declared) stack.push({ members: member.members[Symbol.iterator](), zone: declared });
            } else if (isComponent(member)) {
                this.declareComponent(member, top.zone);
            }
        }
    }

    /** Declares a zone (not its members); undefined when it has no name. */
    private declareZone(node: ZoneNode, parent: Zone | undefined): Zone | undefined {
        if (!node.name) return undefined;
        const trustProperty = node.members.find((m): m is PropertyNode => isProperty(m) && m.name === 'trust');
        const declared = trustProperty && isWordValue(trustProperty.value) ? trustProperty.value.word.$refText : undefined;
        const trust: Trust = declared === 'public' || declared === 'edge' || declared === 'private'
            ? declared : parent?.trust ?? 'private';
        const zone: Zone = {
            type: 'zone', id: node.name, label: node.label, location: this.location(node),
            nameLocation: this.nameLocation(node), allows: this.allows(node.annotations),
            trust, trustDeclared: declared !== undefined && trust === declared, parent: parent?.id, zones: [], components: [],
            properties: new Map(),
        };
        if (this.register(zone, node)) {
            this.zones.push(zone);
            parent?.zones.push(zone.id);
        }
        return zone;
    }

    private declareComponent(node: ComponentNode, zone: Zone | undefined): void {
        if (!node.name || !node.kind) return;
        if (!(COMPONENT_KINDS as readonly string[]).includes(node.kind)) {
            this.reportUnknownKind(node, zone);
            return;
        }
        const zonePath: string[] = [];
        for (let z: Zone | undefined = zone; z; z = z.parent ? this.elements.get(z.parent) as Zone : undefined) zonePath.unshift(z.id);
        const component: Component = {
            type: 'component', id: node.name, kind: node.kind as ComponentKind, label: node.label,
            location: this.location(node), nameLocation: this.nameLocation(node), allows: this.allows(node.annotations),
            zone: zone?.id, zonePath, trust: zone?.trust ?? (node.kind === 'client' ? 'public' : 'private'),
            properties: new Map(), channels: [], hasUnresolvedReferences: false,
        };
        if (!this.register(component, node)) return;
        this.components.push(component);
        zone?.components.push(component.id);
        for (const member of node.members) {
            if (!isChannel(member) || !member.name) continue;
            if (node.kind !== 'broker') {
                this.problem('invalid-property-value', 'error', this.location(member),
                    `Only a broker has topics and queues; '${node.name}' is a ${node.kind}.`, [component.id]);
                continue;
            }
            const channel: Channel = {
                type: 'channel', id: `${node.name}.${member.name}`, kind: member.kind, name: member.name,
                label: member.label, broker: component.id, location: this.location(member),
                nameLocation: this.nameLocation(member), allows: this.allows(member.annotations),
                properties: new Map(), publishers: [], subscribers: [],
            };
            if (this.register(channel, member)) {
                this.channels.push(channel);
                component.channels.push(channel.id);
            }
        }
    }

    private reportUnknownKind(node: ComponentNode, zone: Zone | undefined): void {
        const location = node.$cstNode ? findNodeForFeature(node.$cstNode, 'kind') : undefined;
        const where = location ? { uri: this.uri, range: location.range } : this.location(node);
        const suggestion = closest(node.kind, COMPONENT_KINDS);
        const asProperty = zone && ZONE_PROPERTIES[node.kind]
            ? ` If '${node.kind}' is a property, write '${node.kind}: ${node.name}'.` : '';
        this.problem('unknown-kind', 'error', where,
            `Unknown component kind '${node.kind}'.${didYouMean(suggestion)}${asProperty}`
            + (suggestion || asProperty ? '' : ` Kinds are: ${COMPONENT_KINDS.join(', ')}.`),
            [], suggestion ? { suggestion } : undefined);
    }

    /** Adds an element under its id; returns false (and records a duplicate) when the id is taken. */
    private register(element: Element, node: AstNode): boolean {
        this.idOfNode.set(node, element.id);
        const existing = this.elements.get(element.id);
        if (existing) {
            const places = this.duplicates.get(element.id) ?? [existing.nameLocation];
            places.push(element.nameLocation);
            this.duplicates.set(element.id, places);
            return false;
        }
        this.elements.set(element.id, element);
        this.nodeOfElement.set(element, node);
        return true;
    }

    private reportDuplicates(): void {
        for (const [id, places] of this.duplicates) {
            places.forEach((place, i) => {
                const others = places.filter((_, j) => j !== i);
                const where = others.map(o => describeLocation(o)).join(', ');
                this.problems.push({
                    code: 'duplicate-id', severity: 'error', location: place, elements: [id],
                    message: `The id '${id}' is declared more than once; it is also declared at ${where}.`,
                    related: others.map(o => ({ location: o, message: `'${id}' is also declared here.` })),
                });
            });
        }
    }

    // ------------------------------------------------------------ imports

    private checkImports(file: ModelFile): void {
        const status = this.options.importStatus ?? ((uri: string) => this.files.some(f => f.uri === uri) ? 'ok' : 'missing');
        for (const imp of file.root.imports) {
            if (typeof imp.path !== 'string') continue;
            const location = this.location(imp);
            if (imp.path.trim() === '') {
                this.problem('unresolved-import', 'error', location, 'The import path is empty.', []);
                continue;
            }
            const target = this.options.resolveImport(file.uri, imp.path);
            const state = status(target);
            const messages: Record<Exclude<ImportStatus, 'ok'>, string> = {
                'missing': `The imported file '${imp.path}' does not exist.`,
                'directory': `The import '${imp.path}' names a directory; import a .arch file instead.`,
                'unreadable': `The imported file '${imp.path}' cannot be read.`,
                'not-arch': `The imported file '${imp.path}' is not an .arch file.`,
            };
            if (state !== 'ok') {
                this.problem('unresolved-import', 'error', location, messages[state], []);
            } else if (target === file.uri) {
                this.problem('import-cycle', 'warning', location, `The file imports itself through '${imp.path}'.`, []);
            } else if (this.reaches(target, file.uri)) {
                this.problem('import-cycle', 'warning', location,
                    `The import of '${imp.path}' forms a cycle: that file imports this one again, directly or through others.`, []);
            }
        }
    }

    /** True when `from` imports `to`, directly or transitively, within this model. */
    private reaches(from: string, to: string): boolean {
        const byUri = new Map(this.files.map(f => [f.uri, f] as const));
        const seen = new Set<string>([from]);
        const queue = [from];
        while (queue.length > 0) {
            const file = byUri.get(queue.pop()!);
            if (!file) continue;
            for (const imp of file.root.imports) {
                if (typeof imp.path !== 'string') continue;
                const next = this.options.resolveImport(file.uri, imp.path);
                if (next === to) return true;
                if (!seen.has(next)) {
                    seen.add(next);
                    queue.push(next);
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------ pass 2: properties, connections, views

    /** Describes members depth-first in source order, without recursion (zones nest deeply). */
    private describe(members: Iterable<AstNode>, views: View[], flows: FlowNode[], flowUris: string[]): void {
        const stack: Iterator<AstNode>[] = [members[Symbol.iterator]()];
        while (stack.length > 0) {
            const next = stack[stack.length - 1].next();
            if (next.done) {
                stack.pop();
                continue;
            }
            const member = next.value;
            if (isZone(member)) {
                const zone = this.own<Zone>(member);
                if (zone) zone.properties = this.properties(member.members.filter(isProperty), ZONE_PROPERTIES, `zone '${zone.id}'`, undefined);
                stack.push(member.members.filter(m => !isProperty(m))[Symbol.iterator]());
            } else if (isComponent(member)) {
                this.describeComponent(member);
            } else if (isConnection(member)) {
                this.connection(member, undefined);
            } else if (member.$type === 'View') {
                views.push(this.view(member as ViewNode));
            } else if (member.$type === 'Flow') {
                flows.push(member as FlowNode);
                flowUris.push(this.uri);
            }
        }
    }

    /** The model element declared by this node, unless it lost to a duplicate. */
    private own<T extends Element>(node: AstNode): T | undefined {
        const id = this.idOfNode.get(node);
        const element = id !== undefined ? this.elements.get(id) : undefined;
        return element && this.nodeOfElement.get(element) === node ? element as T : undefined;
    }

    private describeComponent(node: ComponentNode): void {
        const component = this.own<Component>(node);
        if (!component) return;
        const table = COMPONENT_PROPERTIES[component.kind] ?? {};
        const owner = `${component.kind} '${component.id}'`;
        component.properties = this.properties(node.members.filter(isProperty), table, owner, component);
        for (const member of node.members) {
            if (isConnection(member)) this.connection(member, component);
            else if (isRoute(member)) this.route(member, component);
            else if (isChannel(member)) this.describeChannel(member);
        }
    }

    private describeChannel(node: ChannelNode): void {
        const channel = this.own<Channel>(node);
        if (!channel) return;
        channel.properties = this.properties(node.properties, CHANNEL_PROPERTIES, `${channel.kind} '${channel.id}'`, undefined);
    }

    private connection(node: ConnectionNode, owner: Component | undefined): void {
        const source = owner ? owner.id : this.resolve(node.source, 'connection source', ['component', 'channel'], undefined);
        const target = this.resolve(node.target, 'connection target', ['component', 'channel'], owner);
        const properties = this.properties(node.properties, CONNECTION_PROPERTIES, 'connection', owner);
        if (source === undefined || target === undefined) {
            this.markUnresolved(source ?? (owner?.id));
            return;
        }
        this.addConnection({
            source, target, style: node.arrow === '~>' ? 'async' : 'sync', origin: owner ? 'body' : 'connection',
            path: undefined, protocol: node.protocol, label: node.label, properties, allows: this.allows(node.annotations),
            location: this.location(node),
        });
    }

    private route(node: RouteNode, gateway: Component): void {
        const target = this.resolve(node.target, 'route target', ['component'], gateway);
        const properties = this.properties(node.properties, CONNECTION_PROPERTIES, `route '${node.path ?? ''}'`, gateway);
        if (target === undefined) return;
        this.addConnection({
            source: gateway.id, target, style: 'sync', origin: 'route', path: node.path, protocol: undefined,
            label: node.path, properties, allows: this.allows(node.annotations), location: this.location(node),
        });
    }

    private addConnection(c: Omit<Connection, 'id' | 'tls' | 'hasUnresolvedReferences'>): void {
        const base = `${c.source}${c.style === 'async' ? '~>' : '->'}${c.target}`;
        const count = (this.connectionIds.get(base) ?? 0) + 1;
        this.connectionIds.set(base, count);
        const protocol = c.protocol?.toLowerCase();
        // One object literal (not a spread): every connection gets the same shape.
        this.connections.push({
            source: c.source, target: c.target, style: c.style, origin: c.origin, path: c.path, protocol,
            label: c.label, properties: c.properties, allows: c.allows, location: c.location,
            id: count === 1 ? base : `${base}#${count}`,
            tls: protocol === undefined ? undefined : TLS_PROTOCOLS.has(protocol), hasUnresolvedReferences: false,
        });
    }

    private view(node: ViewNode): View {
        const includes: string[] = [];
        const excludes: string[] = [];
        let includeAll = false;
        for (const include of node.includes) {
            if (include.all) includeAll = true;
            for (const ref of include.elements) {
                const id = this.resolve(ref, 'view element', ['component', 'zone', 'channel'], undefined);
                if (id) includes.push(id);
            }
        }
        for (const exclude of node.excludes) {
            for (const ref of exclude.elements) {
                const id = this.resolve(ref, 'view element', ['component', 'zone', 'channel'], undefined);
                if (id) excludes.push(id);
            }
        }
        const properties = this.properties(node.properties, VIEW_PROPERTIES, `view '${node.name}'`, undefined);
        const direction = properties.get('direction')?.value;
        const collapse = properties.get('collapse')?.value;
        const collapsed = collapse?.type === 'list'
            ? collapse.items.flatMap(item => item.type === 'reference' && item.target !== undefined ? [item.target] : [])
            : [];
        return {
            id: node.name, label: node.label, implicit: false, includeAll: includeAll || (includes.length === 0 && node.includes.length === 0),
            includes, excludes, direction: direction?.type === 'enum' ? direction.value as Direction : undefined,
            collapse: collapsed, location: this.location(node),
        };
    }

    private flow(node: FlowNode): Flow {
        const steps: FlowStep[] = [];
        node.steps.forEach((step, i) => {
            const source = this.resolve(step.source, 'flow step', ['component', 'channel'], undefined);
            const target = this.resolve(step.target, 'flow step', ['component', 'channel'], undefined);
            if (source === undefined || target === undefined) return;
            const style = step.arrow === '~>' ? 'async' : 'sync';
            const connection = this.connections.find(c => c.source === source && c.target === target && c.style === style);
            steps.push({
                index: i + 1, source, target, style, protocol: step.protocol?.toLowerCase(), label: step.label,
                connection: connection?.id, location: this.location(step),
            });
        });
        return { id: node.name, label: node.label, steps, location: this.location(node) };
    }

    // ------------------------------------------------------------ references

    /**
     * The model id a reference names, or undefined (with an `unresolved-reference` problem)
     * when it names nothing or something of the wrong type.
     */
    private resolve(ref: Reference<ElementNode> | undefined, role: string, types: readonly Element['type'][], owner: Component | undefined): string | undefined {
        if (!ref) return undefined;
        const text = ref.$refText;
        const location = this.refLocation(ref);
        const target = ref.ref;
        const id = target ? this.idOfNode.get(target) : undefined;
        if (id === undefined || !this.elements.has(id)) {
            this.reportUnresolved(text, location, role, owner);
            return undefined;
        }
        const element = this.elements.get(id)!;
        if (!types.includes(element.type)) {
            this.problem('unresolved-reference', 'warning', location,
                `The ${role} '${text}' is a ${element.type}; it must name a ${types.join(' or ')}.`, [id]);
            this.markUnresolved(owner?.id);
            return undefined;
        }
        return id;
    }

    private reportUnresolved(text: string, location: SourceLocation, role: string, owner: Component | undefined, isProperty = false): void {
        const dot = text.indexOf('.');
        let candidates: Iterable<string> = this.elements.keys();
        if (dot > 0) {
            const broker = this.elements.get(text.slice(0, dot));
            if (broker?.type === 'component') candidates = broker.channels;
        }
        const suggestion = closest(text, candidates);
        const what = dot > 0 && this.elements.get(text.slice(0, dot))?.type === 'component'
            ? `'${text}' names no topic or queue of '${text.slice(0, dot)}'`
            : `'${text}' is not declared`;
        const message = isProperty
            ? `${capitalize(role)} names '${text}', which is not declared.`
            : `The ${role} ${what}.`;
        this.problem('unresolved-reference', 'error', location, `${message}${didYouMean(suggestion)}`, [], suggestion ? { suggestion } : undefined);
        this.markUnresolved(owner?.id);
    }

    private markUnresolved(id: string | undefined): void {
        const element = id !== undefined ? this.elements.get(id) : undefined;
        if (element?.type === 'component') element.hasUnresolvedReferences = true;
    }

    // ------------------------------------------------------------ properties

    private properties(nodes: readonly PropertyNode[], table: PropertyTable, owner: string, component: Component | undefined): Map<string, Property> {
        const result = new Map<string, Property>();
        for (const node of nodes) {
            if (!node.name || !node.value) continue;
            const typed = this.typedProperty(node, table, owner, component);
            if (typed.known && result.has(node.name)) {
                this.problem('invalid-property-value', 'warning', typed.nameLocation,
                    `The property '${node.name}' of ${owner} is set more than once; the last value wins.`, component ? [component.id] : []);
            }
            for (const problem of typed.problems) this.problems.push(problem);
            if (typed.property) result.set(node.name, typed.property);
        }
        return result;
    }

    /**
     * One property typed against its table, with the problems found on the way (not yet
     * reported). Reused from the previous build when the node is the same (unchanged text:
     * the incremental parser keeps unchanged declarations' nodes), at the same place, in the
     * same context, and its value names no other element.
     */
    private typedProperty(node: PropertyNode, table: PropertyTable, owner: string, component: Component | undefined): TypedProperty {
        const start = node.$cstNode?.range.start;
        const cached = typedProperties.get(node);
        if (cached && start && cached.line === start.line && cached.character === start.character && cached.table === table
            && cached.owner === owner && cached.componentId === component?.id && cached.uri === this.uri) {
            return cached;
        }
        const problemsBefore = this.problems.length;
        const lookupsBefore = this.elementLookups;
        const nameLocation = this.propertyNameLocation(node);
        const spec = table[node.name];
        let property: Property | undefined;
        if (!spec) {
            const suggestion = closest(node.name, Object.keys(table));
            this.problem('unknown-property', 'warning', nameLocation,
                `Unknown property '${node.name}' for ${owner}.${didYouMean(suggestion)}`,
                component ? [component.id] : [], suggestion ? { suggestion } : undefined);
        } else {
            const value = this.value(node.value, spec.type, `'${node.name}' of ${owner}`, component);
            if (value) property = { name: node.name, value, location: this.location(node), nameLocation };
        }
        const typed: TypedProperty = {
            known: spec !== undefined, property, nameLocation, problems: this.problems.splice(problemsBefore),
            line: start?.line ?? -1, character: start?.character ?? -1, table, owner, componentId: component?.id, uri: this.uri,
        };
        if (start && this.elementLookups === lookupsBefore) typedProperties.set(node, typed);
        else typedProperties.delete(node);
        return typed;
    }

    /** Types a value against its spec; reports and returns undefined when it does not fit. */
    private value(node: ValueNode, type: PropertyType, what: string, component: Component | undefined): PropertyValue | undefined {
        const base = this.valueBase(node);
        const typed = this.tryValue(node, base, type, what, component);
        if (typeof typed !== 'string') return typed;
        this.problem('invalid-property-value', 'error', base.location, `${capitalize(what)} ${typed}`, component ? [component.id] : []);
        return undefined;
    }

    /** The location and source text every typed value carries. */
    private valueBase(node: ValueNode): ValueBase {
        const cst = node.$cstNode;
        return { location: cst ? { uri: this.uri, range: cst.range } : { uri: this.uri, range: EMPTY_RANGE }, text: cst?.text ?? '' };
    }

    /** A typed value, or the end of a sentence saying what was expected. */
    private tryValue(node: ValueNode, base: ValueBase, type: PropertyType, what: string, component: Component | undefined): PropertyValue | string {
        const text = base.text;
        const word = isWordValue(node) ? node.word.$refText : undefined;
        const wordHasBlock = word !== undefined && text.includes('{');
        switch (type.type) {
            case 'union': {
                for (const option of type.of) {
                    const result = this.tryValue(node, base, option, what, component);
                    if (typeof result !== 'string') return result;
                }
                return `expects ${type.of.map(describeType).join(' or ')}, not '${text}'.`;
            }
            case 'boolean':
                if (word === 'true' || word === 'false') return { ...base, type: 'boolean', value: word === 'true' };
                return `expects true or false, not '${text}'.`;
            case 'string':
                if (isStringValue(node)) return { ...base, type: 'string', value: node.value };
                if (word !== undefined && !wordHasBlock) return { ...base, type: 'string', value: word };
                return `expects a string, not '${text}'.`;
            case 'number':
                if (isNumberValue(node)) {
                    if (type.integer && !Number.isInteger(node.value)) return `expects a whole number, not '${text}'.`;
                    if (type.min !== undefined && node.value < type.min) return `must be at least ${type.min}, not '${text}'.`;
                    return { ...base, type: 'number', value: node.value };
                }
                return `expects a number, not '${text}'.`;
            case 'duration':
                if (isDurationValue(node)) return { ...base, type: 'duration', milliseconds: parseDuration(node.value) ?? 0 };
                if (isNumberValue(node) && node.value === 0) return { ...base, type: 'duration', milliseconds: 0 };
                if (isNumberValue(node)) return `needs a time unit: write '${text}s', '${text}m' or '${text}ms'.`;
                return `expects a duration such as 250ms, 30s, 15m, 1h or 7d, not '${text}'.`;
            case 'rate':
                if (isRateValue(node)) return { ...base, type: 'rate', perSecond: parseRate(node.value) ?? 0 };
                if (isNumberValue(node)) return `needs a time unit: write '${text}/s' or '${text}/min'.`;
                return `expects a rate such as 100/s or 6000/min, not '${text}'.`;
            case 'quantity': {
                const quantity = isQuantityValue(node) ? parseQuantity(node.value) : undefined;
                if (quantity) return { ...base, type: 'quantity', ...quantity };
                return `expects a count such as '1000 items', not '${text}'.`;
            }
            case 'enum':
                if ((word !== undefined && !wordHasBlock) || isStringValue(node)) {
                    const value = word ?? (node as { value: string }).value;
                    if (type.values.includes(value)) return { ...base, type: 'enum', value };
                    return `must be one of ${type.values.join(', ')}, not '${value}'.${didYouMean(closest(value, type.values))}`;
                }
                return `must be one of ${type.values.join(', ')}, not '${text}'.`;
            case 'reference': {
                this.elementLookups++;
                if (!isWordValue(node) || wordHasBlock) return `expects the id of a ${type.kinds.join(', ')}, not '${text}'.`;
                const target = node.word.ref;
                const id = target ? this.idOfNode.get(target) : undefined;
                const element = id !== undefined ? this.elements.get(id) : undefined;
                if (!element) {
                    // An unresolved reference is reported once, as such, not as a bad value.
                    this.reportUnresolved(node.word.$refText, this.refLocation(node.word), what, component, true);
                    return { ...base, type: 'reference', target: undefined };
                }
                const kind = element.type === 'component' ? element.kind : element.type;
                if (!(type.kinds as readonly string[]).includes(kind)) {
                    this.problem('unresolved-reference', 'warning', this.refLocation(node.word),
                        `${capitalize(what)} should name a ${type.kinds.join(', ')}, but '${element.id}' is a ${kind}.`, [element.id]);
                    this.markUnresolved(component?.id);
                    return { ...base, type: 'reference', target: undefined };
                }
                return { ...base, type: 'reference', target: element.id };
            }
            case 'mode': {
                if (!isWordValue(node)) return `expects one of ${Object.keys(type.modes).join(', ')}, not '${text}'.`;
                const mode = node.word.$refText;
                const settings = type.modes[mode];
                if (!settings) {
                    return `must be one of ${Object.keys(type.modes).join(', ')}, not '${mode}'.${didYouMean(closest(mode, Object.keys(type.modes)))}`;
                }
                const properties = this.properties(node.properties, settings, `${mode} ${what}`, component);
                return { ...base, type: 'mode', mode, properties };
            }
            case 'block':
                if (isBlockValue(node)) {
                    return { ...base, type: 'block', properties: this.properties(node.properties, type.properties, what, component) };
                }
                return `expects a block { … }, not '${text}'.`;
            case 'list': {
                const items = isListValue(node) ? node.items : [node];
                const typed: PropertyValue[] = [];
                for (const item of items) {
                    const value = this.tryValue(item, item === node ? base : this.valueBase(item), type.of, what, component);
                    if (typeof value === 'string') return isListValue(node) ? `has an item that ${value}` : value;
                    typed.push(value);
                }
                return { ...base, type: 'list', items: typed };
            }
        }
    }

    // ------------------------------------------------------------ annotations

    private allows(annotations: readonly Annotation[]): Allow[] {
        const result: Allow[] = [];
        for (const annotation of annotations) {
            if (annotation.name !== 'allow') {
                this.problem('unknown-annotation', 'warning', this.location(annotation),
                    `Unknown annotation '@${annotation.name}'; the only annotation is @allow(rule-id, "reason").`, []);
                continue;
            }
            if (!annotation.rule) continue;
            result.push({ rule: annotation.rule, reason: annotation.reason?.trim() || undefined, location: this.location(annotation) });
        }
        return result;
    }

    // ------------------------------------------------------------ locations

    /** The node's range, without leading `@allow(…)` annotations (the narrowest range for findings). */
    private location(node: AstNode): SourceLocation {
        const cst = node.$cstNode;
        if (!cst) return { uri: this.uri, range: EMPTY_RANGE };
        const annotations = (node as { annotations?: Annotation[] }).annotations;
        const last = annotations !== undefined && annotations.length > 0 ? annotations[annotations.length - 1].$cstNode : undefined;
        if (last) {
            const leaf = firstLeafFrom(cst, last.end);
            if (leaf) return { uri: this.uri, range: { start: leaf.range.start, end: cst.range.end } };
        }
        return { uri: this.uri, range: cst.range };
    }

    private nameLocation(node: AstNode): SourceLocation {
        const cst = node.$cstNode ? findNodeForFeature(node.$cstNode, 'name') : undefined;
        return cst ? { uri: this.uri, range: cst.range } : this.location(node);
    }

    private propertyNameLocation(node: PropertyNode): SourceLocation {
        // A property's name is its first child (`name=Name ':' value=Value`).
        const first = node.$cstNode && isCompositeCstNode(node.$cstNode) ? node.$cstNode.content[0] : undefined;
        if (first && assignedFeature(first.grammarSource) === 'name') return { uri: this.uri, range: first.range };
        return this.nameLocation(node);
    }

    private refLocation(ref: Reference): SourceLocation {
        return { uri: this.uri, range: ref.$refNode?.range ?? EMPTY_RANGE };
    }

    private problem(code: string, severity: Finding['severity'], location: SourceLocation, message: string, elements: string[], data?: Record<string, unknown>): void {
        this.problems.push({ code, severity, location, message, related: [], elements, ...(data ? { data } : {}) });
    }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/**
 * The first CST node assigned to `feature` of the node's own AST node, in document order: what
 * Langium's `GrammarUtils.findNodeForProperty` finds, without building arrays for every child.
 */
function findNodeForFeature(cst: CstNode, feature: string): CstNode | undefined {
    if (!isCompositeCstNode(cst)) return undefined;
    const element = cst.astNode;
    const stack: (readonly CstNode[])[] = [cst.content];
    const indexes: number[] = [0];
    while (stack.length > 0) {
        const top = stack.length - 1;
        const children = stack[top];
        const index = indexes[top]++;
        if (index >= children.length) {
            stack.pop();
            indexes.pop();
            continue;
        }
        const child = children[index];
        if (assignedFeature(child.grammarSource) === feature) return child;
        if (isCompositeCstNode(child) && child.astNode === element) {
            stack.push(child.content);
            indexes.push(0);
        }
    }
    return undefined;
}

/** The feature of the assignment a grammar element is part of (cached per grammar element). */
function assignedFeature(source: AstNode | undefined): string | undefined {
    if (!source) return undefined;
    let feature = featureOfSource.get(source);
    if (feature === undefined) {
        feature = '';
        for (let node: AstNode | undefined = source; node; node = node.$container) {
            if (node.$type === 'Assignment') {
                feature = (node as AstNode & { feature: string }).feature;
                break;
            }
        }
        featureOfSource.set(source, feature);
    }
    return feature;
}

const featureOfSource = new WeakMap<AstNode, string>();

/** The first non-hidden leaf at or after `offset` under `cst`, in document order. */
function firstLeafFrom(cst: CstNode, offset: number): CstNode | undefined {
    const stack: CstNode[] = [cst];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (isCompositeCstNode(node)) {
            if (node.end < offset) continue;
            for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
        } else if (node.offset >= offset && !node.hidden) {
            return node;
        }
    }
    return undefined;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeType(type: PropertyType): string {
    switch (type.type) {
        case 'number': return type.integer ? 'a whole number' : 'a number';
        case 'boolean': return 'true or false';
        case 'string': return 'a string';
        case 'duration': return 'a duration such as 30s';
        case 'rate': return 'a rate such as 100/s';
        case 'quantity': return "a count such as '1000 items'";
        case 'enum': return `one of ${type.values.join(', ')}`;
        case 'reference': return `the id of a ${type.kinds.join(', ')}`;
        case 'mode': return `one of ${Object.keys(type.modes).join(', ')}`;
        case 'block': return 'a block { … }';
        case 'list': return `a list [ … ] of ${describeType(type.of)}`;
        case 'union': return type.of.map(describeType).join(' or ');
    }
}

/** `shop.arch:12:3` for messages that name another place. */
export function describeLocation(location: SourceLocation): string {
    const file = location.uri.slice(location.uri.lastIndexOf('/') + 1);
    return `${decodeURIComponent(file)}:${location.range.start.line + 1}:${location.range.start.character + 1}`;
}

/** Every kind keyword, for messages and completion. */
export const KINDS: readonly ComponentKind[] = COMPONENT_KINDS;
