/**
 * Quick fixes for rule diagnostics, plus "Suppress with @allow…" on every rule diagnostic.
 * Each fix edits the text so that it still parses and the diagnostic it fixes goes away.
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import {
    isArchFile, isChannel, isComponent, isConnection, isFlow, isProperty, isRoute, isWordValue, isZone,
    type ArchFile, type Component as ComponentNode, type Property as PropertyNode,
} from '../language/generated/ast.js';
import { getRule } from '../rules/registry.js';
import { tlsFormOf } from '../rules/resilience/plaintext-connection.js';

/** What a fix function gets. */
interface FixContext {
    document: LangiumDocument;
    diagnostic: Diagnostic;
    data: Record<string, unknown>;
    edit: TextEditor;
}

interface Fix {
    title: string;
    edits: TextEdit[];
    preferred?: boolean;
}

type FixProvider = (context: FixContext) => Fix[];

/** Text edits over one document, with CST-aware helpers to insert properties and annotations. */
class TextEditor {
    readonly text: string;
    readonly root: ArchFile;

    constructor(readonly document: LangiumDocument) {
        this.text = document.textDocument.getText();
        this.root = document.parseResult.value as ArchFile;
    }

    offset(position: Range['start']): number {
        return this.document.textDocument.offsetAt(position);
    }

    position(offset: number): Range['start'] {
        return this.document.textDocument.positionAt(offset);
    }

    /** Indentation of the line `offset` is on. */
    indentAt(offset: number): string {
        const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
        return /^[ \t]*/.exec(this.text.slice(lineStart))![0];
    }

    /** The component declared with this id in this document. */
    component(id: unknown): ComponentNode | undefined {
        if (typeof id !== 'string') return undefined;
        return AstUtils.streamAst(this.root).find((n): n is ComponentNode => isComponent(n) && n.name === id);
    }

