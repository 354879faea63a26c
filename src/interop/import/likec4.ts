/**
 * Reads LikeC4 models (`.c4` files; all files together form one model, as in a LikeC4
 * workspace): the specification (element kinds with their shapes and technologies, dashed
 * relationship kinds), elements in both declaration forms (`name = kind 'title'` and
 * `kind name 'title'`) with titles, descriptions, technologies, tags, metadata, links and
 * nested elements, `extend` blocks, relationships (`->`, `-[kind]->`, `<->`, sourceless inside
 * an element), views (`view x of y` with include/exclude predicates and autoLayout) and
 * dynamic views. Deployment models, styles and globals are skipped with a note.
 *
 * Names resolve as LikeC4 resolves them: through the enclosing elements, then the top level,
 * then any element with that unique name. A statement that cannot be read is reported with its
 * file, line and column, and reading goes on with the next statement.
 */
import type { Direction } from '../../model/arch-model.js';
import { newElement, type ImportedElement, type ImportedFlow, type ImportedModel, type ImportedRelationship, type ImportedView, type ImportProblem, type SourcePosition } from './imported-model.js';
import { restOfLine, tokenizeLikeC4, type Token } from './likec4-lexer.js';

/** An input file. */
export interface SourceFile {
    file: string;
    text: string;
}

const AUTO_LAYOUT: Record<string, Direction> = { TopBottom: 'down', BottomTop: 'up', LeftRight: 'right', RightLeft: 'left' };
const ELEMENT_PROPERTIES = new Set(['title', 'description', 'technology', 'summary', 'notes', 'link', 'icon', 'metadata', 'style', 'notation']);

/** A reference written in the source, resolved once every file is read. */
interface PendingRef {
    path: string[];
    /** FQN of the element the reference is written in ('' at the top level). */
    scope: string;
    position: SourcePosition;
}

interface PendingRelationship {
    source: PendingRef;
    target: PendingRef;
    title: string | undefined;
    technology: string | undefined;
    description: string | undefined;
    tags: string[];
    kind: string | undefined;
    dashed: boolean;
    position: SourcePosition;
}

interface PendingView {
    key: string;
    title: string | undefined;
    of: PendingRef | undefined;
    includeAll: boolean;
    includes: PendingRef[];
    excludes: PendingRef[];
    direction: Direction | undefined;
    notes: string[];
    position: SourcePosition;
}

interface PendingFlow {
    key: string;
    title: string | undefined;
    steps: { source: PendingRef; target: PendingRef; title: string | undefined; position: SourcePosition }[];
    position: SourcePosition;
}

/** Reads LikeC4 files into an imported model. */
export function readLikeC4(files: readonly SourceFile[]): ImportedModel {
    const reader = new LikeC4Reader();
    for (const source of files) reader.read(source);
    return reader.finish(files.map(f => f.file));
}

class LikeC4Reader {
    readonly problems: ImportProblem[] = [];
    readonly notes = new Set<string>();
    /** Element kinds from specifications: shape and default technology. */
    readonly kinds = new Map<string, { shape: string | undefined; technology: string | undefined }>();
    readonly dashedKinds = new Set<string>();
    readonly roots: ImportedElement[] = [];
    readonly byFqn = new Map<string, ImportedElement>();
    readonly relationships: PendingRelationship[] = [];
    readonly extensions: { ref: PendingRef; apply: (element: ImportedElement) => void }[] = [];
    readonly views: PendingView[] = [];
    readonly flows: PendingFlow[] = [];

    private tokens: Token[] = [];
    private pos = 0;
    /** How many `block()`s are open (0 at the top level). */
    private depth = 0;
    private file = '';
    private text = '';

