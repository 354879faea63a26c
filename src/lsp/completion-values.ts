/**
 * Completion of values: what a property accepts (enum words, modes with their settings,
 * booleans, references of the right kind, example values) from the property schema, the
 * protocols after a connection's `:` (those that fit the target first), and rule ids in
 * `@allow(`.
 */
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver-types';
import { hasTrait } from '../model/component-kinds.js';
import type { PropertySpec } from '../model/schema/property-schema.js';
import { elementItem, type ItemCollector } from './completion-items.js';
import { allRules } from './language-docs.js';
import type { ScopeElement } from './scope-elements.js';
import { exampleValues, PLAIN_PROTOCOL_WORDS, referenceKinds, TLS_PROTOCOL_WORDS, valueWords } from './schema-lookup.js';

/** The values `spec` accepts; in a list (`[a, <|>`) without example values. */
export function propertyValues(result: ItemCollector, spec: PropertySpec, scope: ScopeElement[], inList = false): void {
    for (const { word, kind, table } of valueWords(spec.type)) {
        const settings = table ? Object.keys(table) : [];
        result.add({
            label: word, kind: kind === 'mode' ? CompletionItemKind.Enum : kind === 'boolean' ? CompletionItemKind.Value : CompletionItemKind.EnumMember,
            detail: kind === 'mode' && settings.length > 0 ? `{ ${settings.join(' ')} }` : spec.default === word ? 'default' : undefined,
            sortText: `0${word}`,
        });
    }
    const kinds = referenceKinds(spec.type);
    if (kinds.size > 0) {
        for (const element of scope) {
            const kind = element.type === 'channel' ? 'channel' : element.kind;
            if (kinds.has(kind)) result.add({ ...elementItem(element), sortText: `1${element.id}` });
        }
    }
    if (!inList) {
        for (const example of exampleValues(spec.type)) result.add({ label: example, kind: CompletionItemKind.Value, sortText: `2${example}` });
    }
}

/** Every protocol word, encrypted ones first and those that fit `target` before them. */
export function protocols(result: ItemCollector, target: ScopeElement | undefined): void {
    const preferred = preferredProtocols(target);
    for (const word of [...TLS_PROTOCOL_WORDS, ...PLAIN_PROTOCOL_WORDS]) {
        const tls = (TLS_PROTOCOL_WORDS as readonly string[]).includes(word);
        const rank = preferred.indexOf(word);
        result.add({
            label: word, kind: CompletionItemKind.EnumMember,
            detail: tls ? 'encrypted (TLS)' : 'plaintext',
            sortText: `${rank >= 0 ? `0${rank}` : tls ? '1' : '2'}${word}`,
        });
    }
}

/** Protocols that fit a target, best first. */
function preferredProtocols(target: ScopeElement | undefined): string[] {
    if (!target) return [];
    if (target.type === 'channel' || target.kind === 'broker') return ['kafka+tls', 'amqps', 'mqtts'];
    if (target.kind === 'database') return ['sql+tls', 'tls'];
    if (target.kind === 'cache') return ['rediss', 'tls'];
    if (hasTrait(target.kind, 'dataStore')) return ['https', 'tls'];
    if (hasTrait(target.kind, 'serviceLike')) return ['grpcs', 'https'];
    return ['https'];
}

/** Every rule id, with its title and rationale, for `@allow(`. */
export function ruleIds(result: ItemCollector): void {
    for (const rule of allRules()) {
        result.add({
            label: rule.id, kind: CompletionItemKind.Constant,
            detail: rule.title || `${rule.severity} · ${rule.area}`,
            documentation: { kind: MarkupKind.Markdown, value: [rule.title, rule.rationale, rule.fires ? `**When it fires:** ${rule.fires}` : ''].filter(Boolean).join('\n\n') },
        });
    }
}
