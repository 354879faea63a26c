import { durationProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { formatDuration } from '../../model/schema/units.js';
import type { Finding } from '../../model/arch-model.js';
import { jwtPolicies, policySubject } from './shared.js';

/** JWTs that live too long. */
export const jwtExpiryTooLong = defineRule({
    id: 'jwt-expiry-too-long',
    area: 'auth',
    severity: 'warning',
    title: 'A JWT lives longer than the maximum.',
    rationale: 'A stolen JWT works until it expires: a long expiry widens the window an attacker has. Keep access tokens short and refresh them.',
    fires: 'An `expiry` in `auth: jwt { … }` or in an identity provider\'s `issues: jwt { … }` exceeds `maxExpiry` (default 60m). An expiry inherited from the issuer is reported once, on the identity provider. Split out of `jwt-missing-expiry`: configuration and `@allow` naming `jwt-missing-expiry` still cover this rule (its severity and options apply when this rule has no setting of its own).',
    options: { maxExpiry: { type: 'duration', description: 'Longest acceptable access-token lifetime.', default: '60m' } },
    fix: 'Lower the expiry to 15m (or the maximum, when that is shorter).',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service api {\n  auth: jwt { issuer: idp  expiry: 2h  revocation: denylist }\n}\nidp idp',
        valid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp',
    },
}, (model, { options, finding }) => {
    const max = options.maxExpiry as number;
    // 15 minutes, or the configured maximum when it is shorter.
    const suggested = formatDuration(Math.min(max, 15 * 60_000));
    const result: Finding[] = [];
    for (const policy of jwtPolicies(model)) {
        const expiry = durationProp(policy.settings, 'expiry');
        if (expiry === undefined || expiry <= max) continue;
        result.push(finding(policy.settings.get('expiry')!.location,
            `${policySubject(policy)} that live ${formatDuration(expiry)}, longer than the maximum of ${formatDuration(max)}.`,
            { elements: [policy.owner.id], fixes: [fix(`Set expiry: ${suggested}`, setProperty(policy.owner, 'expiry', suggested, { within: policy.within }))] }));
    }
    return result;
});
