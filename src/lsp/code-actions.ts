/**
 * Quick fixes for rule diagnostics: the fix intents a rule attached to its finding (see
 * `model/fix-intent.ts`; looked up among the checker's findings, diagnostics do not carry them)
 * turned into text edits against the syntax tree, plus "Suppress with @allow…" on every rule
 * diagnostic. Each edit keeps the text parseable; a fix whose changes cannot all be placed in
 * this document is not offered. A client that resolves code actions gets each fix with a small
 * handle (`fix-handle.ts`) and its edit from `codeAction/resolve`; any other gets the edit at once.
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import {
    isArchFile, isChannel, isComponent, isConnection, isProperty, isRoute, isWordValue, isZone,
    type ArchFile, type Property as PropertyNode,
} from '../language/generated/ast.js';
import type { Finding, SourceLocation } from '../model/arch-model.js';
import type { FixChange, FixIntent, FixPlacement, FixTarget, NewComponent } from '../model/fix-intent.js';
import { getRule } from '../rules/registry.js';
import { fixHandle, parseFixHandle, sameFinding } from './fix-handle.js';

/** Text edits over one document, with CST-aware helpers to find declarations and insert text. */
class TextEditor {
    readonly text: string;
    readonly root: ArchFile;
    readonly uri: string;

    constructor(readonly document: LangiumDocument) {
        this.text = document.textDocument.getText();
        this.root = document.parseResult.value as ArchFile;
        this.uri = document.uri.toString();
    }

    offset(position: Range['start']): number {
        return this.document.textDocument.offsetAt(position);
    }

    position(offset: number): Range['start'] {
        return this.document.textDocument.positionAt(offset);
    }

    /** The range of a location in this document (undefined for another file or a malformed one). */
    rangeOf(location: SourceLocation | undefined): Range | undefined {
        const range = location?.range;
        const valid = (p: unknown): boolean => typeof (p as Range['start'] | undefined)?.line === 'number' && typeof (p as Range['start']).character === 'number';
        return location?.uri === this.uri && range && valid(range.start) && valid(range.end) ? range : undefined;
    }

    /** Indentation of the line `offset` is on. */
    indentAt(offset: number): string {
        const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
        return /^[ \t]*/.exec(this.text.slice(lineStart))![0];
    }

    /** The component (`id`) or channel (`broker.name`) declared with this id in this document. */
    declaration(id: string): AstNode | undefined {
        const dot = id.indexOf('.');
        return AstUtils.streamAst(this.root).find(n => dot < 0
            ? isComponent(n) && n.name === id
            : isChannel(n) && n.name === id.slice(dot + 1) && isComponent(n.$container) && n.$container.name === id.slice(0, dot));
    }

