/**
 * Shared setup for the editor-feature tests: fresh Archway services over an in-memory file
 * system, and a way to add other files (for cross-file cases).
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { createArchwayServices, type ArchwayServices } from '../../src/lsp/module.js';

export interface EditorServices {
    services: ArchwayServices;
    /** Adds a file at `file:///<name>` so tested documents can import it as `./<name>`. */
    addFile(name: string, text: string): Promise<LangiumDocument>;
    /** Removes every document. */
    reset(): Promise<void>;
}

/** Creates fresh services. */
export function editorServices(): EditorServices {
    const { Archway } = createArchwayServices(EmptyFileSystem);
    const parse = parseHelper(Archway);
    return {
        services: Archway,
        addFile: (name, text) => parse(text, { documentUri: URI.parse(`file:///${name}`).toString(), validation: true }),
        reset: () => clearDocuments(Archway),
    };
}
