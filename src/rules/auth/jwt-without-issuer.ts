import { Describe, refProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { componentsWithAuth } from './shared.js';

/** JWTs with no identity provider anywhere. */
export const jwtWithoutIssuer = defineRule({
    id: 'jwt-without-issuer',
    area: 'auth',
    severity: 'warning',
    title: 'JWTs are accepted but nothing in the model issues them.',
    rationale: 'Someone signs the tokens. Making the issuer explicit (an `idp`) shows who holds the signing keys and where users log in; a model without one hides a critical dependency.',
    fires: '`auth: jwt` without an `issuer` reference while the model has no `idp`.',
    fix: 'Add an `idp` and set `issuer:` to it.',
    examples: {
        invalid: 'service api {\n  auth: jwt { expiry: 15m  revocation: denylist }\n}',
        valid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp',
    },
}, (model, { finding }) => {
    if (model.components.some(c => c.kind === 'idp')) return [];
    return componentsWithAuth(model, 'jwt')
        .filter(({ auth }) => refProp(auth.settings, 'issuer').length === 0)
        .map(({ component, auth }) => finding(auth.property.location,
            `${Describe(component)} accepts JWTs, but the model has no identity provider and the jwt block names no issuer.`,
            { elements: [component.id] }));
});
