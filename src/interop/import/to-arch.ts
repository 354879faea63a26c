/**
 * An imported model as `.arch` text. Groupings and elements with parts become zones, leaves
 * become components of an inferred kind, a broker-like element whose parts are queues or
 * topics becomes a broker with channels, relationships become connections (protocol and
 * async-ness inferred from technology, kind and tags), views keep what they include and
 * dynamic views become flows. Every guess and everything left out is said in an
 * `// import:` comment right above the line it concerns, so a reviewer finds them all.
 */
import type { ChannelKind, ComponentKind, Direction } from '../../model/arch-model.js';
import { IdMap } from '../export/model-facts.js';
import { allElements, type ImportedElement, type ImportedModel, type ImportedRelationship } from './imported-model.js';
import { inferAsync, inferKind, inferProtocol } from './infer-kind.js';

/** What an element becomes. */
type Role =
    | { type: 'zone' }
    | { type: 'component'; kind: ComponentKind; reason: string }
    | { type: 'channel'; broker: string; kind: ChannelKind };

/** The text and what it holds. */
export interface ArchImport {
    text: string;
    counts: { zones: number; components: number; channels: number; connections: number; views: number; flows: number; notes: number };
}

/** An Archway string literal. */
export function archString(text: string): string {
    let out = '"';
    for (const char of text) {
        switch (char) {
            case '\\': out += '\\\\'; break;
            case '"': out += '\\"'; break;
            case '\n': out += '\\n'; break;
            case '\t': out += '\\t'; break;
            case '\r': break;
            default: out += char < ' ' || char === '\u007f' ? ' ' : char;
        }
    }
    return out + '"';
}

/** An Archway id made from a source name: letters, digits, `_`, and single inner dashes. */
function archId(name: string): string {
    let id = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/-{2,}/g, '-')
        .replace(/-(?=_)|(?<=_)-/g, '').replace(/^-+|-+$/g, '');
    if (!/^[A-Za-z_]/.test(id)) id = `e_${id}`;
    return id || 'element';
}

/** Text as one comment line. */
function comment(text: string): string {
    // eslint-disable-next-line no-control-regex
    return `// import: ${text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')}`;
}

/** Multi-line source text without the indentation a DSL block gave it. */
function dedent(text: string): string {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length > 0 && lines[0].trim() === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    const indent = Math.min(...lines.filter(line => line.trim() !== '').map(line => /^\s*/.exec(line)![0].length));
    return lines.map(line => line.slice(Number.isFinite(indent) ? indent : 0).trimEnd()).join('\n');
}

/** Metadata Archway's own exports write: the original id (used for the name) and kind. */
const ARCHWAY_KEYS = new Set(['archway.id', 'archway_id', 'archway.kind']);

/** The name an element's Archway id is made from: the id Archway's export kept, else its own name. */
function baseName(element: ImportedElement): string {
    const kept = element.metadata.find(([key]) => key === 'archway.id' || key === 'archway_id')?.[1];
    return kept ? kept.slice(kept.lastIndexOf('.') + 1) : element.name;
}

const CHANNEL_WORDS = /\b(queue|topic|channel|stream|subject|exchange)\b/i;

function isChannelLike(element: ImportedElement): boolean {
    return element.children.length === 0 && (inferKind(element).kind === 'broker' || CHANNEL_WORDS.test(`${element.sourceKind} ${element.title ?? ''} ${element.technology ?? ''}`));
}

/** Decides what each element becomes. */
function classify(model: ImportedModel): Map<string, Role> {
    const roles = new Map<string, Role>();
    const visit = (element: ImportedElement): void => {
        if (element.isGroup) {
            roles.set(element.key, { type: 'zone' });
        } else if (element.children.length > 0) {
            const guess = inferKind(element);
            if (guess.kind === 'broker' && element.children.every(isChannelLike)) {
                roles.set(element.key, { type: 'component', kind: 'broker', reason: `${guess.reason}; its parts are its channels` });
                for (const child of element.children) {
                    const queue = /\bqueue\b/i.test(`${child.sourceKind} ${child.title ?? ''} ${child.technology ?? ''} ${child.shape ?? ''}`);
                    roles.set(child.key, { type: 'channel', broker: element.key, kind: queue ? 'queue' : 'topic' });
                }
                return;
            }
            roles.set(element.key, { type: 'zone' });
        } else {
            const guess = inferKind(element);
            roles.set(element.key, { type: 'component', kind: guess.kind, reason: guess.reason });
        }
        for (const child of element.children) visit(child);
    };
    for (const root of model.elements) visit(root);
    return roles;
}

