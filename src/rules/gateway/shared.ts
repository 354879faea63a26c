import type { ArchModel, Component, Connection } from '../../model/arch-model.js';
import { analyze } from '../analysis.js';

/** Gateways an entry point reaches (or that are entry points themselves), skipping ones with unresolved references. */
export function exposedGateways(model: ArchModel): Component[] {
    const a = analyze(model);
    return model.components.filter(c => c.kind === 'gateway' && !c.hasUnresolvedReferences && a.onUserPath(c.id));
}

/** A gateway's routes and outgoing sync connections. */
export function gatewayTargets(model: ArchModel, gateway: Component): Connection[] {
    return analyze(model).syncOut(gateway.id);
}
