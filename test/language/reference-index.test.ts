/**
 * The reference index is filled lazily, when a search needs it: after edits, "find references"
 * still finds every reference in every file at its current place, and a file whose references
 * pointed into a changed file is re-linked.
 */
import { URI, type LangiumDocument, type Reference } from 'langium';
import { collectReferences } from '../../src/language/archway-references.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { isComponent, type ArchFile } from '../../src/language/generated/ast.js';
import { createTestServices } from '../support/services.js';

const uri = (name: string): URI => URI.parse(`file:///index/${name}`);

async function workspace(files: Record<string, string>) {
    const { shared, Archway } = createTestServices();
    const versions = new Map<string, number>();
    const open = (name: string, text: string): TextDocument => {
        const version = (versions.get(name) ?? 0) + 1;
        versions.set(name, version);
        const document = TextDocument.create(uri(name).toString(), 'arch', version, text);
        shared.workspace.TextDocuments.set(document);
        return document;
    };
    const documents: LangiumDocument[] = [];
    for (const [name, text] of Object.entries(files)) {
        documents.push(shared.workspace.LangiumDocumentFactory.fromTextDocument(open(name, text)));
        shared.workspace.LangiumDocuments.addDocument(documents[documents.length - 1]);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
    return {
        async edit(name: string, text: string): Promise<void> {
            open(name, text);
            await shared.workspace.DocumentBuilder.update([uri(name)], []);
        },
        /** `file:line:character` of every reference to the component `id` declared in `name`. */
        referencesTo(name: string, id: string): string[] {
            const root = shared.workspace.LangiumDocuments.getDocument(uri(name))!.parseResult.value as ArchFile;
            const target = root.elements.find(e => isComponent(e) && e.name === id)!;
            return Archway.references.References.findReferences(target, { includeDeclaration: false })
                .map(r => `${r.sourceUri.path.split('/').pop()}:${r.segment.range.start.line}:${r.segment.range.start.character}`)
                .toArray().sort();
        },
        /** True when the reference named `text` in `name` resolves. */
        isLinked(name: string, text: string): boolean {
            const root = shared.workspace.LangiumDocuments.getDocument(uri(name))!.parseResult.value;
            const info = collectReferences(root).find(r => r.reference.$refText === text)!;
            return info.reference.error === undefined && (info.reference as Reference).ref !== undefined;
        },
        diagnostics: (name: string) => (shared.workspace.LangiumDocuments.getDocument(uri(name))!.diagnostics ?? []).map(d => String(d.message)),
    };
}

describe('reference index', () => {
    test('find references sees references in every file after an edit moved them', async () => {
        const ws = await workspace({
            'main.arch': 'import "db.arch"\nservice api { -> db }\n',
            'db.arch': 'database db\nservice worker { -> db }\n',
        });
        await ws.edit('main.arch', 'import "db.arch"\n// a new comment line\n\nservice api { -> db }\n');
        expect(ws.referencesTo('db.arch', 'db')).toEqual(['db.arch:1:20', 'main.arch:3:17']);
    });

    test('a file referring into a changed file is re-linked and reports the removed target', async () => {
        const ws = await workspace({
            'main.arch': 'import "db.arch"\nservice api { -> db }\n',
            'db.arch': 'database db\n',
        });
        await ws.edit('db.arch', 'database store\n');
        expect(ws.diagnostics('main.arch').some(m => m.includes("'db'"))).toBe(true);
    });

    test('a reference that resolved to nothing resolves once the other file declares its target', async () => {
        const ws = await workspace({
            'main.arch': 'import "db.arch"\nservice api { -> db }\n',
            'db.arch': 'database store\n',
        });
        await ws.edit('db.arch', 'database db\n');
        expect(ws.diagnostics('main.arch').filter(m => m.includes("'db'"))).toEqual([]);
    });

    test('a reference into a file that left the import closure no longer resolves', async () => {
        const ws = await workspace({
            'main.arch': 'import "a.arch"\nservice api { -> db }\n',
            'a.arch': 'import "b.arch"\nservice a\n',
            'b.arch': 'database db\n',
        });
        await ws.edit('a.arch', 'service a\n');
        expect(ws.isLinked('main.arch', 'db')).toBe(false);
    });

    test('an edit to one file of an import chain keeps the other files\' links valid', async () => {
        const ws = await workspace({
            'main.arch': 'import "a.arch"\nservice api { -> db  -> worker }\n',
            'a.arch': 'import "b.arch"\nservice worker "W"\n',
            'b.arch': 'database db\n',
        });
        await ws.edit('a.arch', 'import "b.arch"\n\nservice worker "Worker"\n');
        expect(ws.referencesTo('a.arch', 'worker')).toEqual(['main.arch:1:24']);
    });
});
