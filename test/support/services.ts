/**
 * The one service factory of the tests: real Archway services (the language, the checker and
 * the editor features) over an in-memory file system, and ways to load files into them — a
 * workspace of several files, one text, or documents added one by one for editor features.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
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

/** Services with files open as editor documents (`file:///live/<name>`), built as the language server builds them. */
export interface LiveWorkspace {
    services: ReturnType<typeof createArchwayServices>;
    /** The URI of an open file. */
    uri(name: string): URI;
    /** The document of an open file. */
    document(name: string): LangiumDocument;
    /** Replaces a file's text, as an editor change does, and rebuilds what depends on it. */
    edit(name: string, text: string): Promise<void>;
}

/** Opens `files` as editor documents and builds them (with validation unless `validation` is false, also for later edits). */
export async function openLiveWorkspace(files: Record<string, string>, validation = true): Promise<LiveWorkspace> {
    const services = createTestServices();
    const { shared } = services;
    const uri = (name: string): URI => URI.parse(`file:///live/${name}`);
    let version = 0;
    const open = (name: string, text: string): TextDocument => {
        const document = TextDocument.create(uri(name).toString(), 'arch', ++version, text);
        shared.workspace.TextDocuments.set(document);
        return document;
    };
    const documents: LangiumDocument[] = Object.entries(files).map(([name, text]) => shared.workspace.LangiumDocumentFactory.fromTextDocument(open(name, text)));
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation });
    shared.workspace.DocumentBuilder.updateBuildOptions = { validation };
    return {
        services,
        uri,
        document: name => shared.workspace.LangiumDocuments.getDocument(uri(name))!,
        async edit(name, text) {
            open(name, text);
            await shared.workspace.DocumentBuilder.update([uri(name)], []);
        },
    };
}
