/**
 * The `model { }` block of a LikeC4 model: elements in both declaration forms (`name = kind
 * 'title'` and `kind name 'title'`) with titles, descriptions, technologies, tags, metadata,
 * links, styles and nested elements; `extend` blocks; and relationships (`->`, `-[kind]->`,
 * `<->`, sourceless inside an element, from `this` / `it`) with their strings and bodies.
 */
import { newElement, type ImportedElement } from './imported-model.js';
import { describe, type LikeC4Cursor } from './likec4-cursor.js';
import type { LikeC4Declarations, PendingRef, PendingRelationship } from './likec4-declarations.js';
import type { Token } from './likec4-lexer.js';
import { styleShape } from './likec4-specification.js';

const ELEMENT_PROPERTIES = new Set(['title', 'description', 'technology', 'summary', 'notes', 'link', 'icon', 'metadata', 'style', 'notation']);

/** A statement in `model { }` (scope '') or in an element's body (scope: its FQN, `element`: the element). */
export function modelStatement(c: LikeC4Cursor, declared: LikeC4Declarations, scope: string, element: ImportedElement | undefined): boolean {
    const token = c.peek();
    // Tags: `#a #b`.
    if (token.type === 'punct' && token.value === '#') {
        while (c.at('#') && c.peek(1).type === 'id') {
            c.next();
            const tag = c.next().value;
            if (element) element.tags.push(tag);
        }
        return true;
    }
    // Sourceless relationship inside an element: `-> target`.
    if (token.type === 'arrow' && element) return relationship(c, declared, { path: [], scope, position: c.position(token) }, scope);
    if (token.type !== 'id') return false;

    if (element && ELEMENT_PROPERTIES.has(token.value) && !c.isRelationshipAhead() && !(c.at('=', 1))) {
        elementProperty(c, element);
        return true;
    }
    if (token.value === 'extend' && !element && c.peek(1).type === 'id') {
        extendStatement(c, declared);
        return true;
    }
    // `name = kind …`
    if (c.at('=', 1) && c.peek(2).type === 'id') return elementDeclaration(c, declared, scope, element, c.next(), (c.next(), c.next()));
    // `kind name …` (kind known from a specification, or any word followed by a name and no arrow).
    if (c.peek(1).type === 'id' && !c.peek(1).newline && !c.at('.', 2) && c.peek(2).type !== 'arrow'
        && (declared.kinds.has(token.value) || c.peek(2).type === 'string' || c.at('{', 2) || c.peek(2).newline)) {
        const kind = c.next();
        return elementDeclaration(c, declared, scope, element, c.next(), kind);
    }
    // `source -> target`, `this -> target`, `it -> target`.
    if (c.isRelationshipAhead()) {
        const start = c.peek();
        const path = c.fqn()!;
        const self = path.length === 1 && (path[0] === 'this' || path[0] === 'it');
        return relationship(c, declared, { path: self ? [] : path, scope, position: c.position(start) }, scope);
    }
    return false;
}

/** `extend a.b { … }`: the body is read into a stand-in and merged into the element once names resolve. */
function extendStatement(c: LikeC4Cursor, declared: LikeC4Declarations): void {
    const token = c.next();
    const path = c.fqn()!;
    const ref: PendingRef = { path, scope: '', position: c.position(token) };
    const standIn = newElement({ key: `extend:${path.join('.')}:${token.line}`, name: path[path.length - 1], sourceKind: 'extend', position: c.position(token) });
    c.block(() => modelStatement(c, declared, path.join('.'), standIn));
    declared.extensions.push({
        ref, apply: (target) => {
            target.tags.push(...standIn.tags);
            target.metadata.push(...standIn.metadata);
            target.description ??= standIn.description;
            target.technology ??= standIn.technology;
            for (const child of standIn.children) declared.adopt(target, child);
        },
    });
}

/** After `name` and `kind`: the title, description and technology strings, then the body. */
function elementDeclaration(c: LikeC4Cursor, declared: LikeC4Declarations, scope: string, parent: ImportedElement | undefined, name: Token, kind: Token): boolean {
    const fqn = scope ? `${scope}.${name.value}` : name.value;
    const spec = declared.kinds.get(kind.value);
    if (!spec && declared.kinds.size > 0) c.problem(kind, `Unknown element kind '${kind.value}' (not in the specification); read as written.`);
    const element = newElement({
        key: fqn, name: name.value, sourceKind: kind.value, position: c.position(name), shape: spec?.shape, technology: spec?.technology,
    });
    const strings: string[] = [];
    while (c.peek().type === 'string' && !c.peek().newline) strings.push(c.next().value);
    [element.title, element.description] = [strings[0], strings[1]];
    if (strings[2] !== undefined) element.technology = strings[2];
    if (declared.byFqn.has(fqn)) c.problem(name, `'${fqn}' is declared twice; the second declaration is ignored.`);
    else {
        declared.byFqn.set(fqn, element);
        if (parent) parent.children.push(element);
        else declared.roots.push(element);
    }
    if (c.at('{')) c.block(() => modelStatement(c, declared, fqn, element));
    return true;
}

