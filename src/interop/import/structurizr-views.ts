/**
 * The `views { }` block of a Structurizr workspace: static views (system landscape, system
 * context, container, component) with include / exclude and autoLayout, dynamic views (steps,
 * parallel blocks), and styles (element shapes, dashed or dotted relationship tags). Deployment,
 * filtered, custom and image views are skipped with a note.
 */
import type { Direction } from '../../model/arch-model.js';
import { args, opens, type Line } from './structurizr-lines.js';
import type { PendingFlow, PendingView, StructurizrWorkspace } from './structurizr-workspace.js';

const AUTO_LAYOUT: Record<string, Direction> = { lr: 'right', rl: 'left', tb: 'down', bt: 'up' };

/** A statement in `views { }`: starts a view, a dynamic view or the styles. */
export function viewsStatement(ws: StructurizrWorkspace, line: Line): void {
    const tokens = args(line);
    const lower = tokens[0].toLowerCase();
    const open = (): void => {
        if (!opens(line)) ws.problem(line, 'A view needs a `{` block.');
    };
    switch (lower) {
        case 'systemlandscape':
            open();
            return startView(ws, line, 'systemLandscape', undefined, tokens[1], tokens[2]);
        case 'systemcontext':
        case 'container':
        case 'component':
            open();
            if (!tokens[1]) return ws.problem(line, `The ${tokens[0]} view names no element.`);
            return startView(ws, line, tokens[0], tokens[1], tokens[2], tokens[3]);
        case 'dynamic': {
            open();
            const flow: PendingFlow = { key: tokens[2] ?? `dynamic${ws.flows.length + 1}`, title: tokens[3], steps: [], position: line.position };
            ws.flows.push(flow);
            ws.stack.push({ type: 'dynamic', flow });
            return;
        }
        case 'styles':
            if (opens(line)) ws.stack.push({ type: 'styles' });
            return;
        case 'deployment':
            ws.notes.add('Structurizr deployment views are not imported.');
            break;
        case 'filtered': case 'custom': case 'image':
            ws.notes.add(`Structurizr ${tokens[0]} views are not imported.`);
            break;
        default:
            break;
    }
    ws.skipBlock(line);
}

function startView(ws: StructurizrWorkspace, line: Line, kind: string, scope: string | undefined, key: string | undefined, title: string | undefined): void {
    const view: PendingView = {
        key: key ?? `${kind}${scope ? `-${scope}` : ''}`, title, scope, kind, includeAll: false, includes: [], excludes: [],
        direction: undefined, notes: [], position: line.position,
    };
    ws.views.push(view);
    ws.stack.push({ type: 'view', view });
}

/** A statement in a static view: include, exclude, autoLayout, title. */
export function viewStatement(ws: StructurizrWorkspace, line: Line, view: PendingView): void {
    const tokens = args(line);
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
            ws.skipBlock(line);
    }
}

/** A statement in a dynamic view (or a parallel block in one): a step, `n: a -> b`, or the title. */
export function dynamicStatement(ws: StructurizrWorkspace, line: Line): void {
    const context = ws.stack.find((c): c is { type: 'dynamic'; flow: PendingFlow } => c.type === 'dynamic')!;
    let tokens = args(line);
    if (tokens.length === 0 && opens(line)) return void ws.stack.push({ type: 'parallel' });
    if (/^\d+:?$/.test(tokens[0])) tokens = tokens.slice(1);
    const lower = tokens[0]?.toLowerCase();
    if (lower === 'title') {
        context.flow.title = tokens[1];
        return;
    }
    if (tokens.length >= 3 && tokens[1] === '->') {
        context.flow.steps.push({ source: tokens[0], target: tokens[2], title: tokens[3], position: line.position });
        return ws.skipBlock(line);
    }
    if (tokens.length > 4 && tokens[1] === '=' && tokens[3] === '->') {
        context.flow.steps.push({ source: tokens[2], target: tokens[4], title: tokens[5], position: line.position });
        return;
    }
    ws.skipBlock(line);
}

/** A statement in `styles { }`: an element or relationship style for a tag. */
export function stylesStatement(ws: StructurizrWorkspace, line: Line): void {
    const tokens = args(line);
    const lower = tokens[0].toLowerCase();
    if ((lower === 'element' || lower === 'relationship') && tokens[1] !== undefined && opens(line)) {
        ws.stack.push({ type: 'style', tag: tokens[1], relationship: lower === 'relationship' });
        return;
    }
    ws.skipBlock(line);
}

/** A statement in one style: an element's `shape`, a relationship's `dashed` or `style dashed|dotted`. */
export function styleStatement(ws: StructurizrWorkspace, line: Line, style: { tag: string; relationship: boolean }): void {
    const tokens = args(line);
    const lower = tokens[0].toLowerCase();
    if (!style.relationship && lower === 'shape' && tokens[1]) ws.shapes.set(style.tag.toLowerCase(), tokens[1]);
    if (style.relationship && ((lower === 'dashed' && tokens[1]?.toLowerCase() !== 'false') || (lower === 'style' && /dashed|dotted/i.test(tokens[1] ?? '')))) {
        ws.dashedTags.add(style.tag.toLowerCase());
    }
    ws.skipBlock(line);
}
