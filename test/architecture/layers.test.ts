/**
 * The architecture, enforced: the folders of `src/` form layers (a folder imports only from
 * folders below it), no two files import each other in a cycle, the command line and the
 * benchmark never load the editor's code, and the browser-facing folders load no package.
 * `docs/CONTRIBUTING.md` shows the same table.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, layerViolations, sourceFiles, folderOf, type ImportEdge } from './import-graph.js';

const root = join(__dirname, '../..');

/**
 * The folders of `src/`, from the bottom up. A folder may import from any folder in a lower
 * entry; folders in the same entry are independent of each other.
 */
const LAYERS: readonly (readonly string[])[] = [
    /** Types and method names shared by the server, the extension and the webview; imports nothing. */
    ['protocol'],
    /** Grammar, parser, scoping and linking across imports; `createArchwayCoreServices`. */
    ['language'],
    /** `ArchModel`, the property schema, the AST → model builder. */
    ['model'],
    /** The arithmetic over a model: availability, latency, timeout budgets, retries, capacity. */
    ['numbers'],
    /** The rule engine, the rules, `archway.json`; deployment files read into a deployed system (for import and drift). */
    ['rules', 'import'],
    /** Checking (model checker, rule configuration, `createArchwayCheckServices`), diagrams, the formatter. */
    ['checking', 'diagram', 'format'],
    /** Editor features over LSP: `createArchwayServices`; exports to and imports from other tools and deployment files; model diffs for review. */
    ['lsp', 'interop', 'review'],
    /** The language server process; the preview's script in the webview; the MCP server. */
    ['server', 'webview', 'mcp'],
    /** The `archway` command; the VS Code extension. */
    ['cli', 'extension'],
];

/** Folders whose code runs in the preview webview (a browser): no Node, no Langium, no package at all. */
const BROWSER_FOLDERS = ['webview', 'protocol'];

/** Packages that bring the editor's machinery (the CLI's bundles must not load them). */
const EDITOR_PACKAGES = /^(langium\/lsp|vscode-languageserver(\/node)?|vscode-languageclient(\/.*)?|vscode)$/;

const srcEdges = importGraph(root, sourceFiles(root, 'src'));
const benchEdges = importGraph(root, sourceFiles(root, 'bench'));

function edge(from: string, specifier: string, to: string | undefined, extra: Partial<ImportEdge> = {}): ImportEdge {
    return { from, line: 1, specifier, to, typeOnly: false, dynamic: false, ...extra };
}

describe('the import graph', () => {
    it('is read with the TypeScript parser: static, re-exported, type-only and dynamic imports', () => {
        const check = srcEdges.filter(e => e.from === 'src/cli/main.ts');
        expect(check).toContainEqual(expect.objectContaining({ specifier: './check.js', to: 'src/cli/check.ts', dynamic: false }));
        expect(check).toContainEqual(expect.objectContaining({ specifier: '../server/main.js', to: 'src/server/main.ts', dynamic: true }));
        expect(srcEdges).toContainEqual(expect.objectContaining({ from: 'src/diagram/index.ts', specifier: './themes.js', to: 'src/diagram/themes.ts' }));
        expect(srcEdges.filter(e => e.from === 'src/lsp/module.ts' && e.specifier === 'langium/lsp')).toEqual([expect.objectContaining({ typeOnly: false, to: undefined })]);
        expect(srcEdges.filter(e => e.from === 'src/lsp/formatter.ts' && e.specifier === 'langium/lsp')).toEqual([expect.objectContaining({ typeOnly: true })]);
    });

    it('resolves every relative import to a file', () => {
        expect(srcEdges.filter(e => e.specifier.startsWith('.') && e.to === undefined).map(e => `${e.from}:${e.line} '${e.specifier}'`)).toEqual([]);
    });
});