    /** The innermost node of one of the given types containing the range. */
    enclosing(range: Range, test: (node: AstNode) => boolean): AstNode | undefined {
        const cst = this.root.$cstNode;
        if (!cst) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(cst, this.offset(range.start));
        for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
            if (test(node)) return node;
        }
        return undefined;
    }

    /** A property of a component (or any node with `members`/`properties`) by name. */
    property(node: AstNode, name: string): PropertyNode | undefined {
        const list = (node as { members?: AstNode[]; properties?: AstNode[] }).members ?? (node as { properties?: AstNode[] }).properties ?? [];
        return list.find((m): m is PropertyNode => isProperty(m) && m.name === name);
    }

    replace(node: CstNode | undefined, text: string): TextEdit[] {
        return node ? [{ range: node.range, newText: text }] : [];
    }

    /**
     * Inserts `text` into the `{ … }` block of a node (a component, connection, route, or a mode
     * value), creating the block when there is none. `closeAfter` is where a new block goes.
     */
    insertInBlock(node: AstNode | undefined, text: string): TextEdit[] {
        const cst = node?.$cstNode;
        if (!cst) return [];
        const start = cst.offset;
        const end = cst.end;
        const own = this.text.slice(start, end);
        const close = own.lastIndexOf('}');
        const open = findBlockOpen(own);
        if (open < 0 || close < open) {
            return [{ range: { start: this.position(end), end: this.position(end) }, newText: ` { ${text} }` }];
        }
        const closeOffset = start + close;
        const openOffset = start + open;
        const body = this.text.slice(openOffset + 1, closeOffset);
        if (!body.includes('\n')) {
            const trimmed = body.trimEnd();
            const at = openOffset + 1 + trimmed.length;
            return [{ range: { start: this.position(at), end: this.position(closeOffset) }, newText: trimmed.trim().length > 0 ? `  ${text} ` : ` ${text} ` }];
        }
        // Multi-line: a new line before the closing brace, indented like the other members.
        const closeIndent = this.indentAt(closeOffset);
        const firstMember = /\n([ \t]*)\S/.exec(body);
        const indent = firstMember && firstMember[1].length > closeIndent.length ? firstMember[1] : `${closeIndent}  `;
        const lineStart = this.text.lastIndexOf('\n', closeOffset - 1) + 1;
        const onOwnLine = this.text.slice(lineStart, closeOffset).trim() === '';
        if (onOwnLine) return [{ range: { start: this.position(lineStart), end: this.position(lineStart) }, newText: `${indent}${text}\n` }];
        return [{ range: { start: this.position(closeOffset), end: this.position(closeOffset) }, newText: `\n${indent}${text}\n${closeIndent}` }];
    }

    /** Sets a component property: replaces it when present, inserts it otherwise. */
    setProperty(component: AstNode | undefined, name: string, value: string): TextEdit[] {
        if (!component) return [];
        const existing = this.property(component, name);
        if (existing?.$cstNode) return [{ range: existing.$cstNode.range, newText: `${name}: ${value}` }];
        return this.insertInBlock(component, `${name}: ${value}`);
    }

    /** Inserts a line of text before a node, with the node's indentation. */
    insertBefore(node: AstNode, line: string): TextEdit[] {
        const cst = node.$cstNode;
        if (!cst) return [];
        const lineStart = this.text.lastIndexOf('\n', cst.offset - 1) + 1;
        const indent = this.indentAt(cst.offset);
        if (this.text.slice(lineStart, cst.offset).trim() !== '') {
            // Another statement precedes the node on its line (`a: b -> c`): break the line before the node.
            const at = this.position(cst.offset);
            return [{ range: { start: at, end: at }, newText: `\n${indent}${line}\n${indent}` }];
        }
        return [{ range: { start: this.position(lineStart), end: this.position(lineStart) }, newText: `${indent}${line}\n` }];
    }

    /** Inserts text on a new line after a top-level (or zone-level) node. */
    insertAfter(node: AstNode, line: string): TextEdit[] {
        const cst = node.$cstNode;
        if (!cst) return [];
        const indent = this.indentAt(cst.offset);
        return [{ range: { start: this.position(cst.end), end: this.position(cst.end) }, newText: `\n${indent}${line}` }];
    }

    /** Appends a line at the end of the document. */
    append(line: string): TextEdit[] {
        const end = this.position(this.text.length);
        return [{ range: { start: end, end }, newText: `${this.text.endsWith('\n') || this.text.length === 0 ? '' : '\n'}${line}\n` }];
    }

    /** The top-level (or zone-level) element a node belongs to. */
    outermostElement(node: AstNode): AstNode {
        let current = node;
        while (current.$container && !isArchFile(current.$container) && !isZone(current.$container)) current = current.$container;
        return current;
    }

    /** An id not yet declared in the document. */
    freshId(base: string): string {
        const taken = new Set(AstUtils.streamAst(this.root).filter(isComponent).map(c => c.name).toArray());
        if (!taken.has(base)) return base;
        for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
    }
}

/** Offset of the `{` opening a node's own block (outside strings), or -1. */
function findBlockOpen(text: string): number {
    let inString: string | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === '\\') i++;
            else if (c === inString) inString = undefined;
        } else if (c === '"' || c === "'") inString = c;
        else if (c === '{') return i;
    }
    return -1;
}

function componentFix(title: string, key: string, name: string, value: string, preferred = true): FixProvider {
    return ({ data, edit }) => {
        const component = edit.component(data[key]);
        const edits = edit.setProperty(component, name, value);
        return edits.length > 0 ? [{ title, edits, preferred }] : [];
    };
}

/** Inserts (or replaces) a setting inside the `auth: mode { … }` value of a component. */
function authSettingFix(title: string, name: string, value: string): FixProvider {
    return ({ data, edit }) => {
        const component = edit.component(data.component);
        const auth = component && edit.property(component, 'auth');
        if (!auth || !isWordValue(auth.value)) return [];
        const existing = auth.value.properties.find(p => p.name === name);
        if (existing?.$cstNode) return [{ title, edits: [{ range: existing.$cstNode.range, newText: `${name}: ${value}` }], preferred: true }];
        return [{ title, edits: edit.insertInBlock(auth.value, `${name}: ${value}`), preferred: true }];
    };
}