/** True when a relationship between parts of its ends says the same (so it can be left out). */
function isSummarized(model: ImportedModel, relationship: ImportedRelationship, elements: Map<string, ImportedElement>, drawable: (key: string) => boolean): boolean {
    const source = elements.get(relationship.source);
    const target = elements.get(relationship.target);
    if (!source || !target) return false;
    const sources = subtree(source);
    const targets = subtree(target);
    return model.relationships.some(other => other !== relationship && sources.has(other.source) && targets.has(other.target)
        && (other.source !== source.key || other.target !== target.key) && drawable(other.source) && drawable(other.target));
}

/**
 * Elements that became zones but have relationships of their own that their parts do not
 * repeat (a container with components that is called as a whole): a component inside the
 * zone stands for the element itself, so those relationships are kept.
 */
function representatives(model: ImportedModel, roles: Map<string, Role>, elements: Map<string, ImportedElement>): Map<string, ImportedElement> {
    const drawable = (key: string): boolean => roles.get(key)?.type === 'component' || roles.get(key)?.type === 'channel';
    const reps = new Map<string, ImportedElement>();
    for (const relationship of model.relationships) {
        for (const key of [relationship.source, relationship.target]) {
            const element = elements.get(key);
            if (!element || element.isGroup || roles.get(key)?.type !== 'zone' || reps.has(key)) continue;
            if (isSummarized(model, relationship, elements, drawable)) continue;
            const rep: ImportedElement = { ...element, key: `${key}#self`, children: [], metadata: [], isGroup: false };
            reps.set(key, rep);
            const guess = inferKind(rep);
            roles.set(rep.key, { type: 'component', kind: guess.kind, reason: `${guess.reason}; it stands for ${model.tool} ${element.sourceKind} '${key}' itself, whose parts are in the zone around it` });
        }
    }
    return reps;
}

/** Turns an imported model into `.arch` text. `source` names the input in the header. */
export function importedToArch(model: ImportedModel, source: string): ArchImport {
    const roles = classify(model);
    const elements = new Map(allElements(model.elements).map(element => [element.key, element]));
    const reps = representatives(model, roles, elements);
    for (const rep of reps.values()) elements.set(rep.key, rep);
    const ids = new IdMap(archId);
    const channelNames = new Map<string, IdMap>();
    /** The Archway reference of an element: its id, or `broker.channel`. */
    const ref = (key: string): string => {
        const role = roles.get(key)!;
        const element = elements.get(key)!;
        if (role.type === 'channel') {
            let names = channelNames.get(role.broker);
            if (!names) channelNames.set(role.broker, names = new IdMap(archId));
            return `${ref(role.broker)}.${names.get(key, baseName(element))}`;
        }
        return ids.get(key, baseName(element));
    };
    // Ids in source order, parents first, so the same input always gives the same ids; a
    // component standing for a zone's element takes the element's name, the zone `<name>_zone`.
    // Groupings have only a title: their ids come last, so they never take an element's name.
    const order = [...elements.values()].sort((a, b) => Number(a.isGroup) - Number(b.isGroup)).map(element => element.key);
    for (const key of order) {
        const rep = reps.get(key);
        if (rep) {
            ref(rep.key);
            ids.get(key, `${baseName(elements.get(key)!)}_zone`);
        }
        ref(key);
    }

    const counts = { zones: 0, components: 0, channels: 0, connections: 0, views: 0, flows: 0, notes: 0 };
    const lines: string[] = [];
    const note = (indent: string, text: string): void => {
        lines.push(indent + comment(text));
        counts.notes++;
    };
    lines.push(`// Imported by Archway from ${source} (${model.tool}).`);
    lines.push('// Lines starting with `// import:` mark a guess or something left out: review them.');
    if (model.name) lines.push(`architecture ${archString(model.name)}`);
    lines.push('');
    for (const text of model.notes) note('', text);
    if (model.elements.some(element => roles.get(element.key)?.type === 'zone') || [...roles.values()].some(role => role.type === 'zone')) {
        note('', "zones take the default trust 'private'; set `trust: public` or `trust: edge` where a zone is reachable from outside.");
    }

    const properties = (element: ImportedElement, indent: string, role: Role): string[] => {
        const body: string[] = [];
        if (element.description) body.push(`${indent}description: ${archString(dedent(element.description))}`);
        if (element.technology && role.type === 'component') body.push(`${indent}technology: ${archString(element.technology)}`);
        if (element.tags.length > 0 && role.type === 'component') body.push(`${indent}tags: [${element.tags.map(archString).join(', ')}]`);
        for (const [key, value] of element.metadata) {
            if (ARCHWAY_KEYS.has(key)) continue;
            if (key.toLowerCase() === 'owner' && role.type === 'component') body.push(`${indent}owner: ${archString(value)}`);
            else {
                body.push(indent + comment(`${key} = ${JSON.stringify(value)} (no Archway property for it)`));
                counts.notes++;
            }
        }
        if (role.type !== 'component' && element.technology) {
            body.push(indent + comment(`technology ${JSON.stringify(element.technology)} (a ${role.type} has none)`));
            counts.notes++;
        }
        return body;
    };

    const write = (element: ImportedElement, indent: string): void => {
        const role = roles.get(element.key)!;
        const title = element.title && element.title !== element.name ? ` ${archString(element.title)}` : '';
        if (role.type === 'zone') {
            counts.zones++;
            if (!element.isGroup) note(indent, `zone from ${model.tool} ${element.sourceKind} '${element.key}': it has parts`);
            lines.push(`${indent}zone ${ref(element.key)}${title} {`);
            const rep = reps.get(element.key);
            lines.push(...properties(rep ? { ...element, description: undefined, technology: undefined } : element, indent + '  ', role));
            if (rep) write(rep, indent + '  ');
            for (const child of element.children) write(child, indent + '  ');
            lines.push(`${indent}}`);
            return;
        }
        if (role.type === 'channel') {
            counts.channels++;
            const name = ref(element.key).split('.').pop()!;
            const body = properties(element, indent + '  ', role);
            lines.push(`${indent}${role.kind} ${name}${title}${body.length > 0 ? ' {' : ''}`, ...body, ...(body.length > 0 ? [`${indent}}`] : []));
            return;
        }
        counts.components++;
        note(indent, element.key.endsWith('#self') ? role.reason : `${role.reason} (${model.tool} ${element.sourceKind} '${element.key}')`);
        const body = properties(element, indent + '  ', role);
        const channels = element.children.filter(child => roles.get(child.key)?.type === 'channel');
        if (body.length === 0 && channels.length === 0) {
            lines.push(`${indent}${role.kind} ${ref(element.key)}${title}`);
            return;
        }
        lines.push(`${indent}${role.kind} ${ref(element.key)}${title} {`, ...body);
        for (const channel of channels) write(channel, indent + '  ');
        lines.push(`${indent}}`);
    };
    for (const element of model.elements) write(element, '');

    lines.push('');
    const styles = writeConnections(model, roles, elements, reps, ref, lines, note, counts);
    writeViews(model, roles, elements, reps, ref, styles, lines, note, counts);
    return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n', counts };
}

