/**
 * Completion that knows the language: kinds at a declaration start, the properties of the
 * enclosing kind (with their one-line docs), the values a property accepts (enum words, auth
 * modes, references of the right kind), protocols after a connection's `:`, ids after `->` /
 * `~>`, a broker's channels after `broker.`, rule ids in `@allow(`, view and flow members, and
 * snippets.
 *
 * The context is read from the tokens before the cursor (not from the parse tree), so it works
 * on half-typed text; the property schema is the single source of truth for names and values.
 */
import { UriUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { importedUris } from '../language/archway-imports.js';
import type { CompletionProvider, CompletionProviderOptions, LangiumServices } from 'langium/lsp';
import {
    CompletionItemKind, InsertTextFormat, MarkupKind,
    type CompletionItem, type CompletionList, type Range,
} from 'vscode-languageserver-types';
import type { CompletionParams } from 'vscode-languageserver-protocol';
import {
    COMPONENT_KIND_INFO, COMPONENT_KINDS, hasTrait, isComponentKind, kindInfo, type ComponentKind, type KindSymbol,
} from '../model/component-kinds.js';
import {
    CHANNEL_PROPERTIES, COMPONENT_PROPERTIES, CONNECTION_PROPERTIES, ROUTE_PROPERTIES, VIEW_PROPERTIES, ZONE_PROPERTIES,
    type PropertySpec, type PropertyTable,
} from '../model/schema/property-schema.js';
import { describeType } from '../model/schema/describe-type.js';
import { elementsInScope, type ScopeElement } from './scope-elements.js';
import { allRules, KEYWORD_DOCS } from './language-docs.js';
import {
    blockTable, exampleValues, modeTable, PLAIN_PROTOCOL_WORDS, referenceKinds,
    TLS_PROTOCOL_WORDS, valueWords,
} from './schema-lookup.js';
import { tokenize, type Token } from '../format/tokens.js';

/** What a `{ … }` block around the cursor belongs to. */
export type BlockContext =
    | { type: 'top' }
    | { type: 'zone' }
    | { type: 'component'; kind: ComponentKind; name: string | undefined }
    | { type: 'channel' }
    | { type: 'connection' }
    | { type: 'route' }
    | { type: 'view' }
    | { type: 'flow' }
    | { type: 'mode'; property: string; mode: string }
    | { type: 'block'; property: string }
    | { type: 'unknown' };

interface Frame {
    context: BlockContext;
    /** Index of the `{` token. */
    open: number;
}

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

/** Completion item kinds of what is not a component, and of components shown differently from their symbol. */
const OTHER_ITEM_KIND: Partial<Record<string, CompletionItemKind>> = {
    zone: CompletionItemKind.Module,
    topic: CompletionItemKind.Event,
    queue: CompletionItemKind.Event,
    external: CompletionItemKind.Reference,
};

/** Completion item kind of a component kind's symbol (its `symbol` in the kinds table). */
const SYMBOL_ITEM_KIND: Readonly<Record<KindSymbol, CompletionItemKind>> = {
    class: CompletionItemKind.Class, struct: CompletionItemKind.Struct, interface: CompletionItemKind.Interface,
    variable: CompletionItemKind.Variable, function: CompletionItemKind.Class,
};

/** How a completion item shows an element of this kind. */
function itemKindOf(kind: string): CompletionItemKind {
    return OTHER_ITEM_KIND[kind] ?? SYMBOL_ITEM_KIND[kindInfo(kind)?.symbol ?? 'class'];
}

/** Schema- and scope-driven completion. */
export class ArchwayCompletionProvider implements CompletionProvider {
    private readonly documents: LangiumDocuments;

    readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', ':', '>', '(', '@'] };

    /**
     * True when the client contributes its own declaration snippets (the VS Code extension
     * says so with `initializationOptions.clientSnippets`); the server then leaves out its
     * kind keywords and snippets so the user does not see each kind twice.
     */
    clientProvidesSnippets = false;

    constructor(services: LangiumServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        services.shared.lsp.LanguageServer?.onInitialize(params => {
            const options = params.initializationOptions as { clientSnippets?: unknown } | undefined;
            this.clientProvidesSnippets = options?.clientSnippets === true;
        });
    }

    getCompletion(document: LangiumDocument, params: CompletionParams): CompletionList {
        try {
            return { isIncomplete: false, items: this.items(document, document.textDocument.offsetAt(params.position)) };
        } catch {
            return { isIncomplete: false, items: [] };
        }
    }

    private items(document: LangiumDocument, offset: number): CompletionItem[] {
        const text = document.textDocument.getText();
        const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
        const importMatch = /^\s*import\s+(["'])([^"']*)$/.exec(text.slice(lineStart, offset));
        if (importMatch) return this.importPaths(document, offset - importMatch[2].length, offset);
        // The word being typed (ids may contain hyphens).
        let prefixStart = offset;
        while (prefixStart > 0 && /[\w-]/.test(text[prefixStart - 1])) prefixStart--;
        const before = tokenize(text.slice(0, prefixStart));
        // Inside a comment or a string: nothing.
        const last = before[before.length - 1];
        if (last && last.type === 'comment' && last.lineComment && !/[\r\n]/.test(text.slice(last.end, prefixStart))) return [];
        if (insideString(text, prefixStart)) return [];

        const range: Range = { start: document.textDocument.positionAt(prefixStart), end: document.textDocument.positionAt(offset) };
        const frames = blockFrames(before, text);
        const context = frames.length > 0 ? frames[frames.length - 1].context : { type: 'top' } as BlockContext;
        const statement = currentStatement(before, text, prefixStart).filter(t => t.type !== 'comment');
        const scope = () => elementsInScope(document, this.documents);
        const result = new ItemCollector(range);
        const tail = statement.map(t => t.text);
        const lastText = tail[tail.length - 1];

        // @allow( rule ids
        const annotationOpen = lastIndexOf(tail, '(');
        if (annotationOpen >= 1 && tail[annotationOpen - 1] === 'allow' && !tail.slice(annotationOpen).includes(')')) {
            if (lastText === '(') this.ruleIds(result);
            return result.items;
        }
        if (lastText === '@') {
            result.add({ label: 'allow', kind: CompletionItemKind.Keyword, detail: 'Suppress a rule here, with a reason', insertText: 'allow(${1:rule-id}, "${2:reason}")', insertTextFormat: InsertTextFormat.Snippet });
            return result.items;
        }
        // broker.
        if (lastText === '.' && tail.length >= 2) {
            const broker = tail[tail.length - 2];
            for (const element of scope()) {
                if (element.type === 'channel' && element.broker === broker) {
                    result.add(this.elementItem(element, element.id.slice(broker.length + 1)));
                }
            }
            return result.items;
        }
        // Ids after arrows.
        if (lastText === '->' || lastText === '~>') {
            this.arrowTargets(result, scope(), context, statement, lastText, document);
            return result.items;
        }
        // Values after `:`.
        if (lastText === ':') {
            const arrowAt = Math.max(lastIndexOf(tail, '->'), lastIndexOf(tail, '~>'));
            if (arrowAt >= 0 && arrowAt < tail.length - 2) {
                this.protocols(result, scope().find(e => e.id === joinedIdBefore(tail, tail.length - 1)));
                return result.items;
            }
            const name = tail[tail.length - 2];
            const table = tableFor(frames);
            if (name && table?.[name]) this.values(result, table[name], scope());
            return result.items;
        }
        // Lists of references: `collapse: [a, <|>`.
        const bracket = lastIndexOf(tail, '[');
        if (bracket >= 2 && !tail.slice(bracket).includes(']') && (lastText === '[' || lastText === ',') && tail[bracket - 1] === ':') {
            const spec = tableFor(frames)?.[tail[bracket - 2]];
            if (spec) this.values(result, spec, scope(), true);
            return result.items;
        }
        // View members.
        if (context.type === 'view' && (lastText === 'include' || lastText === 'exclude' || (lastText === ',' && (tail.includes('include') || tail.includes('exclude'))))) {
            if (lastText === 'include') result.add({ label: '*', kind: CompletionItemKind.Keyword, detail: 'everything', sortText: '0' });
            for (const element of scope()) result.add(this.elementItem(element));
            return result.items;
        }
        const atStart = tail.length === 0
            || (tail.length >= 3 && tail[tail.length - 2] === ':' && !tail.includes('->') && !tail.includes('~>') && context.type !== 'top' && context.type !== 'flow');
        if (atStart) {
            this.statementStart(result, context, frames, before, text, scope);
            return result.items;
        }
        // `browser <|>`: an arrow.
        if (tail.length === 1 && (context.type === 'top' || context.type === 'zone' || context.type === 'flow') && !isComponentKind(tail[0]) && !KEYWORD_DOCS[tail[0]]) {
            result.add({ label: '->', kind: CompletionItemKind.Operator, detail: 'synchronous call (request-response)' });
            result.add({ label: '~>', kind: CompletionItemKind.Operator, detail: 'asynchronous message (publish or deliver)' });
        }
        return result.items;
    }

    /** Relative paths of the other `.arch` files in the workspace, for `import "…"`. */
    private importPaths(document: LangiumDocument, start: number, end: number): CompletionItem[] {
        const range: Range = { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
        const result = new ItemCollector(range);
        const own = document.uri.toString();
        const imported = new Set(importedUris(document));
        const from = UriUtils.dirname(document.uri);
        for (const other of this.documents.all) {
            const uri = other.uri.toString();
            if (uri === own || imported.has(uri) || !uri.endsWith('.arch')) continue;
            let path = UriUtils.relative(from, other.uri);
            if (!path.startsWith('.')) path = `./${path}`;
            result.add({ label: path, kind: CompletionItemKind.File, detail: 'import this file' });
        }
        return result.items;
    }

    private ruleIds(result: ItemCollector): void {
        for (const rule of allRules()) {
            result.add({
                label: rule.id, kind: CompletionItemKind.Constant,
                detail: rule.title || `${rule.severity} · ${rule.area}`,
                documentation: { kind: MarkupKind.Markdown, value: [rule.title, rule.rationale, rule.fires ? `**When it fires:** ${rule.fires}` : ''].filter(Boolean).join('\n\n') },
            });
        }
    }

    private arrowTargets(result: ItemCollector, scope: ScopeElement[], context: BlockContext, statement: Token[], arrow: string, document: LangiumDocument): void {
        const tail = statement.map(t => t.text);
        const sourceId = context.type === 'component' && tail.length === 1 ? context.name : joinedIdBefore(tail, tail.length - 1);
        const source = scope.find(e => e.id === sourceId);
        const isRoute = tail[0] === 'route' || tail.includes('route');
        for (const element of scope) {
            if (element.id === sourceId) continue;
            let rank = 1;
            if (arrow === '->') {
                if (element.type === 'channel') continue;
                if (isRoute) rank = element.type === 'component' && hasTrait(element.kind, 'serviceLike') ? 0 : 2;
                else if (element.type === 'zone') continue;
            } else if (source?.type === 'channel') {
                // Delivery from a channel: consumers.
                if (element.type !== 'component') continue;
                rank = hasTrait(element.kind, 'serviceLike') ? 0 : 1;
            } else {
                if (element.type === 'zone') continue;
                rank = element.type === 'channel' || hasTrait(element.kind, 'asyncEnd') ? 0 : 1;
            }
            if (context.type === 'flow' && sourceId) {
                rank = this.connected(document, sourceId, element.id) ? 0 : rank + 1;
            }
            result.add({ ...this.elementItem(element), sortText: `${rank}${element.id}` });
        }
    }

    /** Whether a `source -> target` connection is written in any loaded document (for flow steps). */
    private connected(document: LangiumDocument, source: string, target: string): boolean {
        const pattern = new RegExp(`(^|[^\\w.-])${escape(source)}\\s*[-~]>\\s*${escape(target)}([^\\w.-]|$)`, 'm');
        return this.documents.all.some(doc => pattern.test(doc.textDocument.getText())) || pattern.test(document.textDocument.getText());
    }

    private protocols(result: ItemCollector, target: ScopeElement | undefined): void {
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

    private values(result: ItemCollector, spec: PropertySpec, scope: ScopeElement[], inList = false): void {
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
                if (kinds.has(kind)) result.add({ ...this.elementItem(element), sortText: `1${element.id}` });
            }
        }
        if (!inList) {
            for (const example of exampleValues(spec.type)) result.add({ label: example, kind: CompletionItemKind.Value, sortText: `2${example}` });
        }
    }

    private statementStart(result: ItemCollector, context: BlockContext, frames: Frame[], before: Token[], text: string, scope: () => ScopeElement[]): void {
        const present = presentProperties(before, frames, text);
        const properties = (table: PropertyTable | undefined): void => {
            for (const [name, spec] of Object.entries(table ?? {})) {
                if (present.has(name)) continue;
                result.add({
                    label: name, kind: CompletionItemKind.Property, detail: spec.doc,
                    documentation: { kind: MarkupKind.Markdown, value: `${spec.doc}\n\nType: ${describeType(spec.type, 'tooltip')}${spec.default ? `\n\nDefault: \`${spec.default}\`` : ''}` },
                    insertText: `${name}: `, sortText: `0${name}`,
                    command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
                });
            }
        };
        const declarations = (inZone: boolean): void => {
            const snippets = !this.clientProvidesSnippets;
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
                if (element.type !== 'zone') result.add({ ...this.elementItem(element), sortText: `4${element.id}` });
            }
        };
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
            case 'component': {
                properties(COMPONENT_PROPERTIES[context.kind]);
                result.add({ label: '->', kind: CompletionItemKind.Operator, detail: 'synchronous call from this component', insertText: '-> ', sortText: '5->', command: { title: 'Suggest targets', command: 'editor.action.triggerSuggest' } });
                result.add({ label: '~>', kind: CompletionItemKind.Operator, detail: 'asynchronous message from this component', insertText: '~> ', sortText: '5~>', command: { title: 'Suggest targets', command: 'editor.action.triggerSuggest' } });
                if (context.kind === 'gateway') {
                    result.add({ label: 'route', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.route, insertText: 'route "/${1:path}" -> ${2}', insertTextFormat: InsertTextFormat.Snippet, sortText: '4route' });
                }
                if (context.kind === 'broker') {
                    result.add({ label: 'topic', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.topic, sortText: '4topic' });
                    result.add({ label: 'queue', kind: CompletionItemKind.Keyword, detail: KEYWORD_DOCS.queue, sortText: '4queue' });
                }
                break;
            }
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
                for (const element of scope()) if (element.type !== 'zone') result.add(this.elementItem(element));
                break;
            case 'mode':
            case 'block':
                properties(tableFor(frames));
                break;
            default:
                break;
        }
    }

    private elementItem(element: ScopeElement, label = element.id): CompletionItem {
        return {
            label,
            kind: itemKindOf(element.kind),
            detail: `${element.kind}${element.label ? ` — ${element.label}` : ''}`,
            labelDetails: { description: element.kind },
        };
    }
}

/** Collects items, one per label, all replacing the word being typed. */
class ItemCollector {
    readonly items: CompletionItem[] = [];
    private readonly labels = new Set<string>();

    constructor(private readonly range: Range) {}

    add(item: CompletionItem): void {
        if (this.labels.has(item.label)) return;
        this.labels.add(item.label);
        const newText = item.insertText ?? item.label;
        this.items.push({ ...item, insertText: undefined, textEdit: { range: this.range, newText } });
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

/** The `{` blocks open before the cursor, outermost first, with what each belongs to. */
export function blockFrames(tokens: readonly Token[], text: string): Frame[] {
    const frames: Frame[] = [];
    const brackets: string[] = [];
    tokens.forEach((token, index) => {
        if (token.type !== 'punct') return;
        if (token.text === '{') {
            frames.push({ context: classifyHeader(headerTokens(tokens, index, text)), open: index });
            brackets.push('{');
        } else if (token.text === '}') {
            if (brackets.lastIndexOf('{') >= 0) {
                while (brackets.length > 0 && brackets.pop() !== '{') { /* unwind */ }
                frames.pop();
            }
        } else if (token.text === '[' || token.text === '(') {
            brackets.push(token.text);
        } else if ((token.text === ']' || token.text === ')') && brackets[brackets.length - 1] === (token.text === ']' ? '[' : '(')) {
            brackets.pop();
        }
    });
    return frames;
}

/** Tokens of the statement that opens the block at `open`: the same line, after the last brace. */
function headerTokens(tokens: readonly Token[], open: number, text: string): Token[] {
    const result: Token[] = [];
    let lineBreakSeen = false;
    for (let i = open - 1; i >= 0; i--) {
        const token = tokens[i];
        const between = text.slice(token.end, (tokens[i + 1] ?? token).offset);
        if (/[\r\n]/.test(between)) {
            if (result.length > 0 || lineBreakSeen) break;
            lineBreakSeen = true; // `{` alone on its line: the header is on the line above
        }
        if (token.type === 'punct' && (token.text === '{' || token.text === '}')) break;
        if (token.type === 'comment') continue;
        result.unshift(token);
    }
    // Drop annotations: `@name(…)`.
    while (result[0]?.text === '@') {
        let end = 2;
        if (result[end]?.text === '(') {
            while (end < result.length && result[end].text !== ')') end++;
            end++;
        }
        result.splice(0, end);
    }
    return result;
}

function classifyHeader(header: readonly Token[]): BlockContext {
    const words = header.map(t => t.text);
    const n = words.length;
    if (n >= 2 && words[n - 1] === ':') return { type: 'block', property: words[n - 2] };
    if (n >= 3 && words[n - 2] === ':' && header[n - 1].type === 'name' && !words.includes('->') && !words.includes('~>')) {
        return { type: 'mode', property: words[n - 3], mode: words[n - 1] };
    }
    if (words.includes('->') || words.includes('~>')) return words[0] === 'route' ? { type: 'route' } : { type: 'connection' };
    const first = words[0];
    if (first === 'zone' && n >= 2) return { type: 'zone' };
    if (first === 'view' && n >= 2) return { type: 'view' };
    if (first === 'flow' && n >= 2) return { type: 'flow' };
    if ((first === 'topic' || first === 'queue') && n >= 2) return { type: 'channel' };
    if (first && isComponentKind(first) && n >= 2) return { type: 'component', kind: first, name: words[1] };
    return { type: 'unknown' };
}

/** The property table that applies inside the innermost frame. */
export function tableFor(frames: readonly Frame[]): PropertyTable | undefined {
    let table: PropertyTable | undefined;
    for (const { context } of frames) {
        switch (context.type) {
            case 'component': table = COMPONENT_PROPERTIES[context.kind]; break;
            case 'zone': table = ZONE_PROPERTIES; break;
            case 'channel': table = CHANNEL_PROPERTIES; break;
            case 'connection': table = CONNECTION_PROPERTIES; break;
            case 'route': table = ROUTE_PROPERTIES; break;
            case 'view': table = VIEW_PROPERTIES; break;
            case 'mode': table = modeTable(table?.[context.property]?.type, context.mode); break;
            case 'block': table = blockTable(table?.[context.property]?.type); break;
            default: table = undefined;
        }
    }
    return table;
}

/** Tokens of the statement being typed: on the cursor's line, after the last brace. */
function currentStatement(tokens: readonly Token[], text: string, offset: number): Token[] {
    const result: Token[] = [];
    for (let i = tokens.length - 1; i >= 0; i--) {
        const token = tokens[i];
        const after = text.slice(token.end, i + 1 < tokens.length ? tokens[i + 1].offset : offset);
        if (/[\r\n]/.test(after)) break;
        if (token.type === 'punct' && (token.text === '{' || token.text === '}')) break;
        result.unshift(token);
    }
    // Drop a complete leading annotation: `@allow(x, "y") a -> <|>`.
    while (result[0]?.text === '@' && result.some(t => t.text === ')')) result.splice(0, result.findIndex(t => t.text === ')') + 1);
    return result;
}

/** Property names already written in the innermost block (before and after the cursor). */
function presentProperties(before: readonly Token[], frames: readonly Frame[], text: string): Set<string> {
    const names = new Set<string>();
    const open = frames.length > 0 ? frames[frames.length - 1].open : -1;
    const all = tokenize(text);
    const start = open >= 0 ? before[open].offset : -1;
    let depth = 0;
    for (let i = 0; i < all.length; i++) {
        const token = all[i];
        if (token.offset <= start) continue;
        if (token.text === '{' || token.text === '[') depth++;
        else if (token.text === '}' || token.text === ']') {
            if (depth === 0) break;
            depth--;
        } else if (depth === 0 && token.text === ':' && i > 0 && all[i - 1].type === 'name') {
            const previous = all[i - 2]?.text;
            if (previous !== '->' && previous !== '~>') names.add(all[i - 1].text);
        }
    }
    return names;
}

/** The id that ends just before index `end` of `words` (`bus . topic` → `bus.topic`). */
function joinedIdBefore(words: readonly string[], end: number): string | undefined {
    const last = words[end - 1];
    if (last === undefined) return undefined;
    if (words[end - 2] === '.' && words[end - 3] !== undefined) return `${words[end - 3]}.${last}`;
    return last;
}

function lastIndexOf(words: readonly string[], word: string): number {
    return words.lastIndexOf(word);
}

function insideString(text: string, offset: number): boolean {
    const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    const tokens = tokenize(text.slice(lineStart, offset));
    return tokens.some(t => t.type === 'punct' && (t.text === '"' || t.text === '\''));
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
