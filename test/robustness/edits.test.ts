/**
 * No data lost through edits: rename and quick fixes on a multi-file workspace change only
 * what they should — the right identifiers in the right files — and leave parseable text.
 */
import { describe, expect, test } from 'vitest';
import { loadWorkspace, testUri } from '../support/services.js';
import { applyEdits } from './fuzz-support.js';

type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };

const FILES = {
    'a.arch': 'import "./b.arch"\n// orders is called by web\nclient web "orders UI" { -> orders : https { timeout: 1s } }\nweb -> ordersDb : sql\n',
    'b.arch': 'service orders "orders" { replicas: 2 -> ordersDb : sql { timeout: 1s } }\ndatabase ordersDb\n',
    // Not in the import graph: its own `orders` must not change.
    'c.arch': 'service orders\nservice other { -> orders }\n',
};

describe('edits touch only what they should', () => {
    test('renaming a component renames its declaration and references in the importing file, nothing else', async () => {
        const workspace = await loadWorkspace(FILES);
        const b = workspace.documents.get('b.arch')!;
        const rename = workspace.services.lsp.RenameProvider!;
        const edit = await rename.rename(b, { textDocument: { uri: b.uri.toString() }, position: { line: 0, character: 9 }, newName: 'checkout' });
        const changes = (edit?.changes ?? {}) as Record<string, Edit[]>;
        expect(Object.keys(changes).sort()).toEqual([testUri('a.arch').toString(), testUri('b.arch').toString()].sort());
        const after: Record<string, string> = { ...FILES };
        for (const [uri, edits] of Object.entries(changes)) {
            const name = uri.slice(uri.lastIndexOf('/') + 1) as keyof typeof FILES;
            const document = workspace.documents.get(name)!;
            for (const e of edits) expect(document.textDocument.getText(e.range)).toBe('orders');
            after[name] = applyEdits(FILES[name], edits, p => document.textDocument.offsetAt(p));
        }
        expect(after['a.arch']).toBe('import "./b.arch"\n// orders is called by web\nclient web "orders UI" { -> checkout : https { timeout: 1s } }\nweb -> ordersDb : sql\n');
        expect(after['b.arch']).toBe('service checkout "orders" { replicas: 2 -> ordersDb : sql { timeout: 1s } }\ndatabase ordersDb\n');
        expect(after['c.arch']).toBe(FILES['c.arch']);
        // The renamed workspace links as before: no new unresolved references, the same findings.
        const reloaded = await loadWorkspace(after);
        for (const name of Object.keys(after)) {
            expect(reloaded.diagnostics(name).filter(d => d.code === 'unresolved-reference'), name).toEqual([]);
            expect(reloaded.diagnostics(name).map(d => d.code).sort(), name).toEqual(workspace.diagnostics(name).map(d => d.code).sort());
        }
    });

    test('every quick fix edits only the file of its diagnostic, and leaves text that parses', async () => {
        const files = {
            'main.arch': 'import "./lib.arch"\nservce typo\nservice api { replicas: 3 -> lib1 : http }\ngateway gw { route "/x" -> api }\n@allow(sync-chain-too-deep)\napi -> lib2\n',
            'lib.arch': 'service lib1 { replicaz: 2 }\nservice lib2\ncache c { ttl: 5 }\n',
        };
        const workspace = await loadWorkspace(files);
        const provider = workspace.services.lsp.CodeActionProvider!;
        let fixes = 0;
        for (const [name, document] of workspace.documents) {
            const diagnostics = document.diagnostics ?? [];
            for (const diagnostic of diagnostics) {
                const actions = (await provider.getCodeActions(document, {
                    textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
                })) as Array<{ title: string; edit?: { changes?: Record<string, Edit[]> } }> | undefined;
                for (const action of actions ?? []) {
                    const changes = action.edit?.changes ?? {};
                    expect(Object.keys(changes), `${name}: '${action.title}'`).toEqual([document.uri.toString()]);
                    const text = applyEdits(document.textDocument.getText(), changes[document.uri.toString()], p => document.textDocument.offsetAt(p));
                    const parsed = workspace.services.parser.LangiumParser.parse(text);
                    expect([...parsed.lexerErrors, ...parsed.parserErrors].map(e => e.message), `${name}: '${action.title}'\n${text}`).toEqual([]);
                    fixes++;
                }
            }
        }
        console.log(`quick fixes applied: ${fixes}`);
        expect(fixes).toBeGreaterThan(3);
    });
});
