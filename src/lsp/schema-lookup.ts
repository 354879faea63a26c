/**
 * Reading the property schema for editor features: which table applies where and which
 * values it accepts (a type in words is `describeType` in the model's schema).
 */
import type { AstNode } from 'langium';
import {
    isBlockValue, isChannel, isComponent, isConnection, isFlow, isListValue, isProperty, isRoute, isView, isWordValue, isZone,
} from '../language/generated/ast.js';
import { isComponentKind } from '../model/component-kinds.js';
import {
    CHANNEL_PROPERTIES, COMPONENT_PROPERTIES, CONNECTION_PROPERTIES, FLOW_PROPERTIES, ROUTE_PROPERTIES, VIEW_PROPERTIES, ZONE_PROPERTIES,
    type PropertySpec, type PropertyTable, type PropertyType,
} from '../model/schema/property-schema.js';

/** Protocols the language knows; the TLS ones first. */
export const TLS_PROTOCOL_WORDS = ['https', 'grpcs', 'wss', 'tls', 'sql+tls', 'amqps', 'mqtts', 'kafka+tls', 'rediss'] as const;
export const PLAIN_PROTOCOL_WORDS = ['http', 'grpc', 'ws', 'tcp', 'udp', 'sql', 'amqp', 'mqtt', 'kafka', 'redis'] as const;

/** The mode table of `word` if `spec` is (or includes) a mode type. */
export function modeTable(type: PropertyType | undefined, word: string): PropertyTable | undefined {
    if (!type) return undefined;
    if (type.type === 'mode') return type.modes[word];
    if (type.type === 'union') {
        for (const member of type.of) {
            const table = modeTable(member, word);
            if (table) return table;
        }
    }
    return undefined;
}

/** The nested table if `type` is (or includes) a block type. */
export function blockTable(type: PropertyType | undefined): PropertyTable | undefined {
    if (!type) return undefined;
    if (type.type === 'block') return type.properties;
    if (type.type === 'union') {
        for (const member of type.of) {
            const table = blockTable(member);
            if (table) return table;
        }
    }
    return undefined;
}

/** The property table that applies to the properties of an AST container, if any. */
export function tableForContainer(container: AstNode | undefined): PropertyTable | undefined {
    if (!container) return undefined;
    if (isComponent(container)) return isComponentKind(container.kind) ? COMPONENT_PROPERTIES[container.kind] : undefined;
    if (isZone(container)) return ZONE_PROPERTIES;
    if (isChannel(container)) return CHANNEL_PROPERTIES;
    if (isConnection(container)) return CONNECTION_PROPERTIES;
    if (isRoute(container)) return ROUTE_PROPERTIES;
    if (isView(container)) return VIEW_PROPERTIES;
    if (isFlow(container)) return FLOW_PROPERTIES;
    if (isWordValue(container) && isProperty(container.$container)) {
        const outer = tableForContainer(container.$container.$container);
        return modeTable(outer?.[container.$container.name]?.type, container.word?.$refText ?? '');
    }
    if (isBlockValue(container) && isProperty(container.$container)) {
        const outer = tableForContainer(container.$container.$container);
        return blockTable(outer?.[container.$container.name]?.type);
    }
    return undefined;
}

/** The property a value belongs to (through lists): `from: [a, b]` → `from`. */
export function propertyOfValue(value: AstNode): AstNode | undefined {
    let node: AstNode | undefined = value.$container;
    while (node && isListValue(node)) node = node.$container;
    return isProperty(node) ? node : undefined;
}

/** The spec of an AST property node, if the schema knows it. */
export function specOfProperty(node: AstNode): PropertySpec | undefined {
    if (!isProperty(node)) return undefined;
    return tableForContainer(node.$container)?.[node.name];
}

/** Kinds (component kinds, `channel`, `zone`) a reference-typed property accepts. */
export function referenceKinds(type: PropertyType | undefined): Set<string> {
    const kinds = new Set<string>();
    const visit = (t: PropertyType): void => {
        if (t.type === 'reference') t.kinds.forEach(k => kinds.add(k));
        else if (t.type === 'union') t.of.forEach(visit);
        else if (t.type === 'list') visit(t.of);
    };
    if (type) visit(type);
    return kinds;
}

/** Literal words a type accepts: enum values, booleans, mode names. */
export function valueWords(type: PropertyType | undefined): { word: string; kind: 'enum' | 'boolean' | 'mode'; table?: PropertyTable }[] {
    const words: { word: string; kind: 'enum' | 'boolean' | 'mode'; table?: PropertyTable }[] = [];
    const visit = (t: PropertyType): void => {
        if (t.type === 'enum') t.values.forEach(word => words.push({ word, kind: 'enum' }));
        else if (t.type === 'boolean') ['true', 'false'].forEach(word => words.push({ word, kind: 'boolean' }));
        else if (t.type === 'mode') Object.entries(t.modes).forEach(([word, table]) => words.push({ word, kind: 'mode', table }));
        else if (t.type === 'union') t.of.forEach(visit);
    };
    if (type) visit(type);
    const seen = new Set<string>();
    return words.filter(w => !seen.has(w.word) && seen.add(w.word));
}

/** Example literals for scalar types (durations, rates, quantities). */
export function exampleValues(type: PropertyType | undefined): string[] {
    const values: string[] = [];
    const visit = (t: PropertyType): void => {
        if (t.type === 'duration') values.push('30s', '2s', '15m', '1h');
        else if (t.type === 'rate') values.push('100/s', '6000/min');
        else if (t.type === 'percent') values.push('99.9%', '99.95%', '99.99%');
        else if (t.type === 'quantity') values.push('1000 items');
        else if (t.type === 'union') t.of.forEach(visit);
    };
    if (type) visit(type);
    return [...new Set(values)];
}
