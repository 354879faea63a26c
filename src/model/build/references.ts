/**
 * References to declared elements: the model id a reference names, or a problem saying it
 * names nothing (with the closest id) or something of the wrong type.
 */
import type { Reference } from 'langium';
import type { Element as ElementNode } from '../../language/generated/ast.js';
import type { Component, Element, SourceLocation } from '../arch-model.js';
import { closest, didYouMean } from '../suggest.js';
import { capitalize, type BuildContext } from './build-context.js';

/**
 * The model id a reference names, or undefined (with an `unresolved-reference` problem)
 * when it names nothing or something of the wrong type.
 */
export function resolveReference(ctx: BuildContext, ref: Reference<ElementNode> | undefined, role: string,
    types: readonly Element['type'][], owner: Component | undefined): string | undefined {
    if (!ref) return undefined;
    const text = ref.$refText;
    const target = ref.ref;
    const id = target ? ctx.elementOfNode.get(target)?.id : undefined;
    // Where the reference is written only matters for a problem: most references resolve.
    if (id === undefined || !ctx.elements.has(id)) {
        reportUnresolved(ctx, text, ctx.refLocation(ref), role, owner);
        return undefined;
    }
    const element = ctx.elements.get(id)!;
    if (!types.includes(element.type)) {
        ctx.problem('unresolved-reference', 'warning', ctx.refLocation(ref),
            `The ${role} '${text}' is a ${element.type}; it must name a ${types.join(' or ')}.`, [id]);
        ctx.markUnresolved(owner?.id);
        return undefined;
    }
    return id;
}

/** Reports a name that resolves to nothing, suggesting the closest id (a topic of the broker for `broker.x`). */
export function reportUnresolved(ctx: BuildContext, text: string, location: SourceLocation, role: string,
    owner: Component | undefined, isProperty = false): void {
    const dot = text.indexOf('.');
    let candidates: Iterable<string> = ctx.elements.keys();
    if (dot > 0) {
        const broker = ctx.elements.get(text.slice(0, dot));
        if (broker?.type === 'component') candidates = broker.channels;
    }
    const suggestion = closest(text, candidates);
    const what = dot > 0 && ctx.elements.get(text.slice(0, dot))?.type === 'component'
        ? `'${text}' names no topic or queue of '${text.slice(0, dot)}'`
        : `'${text}' is not declared`;
    const message = isProperty
        ? `${capitalize(role)} names '${text}', which is not declared.`
        : `The ${role} ${what}.`;
    ctx.problem('unresolved-reference', 'error', location, `${message}${didYouMean(suggestion)}`, [], suggestion ? { suggestion } : undefined);
    ctx.markUnresolved(owner?.id);
}
