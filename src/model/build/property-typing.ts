/**
 * Property typing: each `name: value` of a declaration checked against its property table
 * (the schema) and turned into a typed `Property`, with a problem for an unknown name, a
 * value that does not fit, or a name set twice.
 *
 * Typing is the builder's main cost on an edit, so a typed property is reused from the
 * previous build when its node is unchanged (see `typeProperty`).
 */
import type { AstNode, Reference } from 'langium';
import type { Element as ElementNode, Property as PropertyNode, Value as ValueNode } from '../../language/generated/ast.js';
import type { Component, Element, Finding, Property, PropertyValue, SourceLocation } from '../arch-model.js';
import { describeType } from '../schema/describe-type.js';
import type { PropertyTable, PropertyType } from '../schema/property-schema.js';
import { parseDuration, parsePercent, parseQuantity, parseRate } from '../schema/units.js';
import { closest, didYouMean } from '../suggest.js';
import {
    isBlockValue, isDurationValue, isListValue, isNumberValue, isPercentValue, isQuantityValue, isRateValue, isStringValue, isWordValue,
} from './ast-guards.js';
import { capitalize, EMPTY_RANGE, placeCacheControl, type BuildContext, type ResolvedReference } from './build-context.js';
import { reportUnresolved } from './references.js';

/** What every typed property value carries: where it is and its source text. */
interface ValueBase {
    location: SourceLocation;
    text: string;
}

/** A property as typed in one context, with what makes it reusable in the next build. */
interface TypedProperty {
    /** Whether the table has the property (else `problems` says it is unknown). */
    known: boolean;
    property: Property | undefined;
    nameLocation: SourceLocation;
    problems: Finding[];
    line: number;
    character: number;
    table: PropertyTable;
    owner: string;
    componentId: string | undefined;
    uri: string;
    /** The references its value resolved (see `BuildContext.resolvedReferences`): valid while each resolves the same. */
    references: readonly ResolvedReference[];
}

/** Typed properties by node, from the previous builds (see `typeProperty`). */
const typedProperties = new WeakMap<PropertyNode, TypedProperty>();

/**
 * Types the properties of one declaration against `table`; `owner` names the declaration in
 * messages (`service 'orders'`), `component` is the component the problems are about, if any.
 */
export function typeProperties(ctx: BuildContext, nodes: readonly PropertyNode[], table: PropertyTable, owner: string,
    component: Component | undefined): Map<string, Property> {
    const result = new Map<string, Property>();
    for (const node of nodes) {
        if (!node.name || !node.value) continue;
        const typed = typeProperty(ctx, node, table, owner, component);
        if (typed.known && result.has(node.name)) {
            ctx.problem('invalid-property-value', 'warning', typed.nameLocation,
                `The property '${node.name}' of ${owner} is set more than once; the last value wins.`, component ? [component.id] : []);
        }
        for (const problem of typed.problems) ctx.problems.push(problem);
        if (typed.property) result.set(node.name, typed.property);
    }
    return result;
}

/**
 * The typed properties of a declaration (`nodes`, read only when needed): reused whole from the
 * previous build while the declaration's node is unchanged at the same place (so are all its
 * property nodes), in the same context, and every reference its values resolved still resolves
 * alike; its problems are reported again. Else typed as `typeProperties` does.
 */
export function typeDeclarationProperties(ctx: BuildContext, declaration: AstNode, nodes: () => readonly PropertyNode[], table: PropertyTable,
    owner: string, component: Component | undefined): Map<string, Property> {
    const cache = ctx.declarationCache(declaration);
    const hit = cache?.properties;
    if (hit && hit.table === table && hit.owner === owner && hit.componentId === component?.id
        && (allResolveAlike(ctx, hit.references) || placeCacheControl.keepReferences)) {
        if (hit.problems.length > 0) ctx.problems.push(...hit.problems);
        if (hit.references.length > 0) ctx.resolvedReferences.push(...hit.references);
        return hit.map;
    }
    const problemsBefore = ctx.problems.length;
    const lookupsBefore = ctx.elementLookups;
    const referencesBefore = ctx.resolvedReferences.length;
    const map = typeProperties(ctx, nodes(), table, owner, component);
    if (cache) {
        cache.properties = ctx.elementLookups === lookupsBefore
            ? { table, owner, componentId: component?.id, map, problems: tail(ctx.problems, problemsBefore), references: tail(ctx.resolvedReferences, referencesBefore) }
            : undefined;
    }
    return map;
}

