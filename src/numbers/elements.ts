/**
 * The numbers of one component or connection, read from its properties with the assumptions
 * filling in what it does not declare: effective availability (redundancy applied), latency,
 * capacity served, rate admitted, timeouts and retries.
 */
import type { ArchModel, Component, ComponentKind, Connection, Element, Property, PropertyMap } from '../model/arch-model.js';
import { MANAGED_KINDS } from '../model/schema/property-schema.js';
import type { NumberAssumptions } from './assumptions.js';
import { fractionOf, redundantAvailability, servedRate } from './formulas.js';

/** How a component's availability is reached. */
export type AvailabilityBasis =
    /** `instances` independent instances of `instance` each. */
    | 'instances'
    /** `ha: true` with a declared value: the value is the whole setup's. */
    | 'ha'
    /** A managed kind without `replicas`: the provider's figure for the whole service. */
    | 'managed'
    /** A client: the user's own device, not part of the system (100 % unless declared). */
    | 'client';

export interface ComponentNumbers {
    id: string;
    kind: ComponentKind;
    /** Effective availability of the component as a whole (a fraction). */
    availability: number;
    /** Availability of one instance, or of the service for `ha`/`managed` (a fraction). */
    instanceAvailability: number;
    /** True when `availability:` is written on the component. */
    availabilityDeclared: boolean;
    basis: AvailabilityBasis;
    /** Instances the redundancy formula counts (1 for `ha`, `managed` and `client`). */
    instances: number;
    /** Milliseconds the component adds to a request, declared or assumed for its kind. */
    latency: number | undefined;
    latencyDeclared: boolean;
    /** Requests per second one instance serves (`capacity:`). */
    capacity: number | undefined;
    replicas: number;
    /** Requests per second all instances serve (`capacity × replicas`). */
    served: number | undefined;
    /** `rateLimit:` in requests per second. */
    rateLimit: number | undefined;
    /** A CDN's `hitRatio:` as a fraction (0 when not declared: every request reaches the origin). */
    hitRatio: number;
    hitRatioDeclared: boolean;
    /** A gateway with `composition: true` calls its routes in parallel. */
    parallel: boolean;
    /** `timeout:` on the component: the default timeout of the calls it makes. */
    defaultTimeout: number | undefined;
}

export interface ConnectionNumbers {
    id: string;
    /** Milliseconds the network hop adds (`latency:` on the connection). */
    latency: number | undefined;
    /** The caller's timeout for this call: the connection's, else the caller's default `timeout:`. */
    timeout: number | undefined;
    /** The property that sets `timeout` (on the connection or on the caller). */
    timeoutProperty: Property | undefined;
    retries: number;
    retriesProperty: Property | undefined;
}

function value(properties: PropertyMap, name: string): Property['value'] | undefined {
    return properties.get(name)?.value;
}

function percentOf(properties: PropertyMap, name: string): number | undefined {
    const v = value(properties, name);
    return v?.type === 'percent' ? fractionOf(v.percent) : undefined;
}

function millisecondsOf(properties: PropertyMap, name: string): number | undefined {
    const v = value(properties, name);
    return v?.type === 'duration' ? v.milliseconds : undefined;
}

function rateOf(properties: PropertyMap, name: string): number | undefined {
    const v = value(properties, name);
    return v?.type === 'rate' ? v.perSecond : undefined;
}

function countOf(properties: PropertyMap, name: string): number | undefined {
    const v = value(properties, name);
    return v?.type === 'number' ? v.value : undefined;
}

function flagOf(properties: PropertyMap, name: string): boolean {
    const v = value(properties, name);
    return v?.type === 'boolean' && v.value;
}

/** The numbers of a component under the assumptions. */
export function componentNumbers(component: Component, assumptions: NumberAssumptions): ComponentNumbers {
    const p = component.properties;
    const declared = percentOf(p, 'availability');
    const instance = declared ?? fractionOf(assumptions.availability[component.kind]);
    const replicasWritten = countOf(p, 'replicas');
    const replicas = replicasWritten ?? 1;
    const ha = flagOf(p, 'ha');
    let basis: AvailabilityBasis;
    let instances = 1;
    if (component.kind === 'client') basis = 'client';
    else if (MANAGED_KINDS.has(component.kind) && replicasWritten === undefined) basis = 'managed';
    else if (ha && declared !== undefined) basis = 'ha';
    else {
        basis = 'instances';
        // `ha: true` without a figure: a failover pair.
        instances = ha ? Math.max(2, replicas) : replicas;
    }
    const declaredLatency = millisecondsOf(p, 'latency');
    const capacity = rateOf(p, 'capacity');
    const hitRatio = percentOf(p, 'hitRatio');
    return {
        id: component.id,
        kind: component.kind,
        availability: redundantAvailability(instance, instances),
        instanceAvailability: instance,
        availabilityDeclared: declared !== undefined,
        basis,
        instances,
        latency: declaredLatency ?? assumptions.latency[component.kind],
        latencyDeclared: declaredLatency !== undefined,
        capacity,
        replicas,
        served: capacity === undefined ? undefined : servedRate(capacity, replicas),
        rateLimit: rateOf(p, 'rateLimit'),
        hitRatio: component.kind === 'cdn' ? hitRatio ?? 0 : 0,
        hitRatioDeclared: component.kind === 'cdn' && hitRatio !== undefined,
        parallel: component.kind === 'gateway' && flagOf(p, 'composition'),
        defaultTimeout: millisecondsOf(p, 'timeout'),
    };
}

/** The numbers of a connection; the caller's default timeout applies when the connection sets none. */
export function connectionNumbers(connection: Connection, caller: Component | undefined): ConnectionNumbers {
    const p = connection.properties;
    const own = p.get('timeout');
    const inherited = caller?.properties.get('timeout');
    const timeoutProperty = own?.value.type === 'duration' ? own : inherited?.value.type === 'duration' ? inherited : undefined;
    const retriesProperty = p.get('retries');
    return {
        id: connection.id,
        latency: millisecondsOf(p, 'latency'),
        timeout: timeoutProperty?.value.type === 'duration' ? timeoutProperty.value.milliseconds : undefined,
        timeoutProperty,
        retries: countOf(p, 'retries') ?? 0,
        retriesProperty: retriesProperty?.value.type === 'number' ? retriesProperty : undefined,
    };
}

/** The component an element stands for in the arithmetic: itself, or a channel's broker. */
export function componentOf(model: ArchModel, element: Element | undefined): Component | undefined {
    if (element?.type === 'component') return element;
    if (element?.type === 'channel') {
        const broker = model.elements.get(element.broker);
        return broker?.type === 'component' ? broker : undefined;
    }
    return undefined;
}
