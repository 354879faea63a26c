/**
 * Reading deployment files (Compose files, Kubernetes manifests) as YAML documents, safely:
 * files over a size limit, binary files, text that is not UTF-8, alias bombs, Helm templates
 * and YAML syntax errors are reported as problems naming the file and line, and never stop
 * the other files (or the other documents of the same file) from being read.
 *
 * `parseYamlText` is pure; `readYamlFile` and `discoverManifestFiles` touch the disk.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { extname, join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { decodeText } from './text-decoding.js';

/**
 * Deployment files larger than this are not read: the same limit as for `.arch` files. A
 * rendered manifest bundle is rarely larger, and YAML parsing costs about a second per MB.
 */
export const MAX_DEPLOYMENT_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Aliases a document may expand (`yaml`'s measure: uses × nodes per alias). Compose files
 * share settings through anchors (`<<: *defaults`); a "billion laughs" document needs millions.
 */
export const MAX_ALIAS_COUNT = 10_000;

/** Something wrong with an input file; 1-based line and column when they are known. */
export interface ImportProblem {
    file: string;
    line?: number;
    column?: number;
    message: string;
}

/** A key path into a document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** One parsed YAML document of a file. */
export interface YamlDocument {
    file: string;
    /** 0-based index of the document in its file. */
    index: number;
    /** 1-based line where the document's content starts. */
    line: number;
    /** The document as plain data (maps are objects, sequences arrays; merge keys applied). */
    value: unknown;
    /** 1-based line of the node at `path` (or of its nearest ancestor that exists as written). */
    lineOf(path: YamlPath): number;
}

/** Documents read from files, and what could not be read. */
export interface YamlReadResult {
    documents: YamlDocument[];
    problems: ImportProblem[];
}

/** The first line of `text` with a `{{` template expression outside a `#` comment (1-based), or 0. */
export function templateLine(text: string): number {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const at = line.indexOf('{{');
        if (at < 0) continue;
        const hash = line.indexOf('#');
        if (hash >= 0 && hash < at && /(^|\s)#/.test(line.slice(0, at))) continue;
        return i + 1;
    }
    return 0;
}

/** What to do with a Helm chart or template. */
export const HELM_HINT = 'render it first (`helm template …` or `kustomize build …`) and import the output';

/** Parses YAML text into documents; problems name the file and line. Text over the size limit is one problem. Pure. */
export function parseYamlText(file: string, text: string): YamlReadResult {
    const documents: YamlDocument[] = [];
    const problems: ImportProblem[] = [];
    if (text.length > MAX_DEPLOYMENT_FILE_BYTES) return fail(file, tooLarge(text.length));
    const lineCounter = new LineCounter();
    let parsed: Document.Parsed[];
    try {
        parsed = parseAllDocuments(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
    } catch (error) {
        problems.push({ file, message: `The file cannot be parsed as YAML (${describe(error)}).` });
        return { documents, problems };
    }
    if (!Array.isArray(parsed)) parsed = [parsed];
    const position = (offset: number): { line: number; column: number } => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
    };
    const helmLine = templateLine(text);
    parsed.forEach((doc, index) => {
        if (doc.errors.length > 0) {
            if (helmLine > 0) {
                problems.push({ file, line: helmLine, column: 1, message: `The file is a template, not plain YAML (\`{{ … }}\` on line ${helmLine}); ${HELM_HINT}.` });
                return;
            }
            const error = doc.errors[0];
            problems.push({ file, ...position(error.pos[0]), message: `The file is not valid YAML: ${firstLine(error.message)}` });
            return;
        }
        if (doc.contents === null) return; // an empty document (a trailing `---`)
        let value: unknown;
        try {
            value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch (error) {
            const alias = firstAlias(doc);
            const at = alias?.range ? position(alias.range[0]) : position(doc.contents.range?.[0] ?? 0);
            const message = error instanceof ReferenceError && /alias/i.test(error.message)
                ? 'The document expands its aliases into too much data (a "billion laughs" alias bomb?); it is not imported.'
                : error instanceof RangeError
                    ? 'The document nests too deeply to be read.'
                    : `The document cannot be read as data (${describe(error)}).`;
            problems.push({ file, ...at, message });
            return;
        }
        const start = position(doc.contents.range?.[0] ?? 0).line;
        documents.push({ file, index, line: start, value, lineOf: (path) => lineOfPath(doc, path, position) });
    });
    return { documents, problems };
}

/** Reads and parses one file; a file that cannot be read is one problem. */
export function readYamlFile(file: string): YamlReadResult {
    let size: number;
    try {
        const stats = statSync(file);
        // A FIFO or device would block the read forever.
        if (!stats.isFile()) return fail(file, 'The path is not a regular file.');
        size = stats.size;
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return fail(file, code === 'ENOENT' ? 'The file does not exist.' : `The file cannot be read (${code ?? String(error)}).`);
    }
    if (size > MAX_DEPLOYMENT_FILE_BYTES) return fail(file, tooLarge(size));
    let buffer: Buffer;
    try {
        buffer = readFileSync(file);
    } catch (error) {
        return fail(file, `The file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    const decoded = decodeText(buffer);
    if ('problem' in decoded) return { documents: [], problems: [{ file, ...(decoded.line !== undefined ? { line: decoded.line } : {}), message: decoded.problem }] };
    const text = decoded.text;
    return parseYamlText(file, text);
}

/**
 * Manifest files named by `paths`: files as given, folders searched recursively for `.yaml`
 * and `.yml` files (sorted; hidden folders and `node_modules` skipped). A folder holding a
 * `Chart.yaml` is a Helm chart: reported, not read.
 */
export function discoverManifestFiles(paths: readonly string[]): { files: string[]; problems: ImportProblem[] } {
    const files: string[] = [];
    const problems: ImportProblem[] = [];
    const seen = new Set<string>();
    const add = (path: string): void => {
        let real = path;
        try {
            real = realpathSync(path);
        } catch {
            // keep the path as given
        }
        if (seen.has(real)) return;
        seen.add(real);
        files.push(path);
    };
    const walk = (dir: string, visited: Set<string>): void => {
        let real: string;
        try {
            real = realpathSync(dir);
        } catch {
            return;
        }
        if (visited.has(real)) return; // symlink loop
        visited.add(real);
        let entries: Dirent[];
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        } catch (error) {
            problems.push({ file: dir, message: `The folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` });
            return;
        }
        if (entries.some(entry => entry.name === 'Chart.yaml')) {
            problems.push({ file: dir, message: `The folder is a Helm chart; ${HELM_HINT}.` });
            return;
        }
        for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            const full = join(dir, entry.name);
            let stats;
            try {
                stats = statSync(full);
            } catch {
                continue; // dangling symlink
            }
            if (stats.isDirectory()) walk(full, visited);
            else if (stats.isFile() && ['.yaml', '.yml'].includes(extname(entry.name).toLowerCase())) add(full);
        }
    };
    for (const path of paths) {
        let stats;
        try {
            stats = statSync(path);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            problems.push({ file: path, message: code === 'ENOENT' ? 'No such file or folder.' : `The path cannot be read (${code ?? String(error)}).` });
            continue;
        }
        if (stats.isDirectory()) walk(path, new Set());
        else add(path);
    }
    return { files, problems };
}

/** Reads every file; problems of one file never hide the others' documents. */
export function readYamlFiles(files: readonly string[]): YamlReadResult {
    const documents: YamlDocument[] = [];
    const problems: ImportProblem[] = [];
    for (const file of files) {
        const result = readYamlFile(file);
        documents.push(...result.documents);
        problems.push(...result.problems);
    }
    return { documents, problems };
}

/** `problem` as `file:line:column: message` (the parts that are known). */
export function formatProblem(problem: ImportProblem): string {
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
    return `${where}: ${problem.message}`;
}

function tooLarge(size: number): string {
    return `The file is ${(size / 1024 / 1024).toFixed(1)} MB; deployment files over ${MAX_DEPLOYMENT_FILE_BYTES / 1024 / 1024} MB are not read (split it, or import the parts that describe workloads).`;
}

function fail(file: string, message: string): YamlReadResult {
    return { documents: [], problems: [{ file, message }] };
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function firstLine(message: string): string {
    const line = message.split('\n')[0].trim();
    return /[.!?]$/.test(line) ? line : line + '.';
}

function firstAlias(doc: Document.Parsed): Node | undefined {
    let found: Node | undefined;
    visit(doc, {
        Alias(_key, node) {
            found = node;
            return visit.BREAK;
        },
    });
    return found;
}

function lineOfPath(doc: Document.Parsed, path: YamlPath, position: (offset: number) => { line: number }): number {
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const key of path) {
        if (isAlias(node)) node = node.resolve(doc);
        let next: unknown;
        if (typeof key === 'number' && isSeq(node)) {
            next = node.items[key];
        } else if (isMap(node)) {
            const pair = node.items.find(item => isScalar(item.key) && String(item.key.value) === String(key));
            if (pair) {
                const keyNode = pair.key as Node;
                if (keyNode.range) offset = keyNode.range[0];
                next = pair.value;
            }
        }
        if (next === undefined || next === null) break;
        node = next;
        const range = (node as Node).range;
        if (range && !isMap(node) && !isSeq(node)) offset = range[0];
        else if (range && typeof key === 'number') offset = range[0];
    }
    return position(offset).line;
}
