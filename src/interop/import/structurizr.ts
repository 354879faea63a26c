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
 */
import type { Direction } from '../../model/arch-model.js';
import { allElements, newElement, type ImportedElement, type ImportedFlow, type ImportedModel, type ImportedView, type ImportProblem, type SourcePosition } from './imported-model.js';
import type { SourceFile } from './likec4.js';

/** Loads a file named by `!include`, relative to the including file; undefined when it cannot. */
export type IncludeLoader = (path: string, from: string) => SourceFile | undefined;

interface Line {
    tokens: string[];
    /** Which tokens were quoted (a quoted `{` is text, not a block). */
    quoted: boolean[];
    position: SourcePosition;
}

type Context =
    | { type: 'root' | 'workspace' | 'model' | 'views' | 'styles' | 'skip' | 'properties' | 'relationship' | 'parallel' }
    | { type: 'element'; element: ImportedElement }
    | { type: 'group'; element: ImportedElement; owner: ImportedElement | undefined }
    | { type: 'view'; view: PendingView }
    | { type: 'dynamic'; flow: PendingFlow }
    | { type: 'style'; tag: string; relationship: boolean }
    | { type: 'element-properties'; element: ImportedElement };

interface PendingView {
    key: string;
    title: string | undefined;
    scope: string | undefined;
    kind: string;
    includeAll: boolean;
    includes: { id: string; position: SourcePosition }[];
    excludes: { id: string; position: SourcePosition }[];
    direction: Direction | undefined;
    notes: string[];
    position: SourcePosition;
}

interface PendingFlow {
    key: string;
    title: string | undefined;
    steps: { source: string; target: string; title: string | undefined; position: SourcePosition }[];
    position: SourcePosition;
}

interface PendingRelationship {
    source: string;
    target: string;
    /** The element the relationship is written in (for hierarchical identifiers). */
    context: ImportedElement | undefined;
    title: string | undefined;
    technology: string | undefined;
    tags: string[];
    position: SourcePosition;
}

const AUTO_LAYOUT: Record<string, Direction> = { lr: 'right', rl: 'left', tb: 'down', bt: 'up' };
const ELEMENT_KEYWORDS: Record<string, string> = {
    person: 'person', softwaresystem: 'softwareSystem', container: 'container', component: 'component', element: 'element',
};

/** Splits one line into tokens: words, and double-quoted strings (`\"` inside). */
export function tokenizeLine(text: string): { tokens: string[]; quoted: boolean[]; error?: string } {
    const tokens: string[] = [];
    const quoted: boolean[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === ' ' || c === '\t') {
            i++;
            continue;
        }
        if (c === '"') {
            let value = '';
            let j = i + 1;
            let closed = false;
            while (j < text.length) {
                if (text[j] === '\\' && text[j + 1] === '"') {
                    value += '"';
                    j += 2;
                    continue;
                }
                if (text[j] === '"') {
                    closed = true;
                    break;
                }
                value += text[j];
                j++;
            }
            if (!closed) return { tokens, quoted, error: 'This string is never closed (the closing `"` is missing).' };
            tokens.push(value);
            quoted.push(true);
            i = j + 1;
            continue;
        }
        let j = i;
        while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
        tokens.push(text.slice(i, j));
        quoted.push(false);
        i = j;
    }
    return { tokens, quoted };
}

/** Reads a Structurizr workspace (its first file; `!include` through `load`). */
export function readStructurizr(file: SourceFile, load?: IncludeLoader): ImportedModel {
    return new StructurizrReader(load).read(file);
}

class StructurizrReader {
    private readonly problems: ImportProblem[] = [];
    private readonly notes = new Set<string>();
    private readonly constants = new Map<string, string>();
    private readonly roots: ImportedElement[] = [];
    private readonly ids = new Map<string, ImportedElement>();
    private readonly relationships: PendingRelationship[] = [];
    private readonly views: PendingView[] = [];
    private readonly flows: PendingFlow[] = [];
    private readonly shapes = new Map<string, string>();
    private readonly dashedTags = new Set<string>();
    private readonly stack: Context[] = [{ type: 'root' }];
    private readonly files: string[] = [];
    private hierarchical = false;
    private name: string | undefined;
    private generated = 0;
    private includeDepth = 0;

    constructor(private readonly load: IncludeLoader | undefined) {}

