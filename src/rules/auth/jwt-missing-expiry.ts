import { Describe, durationProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { formatDuration } from '../../model/schema/units.js';
import type { Finding } from '../../model/arch-model.js';
import { componentsWithAuth } from './shared.js';

/** JWTs that never expire, or live too long. */
export const jwtMissingExpiry = defineRule({
    id: 'jwt-missing-expiry',
    area: 'auth',
    severity: 'error',
    title: 'A JWT has no expiry, or one longer than the maximum.',
    rationale: 'A JWT is valid until it expires; the server keeps no state to end it early. A token without expiry is a permanent credential if stolen, and a long expiry widens the window an attacker has.',
    fires: '`auth: jwt` without `expiry`; a warning when `expiry` exceeds `maxExpiry` (default 60m).',
    options: { maxExpiry: { type: 'duration', description: 'Longest acceptable access-token lifetime.', default: '60m' } },
    fix: 'Insert `expiry: 15m` (or lower the expiry to 15m).',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service api {\n  auth: jwt { issuer: idp  revocation: denylist }\n}\nidp idp',
        valid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp',
    },
}, (model, { options, finding }) => {
    const max = options.maxExpiry as number;
    // 15 minutes, or the configured maximum when it is shorter.
    const suggested = formatDuration(Math.min(max, 15 * 60_000));
    const result: Finding[] = [];
    for (const { component, auth } of componentsWithAuth(model, 'jwt')) {
        const expiry = durationProp(auth.settings, 'expiry');
        const fixes = [fix(`Set expiry: ${suggested}`, setProperty(component, 'expiry', suggested, { within: 'auth' }))];
        if (expiry === undefined) {
            result.push(finding(auth.property.location,
                `${Describe(component)} accepts JWTs without an expiry; a stolen token stays valid forever. Set expiry: (e.g. 15m).`,
                { elements: [component.id], fixes }));
        } else if (expiry > max) {
            result.push(finding(auth.settings.get('expiry')!.location,
                `${Describe(component)} accepts JWTs that live ${formatDuration(expiry)}, longer than the maximum of ${formatDuration(max)}.`,
                { severity: 'warning', elements: [component.id], fixes }));
        }
    }
    return result;
});
