/**
 * Completion where a statement starts, by the block the cursor is in: at the top level and in
 * zones the component kinds, `zone`, snippets and the elements in scope (to start a
 * connection); in a block, the properties of its kind not written yet (with their docs) and the
 * keywords it takes (`->` / `~>` in a component, `route` in a gateway, `topic` / `queue` in a
 * broker, `include` / `exclude` in a view); in a flow, the elements that start a step.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import { COMPONENT_KIND_INFO, COMPONENT_KINDS, type ComponentKind } from '../model/component-kinds.js';
import {
    CHANNEL_PROPERTIES, COMPONENT_PROPERTIES, CONNECTION_PROPERTIES, ROUTE_PROPERTIES, VIEW_PROPERTIES, ZONE_PROPERTIES,
    type PropertyTable,
} from '../model/schema/property-schema.js';
import { describeType } from '../model/schema/describe-type.js';
import { presentProperties, tableFor, type CompletionContext } from './completion-context.js';
import { elementItem, type ItemCollector } from './completion-items.js';
import { KEYWORD_DOCS } from './language-docs.js';
import type { ScopeElement } from './scope-elements.js';

/** Snippets offered where declarations can start. */
const SNIPPETS: { label: string; detail: string; body: string; zone?: boolean }[] = [
    {
        label: 'gateway', detail: 'API gateway with JWT auth, rate limit and a route',
        body: 'gateway ${1:api} "${2:API Gateway}" {\n  auth: jwt { issuer: ${3:idp}  expiry: ${4:15m}  revocation: denylist }\n  rateLimit: ${5:100/s}\n  route "/${6:orders}" -> ${7:orders}\n}',
    },
    {
        label: 'cdn', detail: 'CDN with origin, cache TTL and WAF',
        body: 'cdn ${1:edge} "${2:CDN}" {\n  origin: ${3:assets}\n  ttl: ${4:1h}\n  waf: true\n}',
    },
    {
        label: 'broker', detail: 'Message broker with topics and a dead-letter channel',
        body: 'broker ${1:bus} "${2:Kafka}" {\n  topic ${3:orderPlaced}\n  topic ${4:paymentSettled}\n  deadLetter: true\n}',
    },
    {
        label: 'zone', detail: 'Trust zone with a component', zone: true,
        body: 'zone ${1:vpc} "${2:Private network}" {\n  trust: ${3|private,edge,public|}\n  ${0}\n}',
    },
    {
        label: 'view', detail: 'A diagram view',
        body: 'view ${1:overview} "${2:Overview}" {\n  include ${3:*}\n}',
    },
    {
        label: 'flow', detail: 'A numbered path through the topology',
        body: 'flow ${1:checkout} "${2:Checkout}" {\n  ${3:browser} -> ${4:api}\n}',
    },
];

/**
 * The items where a statement starts in the block `ctx` is in. With `clientProvidesSnippets`
 * the kind keywords and snippets are left to the client.
 */
export function statementStart(result: ItemCollector, ctx: CompletionContext, scope: () => ScopeElement[], clientProvidesSnippets: boolean): void {
    const { context, frames, before } = ctx;
    const present = presentProperties(before, frames, ctx.text);
    const properties = (table: PropertyTable | undefined): void => propertyNames(result, table, present);
    const declarations = (inZone: boolean): void => declarationStarts(result, inZone, !clientProvidesSnippets, scope);
    switch (context.type) {
        case 'top': {
            declarations(false);
            for (const keyword of ['view', 'flow', 'import']) {
                result.add({ label: keyword, kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS[keyword], sortText: `2${keyword}` });
            }
            if (before.length === 0 || before.every(t => t.type === 'comment')) {
                result.add({ label: 'architecture', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.architecture, insertText: 'architecture "${1:Name}"', insertTextFormat: InsertTextFormat.Snippet, sortText: '0architecture' });
            }
            break;
        }
        case 'zone':
            properties(ZONE_PROPERTIES);
            declarations(true);
            break;
        case 'component':
            properties(COMPONENT_PROPERTIES[context.kind]);
            componentKeywords(result, context.kind);
            break;
        case 'channel':
            properties(CHANNEL_PROPERTIES);
            break;
        case 'connection':
            properties(CONNECTION_PROPERTIES);
            break;
        case 'route':
            properties(ROUTE_PROPERTIES);
            break;
        case 'view':
            result.add({ label: 'include', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.include, sortText: '1include' });
            result.add({ label: 'exclude', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.exclude, sortText: '1exclude' });
            properties(VIEW_PROPERTIES);
            break;
        case 'flow':
            for (const element of scope()) if (element.type !== 'zone') result.add(elementItem(element));
            break;
        case 'mode':
        case 'block':
            properties(tableFor(frames));
            break;
        default:
            break;
    }
}

