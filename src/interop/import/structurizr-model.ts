/**
 * The `model { }` block of a Structurizr workspace: people, software systems, containers,
 * components and custom elements (names, descriptions, technologies, tags, properties, where
 * each may be declared), groups and enterprises, `!ref` / `!extend` of declared elements, and
 * relationships (explicit, implicit `-> x` inside an element, `this`) with their bodies.
 * Deployment environments are skipped with a note.
 */
import { newElement, type ImportedElement } from './imported-model.js';
import { args, opens, type Line } from './structurizr-lines.js';
import type { StructurizrWorkspace } from './structurizr-workspace.js';

const ELEMENT_KEYWORDS: Record<string, string> = {
    person: 'person', softwaresystem: 'softwareSystem', container: 'container', component: 'component', element: 'element',
};

/** A statement in the model, in a group, or (with `owner`) in an element's body. */
export function modelStatement(ws: StructurizrWorkspace, line: Line, owner: ImportedElement | undefined, group?: ImportedElement): void {
    let tokens = args(line);
    let identifier: string | undefined;
    if (tokens.length > 2 && tokens[1] === '=') {
        identifier = tokens[0];
        tokens = tokens.slice(2);
    }
    const keyword = tokens[0]?.toLowerCase();
    const parent = group ?? owner;
    if (tokens.length >= 2 && tokens[1] === '->') return relationship(ws, line, tokens[0], tokens.slice(2), owner);
    if (keyword === '->' && owner) return relationship(ws, line, 'this', tokens.slice(1), owner);
    if ((keyword === 'group' || keyword === 'enterprise') && tokens[1] !== undefined) {
        const { key } = ws.register(undefined, parent, tokens[1]);
        const element = newElement({ key, name: camelCase(tokens[1]), title: tokens[1], sourceKind: keyword, isGroup: true, position: line.position });
        ws.add(element, parent);
        if (opens(line)) ws.stack.push({ type: 'group', element, owner });
        return;
    }
    if (keyword === 'deploymentenvironment') {
        ws.notes.add('Structurizr deployment environments are not imported (Archway models the logical topology).');
        return ws.skipBlock(line);
    }
    if (keyword === 'properties' || keyword === 'perspectives' || keyword === 'archetypes' || keyword === '!docs') return ws.skipBlock(line);
    if ((keyword === '!ref' || keyword === '!extend' || keyword === '!element') && tokens[1]) {
        const element = ws.find(tokens[1], owner);
        if (!element) {
            ws.problem(line, `Cannot find the element '${tokens[1]}'.`);
            return ws.skipBlock(line);
        }
        if (opens(line)) ws.stack.push({ type: 'element', element });
        return;
    }
    const sourceKind = ELEMENT_KEYWORDS[keyword ?? ''];
    if (sourceKind && tokens[1] !== undefined) return elementDeclaration(ws, line, sourceKind, identifier, tokens, owner, parent);
    ws.problem(line, `Cannot read '${line.tokens.join(' ')}' here.`);
    ws.skipBlock(line);
}

/** `[id =] person|softwareSystem|container|component|element name …`: the element, its strings by kind, and its body. */
function elementDeclaration(
    ws: StructurizrWorkspace, line: Line, sourceKind: string, identifier: string | undefined, tokens: string[],
    owner: ImportedElement | undefined, parent: ImportedElement | undefined,
): void {
    if (owner && !allowedChild(owner.sourceKind, sourceKind)) {
        ws.problem(line, `A ${sourceKind} cannot be declared inside a ${owner.sourceKind}.`);
    }
    const name = tokens[1];
    const { key } = ws.register(identifier, owner, name);
    const element = newElement({ key, name: identifier ?? name, title: name, sourceKind, position: line.position });
    if (sourceKind === 'element') {
        // element <name> [metadata] [description] [tags]
        element.technology = tokens[2];
        element.description = tokens[3];
        element.tags = splitTags(tokens[4]);
    } else if (sourceKind === 'person' || sourceKind === 'softwareSystem') {
        element.description = tokens[2];
        element.tags = splitTags(tokens[3]);
    } else {
        element.description = tokens[2];
        element.technology = tokens[3];
        element.tags = splitTags(tokens[4]);
    }
    element.external = element.tags.some(isExternalTag);
    if (ws.ids.has(key)) ws.problem(line, `The identifier '${key}' is already used.`);
    ws.ids.set(key, element);
    ws.add(element, parent);
    if (opens(line)) ws.stack.push({ type: 'element', element });
}

/** A statement in an element's body: its properties, or (otherwise) a model statement owned by it. */
export function elementStatement(ws: StructurizrWorkspace, line: Line, element: ImportedElement): void {
    const tokens = args(line);
    const lower = tokens[0].toLowerCase();
    switch (lower) {
        case 'description': element.description = tokens[1]; return;
        case 'technology': element.technology = tokens[1]; return;
        case 'tags':
            element.tags.push(...tokens.slice(1).flatMap(splitTags));
            element.external ||= element.tags.some(isExternalTag);
            return;
        case 'url': if (tokens[1]) element.metadata.push(['url', tokens[1]]); return;
        case 'location': if (tokens[1]?.toLowerCase() === 'external') element.external = true; return;
        case 'properties':
            if (opens(line)) ws.stack.push({ type: 'element-properties', element });
            return;
        default:
            modelStatement(ws, line, element);
    }
}

/** After `source ->`: destination, description, technology and tags, and an optional body. */
function relationship(ws: StructurizrWorkspace, line: Line, source: string, rest: string[], context: ImportedElement | undefined): void {
    const [target, description, technology, tags] = rest;
    if (!target) {
        ws.problem(line, 'This relationship names no destination.');
        return;
    }
    ws.relationships.push({
        source, target, context, title: description, technology, tags: splitTags(tags), position: line.position,
    });
    if (opens(line)) ws.stack.push({ type: 'relationship' });
}

/** A statement in a relationship's body (`tags`, `description`, `technology`), for the last relationship read. */
export function relationshipBody(ws: StructurizrWorkspace, line: Line): void {
    const relation = ws.relationships[ws.relationships.length - 1];
    const tokens = args(line);
    const lower = tokens[0].toLowerCase();
    if (lower === 'tags') relation.tags.push(...tokens.slice(1).flatMap(splitTags));
    else if (lower === 'description') relation.title = tokens[1];
    else if (lower === 'technology') relation.technology = tokens[1];
    ws.skipBlock(line);
}

/** Which elements may hold which, as in Structurizr. */
function allowedChild(parent: string, child: string): boolean {
    if (parent === 'softwareSystem') return child === 'container';
    if (parent === 'container') return child === 'component';
    return false;
}

/** `Acme Health` → `acmeHealth`: an id for something that has only a name. */
function camelCase(text: string): string {
    const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
    return words.map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join('') || text;
}

/** `"a, b"` → `['a', 'b']`. */
function splitTags(tags: string | undefined): string[] {
    return (tags ?? '').split(',').map(tag => tag.trim()).filter(tag => tag.length > 0);
}

/** Tags that mark an element as outside the system being modelled. */
function isExternalTag(tag: string): boolean {
    return /^(external|existing system|external system|3rd party|third party)$/i.test(tag);
}