/**
 * One property typed against its table, with the problems found on the way (not yet
 * reported). Reused from the previous build when the node is the same (unchanged text:
 * the incremental parser keeps unchanged declarations' nodes), at the same place, in the
 * same context, and its value names no other element.
 */
function typeProperty(ctx: BuildContext, node: PropertyNode, table: PropertyTable, owner: string, component: Component | undefined): TypedProperty {
    const start = node.$cstNode?.range.start;
    const cached = typedProperties.get(node);
    if (cached && start && cached.line === start.line && cached.character === start.character && cached.table === table
        && cached.owner === owner && cached.componentId === component?.id && cached.uri === ctx.uri
        && (allResolveAlike(ctx, cached.references) || placeCacheControl.keepReferences)) {
        // The enclosing property (a block's, a mode's) depends on these references too.
        for (const reference of cached.references) ctx.resolvedReferences.push(reference);
        return cached;
    }
    const problemsBefore = ctx.problems.length;
    const lookupsBefore = ctx.elementLookups;
    const referencesBefore = ctx.resolvedReferences.length;
    const nameLocation = ctx.propertyNameLocation(node);
    const spec = table[node.name];
    let property: Property | undefined;
    if (!spec) {
        const suggestion = closest(node.name, Object.keys(table));
        ctx.problem('unknown-property', 'warning', nameLocation,
            `Unknown property '${node.name}' for ${owner}.${didYouMean(suggestion)}`,
            component ? [component.id] : [], suggestion ? { suggestion } : undefined);
    } else {
        const value = typeValue(ctx, node.value, spec.type, `'${node.name}' of ${owner}`, component);
        if (value) property = { name: node.name, value, location: ctx.location(node), nameLocation };
    }
    const typed: TypedProperty = {
        known: spec !== undefined, property, nameLocation, problems: ctx.problems.length > problemsBefore ? ctx.problems.splice(problemsBefore) : NONE,
        line: start?.line ?? -1, character: start?.character ?? -1, table, owner, componentId: component?.id, uri: ctx.uri,
        references: tail(ctx.resolvedReferences, referencesBefore),
    };
    if (start && ctx.elementLookups === lookupsBefore) typedProperties.set(node, typed);
    else typedProperties.delete(node);
    return typed;
}

/** Types a value against its spec; reports and returns undefined when it does not fit. */
function typeValue(ctx: BuildContext, node: ValueNode, type: PropertyType, what: string, component: Component | undefined): PropertyValue | undefined {
    const base = valueBase(ctx, node);
    const typed = tryValue(ctx, node, base, type, what, component);
    if (typeof typed !== 'string') return typed;
    ctx.problem('invalid-property-value', 'error', base.location, `${capitalize(what)} ${typed}`, component ? [component.id] : []);
    return undefined;
}

/** The location and source text every typed value carries. */
function valueBase(ctx: BuildContext, node: ValueNode): ValueBase {
    const cst = node.$cstNode;
    return { location: cst ? { uri: ctx.uri, range: cst.range } : { uri: ctx.uri, range: EMPTY_RANGE }, text: cst?.text ?? '' };
}

/** A typed value, or the end of a sentence saying what was expected. */
function tryValue(ctx: BuildContext, node: ValueNode, base: ValueBase, type: PropertyType, what: string,
    component: Component | undefined): PropertyValue | string {
    switch (type.type) {
        case 'union': {
            for (const option of type.of) {
                const result = tryValue(ctx, node, base, option, what, component);
                if (typeof result !== 'string') return result;
            }
            return `expects ${describeType(type, 'sentence')}, not '${base.text}'.`;
        }
        case 'reference': return tryReference(ctx, node, base, type, what, component);
        case 'mode': return tryMode(ctx, node, base, type, what, component);
        case 'block':
            if (isBlockValue(node)) {
                return { location: base.location, text: base.text, type: 'block', properties: typeProperties(ctx, node.properties, type.properties, what, component) };
            }
            return `expects a block { … }, not '${base.text}'.`;
        case 'list': return tryList(ctx, node, base, type, what, component);
        default: return tryScalar(node, base, type);
    }
}

/** The word of a bare word value (`jwt`, `true`, `orders`), if the value is one. */
function wordOf(node: ValueNode): string | undefined {
    return isWordValue(node) ? node.word.$refText : undefined;
}

