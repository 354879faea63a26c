/**
 * Type tests by `$type` for the nodes the model builder reads. These node types have no
 * subtypes, so this is what the generated `isX` functions answer, without the reflection's
 * subtype lookup (the builder asks per member, on every build).
 */
import type { AstNode } from 'langium';
import type {
    BlockValue, Channel, Component, Connection, DurationValue, ListValue, NumberValue, PercentValue, Property, QuantityValue, RateValue,
    Route, StringValue, WordValue, Zone,
} from '../../language/generated/ast.js';

const isOfType = <T extends AstNode>(type: string) => (node: AstNode | undefined): node is T => node?.$type === type;

export const isZone = isOfType<Zone>('Zone');
export const isComponent = isOfType<Component>('Component');
export const isChannel = isOfType<Channel>('Channel');
export const isConnection = isOfType<Connection>('Connection');
export const isRoute = isOfType<Route>('Route');
export const isProperty = isOfType<Property>('Property');
export const isBlockValue = isOfType<BlockValue>('BlockValue');
export const isDurationValue = isOfType<DurationValue>('DurationValue');
export const isListValue = isOfType<ListValue>('ListValue');
export const isNumberValue = isOfType<NumberValue>('NumberValue');
export const isPercentValue = isOfType<PercentValue>('PercentValue');
export const isQuantityValue = isOfType<QuantityValue>('QuantityValue');
export const isRateValue = isOfType<RateValue>('RateValue');
export const isStringValue = isOfType<StringValue>('StringValue');
export const isWordValue = isOfType<WordValue>('WordValue');
