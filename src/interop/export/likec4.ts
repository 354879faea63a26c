/**
 * LikeC4 export: the whole model as one `.c4` file. Archway kinds become LikeC4 element
 * kinds (with shapes and colours in the `specification`), zones become elements of kind
 * `zone` holding their members (so LikeC4 draws them as containers), a broker's channels
 * are its children, connections are relationships (async ones of the dashed kind `async`,
 * with the protocol as technology), properties are `metadata`, `tags` are LikeC4 tags, and
 * every view lists exactly the elements Archway's view selects. Flows become dynamic views.
 *
 * Names are LikeC4 identifiers made from Archway ids (the original is kept in
 * `metadata { archway_id … }` when it had to change); every text is a single-quoted string
 * with `\` and `'` escaped.
 */
import type { ArchModel, Channel, Component, Connection, PropertyMap, View, Zone } from '../../model/arch-model.js';
import { COMPONENT_KINDS, kindInfo, type KindCategory } from '../../model/component-kinds.js';
import { selectView } from '../../diagram/view-selection.js';
import { channelTitle, connectionTitle, IdMap, metadataOf, oneLine, scopeTree, sourceName, stringProperty, tagsOf, technologyOf, type Scope } from './model-facts.js';

/** A LikeC4 string literal. */
export function likec4String(text: string): string {
    // eslint-disable-next-line no-control-regex
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')}'`;
}

/**
 * Keywords of LikeC4's grammar (1.59) that its `Id` rule does not accept as a name; names
 * such as `model`, `element` or `group` are accepted and stay as they are.
 */
const RESERVED = new Set([
    'BottomTop', 'LeftRight', 'RightLeft', 'TopBottom', 'and', 'autoLayout', 'border', 'color', 'deploymentNode', 'description',
    'dynamic', 'dynamicPredicateGroup', 'exclude', 'extend', 'extends', 'from', 'global', 'head', 'icon', 'iconColor', 'iconPosition',
    'iconSize', 'icons', 'import', 'include', 'includeAncestors', 'instanceOf', 'is', 'kind', 'likec4lib', 'line', 'link', 'metadata',
    'multiple', 'navigateTo', 'not', 'notation', 'notes', 'of', 'opacity', 'or', 'order', 'padding', 'predicate', 'predicateGroup',
    'rank', 'rgb', 'rgba', 'shape', 'size', 'specification', 'style', 'styleGroup', 'summary', 'tag', 'tail', 'technology', 'textSize',
    'title', 'variant', 'view', 'views', 'where', 'with', 'this', 'it',
]);

function sanitizeName(id: string): string {
    const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '_');
    return /^([a-zA-Z]|_+[a-zA-Z0-9])/.test(cleaned) ? cleaned : `e${cleaned}`;
}

/** A metadata key or tag: an identifier without dashes, never a keyword. */
function sanitizeKey(name: string): string {
    const key = sanitizeName(name).replace(/-/g, '_');
    return RESERVED.has(key) ? `${key}_` : key;
}

/** LikeC4 colour of each of Archway's colour groups. */
const CATEGORY_COLOUR: Readonly<Record<KindCategory, string>> = {
    edge: 'sky', traffic: 'indigo', compute: 'green', data: 'amber', messaging: 'secondary', security: 'red', outside: 'gray',
};

/** Styles that are not a kind's default (a cylinder for data stores, else a rectangle, in its group's colour). */
const OTHER_STYLE: Readonly<Record<string, string>> = {
    client: 'shape browser; color sky',
    storage: 'shape storage; color amber',
    peer: 'shape rectangle; color slate',
    topic: 'shape queue; color secondary',
    queue: 'shape queue; color secondary',
    zone: 'shape rectangle; color muted; border dashed; opacity 10%',
};

/** Shape and colour of an Archway kind (or `topic`, `queue`, `zone`) in the specification. */
function kindStyle(kind: string): string {
    const info = kindInfo(kind);
    return OTHER_STYLE[kind] ?? `shape ${info?.dataStore ? 'cylinder' : 'rectangle'}; color ${CATEGORY_COLOUR[info?.category ?? 'outside']}`;
}

interface Names {
    /** LikeC4 name of each element id. */
    name: IdMap;
    /** Fully qualified LikeC4 name of each element id. */
    fqn: Map<string, string>;
    tags: IdMap;
}

/** The LikeC4 text of a model. */
export function modelToLikeC4(model: ArchModel): string {
    const names: Names = { name: new IdMap(sanitizeName, RESERVED), fqn: new Map(), tags: new IdMap(sanitizeKey) };
    const root = scopeTree(model);
    // Names first (parents before children), so relationships and views can use them.
    const assign = (scope: Scope, prefix: string): void => {
        for (const zone of scope.zones) {
            const fqn = prefix + names.name.get(zone.zone!.id);
            names.fqn.set(zone.zone!.id, fqn);
            assign(zone, `${fqn}.`);
        }
        for (const component of scope.components) {
            const fqn = prefix + names.name.get(component.id);
            names.fqn.set(component.id, fqn);
            for (const channelId of component.channels) {
                const channel = model.elements.get(channelId) as Channel;
                names.fqn.set(channelId, `${fqn}.${names.name.get(channelId, channel.name)}`);
            }
        }
    };
    assign(root, '');

    const usedKinds = new Set<string>();
    const model_: string[] = [];
    const writeScope = (scope: Scope, pad: string): void => {
        for (const zone of scope.zones) {
            usedKinds.add('zone');
            model_.push(...elementHead(zone.zone!, 'zone', names, pad), ...elementBody(zone.zone!.properties, zone.zone!, names, pad + '  ', [['trust', zone.zone!.trust]]));
            writeScope(zone, pad + '  ');
            model_.push(`${pad}}`);
        }
        for (const component of scope.components) {
            usedKinds.add(component.kind);
            model_.push(...elementHead(component, component.kind, names, pad));
            model_.push(...elementBody(component.properties, component, names, pad + '  ', []));
            for (const channelId of component.channels) {
                const channel = model.elements.get(channelId) as Channel;
                usedKinds.add(channel.kind);
                model_.push(`${pad}  ${names.name.get(channel.id)} = ${channel.kind} ${likec4String(channelTitle(channel))} {`);
                model_.push(...elementBody(channel.properties, channel, names, pad + '    ', []));
                model_.push(`${pad}  }`);
            }
            model_.push(`${pad}}`);
        }
    };
    writeScope(root, '  ');
    for (const connection of model.connections) {
        const line = relationship(connection, names);
        if (line) model_.push(...line.map(text => `  ${text}`));
    }

    const usedTags = new Set<string>();
    for (const element of model.elements.values()) for (const tag of tagsOf(element.properties)) usedTags.add(names.tags.get(tag));

    const lines = [`// ${oneLine(`Generated by Archway from ${sourceName(model)}${model.name ? ` (${model.name})` : ''}.`)}`, 'specification {'];
    for (const kind of [...COMPONENT_KINDS, 'topic', 'queue', 'zone']) {
        if (!usedKinds.has(kind)) continue;
        const style = kindStyle(kind).split('; ').map(rule => `      ${rule}`);
        lines.push(`  element ${kind} {`, '    style {', ...style, '    }', '  }');
    }
    lines.push('  relationship async {', '    line dashed', '  }');
    for (const tag of [...usedTags].sort()) lines.push(`  tag ${tag}`);
    lines.push('}', '', 'model {', ...model_, '}', '', 'views {');
    lines.push(...views(model, names));
    lines.push('}');
    return lines.join('\n') + '\n';
}