/** Keys of an element and everything inside it. */
function subtree(element: ImportedElement): Set<string> {
    return new Set(allElements([element]).map(e => e.key));
}

function describe(relationship: ImportedRelationship): string {
    return `'${relationship.source} -> ${relationship.target}'${relationship.title ? ` (${JSON.stringify(relationship.title)})` : ''}`;
}

/** Writes the connections; returns the style of each written (source ref → target ref) pair. */
function writeConnections(
    model: ImportedModel, roles: Map<string, Role>, elements: Map<string, ImportedElement>, reps: Map<string, ImportedElement>,
    ref: (key: string) => string, lines: string[], note: (indent: string, text: string) => void, counts: ArchImport['counts'],
): Map<string, 'sync' | 'async'> {
    const styles = new Map<string, 'sync' | 'async'>();
    const drawable = (key: string): boolean => roles.get(key)?.type === 'component' || roles.get(key)?.type === 'channel';
    /** The drawable element standing for a key: itself, or the component standing for a zone's element. */
    const end = (key: string): string | undefined => (drawable(key) ? key : reps.get(key)?.key);
    let summarized = 0;
    for (const relationship of model.relationships) {
        if (!elements.has(relationship.source) || !elements.has(relationship.target)) continue;
        if (!drawable(relationship.source) || !drawable(relationship.target)) {
            if (isSummarized(model, relationship, elements, drawable)) {
                summarized++;
                continue;
            }
        }
        const sourceKey = end(relationship.source);
        const targetKey = end(relationship.target);
        if (sourceKey === undefined || targetKey === undefined) {
            const zone = sourceKey === undefined ? relationship.source : relationship.target;
            note('', `left out ${describe(relationship)}: '${zone}' became a zone, and Archway connects components.`);
            continue;
        }
        const from = ref(sourceKey);
        const to = ref(targetKey);
        if (from === to) {
            note('', `left out ${describe(relationship)}: it connects an element to itself.`);
            continue;
        }
        const asyncReason = inferAsync(relationship);
        const protocol = inferProtocol(relationship.technology);
        if (asyncReason) note('', asyncReason);
        if (protocol) note('', protocol.reason);
        else if (relationship.technology) note('', `technology ${JSON.stringify(relationship.technology)} names no protocol Archway knows; left out.`);
        const arrow = asyncReason ? '~>' : '->';
        const body = relationship.description ? ` { description: ${archString(dedent(relationship.description))} }` : '';
        lines.push(`${from} ${arrow} ${to}${protocol ? ` : ${protocol.protocol}` : ''}${relationship.title ? ` ${archString(relationship.title)}` : ''}${body}`);
        styles.set(`${from} ${to}`, asyncReason ? 'async' : 'sync');
        counts.connections++;
    }
    if (summarized > 0) {
        note('', `left out ${summarized} relationship${summarized === 1 ? '' : 's'} to or from elements that became zones: relationships between their parts say the same.`);
    }
    return styles;
}