    read(source: SourceFile): void {
        this.file = source.file;
        this.text = source.text;
        this.tokens = tokenizeLikeC4(source.text, source.file, this.problems);
        this.pos = 0;
        // Specifications first (kinds decide how `kind name` reads), then the rest in order.
        const blocks: { name: string; start: number }[] = [];
        while (this.peek().type !== 'eof') {
            const token = this.peek();
            if (token.type === 'id' && this.peek(1).value === '{') {
                blocks.push({ name: token.value, start: this.pos });
                this.pos += 1;
                this.skipBlock(true); // reported when the block is read
            } else if (token.type === 'id' && token.value === 'import') {
                this.note('LikeC4 `import` statements (elements of other projects) are not followed.');
                this.skipStatement();
            } else {
                this.problem(token, `Expected 'specification', 'model', 'views', 'deployment' or 'global' at the top level, not ${describe(token)}.`);
                this.skipStatement();
            }
        }
        const ordered = [...blocks.filter(b => b.name === 'specification'), ...blocks.filter(b => b.name !== 'specification')];
        for (const block of ordered) {
            this.pos = block.start + 1;
            switch (block.name) {
                case 'specification': this.block(() => this.specificationStatement()); break;
                case 'model': this.block(() => this.modelStatement('', undefined)); break;
                case 'views': this.block(() => this.viewsStatement()); break;
                case 'deployment': this.note('LikeC4 deployment models are not imported (Archway models the logical topology).'); break;
                case 'global': this.note('LikeC4 global styles and predicates are not imported.'); break;
                default: this.problem(this.tokens[block.start], `Unknown top-level block '${block.name}'.`);
            }
        }
    }

    // ------------------------------------------------------------ token helpers

    private peek(offset = 0): Token {
        return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
    }

    private next(): Token {
        const token = this.peek();
        if (token.type !== 'eof') this.pos++;
        return token;
    }

    private at(value: string, offset = 0): boolean {
        const token = this.peek(offset);
        return (token.type === 'punct' || token.type === 'arrow' || token.type === 'id') && token.value === value;
    }

    private position(token: Token): SourcePosition {
        return { file: this.file, line: token.line, column: token.column };
    }

    private problem(token: Token, message: string): void {
        this.problems.push({ file: this.file, line: token.line, column: token.column, message });
    }

    private note(text: string): void {
        this.notes.add(text);
    }

    /** Skips a `{ … }` block starting at the current `{` (nested blocks included). */
    private skipBlock(quiet = false): void {
        if (!this.at('{')) return;
        const open = this.next();
        let depth = 1;
        while (depth > 0) {
            const token = this.next();
            if (token.type === 'eof') {
                if (!quiet) this.problem(open, 'This block is never closed (`}` is missing).');
                return;
            }
            if (token.value === '{' && token.type === 'punct') depth++;
            else if (token.value === '}' && token.type === 'punct') depth--;
        }
    }

    /**
     * Skips to the end of the current statement: the next line, past any block it opens; stops
     * before a `}` that closes the enclosing block. Always moves on by at least one token,
     * except at such a `}` inside a block (the caller closes the block there).
     */
    private skipStatement(): void {
        const start = this.pos;
        while (this.peek().type !== 'eof') {
            const token = this.peek();
            if (this.pos > start && (token.newline || token.value === '}') && token.type !== 'string') return;
            if (token.type === 'punct' && token.value === '{') {
                this.skipBlock();
                continue;
            }
            if (token.type === 'punct' && token.value === '}') {
                if (this.pos === start && this.depth === 0) this.next(); // a stray `}` at the top level
                return;
            }
            this.next();
        }
    }

    /** Reads `{ statements }`, each by `statement` (which returns false for what it does not know). */
    private block(statement: () => boolean): void {
        if (!this.at('{')) {
            this.problem(this.peek(), `Expected '{', found ${describe(this.peek())}.`);
            this.skipStatement();
            return;
        }
        const open = this.next();
        this.depth++;
        try {
            this.blockBody(open, statement);
        } finally {
            this.depth--;
        }
    }

    private blockBody(open: Token, statement: () => boolean): void {
        while (!this.at('}')) {
            if (this.peek().type === 'eof') {
                this.problem(open, 'This block is never closed (`}` is missing).');
                return;
            }
            if (this.at(';') || this.at(',')) {
                this.next();
                continue;
            }
            const before = this.pos;
            if (!statement()) {
                const token = this.peek();
                this.problem(token, `Cannot read ${describe(token)} here.`);
                this.skipStatement();
            }
            if (this.pos === before && !this.at('}')) this.next(); // never loop on the same token
        }
        this.next();
    }

