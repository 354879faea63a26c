/**
 * What the arithmetic assumes where the model says nothing: the availability of one instance
 * of each kind (from the property schema, `DEFAULT_AVAILABILITY`) and, when configured, a
 * latency per kind. `numbers` in archway.json overrides both per kind (parsed by
 * `src/rules/config.ts`).
 */
import { COMPONENT_KINDS, type ComponentKind } from '../model/arch-model.js';
import { DEFAULT_AVAILABILITY } from '../model/schema/property-schema.js';

/** Per-kind values assumed for components that declare none. */
export interface NumberAssumptions {
    /** Availability in percent of one instance (of the whole service for managed kinds). */
    availability: Readonly<Record<ComponentKind, number>>;
    /** Latency in milliseconds a component of the kind adds; a kind missing here has none assumed (unknown). */
    latency: Readonly<Partial<Record<ComponentKind, number>>>;
}

/** The assumptions without configuration: the schema's availabilities, no latencies. */
export const DEFAULT_ASSUMPTIONS: NumberAssumptions = Object.freeze({
    availability: DEFAULT_AVAILABILITY,
    latency: Object.freeze({}),
});

/** Overrides per kind, as read from archway.json (`{ availability: { service: 99.9 }, latency: { database: 5 } }`). */
export interface NumberOverrides {
    availability?: Partial<Record<ComponentKind, number>>;
    latency?: Partial<Record<ComponentKind, number>>;
}

/** The defaults with `overrides` applied; the defaults themselves (the same object) when there are none. */
export function assumptionsWith(overrides: NumberOverrides | undefined): NumberAssumptions {
    const availability = overrides?.availability ?? {};
    const latency = overrides?.latency ?? {};
    if (Object.keys(availability).length === 0 && Object.keys(latency).length === 0) return DEFAULT_ASSUMPTIONS;
    return {
        availability: Object.fromEntries(COMPONENT_KINDS.map(kind => [kind, availability[kind] ?? DEFAULT_AVAILABILITY[kind]])) as Record<ComponentKind, number>,
        latency: { ...latency },
    };
}
