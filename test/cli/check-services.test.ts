/**
 * The CLI checks with Langium's core services only (no LSP features); it must report exactly
 * what the language server reports.
 */
import { EmptyFileSystem, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { describe, expect, test } from 'vitest';
import { createArchwayCheckServices } from '../../src/checking/check-services.js';
import { createTestServices } from '../support/services.js';
import { exampleWorkspaces } from '../support/examples.js';


/** Diagnostics per file name after building `files` with validation on the given services. */
async function diagnostics(shared: LangiumSharedCoreServices, files: Record<string, string>): Promise<Record<string, unknown>> {
    const documents: LangiumDocument[] = [];
    for (const [name, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///workspace/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return Object.fromEntries(documents.map(d => [d.uri.path, d.diagnostics]));
}

async function both(files: Record<string, string>): Promise<{ cli: unknown; server: unknown }> {
    return {
        cli: await diagnostics(createArchwayCheckServices(EmptyFileSystem).shared, files),
        server: await diagnostics(createTestServices().shared, files),
    };
}

const WORKSPACES = exampleWorkspaces();
const exampleFolders = [...WORKSPACES.keys()];

describe('check services', () => {
    test.each(exampleFolders)('report what the language server reports on the example %s', async (folder) => {
        const files = WORKSPACES.get(folder)!;
        const { cli, server } = await both(files);
        expect(cli).toEqual(server);
    });

    test('report what the language server reports on broken text', async () => {
        const { cli, server } = await both({
            'a.arch': 'import "./b.arch"\nimport "./missing.arch"\nservce orders\nservice pay { replcas: 3 }\nservice pay\nweb -> nowhere\n}}} {\n',
            'b.arch': 'import "./a.arch"\n@allow(nope)\nclient web { tokenStorage: cookie }\nweb -> pay : http\n',
        });
        expect(cli).toEqual(server);
    });
});