describe('layers', () => {
    it('place every folder of src/', () => {
        const folders = [...new Set(sourceFiles(root, 'src').map(folderOf))];
        const placed = new Set(LAYERS.flat());
        expect(folders.filter(folder => folder === undefined || !placed.has(folder))).toEqual([]);
    });

    it('hold: no folder imports from a folder above it or beside it', () => {
        expect(layerViolations(srcEdges, LAYERS)).toEqual([]);
    });

    it('catch an import from a lower folder into a higher one, naming the file and the import', () => {
        const bad = [
            edge('src/rules/engine.ts', '../lsp/module.js', 'src/lsp/module.ts'),
            edge('src/format/format.ts', '../checking/diagnostics.js', 'src/checking/diagnostics.ts', { typeOnly: true, line: 7 }),
            edge('src/lsp/module.ts', '../rules/engine.js', 'src/rules/engine.ts'),
        ];
        expect(layerViolations(bad, LAYERS)).toEqual([
            "src/rules/engine.ts:1 imports '../lsp/module.js' (src/lsp/module.ts): rules (layer 4) may not depend on lsp (layer 6), which is above it.",
            "src/format/format.ts:7 imports '../checking/diagnostics.js' (src/checking/diagnostics.ts): format and checking are siblings in layer 5 and may not import each other.",
        ]);
    });
});

describe('import cycles', () => {
    it('there are none between the files of src/ (type-only imports count too)', () => {
        expect(importCycles(srcEdges)).toEqual([]);
    });

    it('are found and spelled out', () => {
        const edges = [
            edge('src/a.ts', './b.js', 'src/b.ts'),
            edge('src/b.ts', './c.js', 'src/c.ts', { typeOnly: true }),
            edge('src/c.ts', './a.js', 'src/a.ts'),
            edge('src/c.ts', './d.js', 'src/d.ts'),
            edge('src/d.ts', './d.js', 'src/d.ts'),
            edge('src/e.ts', './a.js', 'src/a.ts'),
        ];
        expect(importCycles(edges)).toEqual(['src/a.ts → src/b.ts → src/c.ts → src/a.ts', 'src/d.ts → src/d.ts']);
    });
});

describe('a core that knows nothing of editors', () => {
    it('the folders below lsp/ import no editor package, not even for types', () => {
        const core = new Set(LAYERS.slice(0, LAYERS.findIndex(folders => folders.includes('lsp'))).flat());
        const offending = srcEdges.filter(e => core.has(folderOf(e.from)!) && e.to === undefined && EDITOR_PACKAGES.test(e.specifier));
        expect(offending.map(e => `${e.from}:${e.line} imports '${e.specifier}'`)).toEqual([]);
    });
});

describe('no editor in the command line and the benchmark', () => {
    it('src/cli and bench/ never import src/lsp', () => {
        const offending = [...srcEdges, ...benchEdges].filter(e => (folderOf(e.from) === 'cli' || e.from.startsWith('bench/')) && e.to !== undefined && folderOf(e.to) === 'lsp');
        expect(offending.map(e => `${e.from}:${e.line} imports '${e.specifier}'`)).toEqual([]);
    });

    it('the CLI bundles load no LSP package: `archway lsp` reaches the server only through import()', () => {
        for (const entry of ['src/cli/bin.ts', 'src/cli/export.ts', 'src/cli/format.ts', 'src/cli/import.ts', 'src/cli/diff.ts']) {
            expect(editorPackagesLoadedBy(entry), entry).toEqual([]);
        }
    });
});

describe('the browser-facing folders', () => {
    it('import no package (no Node, no Langium) and nothing outside webview/ and protocol/', () => {
        const offending = srcEdges.filter(e => BROWSER_FOLDERS.includes(folderOf(e.from)!)
            && (e.to === undefined || !BROWSER_FOLDERS.includes(folderOf(e.to)!)));
        expect(offending.map(e => `${e.from}:${e.line} imports '${e.specifier}'`)).toEqual([]);
    });
});

/** Editor packages loaded (value imports, not `import()`) by `entry` and what it statically imports, as `file: package`. */
function editorPackagesLoadedBy(entry: string): string[] {
    const loaded = new Set([entry]);
    const queue = [entry];
    const found: string[] = [];
    while (queue.length > 0) {
        const file = queue.shift()!;
        for (const e of srcEdges) {
            if (e.from !== file || e.typeOnly || e.dynamic) continue;
            if (e.to === undefined) {
                if (EDITOR_PACKAGES.test(e.specifier)) found.push(`${file}: ${e.specifier}`);
            } else if (!loaded.has(e.to)) {
                loaded.add(e.to);
                queue.push(e.to);
            }
        }
    }
    return found;
}
