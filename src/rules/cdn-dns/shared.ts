import type { ArchModel, Component } from '../../model/arch-model.js';
import { hasTrait } from '../../model/component-kinds.js';
import { analyze, refProp } from '../analysis.js';

/** Origins besides the service-like kinds. */
const OTHER_ORIGIN_KINDS = new Set(['gateway', 'loadbalancer', 'storage', 'external']);
const isOrigin = (kind: string): boolean => hasTrait(kind, 'serviceLike') || OTHER_ORIGIN_KINDS.has(kind);

/** A CDN's origins: its `origin:` reference, else the origin-like targets of its sync connections. */
export function originsOf(model: ArchModel, cdn: Component): Component[] {
    const a = analyze(model);
    const declared = refProp(cdn.properties, 'origin').map(id => a.components.get(id)).filter((c): c is Component => c !== undefined);
    if (declared.length > 0) return declared;
    return [...new Set(a.syncOut(cdn.id).map(c => c.target))]
        .map(id => a.components.get(id)!)
        .filter(c => isOrigin(c.kind));
}

/** Kinds that can serve as a CDN origin. */
export function isOriginKind(component: Component): boolean {
    return isOrigin(component.kind);
}
