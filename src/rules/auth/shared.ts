import type { ArchModel, Component, Property, PropertyMap, PropertyValue } from '../../model/arch-model.js';
import { authOf, Describe, refProp, type AuthSetting } from '../analysis.js';

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

/**
 * A token policy to judge: a component's `auth: jwt { … }`, or an identity provider's
 * `issues: jwt { … }`. A `jwt` block whose `issuer` declares a policy inherits what it does not
 * set itself; what it inherits is judged once, on the identity provider.
 */
export interface JwtPolicy {
    /** Where findings go: the component that accepts the tokens, or the identity provider that issues them. */
    owner: Component;
    /** `auth` on a component, `issues` on an identity provider (the property quick fixes write into). */
    within: 'auth' | 'issues';
    property: Property;
    /** The settings written in this block. */
    settings: PropertyMap;
    /** The issuer's policy, when the `issuer` declares one. */
    inherited?: { idp: Component; settings: PropertyMap };
}

/** The token policy an identity provider declares (`issues: jwt { … }`). */
export function issuedPolicy(idp: Component): { property: Property; settings: PropertyMap } | undefined {
    const property = idp.properties.get('issues');
    if (idp.kind !== 'idp' || property?.value.type !== 'mode' || property.value.mode !== 'jwt') return undefined;
    return { property, settings: property.value.properties };
}

/** Every token policy of the model: identity providers' first, then each `auth: jwt` with what it inherits. */
export function jwtPolicies(model: ArchModel): JwtPolicy[] {
    const result: JwtPolicy[] = [];
    for (const idp of model.components) {
        const issued = idp.hasUnresolvedReferences ? undefined : issuedPolicy(idp);
        if (issued) result.push({ owner: idp, within: 'issues', ...issued });
    }
    for (const { component, auth } of componentsWithAuth(model, 'jwt')) {
        const issuer = refProp(auth.settings, 'issuer')[0];
        const idp = issuer === undefined ? undefined : model.elements.get(issuer);
        const issued = idp?.type === 'component' ? issuedPolicy(idp) : undefined;
        result.push({
            owner: component, within: 'auth', property: auth.property, settings: auth.settings,
            ...(issued && idp?.type === 'component' ? { inherited: { idp, settings: issued.settings } } : {}),
        });
    }
    return result;
}

/** A setting of a policy as in force: its own, else the issuer's; `own` says which. */
export function policySetting(policy: JwtPolicy, name: string): { value: PropertyValue | undefined; own: boolean } {
    const own = policy.settings.get(name)?.value;
    if (own !== undefined || !policy.inherited) return { value: own, own: true };
    return { value: policy.inherited.settings.get(name)?.value, own: false };
}

/** "The service 'api' accepts JWTs" / "The identity provider 'kc' issues JWTs". */
export function policySubject(policy: JwtPolicy): string {
    return `${Describe(policy.owner)} ${policy.within === 'issues' ? 'issues' : 'accepts'} JWTs`;
}
