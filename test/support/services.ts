/**
 * The one service factory of the tests: real Archway services (the language, the checker and
 * the editor features) over an in-memory file system, and ways to load files into them — a
 * workspace of several files, one text, or documents added one by one for editor features.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createArchwayServices, type ArchwayServices } from '../../src/lsp/module.js';
import type { ArchModel } from '../../src/model/arch-model.js';
import { buildDocumentModel } from '../../src/model/workspace-models.js';

/** Fresh services over an in-memory file system: a new workspace that shares nothing with other tests. */
export function createTestServices(): ReturnType<typeof createArchwayServices> {
    return createArchwayServices(EmptyFileSystem);
}

export interface Workspace {
    services: ArchwayServices;
    documents: Map<string, LangiumDocument>;
    /** Diagnostics of a file, by its short name. */
    diagnostics(name: string): Diagnostic[];
    /** The model rooted at a file, by its short name. */
    model(name: string): ArchModel;
}

/** URI of a test file. */
export function testUri(name: string): URI {
    return URI.parse(`file:///workspace/${name}`);
}

/** Parses, links and validates several files together, keyed by name (e.g. `shop.arch`). */
export async function loadWorkspace(files: Record<string, string>): Promise<Workspace> {
    return buildWorkspace(createTestServices(), files, testUri);
}

/** Adds the files to existing services (URIs from `uriOf`), builds them with validation. */
export async function buildWorkspace(
    { shared, Archway }: ReturnType<typeof createArchwayServices>, files: Record<string, string>, uriOf: (name: string) => URI,
): Promise<Workspace> {
    const documents = new Map<string, LangiumDocument>();
    for (const [name, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uriOf(name));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.set(name, document);
    }
    await shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });
    return {
        services: Archway,
        documents,
        diagnostics: (name) => documents.get(name)?.diagnostics ?? [],
        model: (name) => buildDocumentModel(documents.get(name)!, shared.workspace.LangiumDocuments),
    };
}

/** One file: its diagnostics and model. */
export async function loadText(text: string, name = 'main.arch'): Promise<{ diagnostics: Diagnostic[]; model: ArchModel; document: LangiumDocument }> {
    const workspace = await loadWorkspace({ [name]: text });
    return { diagnostics: workspace.diagnostics(name), model: workspace.model(name), document: workspace.documents.get(name)! };
}

/** Services for editor-feature tests, with a way to add other files (for cross-file cases). */
export interface EditorServices {
    services: ArchwayServices;
    /** Adds a file at `file:///<name>` so tested documents can import it as `./<name>`. */
    addFile(name: string, text: string): Promise<LangiumDocument>;
    /** Removes every document. */
    reset(): Promise<void>;
}

/** Creates fresh services for editor-feature tests. */
export function editorServices(): EditorServices {
    const { Archway } = createTestServices();
    const parse = parseHelper(Archway);
    return {
        services: Archway,
        addFile: (name, text) => parse(text, { documentUri: URI.parse(`file:///${name}`).toString(), validation: true }),
        reset: () => clearDocuments(Archway),
    };
}
