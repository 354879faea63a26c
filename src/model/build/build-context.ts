/**
 * What one build of a model has so far, shared by its passes: the elements declared (by id and
 * by AST node), the connections, the problems found, the file being read, and where things
 * are in it.
 */
import { isCompositeCstNode, type AstNode, type Reference } from 'langium';
import { assignedFeature, findNodeForFeature, firstLeafFrom } from '../../language/cst-search.js';
import type { Annotation, ArchFile, Property as PropertyNode } from '../../language/generated/ast.js';
import type { Allow, Channel, Component, Connection, Element, Finding, Range, SourceLocation, Zone } from '../arch-model.js';

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

export const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The state of one build, and the helpers every pass uses to read locations and report problems. */
export class BuildContext {
    readonly problems: Finding[] = [];
    readonly elements = new Map<string, Element>();
    readonly components: Component[] = [];
    readonly zones: Zone[] = [];
    readonly channels: Channel[] = [];
    readonly connections: Connection[] = [];
    /** How many connections share each `source->target` id, for the `#2` suffixes. */
    readonly connectionIds = new Map<string, number>();
    /** AST node → model element, to map resolved references to ids. */
    readonly idOfNode = new Map<AstNode, string>();
    /** The node that declared each element (the first of duplicates), for `own`. */
    readonly nodeOfElement = new Map<Element, AstNode>();
    /** Every place of each id declared more than once, for duplicate reports. */
    readonly duplicates = new Map<string, SourceLocation[]>();
    /** The file being read. */
    uri = '';
    /** Counts typing steps that depend on other elements (references), which make a typed property uncacheable. */
    elementLookups = 0;

    constructor(readonly files: readonly ModelFile[], readonly options: BuildOptions) {}

    // ------------------------------------------------------------ elements

    /** Adds an element under its id; returns false (and records a duplicate) when the id is taken. */
    register(element: Element, node: AstNode): boolean {
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

    /** The model element declared by this node, unless it lost to a duplicate. */
    own<T extends Element>(node: AstNode): T | undefined {
        const id = this.idOfNode.get(node);
        const element = id !== undefined ? this.elements.get(id) : undefined;
        return element && this.nodeOfElement.get(element) === node ? element as T : undefined;
    }

    /** Flags a component whose declaration names something that does not resolve. */
    markUnresolved(id: string | undefined): void {
        const element = id !== undefined ? this.elements.get(id) : undefined;
        if (element?.type === 'component') element.hasUnresolvedReferences = true;
    }

    // ------------------------------------------------------------ problems

    problem(code: string, severity: Finding['severity'], location: SourceLocation, message: string, elements: string[], data?: Record<string, unknown>): void {
        this.problems.push({ code, severity, location, message, related: [], elements, ...(data ? { data } : {}) });
    }

    /** The `@allow(rule, "reason")` annotations of a declaration; anything else is reported. */
    allows(annotations: readonly Annotation[]): Allow[] {
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
    location(node: AstNode): SourceLocation {
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

    /** Where the node's `name` is written, else the whole node. */
    nameLocation(node: AstNode): SourceLocation {
        const cst = node.$cstNode ? findNodeForFeature(node.$cstNode, 'name') : undefined;
        return cst ? { uri: this.uri, range: cst.range } : this.location(node);
    }

    /** Where a feature other than the name is written (`kind`), if it is. */
    featureLocation(node: AstNode, feature: string): SourceLocation | undefined {
        const cst = node.$cstNode ? findNodeForFeature(node.$cstNode, feature) : undefined;
        return cst ? { uri: this.uri, range: cst.range } : undefined;
    }

    propertyNameLocation(node: PropertyNode): SourceLocation {
        // A property's name is its first child (`name=Name ':' value=Value`).
        const first = node.$cstNode && isCompositeCstNode(node.$cstNode) ? node.$cstNode.content[0] : undefined;
        if (first && assignedFeature(first.grammarSource) === 'name') return { uri: this.uri, range: first.range };
        return this.nameLocation(node);
    }

    refLocation(ref: Reference): SourceLocation {
        return { uri: this.uri, range: ref.$refNode?.range ?? EMPTY_RANGE };
    }
}

/** `shop.arch:12:3` for messages that name another place. */
export function describeLocation(location: SourceLocation): string {
    const file = location.uri.slice(location.uri.lastIndexOf('/') + 1);
    return `${decodeURIComponent(file)}:${location.range.start.line + 1}:${location.range.start.character + 1}`;
}

/** Appends `value` to the list of `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/** `Upper-case first letter.` */
export function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
