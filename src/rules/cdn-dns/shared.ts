import type { ArchModel, Component } from '../../model/arch-model.js';
import { analyze, refProp } from '../analysis.js';

const ORIGIN_KINDS = new Set(['service', 'function', 'orchestrator', 'stream', 'batch', 'etl', 'gateway', 'loadbalancer', 'storage', 'external']);

/** A CDN's origins: its `origin:` reference, else the origin-like targets of its sync connections. */
export function originsOf(model: ArchModel, cdn: Component): Component[] {
    const a = analyze(model);
    const declared = refProp(cdn.properties, 'origin').map(id => a.components.get(id)).filter((c): c is Component => c !== undefined);
    if (declared.length > 0) return declared;
    return [...new Set(a.syncOut(cdn.id).map(c => c.target))]
        .map(id => a.components.get(id)!)
        .filter(c => ORIGIN_KINDS.has(c.kind));
}

/** Kinds that can serve as a CDN origin. */
export function isOriginKind(component: Component): boolean {
    return ORIGIN_KINDS.has(component.kind);
}