/** A property statement in an element's body (`title`, `description`, `link`, `metadata`, `style`, …). */
function elementProperty(c: LikeC4Cursor, element: ImportedElement): void {
    const token = c.next();
    const name = token.value;
    switch (name) {
        case 'title': element.title = c.stringValue(token) ?? element.title; return;
        case 'description':
        case 'summary': {
            const value = c.stringValue(token);
            if (name === 'description' || element.description === undefined) element.description = value ?? element.description;
            return;
        }
        case 'technology': element.technology = c.stringValue(token) ?? element.technology; return;
        case 'link': {
            const link = c.restOfLine(c.peek());
            if (link) element.metadata.push(['link', link]);
            c.skipStatement();
            return;
        }
        case 'metadata':
            metadata(c, element.metadata);
            return;
        case 'style':
            element.shape = styleShape(c) ?? element.shape;
            return;
        default:
            c.skipStatement();
    }
}

/** `metadata { key 'value'  key ['a', 'b'] }` into key/value pairs (lists joined with commas). */
function metadata(c: LikeC4Cursor, into: [string, string][]): void {
    c.block(() => {
        if (c.peek().type !== 'id') return false;
        const key = c.next().value;
        if (c.at(':')) c.next();
        if (c.peek().type === 'string') into.push([key, c.next().value]);
        else if (c.at('[')) {
            c.next();
            const values: string[] = [];
            while (!c.at(']') && c.peek().type !== 'eof') {
                const token = c.next();
                if (token.type === 'string') values.push(token.value);
            }
            c.next();
            into.push([key, values.join(', ')]);
        } else {
            c.problem(c.peek(), `Expected a string value for metadata '${key}'.`);
            c.skipStatement();
        }
        return true;
    });
}

/** After the source: `-> target`, `-[kind]-> target`, `<-> target`, then title, description and technology strings and a body. */
function relationship(c: LikeC4Cursor, declared: LikeC4Declarations, source: PendingRef, scope: string): boolean {
    const arrow = c.next();
    let kind: string | undefined;
    let both = false;
    if (arrow.value === '-[') {
        if (c.peek().type === 'id') kind = c.next().value;
        if (!c.at(']->')) {
            c.problem(c.peek(), `Expected ']->' after the relationship kind, found ${describe(c.peek())}.`);
            c.skipStatement();
            return true;
        }
        c.next();
    } else if (arrow.value === '<->') both = true;
    else if (arrow.value !== '->') {
        c.problem(arrow, `Expected '->' here, found '${arrow.value}'.`);
        c.skipStatement();
        return true;
    }
    const targetToken = c.peek();
    if (targetToken.newline || targetToken.type !== 'id') {
        c.problem(targetToken.newline ? arrow : targetToken, `This relationship names no target${targetToken.newline ? ' on its line' : `; found ${describe(targetToken)}`}.`);
        if (!targetToken.newline) c.skipStatement();
        return true;
    }
    const targetPath = c.fqn()!;
    const target: PendingRef = { path: targetPath, scope, position: c.position(targetToken) };
    const strings: string[] = [];
    while (c.peek().type === 'string' && !c.peek().newline) strings.push(c.next().value);
    const relation: PendingRelationship = {
        source, target, title: strings[0], description: strings[1], technology: strings[2], tags: [], kind,
        dashed: false, position: source.position,
    };
    if (c.at('{')) relationshipBody(c, relation);
    if (kind && declared.dashedKinds.has(kind)) relation.dashed = true;
    declared.relationships.push(relation);
    if (both) declared.relationships.push({ ...relation, source: target, target: source });
    return true;
}

/** A relationship's `{ … }`: tags, title, technology, description, kind, and a dashed or dotted style. */
function relationshipBody(c: LikeC4Cursor, relation: PendingRelationship): void {
    c.block(() => {
        const token = c.peek();
        if (token.value === '#' && token.type === 'punct') {
            while (c.at('#') && c.peek(1).type === 'id') {
                c.next();
                relation.tags.push(c.next().value);
            }
            return true;
        }
        if (token.type !== 'id') return false;
        switch (token.value) {
            case 'title': c.next(); relation.title = c.stringValue() ?? relation.title; return true;
            case 'technology': c.next(); relation.technology = c.stringValue() ?? relation.technology; return true;
            case 'description': case 'summary': c.next(); relation.description = c.stringValue() ?? relation.description; return true;
            case 'kind': c.next(); if (c.at(':')) c.next(); relation.kind = c.next().value; return true;
            case 'style': {
                c.next();
                if (c.skipBlock().some((t, i, all) => t.value === 'line' && /dashed|dotted/.test(all[i + 1]?.value + ' ' + all[i + 2]?.value))) relation.dashed = true;
                return true;
            }
            default: c.skipStatement(); return true;
        }
    });
}