/** The connection (or route) a diagnostic sits on. */
function connectionAt(context: FixContext): AstNode | undefined {
    return context.edit.enclosing(context.diagnostic.range, n => isConnection(n) || isRoute(n));
}

function connectionPropertyFix(title: string, name: string, value: string): FixProvider {
    return (context) => {
        const connection = connectionAt(context);
        if (!connection) return [];
        const existing = context.edit.property(connection, name);
        const edits = existing?.$cstNode ? [{ range: existing.$cstNode.range, newText: `${name}: ${value}` }] : context.edit.insertInBlock(connection, `${name}: ${value}`);
        return [{ title, edits, preferred: true }];
    };
}

/** Quick fixes by rule id. */
export const FIXES: Readonly<Record<string, FixProvider>> = {
    'unresolved-reference': ({ diagnostic, data }) => typeof data.suggestion === 'string'
        ? [{ title: `Change to '${data.suggestion}'`, edits: [{ range: diagnostic.range, newText: data.suggestion }], preferred: true }] : [],
    'unknown-property': ({ diagnostic, data }) => typeof data.suggestion === 'string'
        ? [{ title: `Rename to '${data.suggestion}'`, edits: [{ range: diagnostic.range, newText: data.suggestion }], preferred: true }] : [],
    'allow-without-reason': ({ diagnostic, data, edit }) => {
        if (typeof data.suggestion !== 'string' || typeof data.rule !== 'string') return [];
        const start = edit.offset(diagnostic.range.start);
        const at = edit.text.indexOf(data.rule, start);
        if (at < 0) return [];
        return [{ title: `Change to '${data.suggestion}'`, edits: [{ range: { start: edit.position(at), end: edit.position(at + data.rule.length) }, newText: data.suggestion }], preferred: true }];
    },
    'orphan-component': ({ data, edit }) => {
        const component = edit.component(data.component);
        const cst = component?.$cstNode;
        if (!cst) return [];
        const lineStart = edit.text.lastIndexOf('\n', cst.offset - 1) + 1;
        const lineEnd = edit.text.indexOf('\n', cst.end);
        const wholeLines = edit.text.slice(lineStart, cst.offset).trim() === '' && edit.text.slice(cst.end, lineEnd < 0 ? undefined : lineEnd).trim() === '';
        const range = wholeLines
            ? { start: edit.position(lineStart), end: edit.position(lineEnd < 0 ? edit.text.length : lineEnd + 1) }
            : cst.range;
        return [{ title: `Delete '${String(data.component)}'`, edits: [{ range, newText: '' }] }];
    },
    'flow-step-not-in-topology': ({ diagnostic, data, edit }) => {
        const flow = edit.enclosing(diagnostic.range, isFlow);
        if (!flow || typeof data.source !== 'string' || typeof data.target !== 'string') return [];
        const line = `${data.source} ${data.style === 'async' ? '~>' : '->'} ${data.target}${typeof data.protocol === 'string' ? ` : ${data.protocol}` : ''}`;
        return [{ title: `Declare the connection '${line}'`, edits: edit.insertBefore(flow, line), preferred: true }];
    },
    'gateway-bypass': ({ diagnostic, data, edit }) => {
        const gateway = typeof data.gateway === 'string' ? data.gateway : undefined;
        const connection = edit.enclosing(diagnostic.range, isConnection);
        if (!gateway || !connection?.$cstNode || typeof data.target !== 'string') return [];
        const target = GrammarUtils.findNodeForProperty(connection.$cstNode, 'target');
        const edits: TextEdit[] = [...edit.replace(target, gateway)];
        if (data.routed === false) {
            const gatewayNode = edit.component(gateway);
            if (!gatewayNode) return [];
            edits.push(...edit.insertInBlock(gatewayNode, `route "/${data.target}" -> ${data.target}`));
        }
        return [{ title: `Route through the gateway '${gateway}'`, edits, preferred: true }];
    },
    'gateway-missing-auth': ({ data, edit }) => {
        const gateway = edit.component(data.gateway);
        return gateway ? [{ title: 'Authenticate with JWT (expiry 15m, denylist revocation)', edits: edit.setProperty(gateway, 'auth', 'jwt { expiry: 15m revocation: denylist }'), preferred: true }] : [];
    },
    'gateway-missing-rate-limit': componentFix('Insert rateLimit: 100/s', 'gateway', 'rateLimit', '100/s'),
    'gateway-cache-disabled': componentFix('Insert cache: 30s', 'gateway', 'cache', '30s'),
    'gateway-without-routes': ({ data, edit }) => {
        const gateway = edit.component(data.gateway);
        const candidates = Array.isArray(data.candidates) ? data.candidates.filter((c): c is string => typeof c === 'string') : [];
        if (!gateway || candidates.length === 0) return [];
        return [{ title: `Add routes to ${candidates.map(c => `'${c}'`).join(', ')}`, edits: mergeInsertions(candidates.map(c => `route "/${c}" -> ${c}`), gateway, edit), preferred: true }];
    },
    'cdn-missing-origin': ({ data, edit }) => {
        const cdn = edit.component(data.cdn);
        const candidates = Array.isArray(data.candidates) ? data.candidates.filter((c): c is string => typeof c === 'string') : [];
        return cdn ? candidates.slice(0, 3).map((c, i) => ({ title: `Set origin: ${c}`, edits: edit.setProperty(cdn, 'origin', c), preferred: i === 0 })) : [];
    },
    'cdn-missing-waf': componentFix('Insert waf: true', 'cdn', 'waf', 'true'),
    'cdn-no-cache-policy': componentFix('Set ttl: 1h', 'cdn', 'ttl', '1h'),
    'cdn-caches-private-content': componentFix('Insert bypassWhen: authenticated', 'cdn', 'bypassWhen', 'authenticated'),
    'session-without-shared-store': ({ data, edit }) => {
        const component = edit.component(data.component);
        const auth = component && edit.property(component, 'auth');
        if (!component || !auth || !isWordValue(auth.value)) return [];
        const stores = Array.isArray(data.stores) ? data.stores.filter((s): s is string => typeof s === 'string') : [];
        if (stores.length > 0) {
            return stores.slice(0, 3).map((s, i) => ({ title: `Keep sessions in '${s}'`, edits: edit.insertInBlock(auth.value, `store: ${s}`), preferred: i === 0 }));
        }
        const id = edit.freshId('sessions');
        return [{
            title: `Add a shared session store '${id}'`,
            edits: [...edit.insertInBlock(auth.value, `store: ${id}`), ...edit.insertAfter(edit.outermostElement(component), `cache ${id} "Session store" { replicas: 2 }`)],
            preferred: true,
        }];
    },
    'session-cookie-insecure': authSettingFix('Set secure cookie flags', 'cookie', '{ secure: true httpOnly: true sameSite: lax }'),
    'jwt-missing-expiry': authSettingFix('Set expiry: 15m', 'expiry', '15m'),
    'jwt-no-revocation-strategy': authSettingFix('Insert revocation: denylist', 'revocation', 'denylist'),
    'jwt-insecure-client-storage': componentFix('Keep tokens in memory', 'client', 'tokenStorage', 'memory'),
    'missing-identity-propagation': connectionPropertyFix('Forward the caller\'s identity as a JWT', 'forwardIdentity', 'jwt'),
    'topic-without-subscriber': ({ data, edit }) => {
        const channel = typeof data.channel === 'string' ? data.channel : undefined;
        if (!channel) return [];
        const publishers = new Set(Array.isArray(data.publishers) ? data.publishers : []);
        const services = AstUtils.streamAst(edit.root).filter(isComponent)
            .filter(c => ['service', 'function', 'stream', 'batch', 'etl', 'orchestrator'].includes(c.kind) && !publishers.has(c.name)).toArray();
        return services.slice(0, 3).map((s, i) => ({ title: `Subscribe '${s.name}' to '${channel}'`, edits: edit.append(`${channel} ~> ${s.name}`), preferred: i === 0 && services.length === 1 }));
    },
    'async-without-broker': (context) => {
        const { edit, data } = context;
        const connection = edit.enclosing(context.diagnostic.range, isConnection);
        if (!connection?.$cstNode) return [];
        const owner = isComponent(connection.$container) ? connection.$container : undefined;
        const sourceNode = GrammarUtils.findNodeForProperty(connection.$cstNode, 'source');
        const targetNode = GrammarUtils.findNodeForProperty(connection.$cstNode, 'target');
        const source = owner?.name ?? sourceNode?.text;
        const target = targetNode?.text;
        if (!source || !target || !targetNode) return [];
        const topic = `${source}To${target.charAt(0).toUpperCase()}${target.slice(1)}`.replace(/[^\w]/g, '');
        const brokers = Array.isArray(data.brokers) ? data.brokers.filter((b): b is string => typeof b === 'string') : [];
        const brokerNode = brokers.map(b => edit.component(b)).find(b => b !== undefined);
        const edits: TextEdit[] = [];
        let broker: string;
        if (brokerNode) {
            broker = brokerNode.name;
            edits.push(...edit.insertInBlock(brokerNode, `topic ${topic}`));
        } else {
            broker = edit.freshId('events');
            edits.push(...edit.append(`broker ${broker} "Events" {\n  topic ${topic}\n  deadLetter: true\n  replicas: 2\n}`));
        }
        edits.push({ range: targetNode.range, newText: `${broker}.${topic}` });
        edits.push(...edit.insertAfter(owner ? edit.outermostElement(owner) : connection, `${broker}.${topic} ~> ${target}`));
        return [{ title: `Publish through the topic '${broker}.${topic}'`, edits, preferred: true }];
    },
    'consumer-without-dlq': componentFix('Insert deadLetter: true in the broker', 'broker', 'deadLetter', 'true'),
    'sync-call-without-timeout': connectionPropertyFix('Insert timeout: 2s', 'timeout', '2s'),
    'event-sourcing-without-event-store': ({ data, edit }) => {
        const component = edit.component(data.component);
        const store = AstUtils.streamAst(edit.root).filter(isComponent).find(c => c.kind === 'eventstore');
        if (!component) return [];
        if (store) return [{ title: `Set eventStore: ${store.name}`, edits: edit.setProperty(component, 'eventStore', store.name), preferred: true }];
        const id = edit.freshId('events');
        return [{ title: `Add an event store '${id}'`, edits: [...edit.setProperty(component, 'eventStore', id), ...edit.insertAfter(edit.outermostElement(component), `eventstore ${id} "Event store" { replicas: 3 }`)], preferred: true }];
    },
    'event-store-not-append-only': ({ diagnostic, edit }) => {
        const property = edit.enclosing(diagnostic.range, isProperty) as PropertyNode | undefined;
        if (!property?.$cstNode || property.name !== 'op') return [];
        return [{ title: 'Change to op: append', edits: [{ range: property.$cstNode.range, newText: 'op: append' }], preferred: true }];
    },
    'batch-job-without-trigger': componentFix('Insert schedule: "0 2 * * *"', 'component', 'schedule', '"0 2 * * *"'),
    'orchestrator-without-compensation': componentFix('Insert compensation: saga', 'component', 'compensation', 'saga'),
    'orchestrator-single-point-of-failure': ({ data, edit }) => {
        const component = edit.component(data.component);
        if (!component) return [];
        if (data.stateful) return [{ title: 'Set replicas: 2', edits: edit.setProperty(component, 'replicas', '2'), preferred: true }];
        const store = AstUtils.streamAst(edit.root).filter(isComponent).find(c => c.kind === 'database' || c.kind === 'cache' || c.kind === 'eventstore');
        const id = store?.name ?? edit.freshId(`${component.name}State`);
        const edits: TextEdit[] = [];
        const inserts = [`stateStore: ${id}`];
        if (!data.redundant) {
            if (edit.property(component, 'replicas')) edits.push(...edit.setProperty(component, 'replicas', '2'));
            else inserts.unshift('replicas: 2');
        }
        edits.push(...mergeInsertions(inserts, component, edit));
        if (!store) edits.push(...edit.insertAfter(edit.outermostElement(component), `database ${id} "Workflow state" { replicas: 2 }`));
        return [{ title: data.redundant ? `Set stateStore: ${id}` : `Set replicas: 2 and stateStore: ${id}`, edits, preferred: true }];
    },
    'p2p-without-discovery': componentFix('Insert discovery: dht', 'component', 'discovery', 'dht'),
    'p2p-unauthenticated-peer-link': (context) => {
        const connection = connectionAt(context);
        if (!connection?.$cstNode) return [];
        const edits: TextEdit[] = [];
        const protocol = GrammarUtils.findNodeForProperty(connection.$cstNode, 'protocol');
        if (context.data.plaintext && protocol) edits.push({ range: protocol.range, newText: tlsFormOf(protocol.text.toLowerCase()) });
        edits.push(...context.edit.insertInBlock(connection, 'auth: mtls'));
        return [{ title: 'Authenticate the link with mutual TLS', edits, preferred: true }];
    },
    'plaintext-connection': (context) => {
        const connection = connectionAt(context);
        const protocol = connection?.$cstNode && GrammarUtils.findNodeForProperty(connection.$cstNode, 'protocol');
        const replacement = typeof context.data.replacement === 'string' ? context.data.replacement : undefined;
        return protocol && replacement ? [{ title: `Use ${replacement}`, edits: [{ range: protocol.range, newText: replacement }], preferred: true }] : [];
    },
    'incomplete-component': (context) => {
        const connection = connectionAt(context);
        const target = connection?.$cstNode && GrammarUtils.findNodeForProperty(connection.$cstNode, 'target');
        return target ? [{ title: 'Insert : https', edits: [{ range: { start: target.range.end, end: target.range.end }, newText: ' : https' }], preferred: true }] : [];
    },
    'single-point-of-failure': componentFix('Set replicas: 2', 'component', 'replicas', '2'),
    'replicas-without-load-balancer': connectionPropertyFix('Balance calls on the client (loadBalancing: client)', 'loadBalancing', 'client'),
};

