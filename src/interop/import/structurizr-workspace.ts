/**
 * What the Structurizr reader collects from a workspace (elements by identifier, relationships,
 * views and dynamic views holding identifiers as written, styles' shapes and dashed tags), the
 * stack of blocks the reader is in, and the resolution that turns it into the imported model:
 * identifiers resolve as in Structurizr (flat or hierarchical, case-insensitive), and
 * `include *` in a scoped view means the scope and what connects to it.
 */
import {
    allElements, type ImportedElement, type ImportedFlow, type ImportedModel, type ImportedView, type ImportProblem, type PendingFlowOf, type PendingViewOf,
    type SourcePosition,
} from './imported-model.js';
import { opens, type Line } from './structurizr-lines.js';

/** What a `{ … }` block the reader is in belongs to; decides how its lines read. */
export type Context =
    | { type: 'root' | 'workspace' | 'model' | 'views' | 'styles' | 'skip' | 'properties' | 'relationship' | 'parallel' }
    | { type: 'element'; element: ImportedElement }
    | { type: 'group'; element: ImportedElement; owner: ImportedElement | undefined }
    | { type: 'view'; view: PendingView }
    | { type: 'dynamic'; flow: PendingFlow }
    | { type: 'style'; tag: string; relationship: boolean }
    | { type: 'element-properties'; element: ImportedElement };

/** A static view as read, its elements still identifiers. */
export interface PendingView extends PendingViewOf<{ id: string; position: SourcePosition }> {
    scope: string | undefined;
    kind: string;
}

/** A dynamic view as read, its steps' ends still identifiers. */
export type PendingFlow = PendingFlowOf<string>;

/** A relationship as read, its ends still identifiers. */
export interface PendingRelationship {
    source: string;
    target: string;
    /** The element the relationship is written in (for hierarchical identifiers). */
    context: ImportedElement | undefined;
    title: string | undefined;
    technology: string | undefined;
    tags: string[];
    position: SourcePosition;
}

/** One workspace being read: what it declares, the open blocks, and the resolution at the end. */
export class StructurizrWorkspace {
    readonly problems: ImportProblem[] = [];
    readonly notes = new Set<string>();
    /** `!const` values, substituted into later lines. */
    readonly constants = new Map<string, string>();
    readonly roots: ImportedElement[] = [];
    readonly ids = new Map<string, ImportedElement>();
    readonly relationships: PendingRelationship[] = [];
    readonly views: PendingView[] = [];
    readonly flows: PendingFlow[] = [];
    /** Element style shapes by lower-case tag. */
    readonly shapes = new Map<string, string>();
    /** Lower-case relationship tags whose style is dashed or dotted. */
    readonly dashedTags = new Set<string>();
    /** The open blocks, innermost last. */
    readonly stack: Context[] = [{ type: 'root' }];
    /** The files read (the workspace and its includes). */
    readonly files: string[] = [];
    /** True after `!identifiers hierarchical`. */
    hierarchical = false;
    name: string | undefined;
    private generated = 0;

    /** The innermost open block. */
    get context(): Context {
        return this.stack[this.stack.length - 1];
    }

    /** Reports a problem on `line`. */
    problem(line: Line, message: string): void {
        this.problems.push({ ...line.position, message });
    }

    /** Skips the block `line` opens, if it opens one. */
    skipBlock(line: Line): void {
        if (opens(line)) this.stack.push({ type: 'skip' });
    }

    /** An element key for an identifier (or a generated one for anonymous elements). */
    register(identifier: string | undefined, parent: ImportedElement | undefined, name: string): { key: string; id: string } {
        if (!identifier) {
            this.generated++;
            return { key: `#${this.generated}:${name}`, id: name };
        }
        const key = this.hierarchical && parent && !parent.isGroup ? `${parent.key}.${identifier}` : identifier;
        return { key, id: identifier };
    }

    /** Adds an element under `parent`, or at the top. */
    add(element: ImportedElement, parent: ImportedElement | undefined): void {
        if (parent) parent.children.push(element);
        else this.roots.push(element);
    }

    /** The element an identifier names, seen from an element (hierarchical identifiers). */
    find(identifier: string, context: ImportedElement | undefined): ImportedElement | undefined {
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

    /** Applies styles' shapes, resolves every identifier and returns the model. */
    finish(): ImportedModel {
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
        const views: ImportedView[] = this.views.map(view => this.view(view, relationships));
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
    private view(view: PendingView, relationships: { source: string; target: string }[]): ImportedView {
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
        return {
            key: view.key, title: view.title, includeAll, includes: [...new Set(includes)], excludes: resolve(view.excludes),
            collapse, direction: view.direction, notes: view.notes, position: view.position,
        };
    }
}
