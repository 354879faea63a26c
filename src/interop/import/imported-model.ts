/**
 * What an import reads from another tool's model, before it becomes `.arch`: a tree of
 * elements (with the source's own kind, technology, tags and style shape), relationships,
 * views and dynamic views (flows), and problems with file and line. Both readers (LikeC4,
 * Structurizr) produce this; `to-arch.ts` turns it into Archway text.
 */
import type { Direction } from '../../model/arch-model.js';

/** An input file: its name (as problems cite it) and its text. */
export interface SourceFile {
    file: string;
    text: string;
}

/** Where something is in an input file (1-based line and column). */
export interface SourcePosition {
    file: string;
    line: number;
    column?: number;
}

/** Something wrong with an input file; 1-based line and column when they are known. */
export interface ImportProblem {
    file: string;
    line?: number;
    column?: number;
    message: string;
}

/** An element of the source model. */
export interface ImportedElement {
    /** Unique key in the source (a fully qualified name or an identifier). */
    key: string;
    /** The element's own name (last segment of its key): the base of its Archway id. */
    name: string;
    title: string | undefined;
    /** The source's kind: `person`, `softwareSystem`, `container`, a LikeC4 kind, `group`… */
    sourceKind: string;
    /** A grouping (Structurizr group or enterprise): always a zone, never a component. */
    isGroup: boolean;
    technology: string | undefined;
    description: string | undefined;
    tags: string[];
    /** Other key-value facts (metadata, properties, links). */
    metadata: [string, string][];
    /** Shape from the source's styles (`person`, `cylinder`, `queue`, `Cylinder`, `WebBrowser`…). */
    shape: string | undefined;
    /** Marked as outside the system (tag `External`, `Existing System`, location external). */
    external: boolean;
    children: ImportedElement[];
    position: SourcePosition;
}

/** A relationship between two elements (by key). */
export interface ImportedRelationship {
    source: string;
    target: string;
    title: string | undefined;
    technology: string | undefined;
    description: string | undefined;
    tags: string[];
    /** LikeC4 relationship kind, if any. */
    kind: string | undefined;
    /** Drawn dashed by the source's styles (its relationship kind or tag). */
    dashed: boolean;
    position: SourcePosition;
}

/** A static view: what it includes and excludes (element keys). */
export interface ImportedView {
    key: string;
    title: string | undefined;
    /** True when the view shows everything (`include *` without a narrower scope). */
    includeAll: boolean;
    includes: string[];
    excludes: string[];
    /** Elements drawn as one box (a system context shows its system closed). */
    collapse: string[];
    direction: Direction | undefined;
    /** Things the view said that Archway views cannot (relationship predicates, styles…). */
    notes: string[];
    position: SourcePosition;
}

/** A dynamic view: numbered steps. */
export interface ImportedFlow {
    key: string;
    title: string | undefined;
    steps: { source: string; target: string; title: string | undefined; position: SourcePosition }[];
    position: SourcePosition;
}

/** A whole source model. */
export interface ImportedModel {
    tool: 'LikeC4' | 'Structurizr';
    /** The files read, in order. */
    files: string[];
    name: string | undefined;
    elements: ImportedElement[];
    relationships: ImportedRelationship[];
    views: ImportedView[];
    flows: ImportedFlow[];
    /** Parts of the source left out on purpose (deployment models, styles…), said once each. */
    notes: string[];
    problems: ImportProblem[];
}

/** A new element with everything optional left empty. */
export function newElement(fields: Pick<ImportedElement, 'key' | 'name' | 'sourceKind' | 'position'> & Partial<ImportedElement>): ImportedElement {
    return {
        title: undefined, isGroup: false, technology: undefined, description: undefined, tags: [], metadata: [], shape: undefined,
        external: false, children: [], ...fields,
    };
}

/** Every element of the tree, parents before children. */
export function allElements(roots: readonly ImportedElement[]): ImportedElement[] {
    const out: ImportedElement[] = [];
    const walk = (element: ImportedElement): void => {
        out.push(element);
        for (const child of element.children) walk(child);
    };
    for (const root of roots) walk(root);
    return out;
}

/** What a reader collects of a static view before its elements resolve: references of type `Ref`. */
export interface PendingViewOf<Ref> {
    key: string;
    title: string | undefined;
    includeAll: boolean;
    includes: Ref[];
    excludes: Ref[];
    direction: Direction | undefined;
    notes: string[];
    position: SourcePosition;
}

/** What a reader collects of a dynamic view before its steps' ends resolve: references of type `Ref`. */
export interface PendingFlowOf<Ref> {
    key: string;
    title: string | undefined;
    steps: { source: Ref; target: Ref; title: string | undefined; position: SourcePosition }[];
    position: SourcePosition;
}
