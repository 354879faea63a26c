/**
 * The `views { }` block of a LikeC4 model: static views (`view x of y`, `extends`, include and
 * exclude predicates, groups, `autoLayout`) and dynamic views (steps, `parallel` blocks).
 * Predicates with conditions, relationship predicates and wildcards are carried over as far
 * as an Archway view can say them, with a note on the view for the rest. Deployment views are
 * skipped with a note.
 */
import type { Direction } from '../../model/arch-model.js';
import type { LikeC4Cursor } from './likec4-cursor.js';
import type { LikeC4Declarations, PendingFlow, PendingRef, PendingView } from './likec4-declarations.js';
import type { Token } from './likec4-lexer.js';

const AUTO_LAYOUT: Record<string, Direction> = { TopBottom: 'down', BottomTop: 'up', LeftRight: 'right', RightLeft: 'left' };

/** One statement of `views { }`; records views and flows in `declared`. */
export function viewsStatement(c: LikeC4Cursor, declared: LikeC4Declarations): boolean {
    const token = c.peek();
    if (token.type !== 'id') return false;
    if (token.value === 'view' && c.peek(1).type === 'id') {
        c.next();
        declared.views.push(staticView(c, c.next()));
        return true;
    }
    if (token.value === 'dynamic' && c.at('view', 1)) {
        c.next();
        c.next();
        declared.flows.push(dynamicView(c, c.next()));
        return true;
    }
    if (token.value === 'deployment' && c.at('view', 1)) {
        c.note('LikeC4 deployment views are not imported.');
        c.skipStatement();
        return true;
    }
    // styles, global, …
    c.skipStatement();
    return true;
}

/** After `view name`: `of`, `extends` and the body. */
function staticView(c: LikeC4Cursor, name: Token): PendingView {
    const view: PendingView = {
        key: name.value, title: undefined, of: undefined, includeAll: false, includes: [], excludes: [], direction: undefined, notes: [], position: c.position(name),
    };
    if (c.at('of')) {
        c.next();
        const start = c.peek();
        const path = c.fqn();
        if (path) view.of = { path, scope: '', position: c.position(start) };
    }
    if (c.at('extends')) {
        c.next();
        c.fqn();
        view.notes.push('`extends` (the base view\'s rules are not carried over)');
    }
    c.block(() => viewStatement(c, view));
    return view;
}

function viewStatement(c: LikeC4Cursor, view: PendingView): boolean {
    const token = c.peek();
    if (token.type !== 'id') return false;
    switch (token.value) {
        case 'title': c.next(); view.title = c.stringValue() ?? view.title; return true;
        case 'include':
        case 'exclude': {
            c.next();
            predicates(c, view, token.value === 'include');
            return true;
        }
        case 'autoLayout': {
            c.next();
            const direction = c.peek().type === 'id' ? AUTO_LAYOUT[c.peek().value] : undefined;
            if (direction) view.direction = direction;
            c.skipStatement();
            return true;
        }
        case 'group': {
            c.next();
            while (c.peek().type === 'string') c.next();
            c.block(() => viewStatement(c, view));
            return true;
        }
        default:
            // description, link, style, rank, navigateTo, global…
            c.skipStatement();
            return true;
    }
}

/** A comma-separated list of predicates after `include` / `exclude`. */
function predicates(c: LikeC4Cursor, view: PendingView, include: boolean): void {
    for (;;) {
        const expression: Token[] = [];
        let depth = 0;
        while (c.peek().type !== 'eof') {
            const token = c.peek();
            if (depth === 0 && token.type === 'punct' && (token.value === ',' || token.value === '}')) break;
            if (depth === 0 && expression.length > 0 && token.newline && !isContinuation(expression[expression.length - 1])) break;
            if (token.type === 'punct' && token.value === '{') depth++;
            if (token.type === 'punct' && token.value === '}') depth--;
            expression.push(c.next());
        }
        if (expression.length > 0) predicate(c, view, include, expression);
        if (c.at(',')) {
            c.next();
            continue;
        }
        return;
    }
}

function predicate(c: LikeC4Cursor, view: PendingView, include: boolean, tokens: Token[]): void {
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
    for (const path of refs.paths) (include ? view.includes : view.excludes).push({ path, scope: '', position: c.position(core[0]) });
    if (refs.paths.length === 0 && !core.some(t => t.type === 'arrow')) view.notes.push(`predicate \`${text}\` not carried over`);
}

/** After `dynamic view name`: the body of steps. */
function dynamicView(c: LikeC4Cursor, name: Token): PendingFlow {
    const flow: PendingFlow = { key: name.value, title: undefined, steps: [], position: c.position(name) };
    const step = (): boolean => {
        const token = c.peek();
        if (token.type !== 'id') return false;
        if (token.value === 'title') {
            c.next();
            flow.title = c.stringValue() ?? flow.title;
            return true;
        }
        if ((token.value === 'parallel' || token.value === 'par') && c.at('{', 1)) {
            c.next();
            c.block(step);
            return true;
        }
        if (c.isRelationshipAhead()) {
            dynamicStep(c, flow, name);
            return true;
        }
        c.skipStatement();
        return true;
    };
    c.block(step);
    return flow;
}

/** One step of a dynamic view: `a -> b 'title'` or `b <- a 'title'`, with an optional body (skipped). */
function dynamicStep(c: LikeC4Cursor, flow: PendingFlow, name: Token): void {
    const token = c.peek();
    const sourcePath = c.fqn()!;
    const arrow = c.next();
    const targetToken = c.peek();
    const targetPath = c.fqn();
    if (!targetPath || (arrow.value !== '->' && arrow.value !== '<-')) {
        c.problem(targetToken, `Cannot read this step of the dynamic view '${name.value}'.`);
        c.skipStatement();
        return;
    }
    const title = c.peek().type === 'string' && !c.peek().newline ? c.next().value : undefined;
    if (c.at('{')) c.skipBlock();
    const source: PendingRef = { path: sourcePath, scope: '', position: c.position(token) };
    const target: PendingRef = { path: targetPath, scope: '', position: c.position(targetToken) };
    flow.steps.push(arrow.value === '<-'
        ? { source: target, target: source, title, position: c.position(token) }
        : { source, target, title, position: c.position(token) });
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
