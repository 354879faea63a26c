/**
 * What the MCP tools do, apart from the protocol: check files, describe a model, explain a
 * rule, list the quick fixes at a position as text edits, export a view, import another tool's
 * model. Each reads the files fresh (an agent edits them between calls), names files relative
 * to the root, uses 1-based lines and columns, and throws `ToolError` for a mistake the caller
 * can correct.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { ruleDocsUrl } from '../checking/diagnostics.js';
import { DiagramError, disposeLayout, renderDiagram } from '../diagram/index.js';
import { exportInterop, INTEROP_FORMAT_INFO, INTEROP_FORMATS, isInteropFormat } from '../interop/export/index.js';
import { decodeText, type ImportProblem, type SourceFile } from '../interop/import/index.js';
import { IMPORT_SOURCES, importedNothing, importSource } from '../interop/import/sources.js';
import { ArchwayCodeActionProvider } from '../lsp/code-actions.js';
import type { ArchModel, PropertyValue } from '../model/arch-model.js';
import { closest } from '../model/suggest.js';
import { checkModel } from '../rules/engine.js';
import { listRules } from '../rules/registry.js';
import { renderRuleDoc } from '../rules/rule-docs.js';
import type { McpHost, McpWorkspace, UnreadableInput } from './host.js';
import { RootedPaths, ToolError } from './rooted-paths.js';

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;
type SeverityName = typeof SEVERITY[number];

/** A diagnostic as the tools report it (1-based positions, root-relative file). */
export interface ToolDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: SeverityName;
    rule: string;
    message: string;
    docs: string | undefined;
}

/** What a tool works with: the root's paths and the host's loading, rendering and formatting. */
export interface ToolContext {
    paths: RootedPaths;
    host: McpHost;
}

/** Loads files (their imports followed) like `archway check`; input problems become tool errors. */
async function load(host: McpHost, files: string[]): Promise<McpWorkspace> {
    try {
        return await host.loadWorkspace(files);
    } catch (error) {
        if (error instanceof Error && error.name === 'InputError') throw new ToolError(error.message);
        throw error;
    }
}

function toDiagnostic(paths: RootedPaths, document: LangiumDocument, diagnostic: Diagnostic): ToolDiagnostic {
    const rule = typeof diagnostic.code === 'string' ? diagnostic.code : 'syntax-error';
    return {
        file: paths.display(document.uri.fsPath),
        line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1, endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITY[(diagnostic.severity ?? 1) - 1] ?? 'error', rule,
        message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
        docs: typeof diagnostic.code === 'string' ? diagnostic.codeDescription?.href ?? ruleDocsUrl(rule) : undefined,
    };
}