/** The properties of `table` not yet written in the block (`present`), each with its doc, type and default. */
function propertyNames(result: ItemCollector, table: PropertyTable | undefined, present: ReadonlySet<string>): void {
    for (const [name, spec] of Object.entries(table ?? {})) {
        if (present.has(name)) continue;
        result.add({
            label: name, kind: CompletionItemKind.Property, detail: spec.doc,
            documentation: { kind: MarkupKind.Markdown, value: `${spec.doc}\n\nType: ${describeType(spec.type, 'tooltip')}${spec.default ? `\n\nDefault: \`${spec.default}\`` : ''}` },
            insertText: `${name}: `, sortText: `0${name}`,
            command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
        });
    }
}

/** What starts a declaration or a connection: kind keywords, `zone` and snippets (when `snippets`), then the elements in scope. */
function declarationStarts(result: ItemCollector, inZone: boolean, snippets: boolean, scope: () => ScopeElement[]): void {
    for (const kind of snippets ? COMPONENT_KINDS : []) {
        const doc = COMPONENT_KIND_INFO[kind].doc;
        result.add({ label: kind, kind: CompletionItemKind.Keyword, detail: doc, documentation: doc, sortText: `1${kind}` });
    }
    if (snippets) result.add({ label: 'zone', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.zone, sortText: '1zone' });
    for (const snippet of snippets ? SNIPPETS : []) {
        if (!inZone || snippet.label !== 'view' && snippet.label !== 'flow') {
            result.add({
                label: `${snippet.label} …`, filterText: snippet.label, kind: CompletionItemKind.Snippet, detail: snippet.detail,
                insertText: snippet.body, insertTextFormat: InsertTextFormat.Snippet, sortText: `3${snippet.label}`,
            });
        }
    }
    for (const element of scope()) {
        if (element.type !== 'zone') result.add({ ...elementItem(element), sortText: `4${element.id}` });
    }
}

/** The keywords a component's body takes: its arrows, `route` in a gateway, `topic` / `queue` in a broker. */
function componentKeywords(result: ItemCollector, kind: ComponentKind): void {
    result.add({ label: '->', kind: CompletionItemKind.Operator, detail: 'synchronous call from this component', insertText: '-> ', sortText: '5->', command: { title: 'Suggest targets', command: 'editor.action.triggerSuggest' } });
    result.add({ label: '~>', kind: CompletionItemKind.Operator, detail: 'asynchronous message from this component', insertText: '~> ', sortText: '5~>', command: { title: 'Suggest targets', command: 'editor.action.triggerSuggest' } });
    if (kind === 'gateway') {
        result.add({ label: 'route', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.route, insertText: 'route "/${1:path}" -> ${2}', insertTextFormat: InsertTextFormat.Snippet, sortText: '4route' });
    }
    if (kind === 'broker') {
        result.add({ label: 'topic', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.topic, sortText: '4topic' });
        result.add({ label: 'queue', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.queue, sortText: '4queue' });
    }
}