/** Several properties inserted into one block as one edit (inserting them one by one would overlap). */
function mergeInsertions(lines: string[], node: AstNode, edit: TextEditor): TextEdit[] {
    const probe = edit.insertInBlock(node, '\u0000');
    if (probe.length !== 1) return [];
    const [only] = probe;
    const marker = only.newText;
    const indentMatch = /(^|\n)([ \t]*)\u0000/.exec(marker);
    const separator = marker.includes('\n') ? `\n${indentMatch?.[2] ?? ''}` : '  ';
    return [{ range: only.range, newText: marker.replace('\u0000', lines.join(separator)) }];
}

/** Quick fixes and "Suppress with @allow…" for Archway diagnostics. */
export class ArchwayCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const result: CodeAction[] = [];
        const edit = new TextEditor(document);
        for (const diagnostic of params.context.diagnostics) {
            const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
            if (!code || !getRule(code)) continue;
            const data = (diagnostic.data ?? {}) as Record<string, unknown>;
            const context: FixContext = { document, diagnostic, data, edit };
            let fixes: Fix[] = [];
            try {
                fixes = FIXES[code]?.(context) ?? [];
            } catch {
                fixes = [];
            }
            for (const fix of fixes) {
                if (fix.edits.length === 0) continue;
                result.push({
                    title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred ?? false,
                    edit: { changes: { [document.uri.toString()]: fix.edits } },
                });
            }
            const suppress = suppressAction(context, code);
            if (suppress) result.push(suppress);
        }
        return result;
    }
}

/** "Suppress with @allow…": an annotation line above the declaration or connection holding the diagnostic. */
function suppressAction(context: FixContext, code: string): CodeAction | undefined {
    if (code === 'allow-without-reason') return undefined;
    const { edit, diagnostic } = context;
    const target = edit.enclosing(diagnostic.range, n => isConnection(n) || isRoute(n) || isChannel(n) || isComponent(n) || isZone(n));
    if (!target) return undefined;
    const edits = edit.insertBefore(target, `@allow(${code}, "explain why this is acceptable here")`);
    return {
        title: `Suppress '${code}' with @allow…`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false,
        edit: { changes: { [context.document.uri.toString()]: edits } },
    };
}