    /** An optional `:` then a string, after the property word `name` (just read). */
    private stringValue(name?: Token): string | undefined {
        if (this.at(':')) this.next();
        if (this.peek().type === 'string') return this.next().value;
        const at = name && this.peek().newline ? name : this.peek();
        this.problem(at, name ? `'${name.value}' needs a string value, found ${describe(this.peek())}.` : `Expected a string, found ${describe(this.peek())}.`);
        if (!this.peek().newline) this.skipStatement();
        return undefined;
    }

    /** `a.b.c` (identifiers separated by dots), or undefined when the current token is no identifier. */
    private fqn(): string[] | undefined {
        if (this.peek().type !== 'id') return undefined;
        const path = [this.next().value];
        while (this.at('.') && this.peek(1).type === 'id' && !this.peek(1).newline) {
            this.next();
            path.push(this.next().value);
        }
        return path;
    }

    // ------------------------------------------------------------ specification

    private specificationStatement(): boolean {
        const token = this.peek();
        if (token.type !== 'id') return false;
        if (token.value === 'element' && this.peek(1).type === 'id') {
            this.next();
            const kind = this.next().value;
            const spec = { shape: undefined as string | undefined, technology: undefined as string | undefined };
            this.kinds.set(kind, spec);
            if (this.at('{')) {
                this.block(() => {
                    if (this.at('style')) {
                        this.next();
                        spec.shape = this.styleShape() ?? spec.shape;
                        return true;
                    }
                    if (this.at('technology')) {
                        this.next();
                        spec.technology = this.stringValue();
                        return true;
                    }
                    this.skipStatement();
                    return true;
                });
            }
            return true;
        }
        if (token.value === 'relationship' && this.peek(1).type === 'id') {
            this.next();
            const kind = this.next().value;
            if (this.at('{')) {
                const start = this.pos;
                this.skipBlock();
                const body = this.tokens.slice(start, this.pos);
                if (body.some((t, i) => t.value === 'line' && (body[i + 1]?.value === 'dashed' || body[i + 2]?.value === 'dashed' || body[i + 1]?.value === 'dotted' || body[i + 2]?.value === 'dotted'))) this.dashedKinds.add(kind);
            }
            return true;
        }
        // tags, colors, deployment node kinds: nothing Archway uses.
        this.skipStatement();
        return true;
    }

    /** Reads a `style { … }` block; returns its `shape`, if any. */
    private styleShape(): string | undefined {
        let shape: string | undefined;
        if (!this.at('{')) return undefined;
        this.block(() => {
            if (this.at('shape')) {
                this.next();
                if (this.at(':')) this.next();
                if (this.peek().type === 'id') shape = this.next().value;
                return true;
            }
            this.skipStatement();
            return true;
        });
        return shape;
    }

    // ------------------------------------------------------------ model

    /** A statement in `model { }` (scope '') or in an element's body (scope: its FQN). */
    private modelStatement(scope: string, element: ImportedElement | undefined): boolean {
        const token = this.peek();
        // Tags: `#a #b`.
        if (token.type === 'punct' && token.value === '#') {
            while (this.at('#') && this.peek(1).type === 'id') {
                this.next();
                const tag = this.next().value;
                if (element) element.tags.push(tag);
            }
            return true;
        }
        // Sourceless relationship inside an element: `-> target`.
        if (token.type === 'arrow' && element) return this.relationship({ path: [], scope, position: this.position(token) }, scope);
        if (token.type !== 'id') return false;

        if (element && ELEMENT_PROPERTIES.has(token.value) && !this.isRelationshipAhead() && !(this.at('=', 1))) {
            this.elementProperty(element);
            return true;
        }
        if (token.value === 'extend' && !element && this.peek(1).type === 'id') {
            this.next();
            const path = this.fqn()!;
            const ref: PendingRef = { path, scope: '', position: this.position(token) };
            // The body is read into a stand-in and merged into the element once names resolve.
            const standIn = newElement({ key: `extend:${path.join('.')}:${token.line}`, name: path[path.length - 1], sourceKind: 'extend', position: this.position(token) });
            this.block(() => this.modelStatement(path.join('.'), standIn));
            this.extensions.push({
                ref, apply: (target) => {
                    target.tags.push(...standIn.tags);
                    target.metadata.push(...standIn.metadata);
                    target.description ??= standIn.description;
                    target.technology ??= standIn.technology;
                    for (const child of standIn.children) this.adopt(target, child);
                },
            });
            return true;
        }
        // `name = kind …`
        if (this.at('=', 1) && this.peek(2).type === 'id') return this.elementDeclaration(scope, element, this.next(), (this.next(), this.next()));
        // `kind name …` (kind known from a specification, or any word followed by a name and no arrow).
        if (this.peek(1).type === 'id' && !this.peek(1).newline && !this.at('.', 2) && this.peek(2).type !== 'arrow'
            && (this.kinds.has(token.value) || this.peek(2).type === 'string' || this.at('{', 2) || this.peek(2).newline)) {
            const kind = this.next();
            return this.elementDeclaration(scope, element, this.next(), kind);
        }
        // `source -> target`, `this -> target`, `it -> target`.
        if (this.isRelationshipAhead()) {
            const start = this.peek();
            const path = this.fqn()!;
            const self = path.length === 1 && (path[0] === 'this' || path[0] === 'it');
            return this.relationship({ path: self ? [] : path, scope, position: this.position(start) }, scope);
        }
        return false;
    }