    read(file: SourceFile): ImportedModel {
        this.readFile(file);
        if (this.stack.length > 1) {
            this.problems.push({ file: file.file, line: file.text.split('\n').length, message: `${this.stack.length - 1} block${this.stack.length === 2 ? ' is' : 's are'} never closed (a \`}\` is missing).` });
        }
        return this.finish();
    }

    private readFile(file: SourceFile): void {
        this.files.push(file.file);
        for (const line of this.lines(file)) this.statement(line);
    }

    /** The file's statements: comments dropped, `\` continuations joined, constants substituted. */
    private *lines(file: SourceFile): Generator<Line> {
        const raw = file.text.replace(/^\ufeff/, '').split(/\r?\n/);
        let inComment = false;
        for (let i = 0; i < raw.length; i++) {
            let text = raw[i];
            const lineNumber = i + 1;
            const trimmed = text.trim();
            if (inComment) {
                if (trimmed.endsWith('*/')) inComment = false;
                continue;
            }
            if (trimmed.startsWith('/*')) {
                if (!trimmed.endsWith('*/') || trimmed === '/*') inComment = true;
                continue;
            }
            if (trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('#')) continue;
            while (text.trimEnd().endsWith('\\') && i + 1 < raw.length) {
                text = text.trimEnd().slice(0, -1) + ' ' + raw[++i].trim();
            }
            text = text.replace(/\$\{([a-zA-Z0-9-_.]+?)\}/g, (whole, name: string) => this.constants.get(name) ?? whole);
            const { tokens, quoted, error } = tokenizeLine(text.trim());
            if (error) {
                this.problems.push({ file: file.file, line: lineNumber, message: error });
                continue;
            }
            // A line continuation (`\`) followed by nothing leaves no statement.
            if (tokens.length === 0) continue;
            yield { tokens, quoted, position: { file: file.file, line: lineNumber } };
        }
    }

    private get context(): Context {
        return this.stack[this.stack.length - 1];
    }

    private problem(line: Line, message: string): void {
        this.problems.push({ ...line.position, message });
    }

    /** True when the line ends with an unquoted `{`. */
    private opens(line: Line): boolean {
        return line.tokens.length > 0 && line.tokens[line.tokens.length - 1] === '{' && !line.quoted[line.quoted.length - 1];
    }

    /** The line's tokens without a trailing `{`. */
    private args(line: Line): string[] {
        return this.opens(line) ? line.tokens.slice(0, -1) : line.tokens;
    }

    private statement(line: Line): void {
        const first = line.tokens[0];
        if (first === '}' && !line.quoted[0]) {
            if (this.stack.length <= 1) this.problem(line, 'This `}` closes nothing.');
            else this.stack.pop();
            return;
        }
        const context = this.context;
        if (context.type === 'skip') {
            if (this.opens(line)) this.stack.push({ type: 'skip' });
            return;
        }
        const lower = first.toLowerCase();
        if (lower === '!include') return this.include(line);
        if (lower === '!const' || lower === '!constant' || lower === '!var') {
            if (line.tokens.length >= 3) this.constants.set(line.tokens[1], line.tokens[2]);
            return;
        }
        if (lower === '!identifiers') {
            this.hierarchical = line.tokens[1]?.toLowerCase() === 'hierarchical';
            return;
        }
        if (lower.startsWith('!')) {
            if (['!docs', '!adrs', '!script', '!plugin', '!impliedrelationships', '!decisions'].includes(lower)) {
                this.notes.add(`${first} is not imported.`);
                if (this.opens(line)) this.stack.push({ type: 'skip' });
                return;
            }
            if (lower !== '!ref' && lower !== '!extend' && lower !== '!element') {
                this.problem(line, `Unknown directive '${first}'.`);
                if (this.opens(line)) this.stack.push({ type: 'skip' });
                return;
            }
        }
        switch (context.type) {
            case 'root': return this.rootStatement(line);
            case 'workspace': return this.workspaceStatement(line);
            case 'model': return this.modelStatement(line, undefined);
            case 'group': return this.modelStatement(line, context.owner, context.element);
            case 'element': return this.elementStatement(line, context.element);
            case 'properties': return;
            case 'element-properties':
                if (line.tokens.length >= 2) context.element.metadata.push([line.tokens[0], line.tokens.slice(1).join(' ')]);
                return;
            case 'relationship': return this.relationshipBody(line);
            case 'views': return this.viewsStatement(line);
            case 'view': return this.viewStatement(line, context.view);
            case 'dynamic':
            case 'parallel': return this.dynamicStatement(line);
            case 'styles': return this.stylesStatement(line);
            case 'style': return this.styleStatement(line, context);
        }
    }