/** `archway_check`: findings of a file or folder (default: the whole root). */
export async function check({ paths, host }: ToolContext, input: { path?: string; minSeverity?: SeverityName }) {
    const target = paths.existing(input.path ?? '.');
    const inputs = discover(host, target);
    if (inputs.files.length === 0 && inputs.unreadable.length === 0) throw new ToolError(`No .arch files in '${input.path ?? '.'}'.`);
    const workspace = await load(host, inputs.files);
    const limit = SEVERITY.indexOf(input.minSeverity ?? 'hint');
    const unreadable = new Map([...inputs.unreadable, ...workspace.unreadable].map(u => [u.path, u]));
    const diagnostics = [
        ...workspace.all.flatMap(document => (document.diagnostics ?? []).map(d => toDiagnostic(paths, document, d))),
        ...[...unreadable.values()].map(u => unreadableDiagnostic(paths, u)),
    ]
        .filter(d => SEVERITY.indexOf(d.severity) <= limit)
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    const count = (severity: SeverityName): number => diagnostics.filter(d => d.severity === severity).length;
    return {
        files: [...workspace.all.map(document => paths.display(document.uri.fsPath)), ...[...unreadable.keys()].map(path => paths.display(path))].sort(),
        summary: { errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') },
        diagnostics,
    };
}

/** Files under a path, as `archway check` finds them; a path problem becomes a tool error. */
function discover(host: McpHost, target: string): ReturnType<McpHost['discoverArchInputs']> {
    try {
        return host.discoverArchInputs([target]);
    } catch (error) {
        if (error instanceof Error && error.name === 'InputError') throw new ToolError(error.message);
        throw error;
    }
}

/** A file that could not be read, as the `unreadable-file` finding `archway check` reports. */
function unreadableDiagnostic(paths: RootedPaths, problem: UnreadableInput): ToolDiagnostic {
    const rule = 'unreadable-file';
    return {
        file: paths.display(problem.path), line: problem.line, column: problem.column, endLine: problem.line, endColumn: problem.column,
        severity: 'error', rule, message: problem.message, docs: ruleDocsUrl(rule),
    };
}

/** The document of the one file asked for; a tool error saying why when it could not be read. */
function requestedDocument(workspace: McpWorkspace, file: string, shown: string): LangiumDocument {
    const document = workspace.requested[0];
    if (document) return document;
    const problem = workspace.unreadable.find(u => u.path === file);
    throw new ToolError(`'${shown}' cannot be read: ${problem ? problem.message : 'it is not a readable .arch file.'}`);
}

/** The model rooted at an `.arch` file. */
async function modelOf({ paths, host }: ToolContext, path: string): Promise<{ model: ArchModel; workspace: McpWorkspace; file: string }> {
    const file = paths.existing(path, 'file');
    if (extname(file) !== '.arch') throw new ToolError(`'${path}' is not an .arch file.`);
    const workspace = await load(host, [file]);
    const document = requestedDocument(workspace, file, path);
    const models = workspace.modelsOf(document);
    const model = models.find(m => m.rootUri === document.uri.toString()) ?? models[0];
    if (!model) throw new ToolError(`No model in '${path}'.`);
    return { model, workspace, file };
}

/** A property value as JSON: strings, numbers and booleans as such, the rest as written. */
function valueJson(value: PropertyValue): unknown {
    switch (value.type) {
        case 'string': case 'enum': return value.value;
        case 'number': case 'boolean': return value.value;
        case 'reference': return value.target ?? value.text;
        case 'list': return value.items.map(valueJson);
        case 'mode': return { mode: value.mode, ...Object.fromEntries([...value.properties.values()].map(p => [p.name, valueJson(p.value)])) };
        case 'block': return Object.fromEntries([...value.properties.values()].map(p => [p.name, valueJson(p.value)]));
        default: return value.text;
    }
}

function propertiesJson(properties: ArchModel['components'][number]['properties']): Record<string, unknown> {
    return Object.fromEntries([...properties.values()].map(p => [p.name, valueJson(p.value)]));
}

/** `archway_model`: the model as JSON. */
export async function describeModel(context: ToolContext, input: { path: string }) {
    const { paths } = context;
    const { model } = await modelOf(context, input.path);
    const at = (location: { uri: string; range: { start: { line: number } } }) => ({ file: paths.display(URI.parse(location.uri).fsPath), line: location.range.start.line + 1 });
    return {
        name: model.name ?? null,
        files: model.files.map(uri => paths.display(URI.parse(uri).fsPath)),
        kinds: [...new Set(model.components.map(c => c.kind))].sort(),
        zones: model.zones.map(z => ({ id: z.id, label: z.label ?? null, parent: z.parent ?? null, trust: z.trust, properties: propertiesJson(z.properties), ...at(z.location) })),
        components: model.components.map(c => ({
            id: c.id, kind: c.kind, label: c.label ?? null, zone: c.zone ?? null, trust: c.trust, properties: propertiesJson(c.properties),
            channels: c.channels, ...at(c.location),
        })),
        channels: model.channels.map(ch => ({ id: ch.id, kind: ch.kind, broker: ch.broker, label: ch.label ?? null, properties: propertiesJson(ch.properties) })),
        connections: model.connections.map(c => ({
            id: c.id, source: c.source, target: c.target, style: c.style, protocol: c.protocol ?? null, tls: c.tls ?? null, label: c.label ?? null,
            route: c.path ?? null, properties: propertiesJson(c.properties), ...at(c.location),
        })),
        views: model.views.map(v => ({ id: v.id, label: v.label ?? null, includeAll: v.includeAll, includes: v.includes, excludes: v.excludes })),
        flows: model.flows.map(f => ({ id: f.id, label: f.label ?? null, steps: f.steps.map(s => ({ source: s.source, target: s.target, style: s.style, label: s.label ?? null })) })),
    };
}

/** `archway_explain_rule`: the rule's documentation (Markdown) and metadata. */
export function explainRule(input: { id: string }) {
    const rules = listRules();
    const rule = rules.find(r => r.id === input.id);
    if (!rule) {
        const suggestion = closest(input.id, rules.map(r => r.id));
        throw new ToolError(`No rule '${input.id}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} \`archway_check\` findings name their rule; there are ${rules.length} rules.`);
    }
    return { id: rule.id, title: rule.title, severity: rule.severity, area: rule.area, docs: ruleDocsUrl(rule.id), markdown: renderRuleDoc(rule) };
}

/** `archway_fix`: the quick fixes at a position (for one rule, or every finding there) as text edits. */
export async function quickFixes({ paths, host }: ToolContext, input: { path: string; line: number; column: number; rule?: string }) {
    const file = paths.existing(input.path, 'file');
    if (extname(file) !== '.arch') throw new ToolError(`'${input.path}' is not an .arch file.`);
    const workspace = await load(host, [file]);
    const document = requestedDocument(workspace, file, input.path);
    const lineCount = document.textDocument.lineCount;
    if (input.line > lineCount) throw new ToolError(`'${input.path}' has ${lineCount} lines; line ${input.line} does not exist.`);
    const position = { line: input.line - 1, character: input.column - 1 };
    const contains = (d: Diagnostic): boolean => {
        const { start, end } = d.range;
        const after = position.line > start.line || (position.line === start.line && position.character >= start.character);
        const before = position.line < end.line || (position.line === end.line && position.character <= end.character);
        return after && before;
    };
    const here = (document.diagnostics ?? []).filter(d => contains(d) && (input.rule === undefined || d.code === input.rule));
    if (here.length === 0) {
        const onLine = (document.diagnostics ?? []).filter(d => d.range.start.line <= position.line && d.range.end.line >= position.line);
        const hint = onLine.length > 0
            ? ` On line ${input.line}: ${onLine.map(d => `${String(d.code)} at column ${d.range.start.character + 1}`).join(', ')}.`
            : ' `archway_check` lists the findings and their positions.';
        throw new ToolError(`No finding${input.rule ? ` of '${input.rule}'` : ''} at ${input.path}:${input.line}:${input.column}.${hint}`);
    }
    // The editor's own quick fixes, computed from the document and its diagnostics.
    const actions = (await new ArchwayCodeActionProvider(d => workspace.findingsIn(d)).getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: { start: position, end: position }, context: { diagnostics: here },
    })) ?? [];
    return {
        findings: here.map(d => toDiagnostic(paths, document, d)),
        fixes: actions.filter((a): a is CodeAction => 'edit' in a && a.edit !== undefined).map(action => ({
            title: action.title,
            rule: typeof action.diagnostics?.[0]?.code === 'string' ? action.diagnostics[0].code : undefined,
            preferred: action.isPreferred ?? false,
            edits: Object.entries(action.edit!.changes ?? {}).flatMap(([uri, edits]) => edits.map(edit => ({
                file: paths.display(URI.parse(uri).fsPath),
                start: { line: edit.range.start.line + 1, column: edit.range.start.character + 1 },
                end: { line: edit.range.end.line + 1, column: edit.range.end.character + 1 },
                newText: edit.newText,
            }))),
        })),
    };
}