/** A word value that carries a block (`jwt { … }`) is a mode, never a plain word. */
function hasBlock(word: string | undefined, base: ValueBase): boolean {
    return word !== undefined && base.text.includes('{');
}

type ScalarType = Exclude<PropertyType, { type: 'union' | 'reference' | 'mode' | 'block' | 'list' }>;

/** Values that stand alone: booleans, strings, numbers, durations, rates, counts, enum words. */
function tryScalar(node: ValueNode, base: ValueBase, type: ScalarType): PropertyValue | string {
    const text = base.text;
    const word = wordOf(node);
    const wordHasBlock = hasBlock(word, base);
    switch (type.type) {
        case 'boolean':
            if (word === 'true' || word === 'false') return { location: base.location, text: base.text, type: 'boolean', value: word === 'true' };
            return `expects true or false, not '${text}'.`;
        case 'string':
            if (isStringValue(node)) return { location: base.location, text: base.text, type: 'string', value: node.value };
            if (word !== undefined && !wordHasBlock) return { location: base.location, text: base.text, type: 'string', value: word };
            return `expects a string, not '${text}'.`;
        case 'number':
            if (isNumberValue(node)) {
                if (type.integer && !Number.isInteger(node.value)) return `expects a whole number, not '${text}'.`;
                if (type.min !== undefined && node.value < type.min) return `must be at least ${type.min}, not '${text}'.`;
                return { location: base.location, text: base.text, type: 'number', value: node.value };
            }
            return `expects a number, not '${text}'.`;
        case 'duration':
            if (isDurationValue(node)) return { location: base.location, text: base.text, type: 'duration', milliseconds: parseDuration(node.value) ?? 0 };
            if (isNumberValue(node) && node.value === 0) return { location: base.location, text: base.text, type: 'duration', milliseconds: 0 };
            if (isNumberValue(node)) return `needs a time unit: write '${text}s', '${text}m' or '${text}ms'.`;
            return `expects a duration such as 250ms, 30s, 15m, 1h or 7d, not '${text}'.`;
        case 'rate':
            if (isRateValue(node)) return { location: base.location, text: base.text, type: 'rate', perSecond: parseRate(node.value) ?? 0 };
            if (isNumberValue(node)) return `needs a time unit: write '${text}/s' or '${text}/min'.`;
            return `expects a rate such as 100/s or 6000/min, not '${text}'.`;
        case 'percent': return tryPercent(node, base);
        case 'quantity': {
            const quantity = isQuantityValue(node) ? parseQuantity(node.value) : undefined;
            if (quantity) return { location: base.location, text: base.text, type: 'quantity', ...quantity };
            return `expects a count such as '1000 items', not '${text}'.`;
        }
        case 'enum':
            if ((word !== undefined && !wordHasBlock) || isStringValue(node)) {
                const value = word ?? (node as { value: string }).value;
                if (type.values.includes(value)) return { location: base.location, text: base.text, type: 'enum', value };
                return `must be one of ${type.values.join(', ')}, not '${value}'.${didYouMean(closest(value, type.values))}`;
            }
            return `must be one of ${type.values.join(', ')}, not '${text}'.`;
    }
}

/** A percentage from 0% to 100%; a bare number is told how to write one. */
function tryPercent(node: ValueNode, base: ValueBase): PropertyValue | string {
    if (isPercentValue(node)) {
        const percent = parsePercent(node.value) ?? 0;
        if (percent > 100) return `must be between 0% and 100%, not '${base.text}'.`;
        return { location: base.location, text: base.text, type: 'percent', percent };
    }
    if (isNumberValue(node)) {
        return node.value > 0 && node.value < 1
            ? `needs a % sign: write '${formatPercentLiteral(node.value * 100)}' for the fraction ${base.text}.`
            : `needs a % sign: write '${base.text}%'.`;
    }
    return `expects a percentage such as 99.9%, not '${base.text}'.`;
}

/** `99.9%` for 99.9 (rounding away binary noise such as 99.90000000000001). */
function formatPercentLiteral(percent: number): string {
    return `${Number(percent.toFixed(6))}%`;
}

