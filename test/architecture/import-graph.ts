/**
 * The import graph of the sources, read with the TypeScript compiler's parser (static imports,
 * re-exports, `import()` calls and `import('…')` types), and the two checks the architecture
 * test runs on it: imports against the layer order, and import cycles.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import of a source file. */
export interface ImportEdge {
    /** The importing file, relative to the repository root with `/` separators. */
    from: string;
    /** 1-based line of the import. */
    line: number;
    /** The module specifier as written. */
    specifier: string;
    /** The imported file (relative to the root) for relative specifiers that resolve; undefined for packages. */
    to: string | undefined;
    /** True when the import is erased at compile time (`import type`, only `type` names, `import('…')` types). */
    typeOnly: boolean;
    /** True for an `import()` call (loaded when used, not when the importer loads). */
    dynamic: boolean;
}

/** Every `.ts` file under `dir` (relative to `root`), sorted. */
export function sourceFiles(root: string, dir: string): string[] {
    const result: string[] = [];
    const walk = (path: string): void => {
        for (const entry of readdirSync(path, { withFileTypes: true })) {
            const full = join(path, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.ts')) result.push(toPosix(relative(root, full)));
        }
    };
    walk(join(root, dir));
    return result.sort();
}

/** The imports of one file, given its path relative to `root` and its text. */
export function importsOf(root: string, file: string, text: string): ImportEdge[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const edges: ImportEdge[] = [];
    const add = (node: ts.Node, specifier: string, typeOnly: boolean, dynamic: boolean): void => {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        edges.push({ from: file, line, specifier, to: resolveRelative(root, file, specifier), typeOnly, dynamic });
    };
    const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
            add(node, node.moduleSpecifier.text, isTypeOnlyImport(node.importClause), false);
        } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
            const clause = node.exportClause;
            const typeOnly = node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every(e => e.isTypeOnly));
            add(node, node.moduleSpecifier.text, typeOnly, false);
        } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
            add(node, node.moduleReference.expression.text, node.isTypeOnly, false);
        } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
            const callee = node.expression;
            if (callee.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0].text, false, true);
            else if (ts.isIdentifier(callee) && callee.text === 'require') add(node, node.arguments[0].text, false, false);
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
            add(node, node.argument.literal.text, true, false);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return edges;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
    if (!clause) return false; // `import './x.js'` runs the module
    if (clause.isTypeOnly) return true;
    if (clause.name) return false;
    const bindings = clause.namedBindings;
    return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every(e => e.isTypeOnly);
}

/** `./x.js` → `x.ts` as the bundler resolves it; undefined for package specifiers or when nothing matches. */
function resolveRelative(root: string, file: string, specifier: string): string | undefined {
    if (!specifier.startsWith('.')) return undefined;
    const base = resolve(root, dirname(file), specifier);
    const candidates = [base.replace(/\.(c|m)?js$/, '.$1ts'), base, `${base}.ts`, join(base, 'index.ts')];
    const found = candidates.find(candidate => existsSync(candidate) && statSync(candidate).isFile());
    return found === undefined ? undefined : toPosix(relative(root, found));
}

function toPosix(path: string): string {
    return path.split(sep).join('/');
}

/** The imports of every file in `files` (paths relative to `root`). */
export function importGraph(root: string, files: readonly string[]): ImportEdge[] {
    return files.flatMap(file => importsOf(root, file, readFileSync(join(root, file), 'utf8')));
}

/** The folder of a file under `src/` (`src/lsp/hover-provider.ts` → `lsp`). */
export function folderOf(file: string): string | undefined {
    const match = /^src\/([^/]+)\//.exec(file);
    return match?.[1];
}

/**
 * Imports that go against the layer order: `layers` lists folders from the bottom up; folders
 * in one entry are siblings and may not import each other. Each problem names the file, the
 * line, the import as written and the two layers.
 */
export function layerViolations(edges: readonly ImportEdge[], layers: readonly (readonly string[])[]): string[] {
    const rank = new Map<string, number>();
    layers.forEach((folders, index) => folders.forEach(folder => rank.set(folder, index)));
    const problems: string[] = [];
    for (const edge of edges) {
        const from = folderOf(edge.from);
        const to = edge.to === undefined ? undefined : folderOf(edge.to);
        if (from === undefined || to === undefined || from === to) continue;
        const fromRank = rank.get(from);
        const toRank = rank.get(to);
        const where = `${edge.from}:${edge.line} imports '${edge.specifier}' (${edge.to})`;
        if (fromRank === undefined || toRank === undefined) {
            problems.push(`${where}: src/${fromRank === undefined ? from : to}/ has no place in the layer order; add it to LAYERS.`);
        } else if (toRank === fromRank) {
            problems.push(`${where}: ${from} and ${to} are siblings in layer ${fromRank} and may not import each other.`);
        } else if (toRank > fromRank) {
            problems.push(`${where}: ${from} (layer ${fromRank}) may not depend on ${to} (layer ${toRank}), which is above it.`);
        }
    }
    return problems;
}

/**
 * Import cycles between files, one per strongly connected component of the graph (every kind
 * of import counts, type-only ones too): each as `a.ts → b.ts → a.ts`.
 */
export function importCycles(edges: readonly ImportEdge[]): string[] {
    const next = new Map<string, Set<string>>();
    for (const edge of edges) {
        if (edge.to === undefined) continue;
        let targets = next.get(edge.from);
        if (!targets) next.set(edge.from, targets = new Set());
        targets.add(edge.to);
    }
    const components = stronglyConnected([...new Set(edges.flatMap(e => e.to === undefined ? [e.from] : [e.from, e.to]))].sort(), next);
    return components
        .filter(component => component.length > 1 || next.get(component[0])?.has(component[0]))
        .map(component => cycleThrough(component, next).join(' → '))
        .sort();
}

/** Tarjan's algorithm, iteratively. */
function stronglyConnected(nodes: readonly string[], next: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const result: string[][] = [];
    let counter = 0;
    for (const start of nodes) {
        if (index.has(start)) continue;
        const work: { node: string; targets: Iterator<string> }[] = [];
        const enter = (node: string): void => {
            index.set(node, counter);
            low.set(node, counter++);
            stack.push(node);
            onStack.add(node);
            work.push({ node, targets: (next.get(node) ?? new Set<string>()).values() });
        };
        enter(start);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const step = frame.targets.next();
            if (!step.done) {
                const target = step.value;
                if (!index.has(target)) enter(target);
                else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const component: string[] = [];
                let node: string;
                do {
                    node = stack.pop()!;
                    onStack.delete(node);
                    component.push(node);
                } while (node !== frame.node);
                result.push(component.sort());
            }
        }
    }
    return result;
}

/** One concrete cycle inside a strongly connected component, from its first file back to it. */
function cycleThrough(component: readonly string[], next: ReadonlyMap<string, ReadonlySet<string>>): string[] {
    const members = new Set(component);
    const start = component[0];
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
        const node = queue.shift()!;
        for (const target of [...(next.get(node) ?? [])].sort()) {
            if (!members.has(target)) continue;
            if (target === start) {
                const path = [start];
                for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) path.splice(1, 0, at);
                return [...path, start];
            }
            if (!previous.has(target)) {
                previous.set(target, node);
                queue.push(target);
            }
        }
    }
    return [...component, start];
}
