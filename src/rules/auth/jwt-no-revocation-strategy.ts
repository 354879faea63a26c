import { Describe, durationProp, wordProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { formatDuration } from '../../model/schema/units.js';
import { componentsWithAuth } from './shared.js';

/** JWTs that cannot be revoked before they expire. */
export const jwtNoRevocationStrategy = defineRule({
    id: 'jwt-no-revocation-strategy',
    area: 'auth',
    severity: 'warning',
    title: 'JWTs cannot be revoked before they expire.',
    rationale: 'Stateless tokens cannot be logged out: after a password change or a stolen device the token still works until it expires. Either keep a denylist (or introspection), or keep access tokens short and rotate refresh tokens.',
    fires: '`auth: jwt` with neither `revocation: denylist|introspection` nor `refresh: rotating` with an expiry of at most `shortExpiry` (default 15m).',
    options: { shortExpiry: { type: 'duration', description: 'Longest expiry that counts as short when refresh tokens rotate.', default: '15m' } },
    fix: 'Insert `revocation: denylist`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m }\n}\nidp idp',
        valid: 'service api {\n  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }\n}\nidp idp',
    },
}, (model, { options, finding }) => componentsWithAuth(model, 'jwt').flatMap(({ component, auth }) => {
    const revocation = wordProp(auth.settings, 'revocation');
    if (revocation === 'denylist' || revocation === 'introspection') return [];
    const expiry = durationProp(auth.settings, 'expiry');
    const short = expiry !== undefined && expiry <= (options.shortExpiry as number);
    if (wordProp(auth.settings, 'refresh') === 'rotating' && short) return [];
    return [finding(auth.property.location,
        `${Describe(component)} accepts JWTs that cannot be revoked: set revocation: denylist, or refresh: rotating with an expiry of ${formatDuration(options.shortExpiry as number)} or less.`,
        { elements: [component.id], fixes: [fix('Insert revocation: denylist', setProperty(component, 'revocation', 'denylist', { within: 'auth' }))] })];
}));
