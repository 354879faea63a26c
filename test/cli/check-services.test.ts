/**
 * The CLI checks with Langium's core services only (no LSP features); it must report exactly
 * what the language server reports, except the element ids in the data of a rule's diagnostic
 * (the CLI keys baselines by them; the editor's diagnostics carry no data).
 */
import { EmptyFileSystem, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { describe, expect, test } from 'vitest';
import { createArchwayCheckServices } from '../../src/checking/check-services.js';
import { createTestServices } from '../support/services.js';
import { exampleWorkspaces } from '../support/examples.js';
import type { Diagnostic } from 'vscode-languageserver-types';


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

/** Element ids only: the data the checker gives a finding's diagnostic in the CLI. */
function isElementIds(data: unknown): boolean {
    return typeof data === 'object' && data !== null && Object.keys(data).join() === 'elements' && Array.isArray((data as { elements: unknown }).elements);
}

/** The CLI's diagnostics without element ids; every finding of the checker (it has a docs link) has them. */
function withoutElementIds(byFile: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(byFile).map(([file, list]) => [file, (list as Diagnostic[]).map(({ data, ...rest }) => {
        expect(isElementIds(data), `${String(rest.code)}: element ids in the CLI's data`).toBe(rest.codeDescription !== undefined);
        return isElementIds(data) ? rest : { ...rest, data };
    })]));
}

async function both(files: Record<string, string>): Promise<{ cli: unknown; server: unknown }> {
    const server = await diagnostics(createTestServices().shared, files);
    for (const list of Object.values(server)) for (const d of list as Diagnostic[]) expect(isElementIds(d.data), `${String(d.code)}: no element ids in the editor's data`).toBe(false);
    return { cli: withoutElementIds(await diagnostics(createArchwayCheckServices(EmptyFileSystem).shared, files)), server };
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