/** The id of an element of one of the kinds the type accepts. */
function tryReference(ctx: BuildContext, node: ValueNode, base: ValueBase, type: Extract<PropertyType, { type: 'reference' }>, what: string,
    component: Component | undefined): PropertyValue | string {
    if (!isWordValue(node) || hasBlock(wordOf(node), base)) return `expects the id of a ${type.kinds.join(', ')}, not '${base.text}'.`;
    const word = node.word;
    const element = referencedElement(ctx, word);
    // A reference that resolves to an element of a fitting kind has no other effect: the typed value stays valid while it resolves alike.
    if (element && (type.kinds as readonly string[]).includes(kindOf(element))) ctx.resolvedReferences.push({ reference: word, id: element.id, kind: kindOf(element) });
    else ctx.elementLookups++;
    if (!element) {
        // An unresolved reference is reported once, as such, not as a bad value.
        reportUnresolved(ctx, word.$refText, ctx.refLocation(word), what, component, true);
        return { location: base.location, text: base.text, type: 'reference', target: undefined };
    }
    const kind = kindOf(element);
    if (!(type.kinds as readonly string[]).includes(kind)) {
        ctx.problem('unresolved-reference', 'warning', ctx.refLocation(word),
            `${capitalize(what)} should name a ${type.kinds.join(', ')}, but '${element.id}' is a ${kind}.`, [element.id]);
        ctx.markUnresolved(component?.id);
        return { location: base.location, text: base.text, type: 'reference', target: undefined };
    }
    return { location: base.location, text: base.text, type: 'reference', target: element.id };
}

/** The element a reference resolves to in this build (not a losing duplicate), if any. */
function referencedElement(ctx: BuildContext, reference: Reference<ElementNode>): Element | undefined {
    const target = reference.ref;
    const id = target ? ctx.elementOfNode.get(target)?.id : undefined;
    return id !== undefined ? ctx.elements.get(id) : undefined;
}

/** What a reference's kinds are checked against: a component's kind, else the element's type. */
function kindOf(element: Element): string {
    return element.type === 'component' ? element.kind : element.type;
}

/** The shared empty list (frozen: nothing may add to it). */
const NONE = Object.freeze([]) as never[];

/** The items of `list` from `start` on; one shared empty list when there are none (most typings resolve no reference). */
function tail<T>(list: T[], start: number): T[] {
    return list.length > start ? list.slice(start) : NONE;
}

/** True when every reference of a cached typing still resolves alike (no call for the usual none). */
function allResolveAlike(ctx: BuildContext, references: readonly ResolvedReference[]): boolean {
    for (let i = 0; i < references.length; i++) if (!resolvesAlike(ctx, references[i])) return false;
    return true;
}

/** True when a reference a cached property resolved still names an element of the same id and kind. */
function resolvesAlike(ctx: BuildContext, resolved: ResolvedReference): boolean {
    const element = referencedElement(ctx, resolved.reference);
    return element !== undefined && element.id === resolved.id && kindOf(element) === resolved.kind;
}

/** A mode word with its own settings, typed against the mode's table: `auth: jwt { expiry: 15m }`. */
function tryMode(ctx: BuildContext, node: ValueNode, base: ValueBase, type: Extract<PropertyType, { type: 'mode' }>, what: string,
    component: Component | undefined): PropertyValue | string {
    if (!isWordValue(node)) return `expects one of ${Object.keys(type.modes).join(', ')}, not '${base.text}'.`;
    const mode = node.word.$refText;
    const settings = type.modes[mode];
    if (!settings) {
        return `must be one of ${Object.keys(type.modes).join(', ')}, not '${mode}'.${didYouMean(closest(mode, Object.keys(type.modes)))}`;
    }
    const properties = typeProperties(ctx, node.properties, settings, `${mode} ${what}`, component);
    return { location: base.location, text: base.text, type: 'mode', mode, properties };
}

/** A list `[a, b]`, or a single item standing for a list of one. */
function tryList(ctx: BuildContext, node: ValueNode, base: ValueBase, type: Extract<PropertyType, { type: 'list' }>, what: string,
    component: Component | undefined): PropertyValue | string {
    const items = isListValue(node) ? node.items : [node];
    const typed: PropertyValue[] = [];
    for (const item of items) {
        const value = tryValue(ctx, item, item === node ? base : valueBase(ctx, item), type.of, what, component);
        if (typeof value === 'string') return isListValue(node) ? `has an item that ${value}` : value;
        typed.push(value);
    }
    return { location: base.location, text: base.text, type: 'list', items: typed };
}