    /** True when the tokens ahead are `fqn arrow`. */
    private isRelationshipAhead(): boolean {
        let i = 0;
        if (this.peek(i).type !== 'id') return false;
        i++;
        while (this.peek(i).value === '.' && this.peek(i + 1).type === 'id') i += 2;
        return this.peek(i).type === 'arrow';
    }

    private elementDeclaration(scope: string, parent: ImportedElement | undefined, name: Token, kind: Token): boolean {
        const fqn = scope ? `${scope}.${name.value}` : name.value;
        const spec = this.kinds.get(kind.value);
        if (!spec && this.kinds.size > 0) this.problem(kind, `Unknown element kind '${kind.value}' (not in the specification); read as written.`);
        const element = newElement({
            key: fqn, name: name.value, sourceKind: kind.value, position: this.position(name), shape: spec?.shape, technology: spec?.technology,
        });
        const strings: string[] = [];
        while (this.peek().type === 'string' && !this.peek().newline) strings.push(this.next().value);
        [element.title, element.description] = [strings[0], strings[1]];
        if (strings[2] !== undefined) element.technology = strings[2];
        if (this.byFqn.has(fqn)) this.problem(name, `'${fqn}' is declared twice; the second declaration is ignored.`);
        else {
            this.byFqn.set(fqn, element);
            if (parent) parent.children.push(element);
            else this.roots.push(element);
        }
        if (this.at('{')) this.block(() => this.modelStatement(fqn, element));
        return true;
    }

    /** Moves an element declared in an `extend` block under its real parent. */
    private adopt(parent: ImportedElement, child: ImportedElement): void {
        const rekey = (element: ImportedElement, prefix: string): void => {
            this.byFqn.delete(element.key);
            element.key = `${prefix}.${element.name}`;
            this.byFqn.set(element.key, element);
            for (const grandchild of element.children) rekey(grandchild, element.key);
        };
        rekey(child, parent.key);
        parent.children.push(child);
    }

    private elementProperty(element: ImportedElement): void {
        const token = this.next();
        const name = token.value;
        switch (name) {
            case 'title': element.title = this.stringValue(token) ?? element.title; return;
            case 'description':
            case 'summary': {
                const value = this.stringValue(token);
                if (name === 'description' || element.description === undefined) element.description = value ?? element.description;
                return;
            }
            case 'technology': element.technology = this.stringValue(token) ?? element.technology; return;
            case 'link': {
                const link = restOfLine(this.text, this.peek());
                if (link) element.metadata.push(['link', link]);
                this.skipStatement();
                return;
            }
            case 'metadata':
                this.metadata(element.metadata);
                return;
            case 'style':
                element.shape = this.styleShape() ?? element.shape;
                return;
            default:
                this.skipStatement();
        }
    }

    private metadata(into: [string, string][]): void {
        this.block(() => {
            if (this.peek().type !== 'id') return false;
            const key = this.next().value;
            if (this.at(':')) this.next();
            if (this.peek().type === 'string') into.push([key, this.next().value]);
            else if (this.at('[')) {
                this.next();
                const values: string[] = [];
                while (!this.at(']') && this.peek().type !== 'eof') {
                    const token = this.next();
                    if (token.type === 'string') values.push(token.value);
                }
                this.next();
                into.push([key, values.join(', ')]);
            } else {
                this.problem(this.peek(), `Expected a string value for metadata '${key}'.`);
                this.skipStatement();
            }
            return true;
        });
    }

