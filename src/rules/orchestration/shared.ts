import type { ArchModel, Component } from '../../model/arch-model.js';
import { analyze } from '../analysis.js';

/** The distinct service-like components an orchestrator calls (sync or async, directly). */
export function coordinatedServices(model: ArchModel, orchestrator: Component): Component[] {
    const a = analyze(model);
    const ids = new Set<string>();
    for (const c of a.outgoing(orchestrator.id)) {
        if (a.serviceLike(c.target) && c.target !== orchestrator.id) ids.add(c.target);
    }
    return [...ids].map(id => a.components.get(id)!);
}
