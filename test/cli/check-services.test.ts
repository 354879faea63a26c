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
import { getRule } from '../../src/rules/registry.js';
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

/** The CLI's diagnostics without the element ids, checked to be there on every rule's diagnostic. */
function withoutElementIds(byFile: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(byFile).map(([file, list]) => [file, (list as Diagnostic[]).map(({ data, ...rest }) => {
        if (typeof rest.code === 'string' && getRule(rest.code)) {
            expect(Object.keys(data as object)).toEqual(['elements']);
            return rest;
        }
        return { ...rest, data };
    })]));
}

async function both(files: Record<string, string>): Promise<{ cli: unknown; server: unknown }> {
    const server = await diagnostics(createTestServices().shared, files);
    for (const list of Object.values(server)) for (const d of list as Diagnostic[]) if (typeof d.code === 'string' && getRule(d.code)) expect(d.data).toBeUndefined();
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