function elementHead(element: Zone | Component, kind: string, names: Names, pad: string): string[] {
    return [`${pad}${names.name.get(element.id)} = ${kind} ${likec4String(element.label ?? element.id)} {`];
}

/** Tags, technology, description and metadata of an element. */
function elementBody(properties: PropertyMap, element: Zone | Component | Channel, names: Names, pad: string, extra: [string, string][]): string[] {
    const lines: string[] = [];
    const tags = tagsOf(properties).map(tag => `#${names.tags.get(tag)}`);
    if (tags.length > 0) lines.push(`${pad}${tags.join(' ')}`);
    const technology = element.type === 'component' ? technologyOf(element) : undefined;
    if (technology) lines.push(`${pad}technology ${likec4String(technology)}`);
    const description = stringProperty(properties, 'description');
    if (description) lines.push(`${pad}description ${likec4String(description)}`);
    const metadata: [string, string][] = [...extra, ...metadataOf(properties)];
    if (names.name.renamed(element.id)) metadata.unshift(['archway_id', element.id]);
    if (metadata.length > 0) {
        lines.push(`${pad}metadata {`);
        const seen = new Set<string>();
        for (const [key, value] of metadata) {
            const name = sanitizeKey(key);
            if (seen.has(name)) continue;
            seen.add(name);
            lines.push(`${pad}  ${name} ${likec4String(value)}`);
        }
        lines.push(`${pad}}`);
    }
    return lines;
}