    /** The innermost node passing `test` that contains the start of a location in this document. */
    enclosing(location: SourceLocation, test: (node: AstNode) => boolean): AstNode | undefined {
        const range = this.rangeOf(location);
        const cst = this.root.$cstNode;
        if (!range || !cst) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(cst, this.offset(range.start));
        for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
            if (test(node)) return node;
        }
        return undefined;
    }

    /** The connection or route written at a location. */
    connection(location: SourceLocation): AstNode | undefined {
        return this.enclosing(location, n => isConnection(n) || isRoute(n));
    }

    /** The file- or zone-level statement holding a location. */
    statement(location: SourceLocation): AstNode | undefined {
        const node = this.enclosing(location, () => true);
        let current = node;
        while (current?.$container && !isArchFile(current.$container) && !isZone(current.$container)) current = current.$container;
        return current;
    }

    /** A property of a component, channel, connection, route or mode value by name. */
    property(node: AstNode, name: string): PropertyNode | undefined {
        const list = (node as { members?: AstNode[]; properties?: AstNode[] }).members ?? (node as { properties?: AstNode[] }).properties ?? [];
        return list.find((m): m is PropertyNode => isProperty(m) && m.name === name);
    }

    /**
     * Inserts `text` into the `{ … }` block of a node (a component, connection, route, or a mode
     * value), creating the block when there is none.
     */
    insertInBlock(node: AstNode, text: string): TextEdit[] {
        const cst = node.$cstNode;
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

    /** Several lines inserted into one block as one edit (inserting them one by one would overlap). */
    insertAllInBlock(node: AstNode, lines: string[]): TextEdit[] {
        const probe = this.insertInBlock(node, '\u0000');
        if (probe.length !== 1) return [];
        const [only] = probe;
        const indent = /(^|\n)([ \t]*)\u0000/.exec(only.newText)?.[2] ?? '';
        const separator = only.newText.includes('\n') ? `\n${indent}` : '  ';
        return [{ range: only.range, newText: only.newText.replace('\u0000', lines.join(separator)) }];
    }

    /** Inserts text (possibly several lines) before a statement, with its indentation. */
    insertBefore(node: AstNode, text: string): TextEdit[] {
        const cst = node.$cstNode;
        if (!cst) return [];
        const lineStart = this.text.lastIndexOf('\n', cst.offset - 1) + 1;
        const indent = this.indentAt(cst.offset);
        const lines = indented(text, indent);
        if (this.text.slice(lineStart, cst.offset).trim() !== '') {
            // Another statement precedes the node on its line (`a: b -> c`): break the line before the node.
            const at = this.position(cst.offset);
            return [{ range: { start: at, end: at }, newText: `\n${indent}${lines}\n${indent}` }];
        }
        return [{ range: { start: this.position(lineStart), end: this.position(lineStart) }, newText: `${indent}${lines}\n` }];
    }

    /** Inserts text on a new line after a statement, with its indentation. */
    insertAfter(node: AstNode, text: string): TextEdit[] {
        const cst = node.$cstNode;
        if (!cst) return [];
        const indent = this.indentAt(cst.offset);
        return [{ range: { start: this.position(cst.end), end: this.position(cst.end) }, newText: `\n${indent}${indented(text, indent)}` }];
    }

    /** Appends text at the end of the document. */
    append(text: string): TextEdit[] {
        const end = this.position(this.text.length);
        return [{ range: { start: end, end }, newText: `${this.text.endsWith('\n') || this.text.length === 0 ? '' : '\n'}${text}\n` }];
    }

    /** Deletes a node: its whole lines when nothing but a comment else is on them. */
    remove(node: AstNode): TextEdit[] {
        const cst = node.$cstNode;
        if (!cst) return [];
        const lineStart = this.text.lastIndexOf('\n', cst.offset - 1) + 1;
        const lineEnd = this.text.indexOf('\n', cst.end);
        // A comment ending the line is about what is on it: it goes too.
        const rest = this.text.slice(cst.end, lineEnd < 0 ? undefined : lineEnd).trim();
        const wholeLines = this.text.slice(lineStart, cst.offset).trim() === '' && (rest === '' || rest.startsWith('//'));
        // The last line of a file without a final newline takes the newline before it instead.
        const range = !wholeLines ? cst.range
            : lineEnd >= 0 ? { start: this.position(lineStart), end: this.position(lineEnd + 1) }
            : { start: this.position(Math.max(0, lineStart - 1)), end: this.position(this.text.length) };
        return [{ range, newText: '' }];
    }

    /** Text placed before or after a statement, or at the end of the document. */
    place(text: string, placement: FixPlacement | undefined): TextEdit[] {
        if (!placement) return this.append(text);
        const before = 'before' in placement;
        const statement = this.statement(before ? placement.before : placement.after);
        if (!statement) return [];
        return before ? this.insertBefore(statement, text) : this.insertAfter(statement, text);
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

/** Lines after the first indented by `indent`. */
function indented(text: string, indent: string): string {
    return text.split('\n').join(`\n${indent}`);
}

/** `kind id "label" { member }`, with several members on their own lines. */
function componentText(component: NewComponent): string {
    const head = `${component.kind} ${component.id}${component.label !== undefined ? ` ${JSON.stringify(component.label)}` : ''}`;
    if (component.members.length === 0) return head;
    if (component.members.length === 1) return `${head} { ${component.members[0]} }`;
    return `${head} {\n${component.members.map(m => `  ${m}`).join('\n')}\n}`;
}

/** What one change becomes: finished edits, or a line to insert into a block (merged per block). */
type Planned = { edit: TextEdit } | { block: AstNode; line: string };

function edits(list: TextEdit[]): Planned[] {
    return list.map(edit => ({ edit }));
}

/** The node a change targets: a declaration by id, or the connection at a location. */
function targetNode(target: FixTarget, editor: TextEditor): AstNode | undefined {
    return 'element' in target ? editor.declaration(target.element) : editor.connection(target.connection);
}

/** The edits of one change, or undefined when it cannot be placed in this document. */
function planChange(change: FixChange, editor: TextEditor): Planned[] | undefined {
    switch (change.kind) {
        case 'set-property': {
            const node = targetNode(change.target, editor);
            const owner = node && change.within !== undefined ? editor.property(node, change.within)?.value : node;
            if (!owner || (change.within !== undefined && !isWordValue(owner))) return undefined;
            const text = `${change.name}: ${change.value}`;
            const existing = editor.property(owner, change.name)?.$cstNode;
            return existing ? edits([{ range: existing.range, newText: text }]) : [{ block: owner, line: text }];
        }
        case 'set-protocol': {
            const connection = editor.connection(change.connection);
            if (!connection?.$cstNode) return undefined;
            const protocol = GrammarUtils.findNodeForProperty(connection.$cstNode, 'protocol');
            if (protocol) return edits([{ range: protocol.range, newText: change.protocol }]);
            const target = GrammarUtils.findNodeForProperty(connection.$cstNode, 'target');
            return target && edits([{ range: { start: target.range.end, end: target.range.end }, newText: ` : ${change.protocol}` }]);
        }
        case 'retarget-connection': {
            const connection = editor.enclosing(change.connection, isConnection);
            const target = connection?.$cstNode && GrammarUtils.findNodeForProperty(connection.$cstNode, 'target');
            return target && edits([{ range: target.range, newText: change.target }]);
        }
        case 'rename': {
            const range = editor.rangeOf(change.location);
            if (!range) return undefined;
            if (change.from === undefined) return edits([{ range, newText: change.to }]);
            const at = editor.text.indexOf(change.from, editor.offset(range.start));
            if (at < 0 || at + change.from.length > editor.offset(range.end)) return undefined;
            return edits([{ range: { start: editor.position(at), end: editor.position(at + change.from.length) }, newText: change.to }]);
        }
        case 'add-route': {
            const gateway = editor.declaration(change.gateway);
            return gateway && [{ block: gateway, line: `route ${JSON.stringify(change.path)} -> ${change.target}` }];
        }
        case 'add-channel': {
            const broker = editor.declaration(change.broker);
            return broker && [{ block: broker, line: `${change.channel} ${change.name}` }];
        }
        case 'add-component':
            return edits(editor.place(componentText(change.component), change.placement));
        case 'add-connection': {
            const line = `${change.source} ${change.style === 'async' ? '~>' : '->'} ${change.target}${change.protocol !== undefined ? ` : ${change.protocol}` : ''}`;
            return edits(editor.place(line, change.placement));
        }
        case 'remove-element': {
            const element = editor.declaration(change.element);
            return element && edits(editor.remove(element));
        }
        case 'remove-connection': {
            const connection = editor.connection(change.connection);
            return connection && edits(editor.remove(connection));
        }
    }
}

/** The text edits of a fix, or undefined when one of its changes cannot be made here. */
function fixEdits(intent: FixIntent, editor: TextEditor): TextEdit[] | undefined {
    const planned: Planned[] = [];
    for (const change of intent.changes) {
        const plan = planChange(change, editor);
        if (!plan || plan.length === 0) return undefined;
        planned.push(...plan);
    }
    // Lines for one block become one edit, in the place of the first of them.
    const lines = new Map<AstNode, string[]>();
    const order: (TextEdit | AstNode)[] = [];
    for (const plan of planned) {
        if ('edit' in plan) order.push(plan.edit);
        else if (lines.has(plan.block)) lines.get(plan.block)!.push(plan.line);
        else {
            lines.set(plan.block, [plan.line]);
            order.push(plan.block);
        }
    }
    const result: TextEdit[] = [];
    for (const item of order) {
        const made = '$type' in item ? editor.insertAllInBlock(item, lines.get(item)!) : [item];
        if (made.length === 0) return undefined;
        result.push(...made);
    }
    return result;
}

/** Where a diagnostic's quick fixes come from: the findings the checker reported on a document (diagnostics do not carry them). */
export type FindingsOf = (document: LangiumDocument) => readonly Finding[];

/** How the provider answers `textDocument/codeAction`. */
export interface CodeActionOptions {
    /**
     * True when the client resolves a code action's `edit` (`codeAction.resolveSupport`): actions
     * then carry only a `FixHandle` and the edit is made in `codeAction/resolve`. Default false:
     * every action comes with its edit.
     */
    resolveLazily?: () => boolean;
}

/** Quick fixes and "Suppress with @allow…" for Archway diagnostics. */
export class ArchwayCodeActionProvider implements CodeActionProvider {
    private readonly resolveLazily: () => boolean;

    constructor(private readonly findingsOf: FindingsOf, options: CodeActionOptions = {}) {
        this.resolveLazily = options.resolveLazily ?? (() => false);
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const result: CodeAction[] = [];
        const editor = new TextEditor(document);
        const lazy = this.resolveLazily();
        const findings = this.findingsOf(document);
        for (const diagnostic of params.context.diagnostics) {
            const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
            if (!code || !getRule(code)) continue;
            const finding = findings.find(f => sameFinding(f, code, diagnostic.range) && f.message === diagnostic.message);
            (finding?.fixes ?? []).forEach((intent, index) => {
                // Made here too when resolved later: a fix that cannot be placed in this document is not offered.
                const changes = safeFixEdits(intent, editor);
                if (!changes) return;
                const action: CodeAction = { title: intent.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: intent.preferred };
                if (lazy) action.data = fixHandle(document, code, diagnostic.range, index);
                else action.edit = { changes: { [editor.uri]: changes } };
                result.push(action);
            });
            const suppress = suppressAction(editor, diagnostic, code);
            if (suppress) result.push(suppress);
        }
        return result;
    }

    /**
     * `codeAction/resolve`: the edit of an action `getCodeActions` handed out lazily, made against
     * the document as it is now. A handle for another version of the document, a finding that is
     * gone or a fix that no longer applies gives the action back without an edit (nothing is
     * applied; the editor asks again), as does anything that is not a handle of ours.
     */
    resolveCodeAction(action: CodeAction, document: LangiumDocument): CodeAction {
        const handle = parseFixHandle(action.data);
        if (!handle || action.edit || handle.uri !== document.uri.toString() || handle.version !== document.textDocument.version) return action;
        const finding = this.findingsOf(document).find(f => sameFinding(f, handle.code, handle.range) && f.fixes?.[handle.fix]?.title === action.title);
        const intent = finding?.fixes?.[handle.fix];
        const editor = new TextEditor(document);
        const changes = intent && safeFixEdits(intent, editor);
        return changes ? { ...action, edit: { changes: { [editor.uri]: changes } } } : action;
    }
}

/** The edits of a fix; undefined when it cannot be made here (or fails: a fix never breaks the menu). */
function safeFixEdits(intent: FixIntent, editor: TextEditor): TextEdit[] | undefined {
    try {
        const changes = fixEdits(intent, editor);
        return changes && changes.length > 0 ? changes : undefined;
    } catch {
        return undefined;
    }
}

/** "Suppress with @allow…": an annotation line above the declaration or connection holding the diagnostic. */
function suppressAction(editor: TextEditor, diagnostic: Diagnostic, code: string): CodeAction | undefined {
    if (code === 'allow-without-reason') return undefined;
    const target = editor.enclosing({ uri: editor.uri, range: diagnostic.range }, n => isConnection(n) || isRoute(n) || isChannel(n) || isComponent(n) || isZone(n));
    if (!target) return undefined;
    const edits = editor.insertBefore(target, `@allow(${code}, "explain why this is acceptable here")`);
    return {
        title: `Suppress '${code}' with @allow…`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false,
        edit: { changes: { [editor.uri]: edits } },
    };
}
