import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { formatDuration } from '../../model/schema/units.js';
import type { Finding, PropertyValue } from '../../model/arch-model.js';
import { jwtPolicies, policySetting, policySubject } from './shared.js';

/** JWTs that cannot be revoked before they expire. */
export const jwtNoRevocationStrategy = defineRule({
    id: 'jwt-no-revocation-strategy',
    area: 'auth',
    severity: 'warning',
    title: 'JWTs cannot be revoked before they expire.',
    rationale: 'Stateless tokens cannot be logged out: after a password change or a stolen device the token still works until it expires. Either keep a denylist (or introspection), or keep access tokens short and rotate refresh tokens.',
    fires: '`auth: jwt` (or an identity provider\'s `issues: jwt { … }`) with neither `revocation: denylist|introspection` nor `refresh: rotating` with an expiry of at most `shortExpiry` (default 15m). Settings a `jwt` block does not write come from its `issuer`\'s `issues: jwt { … }`; when all of them do, the finding is reported once, on the identity provider.',
    options: { shortExpiry: { type: 'duration', description: 'Longest expiry that counts as short when refresh tokens rotate.', default: '15m' } },
    fix: 'Insert `revocation: denylist`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m }\n}\nidp idp',
        valid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp',
    },
}, (model, { options, finding }) => {
    const short = options.shortExpiry as number;
    const result: Finding[] = [];
    for (const policy of jwtPolicies(model)) {
        if (revocable((name) => policySetting(policy, name).value, short)) continue;
        // What the issuer's policy decides on its own is reported once, on the identity provider.
        if (policy.inherited && !revocable((name) => policy.inherited!.settings.get(name)?.value, short)
            && !policy.settings.has('revocation') && !policy.settings.has('refresh')) continue;
        result.push(finding(policy.property.location,
            `${policySubject(policy)} that cannot be revoked: set revocation: denylist, or refresh: rotating with an expiry of ${formatDuration(short)} or less.`,
            { elements: [policy.owner.id], fixes: [fix('Insert revocation: denylist', setProperty(policy.owner, 'revocation', 'denylist', { within: policy.within }))] }));
    }
    return result;
});

/** True when tokens can be revoked: a denylist or introspection, or rotating refresh with a short expiry. */
function revocable(setting: (name: string) => PropertyValue | undefined, short: number): boolean {
    const revocation = word(setting('revocation'));
    if (revocation === 'denylist' || revocation === 'introspection') return true;
    const expiry = setting('expiry');
    return word(setting('refresh')) === 'rotating' && expiry?.type === 'duration' && expiry.milliseconds <= short;
}

function word(value: PropertyValue | undefined): string | undefined {
    return value?.type === 'enum' || value?.type === 'string' ? value.value : undefined;
}