const DIRECTION_WORDS: Record<Direction, string> = { right: 'right', down: 'down', left: 'left', up: 'up' };

function writeViews(
    model: ImportedModel, roles: Map<string, Role>, elements: Map<string, ImportedElement>, reps: Map<string, ImportedElement>, ref: (key: string) => string,
    styles: Map<string, 'sync' | 'async'>, lines: string[], note: (indent: string, text: string) => void, counts: ArchImport['counts'],
): void {
    const names = new IdMap(archId);
    if (model.views.length > 0 || model.flows.length > 0) lines.push('');
    for (const view of model.views) {
        const id = names.get(`view:${view.key}`, view.key);
        for (const text of view.notes) note('', `view '${view.key}': ${text}`);
        const refs = (keys: string[]): string[] => [...new Set(keys.filter(key => elements.has(key)).map(ref))];
        const includes = refs(view.includes);
        const excludes = refs(view.excludes);
        const head = `view ${id}${view.title ? ` ${archString(view.title)}` : ''} {`;
        const body: string[] = [];
        if (view.includeAll || includes.length === 0) {
            if (!view.includeAll) note('', `view '${view.key}' names nothing Archway can show on its own; it shows everything.`);
            body.push('  include *');
        } else body.push(`  include ${includes.join(', ')}`);
        if (excludes.length > 0) body.push(`  exclude ${excludes.join(', ')}`);
        const collapse = refs(view.collapse.filter(key => roles.get(key)?.type === 'zone'));
        if (collapse.length > 0) body.push(`  collapse: [${collapse.join(', ')}]`);
        if (view.direction) body.push(`  direction: ${DIRECTION_WORDS[view.direction]}`);
        lines.push(head, ...body, '}');
        counts.views++;
    }
    for (const flow of model.flows) {
        const steps: string[] = [];
        const drawable = (key: string): boolean => roles.get(key)?.type === 'component' || roles.get(key)?.type === 'channel';
        const end = (key: string): string | undefined => (drawable(key) ? key : reps.get(key)?.key);
        for (const step of flow.steps) {
            let source = end(step.source);
            let target = end(step.target);
            if (source === undefined || target === undefined) {
                note('', `flow '${flow.key}': left out the step '${step.source} -> ${step.target}': an end is a zone or unknown.`);
                continue;
            }
            if (!styles.has(`${ref(source)} ${ref(target)}`)) {
                // A step between containers stands for a relationship between their parts (a broker's channel, a component).
                const sources = subtree(elements.get(step.source)!);
                const targets = subtree(elements.get(step.target)!);
                const inner = model.relationships.find(r => sources.has(r.source) && targets.has(r.target) && end(r.source) !== undefined && end(r.target) !== undefined
                    && styles.has(`${ref(end(r.source)!)} ${ref(end(r.target)!)}`));
                if (inner) {
                    note('', `flow '${flow.key}': the step '${step.source} -> ${step.target}' follows the relationship '${inner.source} -> ${inner.target}'.`);
                    source = end(inner.source)!;
                    target = end(inner.target)!;
                }
            }
            const from = ref(source);
            const to = ref(target);
            const arrow = styles.get(`${from} ${to}`) === 'async' ? '~>' : '->';
            steps.push(`  ${from} ${arrow} ${to}${step.title ? ` ${archString(step.title)}` : ''}`);
        }
        if (steps.length === 0) {
            note('', `flow '${flow.key}' left out: none of its steps connects two components.`);
            continue;
        }
        lines.push(`flow ${names.get(`flow:${flow.key}`, flow.key)}${flow.title ? ` ${archString(flow.title)}` : ''} {`, ...steps, '}');
        counts.flows++;
    }
}