    private include(line: Line): void {
        const target = line.tokens[1];
        if (!target) return this.problem(line, '`!include` names no file.');
        if (/^https?:/i.test(target)) {
            this.problem(line, `'${target}' is not fetched: only local files are included.`);
            return;
        }
        if (this.includeDepth >= 8) return this.problem(line, `'${target}' is included too deep (more than 8 levels).`);
        const file = this.load?.(target, line.position.file);
        if (!file) return this.problem(line, `Cannot read the included file '${target}'.`);
        this.includeDepth++;
        this.readFile(file);
        this.includeDepth--;
    }

    private rootStatement(line: Line): void {
        if (line.tokens[0].toLowerCase() !== 'workspace') {
            this.problem(line, `Expected 'workspace', found '${line.tokens[0]}'.`);
            if (this.opens(line)) this.stack.push({ type: 'skip' });
            return;
        }
        const args = this.args(line);
        if (args[1]?.toLowerCase() === 'extends') this.notes.add(`The extended workspace '${args[2] ?? ''}' is not read; only this file's own model is imported.`);
        else if (args[1] !== undefined) this.name = args[1];
        this.stack.push({ type: 'workspace' });
    }

    private workspaceStatement(line: Line): void {
        const lower = line.tokens[0].toLowerCase();
        if (lower === 'name' && line.tokens[1] !== undefined) {
            this.name = line.tokens[1];
            return;
        }
        if (lower === 'model' && this.opens(line)) return void this.stack.push({ type: 'model' });
        if (lower === 'views' && this.opens(line)) return void this.stack.push({ type: 'views' });
        if (lower === 'description') return;
        if (this.opens(line)) this.stack.push({ type: 'skip' }); // configuration, properties, …
    }

    /** An element key for an identifier (or a generated one for anonymous elements). */
    private register(identifier: string | undefined, parent: ImportedElement | undefined, name: string): { key: string; id: string } {
        if (!identifier) {
            this.generated++;
            return { key: `#${this.generated}:${name}`, id: name };
        }
        const key = this.hierarchical && parent && !parent.isGroup ? `${parent.key}.${identifier}` : identifier;
        return { key, id: identifier };
    }

    /** A statement in the model, in a group, or (with `owner`) in an element's body. */
    private modelStatement(line: Line, owner: ImportedElement | undefined, group?: ImportedElement): void {
        let tokens = this.args(line);
        let identifier: string | undefined;
        if (tokens.length > 2 && tokens[1] === '=') {
            identifier = tokens[0];
            tokens = tokens.slice(2);
        }
        const keyword = tokens[0]?.toLowerCase();
        const parent = group ?? owner;
        if (tokens.length >= 2 && tokens[1] === '->') return this.relationship(line, tokens[0], tokens.slice(2), owner);
        if (keyword === '->' && owner) return this.relationship(line, 'this', tokens.slice(1), owner);
        if ((keyword === 'group' || keyword === 'enterprise') && tokens[1] !== undefined) {
            const { key } = this.register(undefined, parent, tokens[1]);
            const element = newElement({ key, name: camelCase(tokens[1]), title: tokens[1], sourceKind: keyword, isGroup: true, position: line.position });
            this.add(element, parent);
            if (this.opens(line)) this.stack.push({ type: 'group', element, owner });
            return;
        }
        if (keyword === 'deploymentenvironment') {
            this.notes.add('Structurizr deployment environments are not imported (Archway models the logical topology).');
            if (this.opens(line)) this.stack.push({ type: 'skip' });
            return;
        }
        if (keyword === 'properties' || keyword === 'perspectives' || keyword === 'archetypes' || keyword === '!docs') {
            if (this.opens(line)) this.stack.push({ type: 'skip' });
            return;
        }
        if ((keyword === '!ref' || keyword === '!extend' || keyword === '!element') && tokens[1]) {
            const element = this.find(tokens[1], owner);
            if (!element) {
                this.problem(line, `Cannot find the element '${tokens[1]}'.`);
                if (this.opens(line)) this.stack.push({ type: 'skip' });
                return;
            }
            if (this.opens(line)) this.stack.push({ type: 'element', element });
            return;
        }
        const sourceKind = ELEMENT_KEYWORDS[keyword ?? ''];
        if (sourceKind && tokens[1] !== undefined) {
            if (owner && !allowedChild(owner.sourceKind, sourceKind)) {
                this.problem(line, `A ${sourceKind} cannot be declared inside a ${owner.sourceKind}.`);
            }
            const name = tokens[1];
            const { key } = this.register(identifier, owner, name);
            const element = newElement({ key, name: identifier ?? name, title: name, sourceKind, position: line.position });
            if (sourceKind === 'element') {
                // element <name> [metadata] [description] [tags]
                element.technology = tokens[2];
                element.description = tokens[3];
                element.tags = splitTags(tokens[4]);
            } else if (sourceKind === 'person' || sourceKind === 'softwareSystem') {
                element.description = tokens[2];
                element.tags = splitTags(tokens[3]);
            } else {
                element.description = tokens[2];
                element.technology = tokens[3];
                element.tags = splitTags(tokens[4]);
            }
            element.external = element.tags.some(isExternalTag);
            if (this.ids.has(key)) this.problem(line, `The identifier '${key}' is already used.`);
            this.ids.set(key, element);
            this.add(element, parent);
            if (this.opens(line)) this.stack.push({ type: 'element', element });
            return;
        }
        this.problem(line, `Cannot read '${line.tokens.join(' ')}' here.`);
        if (this.opens(line)) this.stack.push({ type: 'skip' });
    }

