/**
 * In-process split of one editor change: label edits spread through a file, each applied as the
 * language server applies a `didChange` (new text in the open text documents, then a workspace
 * update with validation), timed per build phase, with the garbage collection time inside.
 * Runs on the check services (the language server's minus its editor features, which take no
 * part in a build).
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { DocumentState, EmptyFileSystem, URI, type LangiumDocument, type TextDocumentProvider } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createArchwayCheckServices } from '../src/checking/check-services.js';
import type { GeneratedFiles } from './generate-model.js';

/** Milliseconds per edit, by phase, plus the whole update and GC. */
export interface EditSplit {
    reparse: number[];
    index: number[];
    link: number[];
    validate: number[];
    total: number[];
    gc: number[];
}

const PHASES: [DocumentState, keyof EditSplit | undefined][] = [
    [DocumentState.Parsed, 'reparse'],
    [DocumentState.IndexedContent, 'index'],
    [DocumentState.ComputedScopes, 'index'],
    [DocumentState.Linked, 'link'],
    [DocumentState.IndexedReferences, 'link'],
    [DocumentState.Validated, 'validate'],
];

/** A one-line edit that changes a label: the new line text. */
export function editLabel(line: string, k: number): string {
    const match = /^(\s*\w+ \w+ ")([^"]*)(".*)$/.exec(line);
    return match ? `${match[1]}${match[2]} v${k}${match[3]}` : `${line} // edit ${k}`;
}

/** Lines worth editing: declarations of services and data stores with labels. */
export function editableLines(lines: readonly string[]): number[] {
    return lines.flatMap((line, i) => /^\s*(service|database|cache|broker|function) \w+ "/.test(line) ? [i] : []);
}

/** Loads `files` as open documents, then applies `edits` label edits to `name`, timing each. */
export async function measureEdits(files: GeneratedFiles, name: string, edits: number): Promise<EditSplit> {
    const open = new Map<string, TextDocument>();
    const textDocuments = { get: (uri) => open.get(uri.toString()), set: (document: TextDocument) => open.set(document.uri, document) } satisfies TextDocumentProvider & { set(document: TextDocument): void };
    const { shared } = createArchwayCheckServices(EmptyFileSystem, { textDocuments });
    const uriOf = (file: string) => URI.file(`/bench-edits/${file}`);
    const documents: LangiumDocument[] = [];
    let version = 0;
    for (const [file, text] of Object.entries(files)) {
        const textDocument = TextDocument.create(uriOf(file).toString(), 'arch', ++version, text);
        textDocuments.set(textDocument);
        documents.push(shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocument));
        shared.workspace.LangiumDocuments.addDocument(documents[documents.length - 1]);
    }
    const builder = shared.workspace.DocumentBuilder;
    await builder.build(documents, { validation: true });
    builder.updateBuildOptions = { validation: true };

    const split: EditSplit = { reparse: [], index: [], link: [], validate: [], total: [], gc: [] };
    const current = new Map<keyof EditSplit, number>();
    let mark = 0;
    for (const [state, key] of PHASES) {
        builder.onBuildPhase(state, () => {
            const now = performance.now();
            if (key) current.set(key, (current.get(key) ?? 0) + now - mark);
            mark = now;
        });
    }
    // GC entries arrive asynchronously: collect them all, then attribute them to the edits' time windows.
    const collections: { start: number; duration: number }[] = [];
    const windows: [number, number][] = [];
    const observer = new PerformanceObserver(list => { for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration }); });
    observer.observe({ entryTypes: ['gc'] });
    try {
        const uri = uriOf(name);
        const lines = files[name].split('\n');
        const candidates = editableLines(lines);
        for (let k = 0; k < edits && candidates.length > 0; k++) {
            const i = candidates[Math.floor((k * candidates.length) / edits)];
            lines[i] = editLabel(lines[i], k);
            textDocuments.set(TextDocument.create(uri.toString(), 'arch', ++version, lines.join('\n')));
            current.clear();
            const start = performance.now();
            mark = start;
            await builder.update([uri], []);
            const end = performance.now();
            split.total.push(end - start);
            windows.push([start, end]);
            for (const key of ['reparse', 'index', 'link', 'validate'] as const) split[key].push(current.get(key) ?? 0);
        }
        await new Promise(resolve => setTimeout(resolve, 50));
        for (const [start, end] of windows) {
            split.gc.push(collections.filter(c => c.start >= start && c.start < end).reduce((sum, c) => sum + c.duration, 0));
        }
    } finally {
        observer.disconnect();
    }
    return split;
}
