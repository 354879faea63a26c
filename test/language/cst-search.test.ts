/**
 * The CST searches the model builder uses agree with Langium's own (`GrammarUtils`) on every
 * node of real models, and find what they should where annotations and comments get in the way.
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { assignedFeature, findNodeForFeature, firstLeafFrom } from '../../src/language/cst-search.js';
import { exampleFolders } from '../diagram/diagram-helpers.js';
import { loadWorkspace, loadText } from '../support/services.js';

/** Every AST node of a parsed document. */
function nodesOf(root: AstNode): AstNode[] {
    return [root, ...AstUtils.streamAllContents(root)];
}

describe('CST searches', () => {
    it('find the same name and kind nodes as Langium on every node of the examples', async () => {
        let compared = 0;
        for (const files of exampleFolders().values()) {
            const workspace = await loadWorkspace(files);
            for (const document of workspace.documents.values()) {
                for (const node of nodesOf(document.parseResult.value)) {
                    if (!node.$cstNode) continue;
                    for (const feature of ['name', 'kind', 'path', 'value']) {
                        expect(findNodeForFeature(node.$cstNode, feature)?.range, `${node.$type}.${feature}`)
                            .toEqual(GrammarUtils.findNodeForProperty(node.$cstNode, feature)?.range);
                        compared++;
                    }
                }
            }
        }
        expect(compared).toBeGreaterThan(1000);
    });

    it('name the feature a CST node is assigned to, and nothing for keywords and punctuation', async () => {
        const { document } = await loadText('service orders "Orders" { replicas: 2 }');
        const features = new Map<string, Set<string | undefined>>();
        for (const cst of CstUtils.streamCst(document.parseResult.value.$cstNode!)) {
            if (cst.hidden) continue;
            const set = features.get(cst.text) ?? new Set();
            set.add(assignedFeature(cst.grammarSource));
            features.set(cst.text, set);
        }
        // `service` and `orders` are datatype rules: their composite nodes are assigned, their leaves are not.
        expect([...features.get('service')!].sort()).toEqual(['', 'kind']);
        expect([...features.get('orders')!].sort()).toEqual(['', 'name']);
        expect(features.get('"Orders"')).toEqual(new Set(['label']));
        expect(features.get('{')).toEqual(new Set(['']));
        expect(assignedFeature(undefined)).toBeUndefined();
    });

    it('find the first real token after an annotation, skipping comments', async () => {
        const text = '@allow(orphan-component, "kept for the demo") /* why */ // really\nservice lonely';
        const { document } = await loadText(text);
        const component = document.parseResult.value.$cstNode!;
        const annotationEnd = text.indexOf(')') + 1;
        expect(firstLeafFrom(component, annotationEnd)?.text).toBe('service');
        expect(firstLeafFrom(component, text.length + 1)).toBeUndefined();
    });
});