    /** After the source: `-> target`, `-[kind]-> target`, `<-> target`, then title, description and technology strings and a body. */
    private relationship(source: PendingRef, scope: string): boolean {
        const arrow = this.next();
        let kind: string | undefined;
        let both = false;
        if (arrow.value === '-[') {
            if (this.peek().type === 'id') kind = this.next().value;
            if (!this.at(']->')) {
                this.problem(this.peek(), `Expected ']->' after the relationship kind, found ${describe(this.peek())}.`);
                this.skipStatement();
                return true;
            }
            this.next();
        } else if (arrow.value === '<->') both = true;
        else if (arrow.value !== '->') {
            this.problem(arrow, `Expected '->' here, found '${arrow.value}'.`);
            this.skipStatement();
            return true;
        }
        const targetToken = this.peek();
        if (targetToken.newline || targetToken.type !== 'id') {
            this.problem(targetToken.newline ? arrow : targetToken, `This relationship names no target${targetToken.newline ? ' on its line' : `; found ${describe(targetToken)}`}.`);
            if (!targetToken.newline) this.skipStatement();
            return true;
        }
        const targetPath = this.fqn()!;
        const target: PendingRef = { path: targetPath, scope, position: this.position(targetToken) };
        const strings: string[] = [];
        while (this.peek().type === 'string' && !this.peek().newline) strings.push(this.next().value);
        const relation: PendingRelationship = {
            source, target, title: strings[0], description: strings[1], technology: strings[2], tags: [], kind,
            dashed: false, position: source.position,
        };
        if (this.at('{')) {
            this.block(() => {
                const token = this.peek();
                if (token.value === '#' && token.type === 'punct') {
                    while (this.at('#') && this.peek(1).type === 'id') {
                        this.next();
                        relation.tags.push(this.next().value);
                    }
                    return true;
                }
                if (token.type !== 'id') return false;
                switch (token.value) {
                    case 'title': this.next(); relation.title = this.stringValue() ?? relation.title; return true;
                    case 'technology': this.next(); relation.technology = this.stringValue() ?? relation.technology; return true;
                    case 'description': case 'summary': this.next(); relation.description = this.stringValue() ?? relation.description; return true;
                    case 'kind': this.next(); if (this.at(':')) this.next(); relation.kind = this.next().value; return true;
                    case 'style': {
                        this.next();
                        const start = this.pos;
                        this.skipBlock();
                        if (this.tokens.slice(start, this.pos).some((t, i, all) => t.value === 'line' && /dashed|dotted/.test(all[i + 1]?.value + ' ' + all[i + 2]?.value))) relation.dashed = true;
                        return true;
                    }
                    default: this.skipStatement(); return true;
                }
            });
        }
        if (kind && this.dashedKinds.has(kind)) relation.dashed = true;
        this.relationships.push(relation);
        if (both) this.relationships.push({ ...relation, source: target, target: source });
        return true;
    }

    // ------------------------------------------------------------ views

    private viewsStatement(): boolean {
        const token = this.peek();
        if (token.type !== 'id') return false;
        if (token.value === 'view' && this.peek(1).type === 'id') {
            this.next();
            this.staticView(this.next());
            return true;
        }
        if (token.value === 'dynamic' && this.at('view', 1)) {
            this.next();
            this.next();
            const name = this.next();
            this.dynamicView(name);
            return true;
        }
        if (token.value === 'deployment' && this.at('view', 1)) {
            this.note('LikeC4 deployment views are not imported.');
            this.skipStatement();
            return true;
        }
        // styles, global, …
        this.skipStatement();
        return true;
    }

    private staticView(name: Token): void {
        const view: PendingView = {
            key: name.value, title: undefined, of: undefined, includeAll: false, includes: [], excludes: [], direction: undefined, notes: [], position: this.position(name),
        };
        if (this.at('of')) {
            this.next();
            const start = this.peek();
            const path = this.fqn();
            if (path) view.of = { path, scope: '', position: this.position(start) };
        }
        if (this.at('extends')) {
            this.next();
            this.fqn();
            view.notes.push('`extends` (the base view\'s rules are not carried over)');
        }
        this.block(() => this.viewStatement(view));
        this.views.push(view);
    }

