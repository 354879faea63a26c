/**
 * What the LikeC4 reader collects across all files before names can resolve (element kinds,
 * elements by FQN, and relationships, `extend` blocks, views and dynamic views holding
 * references as written), and the resolution that turns it into the imported model. Names
 * resolve as LikeC4 resolves them: through the enclosing elements, then the top level, then any
 * element with that unique name.
 */
import type {
    ImportedElement, ImportedFlow, ImportedModel, ImportedRelationship, ImportedView, ImportProblem, PendingFlowOf, PendingViewOf, SourcePosition,
} from './imported-model.js';

/** A reference written in the source, resolved once every file is read. */
export interface PendingRef {
    path: string[];
    /** FQN of the element the reference is written in ('' at the top level). */
    scope: string;
    position: SourcePosition;
}

/** A relationship as read, its ends still unresolved. */
export type PendingRelationship = Omit<ImportedRelationship, 'source' | 'target'> & { source: PendingRef; target: PendingRef };

/** A `view` as read, its predicates' elements still unresolved. */
export interface PendingView extends PendingViewOf<PendingRef> {
    of: PendingRef | undefined;
}

/** A `dynamic view` as read, its steps' ends still unresolved. */
export type PendingFlow = PendingFlowOf<PendingRef>;

/** An element kind from a specification: its shape and default technology. */
export interface KindSpec {
    shape: string | undefined;
    technology: string | undefined;
}

/** Everything declared in the files of one LikeC4 model, resolved by `finish`. */
export class LikeC4Declarations {
    readonly problems: ImportProblem[] = [];
    readonly notes = new Set<string>();
    /** Element kinds from specifications. */
    readonly kinds = new Map<string, KindSpec>();
    /** Relationship kinds whose specification draws a dashed or dotted line. */
    readonly dashedKinds = new Set<string>();
    readonly roots: ImportedElement[] = [];
    readonly byFqn = new Map<string, ImportedElement>();
    readonly relationships: PendingRelationship[] = [];
    readonly extensions: { ref: PendingRef; apply: (element: ImportedElement) => void }[] = [];
    readonly views: PendingView[] = [];
    readonly flows: PendingFlow[] = [];

    /** Moves an element declared in an `extend` block under its real parent (re-keying it and its descendants). */
    adopt(parent: ImportedElement, child: ImportedElement): void {
        const rekey = (element: ImportedElement, prefix: string): void => {
            this.byFqn.delete(element.key);
            element.key = `${prefix}.${element.name}`;
            this.byFqn.set(element.key, element);
            for (const grandchild of element.children) rekey(grandchild, element.key);
        };
        rekey(child, parent.key);
        parent.children.push(child);
    }

    /** The element a reference names, or undefined (reported) when none does. */
    resolve(ref: PendingRef, quiet = false): ImportedElement | undefined {
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

    /** Applies the `extend` blocks, resolves every reference and returns the model (`files`: the inputs' names). */
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
