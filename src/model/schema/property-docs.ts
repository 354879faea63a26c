/**
 * Markdown reference of every property, generated from the schema.
 */
import { COMPONENT_KINDS } from '../arch-model.js';
import {
    AUTH_MODES, CHANNEL_PROPERTIES, COMPONENT_PROPERTIES, CONNECTION_PROPERTIES, FLOW_PROPERTIES, ROUTE_PROPERTIES, SLO_PROPERTIES, VIEW_PROPERTIES, ZONE_PROPERTIES,
    type PropertyTable,
} from './property-schema.js';
import { describeType } from './describe-type.js';

function table(properties: PropertyTable): string {
    const rows = Object.entries(properties).map(([name, spec]) =>
        `| \`${name}\` | ${describeType(spec.type, 'table')} | ${spec.doc.replace(/\|/g, '\\|')} | ${spec.default ?? ''} |`);
    return ['| property | value | meaning | default |', '|---|---|---|---|', ...rows].join('\n');
}

export function renderPropertyDocs(): string {
    const parts = [
        '# Property reference',
        '',
        '<!-- Generated from src/model/schema/property-schema.ts by `npm run generate`; do not edit. -->',
        '',
    ];
    for (const kind of COMPONENT_KINDS) parts.push(`## \`${kind}\``, '', table(COMPONENT_PROPERTIES[kind]), '');
    parts.push('## `topic` and `queue`', '', table(CHANNEL_PROPERTIES), '');
    parts.push('## Connections `{ … }`', '', table(CONNECTION_PROPERTIES), '');
    parts.push('## Gateway routes `{ … }`', '', 'A route takes every connection property, and:', '', table(Object.fromEntries(Object.entries(ROUTE_PROPERTIES).filter(([name]) => !(name in CONNECTION_PROPERTIES)))), '');
    parts.push('## `zone`', '', table(ZONE_PROPERTIES), '');
    parts.push('## `view`', '', table(VIEW_PROPERTIES), '');
    parts.push('## `flow`', '', 'Beside its steps, a flow takes these properties.', '', table(FLOW_PROPERTIES), '');
    parts.push('### `slo: { … }`', '', table(SLO_PROPERTIES), '');
    parts.push('## `auth:` modes', '');
    for (const [mode, settings] of Object.entries(AUTH_MODES)) {
        parts.push(`### \`auth: ${mode}\``, '', Object.keys(settings).length > 0 ? table(settings) : 'No settings.', '');
    }
    return parts.join('\n');
}