    private viewStatement(view: PendingView): boolean {
        const token = this.peek();
        if (token.type !== 'id') return false;
        switch (token.value) {
            case 'title': this.next(); view.title = this.stringValue() ?? view.title; return true;
            case 'include':
            case 'exclude': {
                this.next();
                this.predicates(view, token.value === 'include');
                return true;
            }
            case 'autoLayout': {
                this.next();
                const direction = this.peek().type === 'id' ? AUTO_LAYOUT[this.peek().value] : undefined;
                if (direction) view.direction = direction;
                this.skipStatement();
                return true;
            }
            case 'group': {
                this.next();
                while (this.peek().type === 'string') this.next();
                this.block(() => this.viewStatement(view));
                return true;
            }
            default:
                // description, link, style, rank, navigateTo, global…
                this.skipStatement();
                return true;
        }
    }

    /** A comma-separated list of predicates after `include` / `exclude`. */
    private predicates(view: PendingView, include: boolean): void {
        for (;;) {
            const expression: Token[] = [];
            let depth = 0;
            while (this.peek().type !== 'eof') {
                const token = this.peek();
                if (depth === 0 && token.type === 'punct' && (token.value === ',' || token.value === '}')) break;
                if (depth === 0 && expression.length > 0 && token.newline && !isContinuation(expression[expression.length - 1])) break;
                if (token.type === 'punct' && token.value === '{') depth++;
                if (token.type === 'punct' && token.value === '}') depth--;
                expression.push(this.next());
            }
            if (expression.length > 0) this.predicate(view, include, expression);
            if (this.at(',')) {
                this.next();
                continue;
            }
            return;
        }
    }

    private predicate(view: PendingView, include: boolean, tokens: Token[]): void {
        const text = tokens.map(t => (t.type === 'string' ? JSON.stringify(t.value) : t.value)).join(' ');
        const withAt = tokens.findIndex(t => t.type === 'id' && (t.value === 'with' || t.value === 'where'));
        const core = withAt >= 0 ? tokens.slice(0, withAt) : tokens;
        if (withAt >= 0) view.notes.push(`\`${text}\`: conditions and per-element styles are not carried over`);
        if (core.length === 1 && core[0].value === '*') {
            if (include) {
                if (view.of) view.includes.push(view.of);
                else view.includeAll = true;
            }
            return;
        }
        const refs = plainRefs(core);
        if (core.some(t => t.type === 'arrow')) view.notes.push(`relationship predicate \`${text}\` shown by its ends`);
        for (const path of refs.paths) (include ? view.includes : view.excludes).push({ path, scope: '', position: this.position(core[0]) });
        if (refs.paths.length === 0 && !core.some(t => t.type === 'arrow')) view.notes.push(`predicate \`${text}\` not carried over`);
    }

    private dynamicView(name: Token): void {
        const flow: PendingFlow = { key: name.value, title: undefined, steps: [], position: this.position(name) };
        const step = (): boolean => {
            const token = this.peek();
            if (token.type !== 'id') return false;
            if (token.value === 'title') {
                this.next();
                flow.title = this.stringValue() ?? flow.title;
                return true;
            }
            if ((token.value === 'parallel' || token.value === 'par') && this.at('{', 1)) {
                this.next();
                this.block(step);
                return true;
            }
            if (this.isRelationshipAhead()) {
                const sourcePath = this.fqn()!;
                const arrow = this.next();
                const targetToken = this.peek();
                const targetPath = this.fqn();
                if (!targetPath || (arrow.value !== '->' && arrow.value !== '<-')) {
                    this.problem(targetToken, `Cannot read this step of the dynamic view '${name.value}'.`);
                    this.skipStatement();
                    return true;
                }
                const title = this.peek().type === 'string' && !this.peek().newline ? this.next().value : undefined;
                if (this.at('{')) this.skipBlock();
                const source: PendingRef = { path: sourcePath, scope: '', position: this.position(token) };
                const target: PendingRef = { path: targetPath, scope: '', position: this.position(targetToken) };
                flow.steps.push(arrow.value === '<-'
                    ? { source: target, target: source, title, position: this.position(token) }
                    : { source, target, title, position: this.position(token) });
                return true;
            }
            this.skipStatement();
            return true;
        };
        this.block(step);
        this.flows.push(flow);
    }

