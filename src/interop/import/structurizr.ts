/**
 * Reads a Structurizr DSL workspace the way Structurizr's own parser does: line by line (a
 * statement per line, `{` last on its line, `}` alone, `\` joining lines, `//` `#` and block
 * comments, `!const` substitutions in strings), with flat or hierarchical identifiers. It takes
 * people, software systems, containers, components, custom elements, groups and enterprises
 * (names, descriptions, technologies, tags, properties), relationships (explicit, implicit
 * `-> x`, `this`), styles' shapes and dashed relationship tags, static views (with `include *`
 * meaning the scope and what connects to it, as in Structurizr) and dynamic views. Deployment
 * environments and views, documentation, scripts and plugins are skipped with a note.
 *
 * A line that cannot be read is reported with its file and line, and reading goes on.
 *
 * This file reads the workspace's frame (directives, `!include`, `workspace`, and which block
 * a line belongs to); the rest is read by concern: lines and tokens (`structurizr-lines.ts`),
 * the model (`structurizr-model.ts`), views and styles (`structurizr-views.ts`), and what is
 * collected and how identifiers resolve (`structurizr-workspace.ts`).
 */
import type { ImportedModel, SourceFile } from './imported-model.js';
import { args, opens, sourceLines, type Line } from './structurizr-lines.js';
import { elementStatement, modelStatement, relationshipBody } from './structurizr-model.js';
import { dynamicStatement, stylesStatement, styleStatement, viewsStatement, viewStatement } from './structurizr-views.js';
import { StructurizrWorkspace } from './structurizr-workspace.js';

export { tokenizeLine } from './structurizr-lines.js';

/** Loads a file named by `!include`, relative to the including file; undefined when it cannot. */
export type IncludeLoader = (path: string, from: string) => SourceFile | undefined;

const SKIPPED_DIRECTIVES = ['!docs', '!adrs', '!script', '!plugin', '!impliedrelationships', '!decisions'];

/** Reads a Structurizr workspace (its first file; `!include` through `load`). */
export function readStructurizr(file: SourceFile, load?: IncludeLoader): ImportedModel {
    return new StructurizrReader(load).read(file);
}

class StructurizrReader {
    private readonly ws = new StructurizrWorkspace();
    private includeDepth = 0;

    constructor(private readonly load: IncludeLoader | undefined) {}

    read(file: SourceFile): ImportedModel {
        const ws = this.ws;
        this.readFile(file);
        if (ws.stack.length > 1) {
            ws.problems.push({ file: file.file, line: file.text.split('\n').length, message: `${ws.stack.length - 1} block${ws.stack.length === 2 ? ' is' : 's are'} never closed (a \`}\` is missing).` });
        }
        return ws.finish();
    }

    private readFile(file: SourceFile): void {
        this.ws.files.push(file.file);
        for (const line of sourceLines(file, this.ws.constants, this.ws.problems)) this.statement(line);
    }

    /** One line: a `}`, a directive, or a statement of the block it is in. */
    private statement(line: Line): void {
        const ws = this.ws;
        const first = line.tokens[0];
        if (first === '}' && !line.quoted[0]) {
            if (ws.stack.length <= 1) ws.problem(line, 'This `}` closes nothing.');
            else ws.stack.pop();
            return;
        }
        if (ws.context.type === 'skip') return ws.skipBlock(line);
        if (first.startsWith('!') && this.directive(line)) return;
        const context = ws.context;
        switch (context.type) {
            case 'root': return this.rootStatement(line);
            case 'workspace': return this.workspaceStatement(line);
            case 'model': return modelStatement(ws, line, undefined);
            case 'group': return modelStatement(ws, line, context.owner, context.element);
            case 'element': return elementStatement(ws, line, context.element);
            case 'properties': return;
            case 'element-properties':
                if (line.tokens.length >= 2) context.element.metadata.push([line.tokens[0], line.tokens.slice(1).join(' ')]);
                return;
            case 'relationship': return relationshipBody(ws, line);
            case 'views': return viewsStatement(ws, line);
            case 'view': return viewStatement(ws, line, context.view);
            case 'dynamic':
            case 'parallel': return dynamicStatement(ws, line);
            case 'styles': return stylesStatement(ws, line);
            case 'style': return styleStatement(ws, line, context);
        }
    }

    /** A line starting with `!`; false for `!ref`, `!extend` and `!element`, which the model reads. */
    private directive(line: Line): boolean {
        const ws = this.ws;
        const first = line.tokens[0];
        const lower = first.toLowerCase();
        if (lower === '!include') {
            this.include(line);
            return true;
        }
        if (lower === '!const' || lower === '!constant' || lower === '!var') {
            if (line.tokens.length >= 3) ws.constants.set(line.tokens[1], line.tokens[2]);
            return true;
        }
        if (lower === '!identifiers') {
            ws.hierarchical = line.tokens[1]?.toLowerCase() === 'hierarchical';
            return true;
        }
        if (SKIPPED_DIRECTIVES.includes(lower)) {
            ws.notes.add(`${first} is not imported.`);
            ws.skipBlock(line);
            return true;
        }
        if (lower !== '!ref' && lower !== '!extend' && lower !== '!element') {
            ws.problem(line, `Unknown directive '${first}'.`);
            ws.skipBlock(line);
            return true;
        }
        return false;
    }

    private include(line: Line): void {
        const ws = this.ws;
        const target = line.tokens[1];
        if (!target) return ws.problem(line, '`!include` names no file.');
        if (/^https?:/i.test(target)) {
            ws.problem(line, `'${target}' is not fetched: only local files are included.`);
            return;
        }
        if (this.includeDepth >= 8) return ws.problem(line, `'${target}' is included too deep (more than 8 levels).`);
        const file = this.load?.(target, line.position.file);
        if (!file) return ws.problem(line, `Cannot read the included file '${target}'.`);
        this.includeDepth++;
        this.readFile(file);
        this.includeDepth--;
    }

    private rootStatement(line: Line): void {
        const ws = this.ws;
        if (line.tokens[0].toLowerCase() !== 'workspace') {
            ws.problem(line, `Expected 'workspace', found '${line.tokens[0]}'.`);
            return ws.skipBlock(line);
        }
        const tokens = args(line);
        if (tokens[1]?.toLowerCase() === 'extends') ws.notes.add(`The extended workspace '${tokens[2] ?? ''}' is not read; only this file's own model is imported.`);
        else if (tokens[1] !== undefined) ws.name = tokens[1];
        ws.stack.push({ type: 'workspace' });
    }

    private workspaceStatement(line: Line): void {
        const ws = this.ws;
        const lower = line.tokens[0].toLowerCase();
        if (lower === 'name' && line.tokens[1] !== undefined) {
            ws.name = line.tokens[1];
            return;
        }
        if (lower === 'model' && opens(line)) return void ws.stack.push({ type: 'model' });
        if (lower === 'views' && opens(line)) return void ws.stack.push({ type: 'views' });
        if (lower === 'description') return;
        ws.skipBlock(line); // configuration, properties, …
    }
}
