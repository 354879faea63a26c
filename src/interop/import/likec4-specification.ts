/**
 * The `specification { }` block of a LikeC4 model: element kinds (their shape and default
 * technology, which elements of that kind take) and relationship kinds drawn dashed or dotted.
 * Tags, colors and deployment node kinds are skipped: Archway does not use them.
 */
import type { LikeC4Cursor } from './likec4-cursor.js';
import type { KindSpec, LikeC4Declarations } from './likec4-declarations.js';

/** One statement of `specification { }`; records kinds in `declared`. */
export function specificationStatement(c: LikeC4Cursor, declared: LikeC4Declarations): boolean {
    const token = c.peek();
    if (token.type !== 'id') return false;
    if (token.value === 'element' && c.peek(1).type === 'id') {
        c.next();
        const kind = c.next().value;
        const spec: KindSpec = { shape: undefined, technology: undefined };
        declared.kinds.set(kind, spec);
        if (c.at('{')) {
            c.block(() => {
                if (c.at('style')) {
                    c.next();
                    spec.shape = styleShape(c) ?? spec.shape;
                    return true;
                }
                if (c.at('technology')) {
                    c.next();
                    spec.technology = c.stringValue();
                    return true;
                }
                c.skipStatement();
                return true;
            });
        }
        return true;
    }
    if (token.value === 'relationship' && c.peek(1).type === 'id') {
        c.next();
        const kind = c.next().value;
        if (c.at('{')) {
            const body = c.skipBlock();
            if (body.some((t, i) => t.value === 'line' && (body[i + 1]?.value === 'dashed' || body[i + 2]?.value === 'dashed' || body[i + 1]?.value === 'dotted' || body[i + 2]?.value === 'dotted'))) declared.dashedKinds.add(kind);
        }
        return true;
    }
    // tags, colors, deployment node kinds: nothing Archway uses.
    c.skipStatement();
    return true;
}

/** Reads a `style { … }` block (of a kind or an element); returns its `shape`, if any. */
export function styleShape(c: LikeC4Cursor): string | undefined {
    let shape: string | undefined;
    if (!c.at('{')) return undefined;
    c.block(() => {
        if (c.at('shape')) {
            c.next();
            if (c.at(':')) c.next();
            if (c.peek().type === 'id') shape = c.next().value;
            return true;
        }
        c.skipStatement();
        return true;
    });
    return shape;
}