function relationship(connection: Connection, names: Names): string[] | undefined {
    const source = names.fqn.get(connection.source);
    const target = names.fqn.get(connection.target);
    if (source === undefined || target === undefined || source === target) return undefined;
    const arrow = connection.style === 'async' ? '-[async]->' : '->';
    const title = connectionTitle(connection);
    const body: string[] = [];
    if (connection.protocol) body.push(`  technology ${likec4String(connection.protocol)}`);
    const description = stringProperty(connection.properties, 'description');
    if (description) body.push(`  description ${likec4String(description)}`);
    const metadata = metadataOf(connection.properties);
    if (metadata.length > 0) body.push('  metadata {', ...metadata.map(([key, value]) => `    ${sanitizeKey(key)} ${likec4String(value)}`), '  }');
    const head = `${source} ${arrow} ${target}${title ? ` ${likec4String(title)}` : ''}`;
    return body.length > 0 ? [`${head} {`, ...body, '}'] : [head];
}

const AUTO_LAYOUT: Record<string, string> = { right: 'LeftRight', down: 'TopBottom', left: 'RightLeft', up: 'BottomTop' };

/** Views: each lists the elements Archway's view shows; flows become dynamic views. */
function views(model: ArchModel, names: Names): string[] {
    const lines: string[] = [];
    const viewNames = new IdMap(id => sanitizeName(id).replace(/-/g, '_'), RESERVED);
    const declared: View[] = model.views.length > 0 ? model.views : [];
    const selections = declared.length > 0
        ? declared.map(view => ({ view, selection: selectView(model, { view: view.id }) }))
        : [{ view: undefined, selection: selectView(model) }];
    for (const { view, selection } of selections) {
        const id = viewNames.get(view?.id ?? 'overview');
        lines.push(`  view ${id} {`, `    title ${likec4String(view?.label ?? view?.id ?? 'Everything')}`);
        const included = [...selection.zones, ...selection.components, ...selection.channels].map(element => names.fqn.get(element)).filter(fqn => fqn !== undefined);
        if (included.length > 0) lines.push(`    include`, ...included.map((fqn, i) => `      ${fqn}${i < included.length - 1 ? ',' : ''}`));
        lines.push(`    autoLayout ${AUTO_LAYOUT[selection.direction]}`, '  }');
    }
    for (const flow of model.flows) {
        const steps = flow.steps
            .map(step => ({ step, source: names.fqn.get(step.source), target: names.fqn.get(step.target) }))
            .filter(step => step.source !== undefined && step.target !== undefined && step.source !== step.target);
        if (steps.length === 0) continue;
        lines.push(`  dynamic view ${viewNames.get(`flow_${flow.id}`)} {`, `    title ${likec4String(flow.label ?? flow.id)}`);
        for (const { step, source, target } of steps) {
            lines.push(`    ${source} -> ${target}${step.label ? ` ${likec4String(step.label)}` : ''}`);
        }
        lines.push('  }');
    }
    return lines;
}