/** Formats `archway_export` writes. */
export const EXPORT_FORMATS = ['svg', 'png', 'json', ...INTEROP_FORMATS] as const;

/** `archway_export`: a view or flow as SVG, PNG, laid-out JSON or another tool's format. */
export async function exportModel(context: ToolContext, input: { path: string; format: typeof EXPORT_FORMATS[number]; view?: string; flow?: string }):
    Promise<{ text: string } | { png: Buffer }> {
    const { model } = await modelOf(context, input.path);
    try {
        if (isInteropFormat(input.format)) {
            if ((input.view !== undefined || input.flow !== undefined) && INTEROP_FORMAT_INFO[input.format].scope === 'model') {
                throw new ToolError(`'${input.format}' exports the whole model with every view and flow; leave out view and flow.`);
            }
            return { text: await exportInterop(model, input.format, { view: input.view, flow: input.flow }) };
        }
        const result = await renderDiagram(model, { view: input.view, flow: input.flow, findings: checkModel(model).findings });
        if (input.format === 'svg') return { text: result.svg };
        if (input.format === 'json') return { text: JSON.stringify(result.layout, null, 2) };
        return { png: await context.host.svgToPng(result.svg) };
    } catch (error) {
        if (error instanceof DiagramError) throw new ToolError(error.message);
        throw error;
    } finally {
        disposeLayout();
    }
}

