import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import type { Finding } from '../../model/arch-model.js';
import { jwtPolicies, policySetting, policySubject } from './shared.js';

/** JWTs that never expire. */
export const jwtMissingExpiry = defineRule({
    id: 'jwt-missing-expiry',
    area: 'auth',
    severity: 'error',
    title: 'A JWT has no expiry.',
    rationale: 'A JWT is valid until it expires; the server keeps no state to end it early. A token without expiry is a permanent credential if stolen.',
    fires: '`auth: jwt` without `expiry`, when its `issuer` declares none either; an identity provider\'s `issues: jwt { … }` without `expiry` (reported once there, not on every component that trusts it). An expiry that is too long is `jwt-expiry-too-long`, split out of this rule: configuration and `@allow` naming `jwt-missing-expiry` keep covering it.',
    options: { maxExpiry: { type: 'duration', description: 'Kept for configuration written before the split: applies to `jwt-expiry-too-long` when that rule has no setting of its own.', default: '60m' } },
    fix: 'Insert `expiry: 15m`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service api {\n  auth: jwt { issuer: idp  revocation: denylist }\n}\nidp idp',
        valid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp',
    },
}, (model, { finding }) => {
    const result: Finding[] = [];
    for (const policy of jwtPolicies(model)) {
        const expiry = policySetting(policy, 'expiry');
        if (expiry.value !== undefined || policy.inherited) continue;
        result.push(finding(policy.property.location,
            `${policySubject(policy)} without an expiry; a stolen token stays valid forever. Set expiry: (e.g. 15m).`,
            { elements: [policy.owner.id], fixes: [fix('Set expiry: 15m', setProperty(policy.owner, 'expiry', '15m', { within: policy.within }))] }));
    }
    return result;
});
