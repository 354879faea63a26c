import { prop } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { exposedGateways } from './shared.js';

/** A public-facing gateway without a rate limit. */
export const gatewayMissingRateLimit = defineRule({
    id: 'gateway-missing-rate-limit',
    area: 'gateway',
    severity: 'warning',
    title: 'A gateway reached from an entry point has no rate limit.',
    rationale: 'Rate limiting at the gateway protects every service behind it from floods, scrapers and runaway clients; without it one caller can exhaust the whole system.',
    fires: 'A gateway reached from an entry point (or in a public zone) has no `rateLimit`.',
    fix: 'Insert `rateLimit: 100/s`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  route "/orders" -> orders\n}\nservice orders\nweb -> api : https',
        valid: 'client web\ngateway api {\n  auth: jwt { expiry: 15m revocation: denylist }\n  rateLimit: 100/s\n  route "/orders" -> orders\n}\nservice orders\nweb -> api : https',
    },
}, (model, { finding }) => exposedGateways(model)
    .filter(g => prop(g.properties, 'rateLimit') === undefined)
    .map(g => finding(g.nameLocation,
        `The gateway '${g.id}' is reachable from an entry point but has no rateLimit; one caller can flood every service behind it.`,
        { elements: [g.id], fixes: [fix('Insert rateLimit: 100/s', setProperty(g, 'rateLimit', '100/s'))] })));
