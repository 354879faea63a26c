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
    DefaultLinker, DefaultReferenceDescriptionProvider, interruptAndCheck, isMultiReference, isReference,
    type AstNode, type Cancellation, type LangiumDocument, type ReferenceDescription, type ReferenceInfo,
} from 'langium';

/** References between two cancellation checks. */
const CHECK_EVERY = 256;

/** Every reference in the tree under `root`, in document order (as Langium's `streamReferences` over `streamAst`). */
export function collectReferences(root: AstNode): ReferenceInfo[] {
    const result: ReferenceInfo[] = [];
    const stack: AstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        const children: AstNode[] = [];
        for (const property of Object.keys(node)) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = (node as unknown as Record<string, unknown>)[property];
            if (typeof value !== 'object' || value === null) continue;
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const element: unknown = value[index];
                    if (typeof element !== 'object' || element === null) continue;
                    if (isReference(element) || isMultiReference(element)) result.push({ reference: element, container: node, property, index });
                    else if (typeof (element as AstNode).$type === 'string') children.push(element as AstNode);
                }
            } else if (isReference(value) || isMultiReference(value)) {
                result.push({ reference: value, container: node, property });
            } else if (typeof (value as AstNode).$type === 'string') {
                children.push(value as AstNode);
            }
        }
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    return result;
}

/** Langium's linker, with one cheap pass to find the references. */
export class ArchwayLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const references = collectReferences(document.parseResult.value);
        for (let i = 0; i < references.length; i++) {
            if (cancelToken && i % CHECK_EVERY === 0) await interruptAndCheck(cancelToken);
            this.doLink(references[i], document);
        }
    }
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
}
