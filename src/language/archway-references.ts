/**
 * Linking and reference indexing without Langium's generic tree streams.
 *
 * Langium's linker and reference indexer visit every AST node through lazy streams and await
 * a cancellation check per node; on a 1,000-component file that traversal cost more than the
 * linking itself, on every keystroke. Here the references are collected in one plain loop over
 * the tree and the cancellation check runs every few hundred references (it only yields to the
 * event loop every 10 ms anyway), so the work and its results are Langium's, only cheaper.
 */
import {
    DefaultIndexManager, DefaultLinker, DefaultReferenceDescriptionProvider, interruptAndCheck, isMultiReference, isReference,
    type AstNode, type AstNodeDescription, type Cancellation, type LangiumCoreServices, type LangiumDocument, type LangiumDocuments,
    type LangiumSharedCoreServices, type MultiReference, type Mutable, type Reference, type ReferenceDescription,
    type ReferenceInfo, type ServiceRegistry, type Stream, type URI,
} from 'langium';
import { importGraph } from './archway-imports.js';

/** References between two cancellation checks. */
const CHECK_EVERY = 256;

/** References under each top-level declaration; incremental parsing keeps unchanged declarations. */
const referencesByDeclaration = new WeakMap<AstNode, ReferenceInfo[]>();

/**
 * Every reference in the tree under `root`, in document order (as Langium's `streamReferences`
 * over `streamAst`). The references of each top-level declaration are remembered: after an
 * incremental re-parse only the re-parsed declarations are walked again.
 */
export function collectReferences(root: AstNode): ReferenceInfo[] {
    if (root.$container !== undefined) return walkReferences(root);
    const result: ReferenceInfo[] = [];
    const children: AstNode[] = [];
    visitNode(root, result, children);
    for (let c = 0; c < children.length; c++) {
        const child = children[c];
        let references = referencesByDeclaration.get(child);
        if (!references) {
            references = walkReferences(child);
            referencesByDeclaration.set(child, references);
        }
        for (let r = 0; r < references.length; r++) result.push(references[r]);
    }
    return result;
}

function walkReferences(root: AstNode): ReferenceInfo[] {
    const result: ReferenceInfo[] = [];
    const stack: AstNode[] = [root];
    // One list for every node's children (a fresh list per node was most of this walk's garbage).
    const children: AstNode[] = [];
    while (stack.length > 0) {
        children.length = 0;
        visitNode(stack.pop()!, result, children);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    return result;
}

/**
 * Adds the node's own references to `into` and its child nodes, in order, to `children`.
 * Indexed loops only: this runs once per node of a fresh parse, mostly before V8 optimises it,
 * when every `for…of` step allocates an iterator result.
 */
function visitNode(node: AstNode, into: ReferenceInfo[], children: AstNode[]): void {
    const properties = Object.keys(node);
    for (let p = 0; p < properties.length; p++) {
        const property = properties[p];
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (typeof value !== 'object' || value === null) continue;
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (typeof element !== 'object' || element === null) continue;
                if (isReference(element) || isMultiReference(element)) into.push({ reference: element, container: node, property, index });
                else if (typeof (element as AstNode).$type === 'string') children.push(element as AstNode);
            }
        } else if (isReference(value) || isMultiReference(value)) {
            into.push({ reference: value, container: node, property });
        } else if (typeof (value as AstNode).$type === 'string') {
            children.push(value as AstNode);
        }
    }
}

/** Forgets a reference's resolution (as Langium's `unlink` does for a whole document). */
export function unlinkReference(reference: Reference | MultiReference): void {
    const fields = reference as unknown as { _ref?: unknown; _nodeDescription?: unknown; _items?: unknown; _linkingError?: unknown };
    if ('_ref' in fields) {
        fields._ref = undefined;
        delete fields._nodeDescription;
    } else if ('_items' in fields) {
        fields._items = undefined;
        delete fields._linkingError;
    }
}

/**
 * Langium's linker, with one cheap pass to find the references. A reference that is still
 * linked (after an incremental re-parse of its document, or a partial re-link, see
 * `ArchwayDocumentBuilder`) keeps its target when that target is still part of a current
 * syntax tree in the document's import closure; every other reference is resolved again.
 */