    private add(element: ImportedElement, parent: ImportedElement | undefined): void {
        if (parent) parent.children.push(element);
        else this.roots.push(element);
    }

    private elementStatement(line: Line, element: ImportedElement): void {
        const tokens = this.args(line);
        const lower = tokens[0].toLowerCase();
        switch (lower) {
            case 'description': element.description = tokens[1]; return;
            case 'technology': element.technology = tokens[1]; return;
            case 'tags':
                element.tags.push(...tokens.slice(1).flatMap(splitTags));
                element.external ||= element.tags.some(isExternalTag);
                return;
            case 'url': if (tokens[1]) element.metadata.push(['url', tokens[1]]); return;
            case 'location': if (tokens[1]?.toLowerCase() === 'external') element.external = true; return;
            case 'properties':
                if (this.opens(line)) this.stack.push({ type: 'element-properties', element });
                return;
            default:
                this.modelStatement(line, element);
        }
    }

    private relationship(line: Line, source: string, rest: string[], context: ImportedElement | undefined): void {
        const [target, description, technology, tags] = rest;
        if (!target) {
            this.problem(line, 'This relationship names no destination.');
            return;
        }
        this.relationships.push({
            source, target, context, title: description, technology, tags: splitTags(tags), position: line.position,
        });
        if (this.opens(line)) this.stack.push({ type: 'relationship' });
    }

    private relationshipBody(line: Line): void {
        const relation = this.relationships[this.relationships.length - 1];
        const tokens = this.args(line);
        const lower = tokens[0].toLowerCase();
        if (lower === 'tags') relation.tags.push(...tokens.slice(1).flatMap(splitTags));
        else if (lower === 'description') relation.title = tokens[1];
        else if (lower === 'technology') relation.technology = tokens[1];
        if (this.opens(line)) this.stack.push({ type: 'skip' });
    }

    // ------------------------------------------------------------ views

    private viewsStatement(line: Line): void {
        const tokens = this.args(line);
        const lower = tokens[0].toLowerCase();
        const open = (): void => {
            if (!this.opens(line)) this.problem(line, 'A view needs a `{` block.');
        };
        switch (lower) {
            case 'systemlandscape':
                open();
                return this.startView(line, 'systemLandscape', undefined, tokens[1], tokens[2]);
            case 'systemcontext':
            case 'container':
            case 'component':
                open();
                if (!tokens[1]) return this.problem(line, `The ${tokens[0]} view names no element.`);
                return this.startView(line, tokens[0], tokens[1], tokens[2], tokens[3]);
            case 'dynamic': {
                open();
                const flow: PendingFlow = { key: tokens[2] ?? `dynamic${this.flows.length + 1}`, title: tokens[3], steps: [], position: line.position };
                this.flows.push(flow);
                this.stack.push({ type: 'dynamic', flow });
                return;
            }
            case 'styles':
                if (this.opens(line)) this.stack.push({ type: 'styles' });
                return;
            case 'deployment':
                this.notes.add('Structurizr deployment views are not imported.');
                break;
            case 'filtered': case 'custom': case 'image':
                this.notes.add(`Structurizr ${tokens[0]} views are not imported.`);
                break;
            default:
                break;
        }
        if (this.opens(line)) this.stack.push({ type: 'skip' });
    }

