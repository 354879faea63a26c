/**
 * What one build of a model has so far, shared by its passes: the elements declared (by id and
 * by AST node), the connections, the problems found, the file being read, and where things
 * are in it.
 */
import { isCompositeCstNode, type AstNode, type Reference } from 'langium';
import { assignedFeature, findNodeForFeature, firstLeafFrom } from '../../language/cst-search.js';
import type { Annotation, ArchFile, Element as ElementNode, Property as PropertyNode } from '../../language/generated/ast.js';
import type { Allow, Channel, Component, Connection, Element, Finding, Property, Range, SourceLocation, Zone } from '../arch-model.js';

/** One parsed file of the model. */
export interface ModelFile {
    uri: string;
    root: ArchFile;
}

/** A reference in a property value that resolved to element `id` of kind `kind` (a component's kind, else the element type). */
export interface ResolvedReference {
    reference: Reference<ElementNode>;
    id: string;
    kind: string;
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

/**
 * The places a declaration's node gave in an earlier build, valid while the node sits at the
 * same place of the same file (see `BuildContext.placesOf`).
 */
interface NodePlaces {
    uri: string;
    /** The node's range when the places were read. */
    range: Range;
    /** The build that last found them valid (`BuildContext.stamp`): it need not look again. */
    checkedIn: number;
    location?: SourceLocation;
    nameLocation?: SourceLocation;
    /** The node's `@allow` annotations, when it has no other annotation (those are reported afresh). */
    allows?: Allow[];
    /** The declaration's typed properties, when typing them depended on nothing but resolved references (see `property-typing.ts`). */
    properties?: DeclarationProperties;
}

/** What typing a declaration's properties gave, reusable while the declaration is unchanged and its references resolve alike. */
export interface DeclarationProperties {
    table: object;
    owner: string;
    componentId: string | undefined;
    map: Map<string, Property>;
    /** The problems typing reported, in order (none of them about other elements). */
    problems: Finding[];
    references: ResolvedReference[];
}

/** Places by node, from earlier builds: computing them walks the syntax tree, most of a build's cost on an edit. */
const nodePlaces = new WeakMap<AstNode, NodePlaces>();

/**
 * For the equivalence test's controls only: with `keepMoved`, places are reused even from a node
 * that moved; with `keepReferences`, a typed property is reused even when a reference in its
 * value no longer resolves as it did: the wrong caches that test must catch. Never set outside tests.
 */
export const placeCacheControl = { keepMoved: false, keepReferences: false };

function sameRange(a: Range, b: Range): boolean {
    return a === b || (a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character);
}

/** Numbers the builds (see `NodePlaces.checkedIn`). */
let builds = 0;

/** The state of one build, and the helpers every pass uses to read locations and report problems. */
export class BuildContext {
    /** This build's number. */
    private readonly stamp = ++builds;
    readonly problems: Finding[] = [];
    readonly elements = new Map<string, Element>();
    readonly components: Component[] = [];
    readonly zones: Zone[] = [];
    readonly channels: Channel[] = [];
    readonly connections: Connection[] = [];
    /** How many connections share each `source->target` id, for the `#2` suffixes. */
    readonly connectionIds = new Map<string, number>();
    /** AST node → the model element it declared (a losing duplicate's too), to map resolved references to ids. */
    readonly elementOfNode = new Map<AstNode, Element>();
    /** Every place of each id declared more than once, for duplicate reports. */
    readonly duplicates = new Map<string, SourceLocation[]>();
    /** Each zone's path of zone ids, outermost first (itself included): shared by the components in it. */
    readonly zonePaths = new Map<Zone, string[]>();
    /** The file being read. */
    uri = '';
    /** Counts typing steps that depend on other elements with effects (unresolved references), which make a typed property uncacheable. */
    elementLookups = 0;
    /** The references typed values resolved without any other effect, in order: a typed property records its own. */
    readonly resolvedReferences: ResolvedReference[] = [];

    constructor(readonly files: readonly ModelFile[], readonly options: BuildOptions) {}

    // ------------------------------------------------------------ elements

    /** Adds an element under its id; returns false (and records a duplicate) when the id is taken. */
    register(element: Element, node: AstNode): boolean {
        this.elementOfNode.set(node, element);
        const existing = this.elements.get(element.id);
        if (existing) {
            const places = this.duplicates.get(element.id) ?? [existing.nameLocation];
            places.push(element.nameLocation);
            this.duplicates.set(element.id, places);
            return false;
        }
        this.elements.set(element.id, element);
        return true;
    }

    /** The model element declared by this node, unless it lost to a duplicate (each node declares one element). */
    own<T extends Element>(node: AstNode): T | undefined {
        const element = this.elementOfNode.get(node);
        // A duplicate's element is not the one registered under its id.
        return element !== undefined && this.elements.get(element.id) === element ? element as T : undefined;
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

    /** The `@allow(rule, "reason")` annotations of a declaration (`node`); anything else is reported. */
    allows(node: AstNode, annotations: readonly Annotation[]): Allow[] {
        const places = this.placesOf(node);
        // The same (empty) list as the last build's: a comparison of the two models passes it at once.
        if (annotations.length === 0) return places ? places.allows ??= [] : [];
        if (places?.allows) return places.allows;
        const problemsBefore = this.problems.length;
        const result = this.readAllows(annotations);
        if (places && this.problems.length === problemsBefore) places.allows = result;
        return result;
    }

    private readAllows(annotations: readonly Annotation[]): Allow[] {
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

    /** What earlier builds typed of a declaration's properties, and where to store this build's (see `placesOf`); undefined without syntax. */
    declarationCache(node: AstNode): { properties?: DeclarationProperties } | undefined {
        return this.placesOf(node);
    }

    /**
     * What earlier builds read from `node`, when it is the same node at the same place of the same
     * file (else a fresh, empty record for this build to fill). A node outlives a build only when
     * the incremental parser kept its declaration, whose text is then unchanged: with the same
     * start and end, every place inside it is where it was. Composite nodes cache their range, and
     * the parser drops that cache when it moves them, so an unmoved node's check is one comparison.
     * Undefined for a node without syntax (nothing to read).
     */
    private placesOf(node: AstNode): NodePlaces | undefined {
        const cached = nodePlaces.get(node);
        // Asked again in the same build (a declaration's places are read several times): valid still.
        if (cached !== undefined && cached.checkedIn === this.stamp && cached.uri === this.uri) return cached;
        const cst = node.$cstNode;
        if (!cst) return undefined;
        const range = cst.range;
        if (cached && cached.uri === this.uri && (sameRange(cached.range, range) || placeCacheControl.keepMoved)) {
            cached.checkedIn = this.stamp;
            return cached;
        }
        const fresh: NodePlaces = { uri: this.uri, range, checkedIn: this.stamp };
        nodePlaces.set(node, fresh);
        return fresh;
    }

    /** The node's range, without leading `@allow(…)` annotations (the narrowest range for findings). */
    location(node: AstNode): SourceLocation {
        const places = this.placesOf(node);
        if (!places) return { uri: this.uri, range: EMPTY_RANGE };
        return places.location ??= this.readLocation(node);
    }

    private readLocation(node: AstNode): SourceLocation {
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
        const places = this.placesOf(node);
        if (!places) return this.location(node);
        return places.nameLocation ??= this.readNameLocation(node);
    }

    private readNameLocation(node: AstNode): SourceLocation {
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
