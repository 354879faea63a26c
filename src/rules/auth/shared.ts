import type { ArchModel, Component } from '../../model/arch-model.js';
import { authOf, type AuthSetting } from '../analysis.js';

/** Components with `auth: <mode>`, skipping ones with unresolved references. */
export function componentsWithAuth(model: ArchModel, mode: string): { component: Component; auth: AuthSetting }[] {
    const result: { component: Component; auth: AuthSetting }[] = [];
    for (const component of model.components) {
        if (component.hasUnresolvedReferences) continue;
        const auth = authOf(component.properties);
        if (auth?.mode === mode) result.push({ component, auth });
    }
    return result;
}