    private startView(line: Line, kind: string, scope: string | undefined, key: string | undefined, title: string | undefined): void {
        const view: PendingView = {
            key: key ?? `${kind}${scope ? `-${scope}` : ''}`, title, scope, kind, includeAll: false, includes: [], excludes: [],
            direction: undefined, notes: [], position: line.position,
        };
        this.views.push(view);
        this.stack.push({ type: 'view', view });
    }

    private viewStatement(line: Line, view: PendingView): void {
        const tokens = this.args(line);
        const lower = tokens[0].toLowerCase();
        switch (lower) {
            case 'include':
            case 'exclude':
                for (const token of tokens.slice(1)) {
                    if (token === '*') {
                        if (lower === 'include') view.includeAll = true;
                    } else if (/^[\w.-]+$/.test(token)) (lower === 'include' ? view.includes : view.excludes).push({ id: token, position: line.position });
                    else view.notes.push(`the expression \`${token}\` is not carried over`);
                }
                return;
            case 'autolayout':
                view.direction = AUTO_LAYOUT[(tokens[1] ?? 'tb').toLowerCase()];
                return;
            case 'title': view.title = tokens[1]; return;
            default:
                if (this.opens(line)) this.stack.push({ type: 'skip' });
        }
    }

    private dynamicStatement(line: Line): void {
        const context = this.stack.find((c): c is { type: 'dynamic'; flow: PendingFlow } => c.type === 'dynamic')!;
        let tokens = this.args(line);
        if (tokens.length === 0 && this.opens(line)) return void this.stack.push({ type: 'parallel' });
        if (/^\d+:?$/.test(tokens[0])) tokens = tokens.slice(1);
        const lower = tokens[0]?.toLowerCase();
        if (lower === 'title') {
            context.flow.title = tokens[1];
            return;
        }
        if (tokens.length >= 3 && tokens[1] === '->') {
            context.flow.steps.push({ source: tokens[0], target: tokens[2], title: tokens[3], position: line.position });
            if (this.opens(line)) this.stack.push({ type: 'skip' });
            return;
        }
        if (tokens.length > 4 && tokens[1] === '=' && tokens[3] === '->') {
            context.flow.steps.push({ source: tokens[2], target: tokens[4], title: tokens[5], position: line.position });
            return;
        }
        if (this.opens(line)) this.stack.push({ type: 'skip' });
    }

    private stylesStatement(line: Line): void {
        const tokens = this.args(line);
        const lower = tokens[0].toLowerCase();
        if ((lower === 'element' || lower === 'relationship') && tokens[1] !== undefined && this.opens(line)) {
            this.stack.push({ type: 'style', tag: tokens[1], relationship: lower === 'relationship' });
            return;
        }
        if (this.opens(line)) this.stack.push({ type: 'skip' });
    }

    private styleStatement(line: Line, style: { tag: string; relationship: boolean }): void {
        const tokens = this.args(line);
        const lower = tokens[0].toLowerCase();
        if (!style.relationship && lower === 'shape' && tokens[1]) this.shapes.set(style.tag.toLowerCase(), tokens[1]);
        if (style.relationship && ((lower === 'dashed' && tokens[1]?.toLowerCase() !== 'false') || (lower === 'style' && /dashed|dotted/i.test(tokens[1] ?? '')))) {
            this.dashedTags.add(style.tag.toLowerCase());
        }
        if (this.opens(line)) this.stack.push({ type: 'skip' });
    }

    // ------------------------------------------------------------ resolution

    /** The element an identifier names, seen from an element (hierarchical identifiers). */
    private find(identifier: string, context: ImportedElement | undefined): ImportedElement | undefined {
        const direct = this.ids.get(identifier);
        if (direct) return direct;
        if (this.hierarchical) {
            for (let scope = context?.key; scope; scope = scope.includes('.') ? scope.slice(0, scope.lastIndexOf('.')) : undefined) {
                const found = this.ids.get(`${scope}.${identifier}`);
                if (found) return found;
            }
        }
        // Identifiers are case-insensitive in Structurizr.
        const lower = identifier.toLowerCase();
        for (const [key, element] of this.ids) if (key.toLowerCase() === lower) return element;
        return undefined;
    }