export class ArchwayLinker extends DefaultLinker {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async link(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const mutable = document as Mutable<LangiumDocument>;
        mutable.references = [];
        let closure: Set<string> | undefined;
        const references = collectReferences(document.parseResult.value);
        for (let i = 0; i < references.length; i++) {
            if (cancelToken && i % CHECK_EVERY === 0) await interruptAndCheck(cancelToken);
            const reference = references[i].reference;
            // Any reference that still holds a target is checked, not only those this document
            // listed: a link cancelled half way leaves the rest linked to the old tree, unlisted.
            if (hasTarget(reference)) {
                closure ??= importGraph(this.documents).closureUris(document);
                if (isStillValid(reference, closure)) {
                    mutable.references.push(reference);
                    continue;
                }
            }
            unlinkReference(reference);
            this.doLink(references[i], document);
        }
    }
}

/** True when the reference holds a resolved target or a linking error from an earlier link. */
function hasTarget(reference: Reference | MultiReference): boolean {
    const fields = reference as unknown as { _ref?: unknown; _items?: unknown };
    return fields._ref !== undefined || fields._items !== undefined;
}

/** A linked reference whose target is attached to its document's current tree, in `closure`. */
function isStillValid(reference: Reference | MultiReference, closure: Set<string>): boolean {
    if (!isReference(reference) || reference.error) return false;
    const target = (reference as unknown as { _ref?: unknown })._ref as AstNode | undefined;
    if (!target || typeof target !== 'object' || !('$type' in target)) return false;
    let root: AstNode = target;
    while (root.$container) root = root.$container;
    const owner = root.$document;
    return owner !== undefined && owner.parseResult.value === root && closure.has(owner.uri.toString());
}

/** Langium's reference index entries, with one cheap pass to find the references. */
export class ArchwayReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const references = collectReferences(document.parseResult.value);
        for (let i = 0; i < references.length; i++) {
            if (cancelToken && i % CHECK_EVERY === 0) await interruptAndCheck(cancelToken);
            const info = references[i];
            if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
        }
        return descriptions;
    }

    /** The index entries of a linked document, synchronously (for the lazy index). */
    describeReferences(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const info of collectReferences(document.parseResult.value)) {
            if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
        }
        return descriptions;
    }
}

/**
 * The reference index, filled when it is first needed instead of after every edit.
 *
 * Langium indexes every reference of every re-linked document after each change; only "find
 * references", rename and highlight read that index, and they are rare next to keystrokes.
 * Here a re-linked document is only marked, and its entries are made when a search needs them.
 * Whether a document must be re-linked after a change is answered from its linked references.
 */
export class ArchwayIndexManager extends DefaultIndexManager {
    private readonly unindexed = new Map<string, LangiumDocument>();
    private readonly registry: ServiceRegistry;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.registry = services.ServiceRegistry;
    }

    /** The descriptions a file exports, as indexed (the same array until the file is re-indexed). */
    exportsOf(uri: string): readonly AstNodeDescription[] | undefined {
        return this.symbolIndex.get(uri);
    }

    override async updateReferences(document: LangiumDocument): Promise<void> {
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.unindexed.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.unindexed.delete(uri.toString());
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        this.indexPending();
        return super.findAllReferences(targetNode, astNodePath);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const uri = document.uri.toString();
        if (!this.unindexed.has(uri)) return super.isAffected(document, changedUris);
        for (const reference of document.references) {
            const targets = isReference(reference) ? [reference.$nodeDescription] : reference.items.map(item => item.$nodeDescription);
            for (const description of targets) {
                const target = description?.documentUri.toString();
                if (target !== undefined && target !== uri && changedUris.has(target)) return true;
            }
        }
        return false;
    }

    /** Indexes the documents marked since the last search (they are linked: resets unmark them). */
    private indexPending(): void {
        for (const [uri, document] of this.unindexed) {
            const provider = this.registry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
            const descriptions = provider instanceof ArchwayReferenceDescriptionProvider
                ? provider.describeReferences(document) : [];
            this.referenceIndex.set(uri, descriptions);
        }
        this.unindexed.clear();
    }
}