/** Input files of an import larger than this are not read. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

function readSource(paths: RootedPaths, path: string): SourceFile {
    const file = paths.existing(path, 'file');
    const shown = paths.display(file);
    if (statSync(file).size > MAX_IMPORT_BYTES) throw new ToolError(`'${shown}' is over ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    const decoded = decodeText(readFileSync(file));
    if ('problem' in decoded) throw new ToolError(`'${shown}'${decoded.line !== undefined ? ` (line ${decoded.line})` : ''}: ${decoded.problem}`);
    return { file: paths.display(file), text: decoded.text };
}

/** `archway_import`: another tool's model as `.arch` text, written to `output` when given. */
export function importModel({ paths, host }: ToolContext, input: { source: string; paths: string[]; output?: string; overwrite?: boolean; name?: string }) {
    const source = importSource(input.source);
    if (!source) throw new ToolError(`Unknown source '${input.source}'; use ${IMPORT_SOURCES.map(s => s.name).join(', ')}.`);
    const files = input.paths.flatMap(path => {
        const real = paths.existing(path);
        return statSync(real).isDirectory() ? discoverByExtension(real, source.extensions) : [real];
    });
    if (files.length === 0) throw new ToolError(`No ${source.extensions.join(' or ')} files in the paths given.`);
    if (source.single && files.length !== 1) throw new ToolError(`${source.name} imports one file at a time (it reads the files it includes itself).`);
    const problems: ImportProblem[] = [];
    const read = (path: string, from?: string): SourceFile | undefined => {
        try {
            return readSource(paths, from === undefined ? path : resolve(dirname(resolve(paths.root, from)), path));
        } catch (error) {
            if (from === undefined) throw error;
            return undefined; // the reader reports the include it could not read
        }
    };
    const outcome = source.run(files, read, { name: input.name });
    if (!outcome) throw new ToolError('Nothing could be read.');
    if (importedNothing(outcome)) {
        const where = (p: ImportProblem): string => [p.file, p.line, p.column].filter(part => part !== undefined).join(':');
        throw new ToolError(`Nothing could be imported:\n${outcome.problems.map(p => `${where(p)}: ${p.message}`).join('\n')}`);
    }
    const text = host.formatImported(outcome.text);
    let written: string | undefined;
    if (input.output !== undefined) {
        if (extname(input.output) !== '.arch') throw new ToolError(`The output '${input.output}' must be an .arch file.`);
        const target = paths.writable(input.output);
        if (existsSync(target) && !input.overwrite) throw new ToolError(`'${input.output}' exists; pass overwrite: true to replace it, or choose another output.`);
        writeFileSync(target, text);
        written = paths.display(target);
    }
    return { written: written ?? null, counts: outcome.counts, problems: [...problems, ...outcome.problems], arch: text };
}

function discoverByExtension(dir: string, extensions: readonly string[]): string[] {
    const found: string[] = [];
    const walk = (folder: string, depth: number): void => {
        if (depth > 16) return;
        for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            const full = resolve(folder, entry.name);
            if (entry.isDirectory()) walk(full, depth + 1);
            else if (entry.isFile() && extensions.includes(extname(entry.name).toLowerCase())) found.push(full);
        }
    };
    walk(dir, 0);
    return found;
}