    private finish(): ImportedModel {
        const all = allElements(this.roots);
        for (const element of all) {
            const typeTag = element.sourceKind === 'softwareSystem' ? 'software system' : element.sourceKind;
            for (const tag of [...element.tags, typeTag]) {
                const shape = this.shapes.get(tag.toLowerCase());
                if (shape && element.shape === undefined) element.shape = shape;
            }
        }
        const relationships = this.relationships.flatMap(relation => {
            const source = relation.source === 'this' ? relation.context : this.find(relation.source, relation.context);
            const target = relation.target === 'this' ? relation.context : this.find(relation.target, relation.context);
            if (!source || !target) {
                this.problems.push({ ...relation.position, message: `Cannot find the element '${!source ? relation.source : relation.target}'.` });
                return [];
            }
            return [{
                source: source.key, target: target.key, title: relation.title, technology: relation.technology, description: undefined,
                tags: relation.tags, kind: undefined, dashed: relation.tags.some(tag => this.dashedTags.has(tag.toLowerCase())), position: relation.position,
            }];
        });
        const byKey = new Map(all.map(element => [element.key, element]));
        const views: ImportedView[] = this.views.map(view => this.view(view, relationships, byKey));
        const flows: ImportedFlow[] = this.flows.map(flow => ({
            key: flow.key, title: flow.title, position: flow.position,
            steps: flow.steps.flatMap(step => {
                const source = this.find(step.source, undefined);
                const target = this.find(step.target, undefined);
                if (!source || !target) {
                    this.problems.push({ ...step.position, message: `Cannot find the element '${!source ? step.source : step.target}'.` });
                    return [];
                }
                return [{ source: source.key, target: target.key, title: step.title, position: step.position }];
            }),
        }));
        return {
            tool: 'Structurizr', files: this.files, name: this.name, elements: this.roots, relationships, views, flows,
            notes: [...this.notes], problems: this.problems,
        };
    }

    /** A static view: `include *` in a scoped view is the scope and what connects to it. */
    private view(view: PendingView, relationships: { source: string; target: string }[], byKey: Map<string, ImportedElement>): ImportedView {
        const resolve = (ids: { id: string; position: SourcePosition }[]): string[] => ids.flatMap(({ id, position }) => {
            const element = this.find(id, undefined);
            if (!element) {
                this.problems.push({ ...position, message: `Cannot find the element '${id}' (in the view '${view.key}').` });
                return [];
            }
            return [element.key];
        });
        const includes = resolve(view.includes);
        const collapse: string[] = [];
        let includeAll = false;
        if (view.includeAll) {
            const scope = view.scope === undefined ? undefined : this.find(view.scope, undefined);
            if (view.scope !== undefined && !scope) this.problems.push({ ...view.position, message: `Cannot find the element '${view.scope}' the view '${view.key}' is about.` });
            if (!scope) includeAll = true;
            else {
                const inside = new Set(allElements([scope]).map(element => element.key));
                includes.push(scope.key);
                // A system context shows the system as one box.
                if (view.kind.toLowerCase() === 'systemcontext') collapse.push(scope.key);
                for (const relation of relationships) {
                    if (inside.has(relation.source) && !inside.has(relation.target)) includes.push(relation.target);
                    if (inside.has(relation.target) && !inside.has(relation.source)) includes.push(relation.source);
                }
            }
        }
        void byKey;
        return {
            key: view.key, title: view.title, includeAll, includes: [...new Set(includes)], excludes: resolve(view.excludes),
            collapse, direction: view.direction, notes: view.notes, position: view.position,
        };
    }
}

/** Which elements may hold which, as in Structurizr. */
function allowedChild(parent: string, child: string): boolean {
    if (parent === 'softwareSystem') return child === 'container';
    if (parent === 'container') return child === 'component';
    return false;
}

/** `Acme Health` → `acmeHealth`: an id for something that has only a name. */
function camelCase(text: string): string {
    const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
    return words.map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join('') || text;
}

function splitTags(tags: string | undefined): string[] {
    return (tags ?? '').split(',').map(tag => tag.trim()).filter(tag => tag.length > 0);
}

function isExternalTag(tag: string): boolean {
    return /^(external|existing system|external system|3rd party|third party)$/i.test(tag);
}