    // ------------------------------------------------------------ resolution

    /** The element a reference names, or undefined (reported) when none does. */
    private resolve(ref: PendingRef, quiet = false): ImportedElement | undefined {
        if (ref.path.length === 0) return this.byFqn.get(ref.scope);
        const [first, ...rest] = ref.path;
        let base: ImportedElement | undefined;
        // Through the enclosing elements, innermost first, then the top level.
        const scopes = ref.scope ? ref.scope.split('.') : [];
        for (let n = scopes.length; n >= 0 && !base; n--) base = this.byFqn.get([...scopes.slice(0, n), first].join('.'));
        if (!base) {
            const named = [...this.byFqn.values()].filter(e => e.name === first);
            if (named.length === 1) base = named[0];
            else if (named.length > 1 && !quiet) {
                this.problems.push({ ...ref.position, message: `'${first}' is ambiguous: ${named.map(e => e.key).join(', ')}.` });
                return undefined;
            }
        }
        let element = base;
        for (const part of rest) element = element?.children.find(child => child.name === part);
        if (!element && !quiet) this.problems.push({ ...ref.position, message: `Cannot find the element '${ref.path.join('.')}'.` });
        return element;
    }

    finish(files: string[]): ImportedModel {
        for (const extension of this.extensions) {
            const target = this.resolve(extension.ref);
            if (target) extension.apply(target);
        }
        const relationships: ImportedRelationship[] = [];
        for (const pending of this.relationships) {
            const source = this.resolve(pending.source);
            const target = this.resolve(pending.target);
            if (!source || !target) continue;
            relationships.push({
                source: source.key, target: target.key, title: pending.title, technology: pending.technology, description: pending.description,
                tags: pending.tags, kind: pending.kind, dashed: pending.dashed, position: pending.position,
            });
        }
        const views: ImportedView[] = this.views.map(view => ({
            key: view.key, title: view.title, includeAll: view.includeAll,
            includes: view.includes.map(ref => this.resolve(ref)?.key).filter((key): key is string => key !== undefined),
            excludes: view.excludes.map(ref => this.resolve(ref)?.key).filter((key): key is string => key !== undefined),
            collapse: [], direction: view.direction, notes: view.notes, position: view.position,
        }));
        const flows: ImportedFlow[] = this.flows.map(flow => ({
            key: flow.key, title: flow.title, position: flow.position,
            steps: flow.steps.flatMap(step => {
                const source = this.resolve(step.source);
                const target = this.resolve(step.target);
                return source && target ? [{ source: source.key, target: target.key, title: step.title, position: step.position }] : [];
            }),
        }));
        return {
            tool: 'LikeC4', files, name: undefined, elements: this.roots, relationships, views, flows,
            notes: [...this.notes], problems: this.problems,
        };
    }
}

/** A token after which a predicate goes on past a line break. */
function isContinuation(token: Token): boolean {
    return token.type === 'arrow' || (token.type === 'punct' && (token.value === '.' || token.value === ','));
}

/** Element paths a predicate names outright (`a.b`, `a.b.*`), ignoring wildcards. */
function plainRefs(tokens: Token[]): { paths: string[][] } {
    const paths: string[][] = [];
    let i = 0;
    while (i < tokens.length) {
        if (tokens[i].type === 'id') {
            const path = [tokens[i].value];
            i++;
            while (i + 1 < tokens.length && tokens[i].value === '.' && tokens[i + 1].type === 'id') {
                path.push(tokens[i + 1].value);
                i += 2;
            }
            // `a.*`, `a._`, `a.**`: the element itself stands for its parts.
            while (i < tokens.length && (tokens[i].value === '.' || tokens[i].value === '*' || tokens[i].value === '_')) i++;
            if (!(path.length === 1 && (path[0] === 'element' || path[0] === 'this' || path[0] === 'it'))) paths.push(path);
            continue;
        }
        i++;
    }
    return { paths };
}

function describe(token: Token): string {
    if (token.type === 'eof') return 'the end of the file';
    if (token.type === 'string') return `the string ${JSON.stringify(token.value.length > 40 ? `${token.value.slice(0, 40)}…` : token.value)}`;
    return `'${token.value}'`;
}
