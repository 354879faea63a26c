/**
 * Completion of references to elements in scope: the targets after `->` / `~>` (ranked by what
 * fits the arrow and the source, and in a flow by the connections already written), a broker's
 * channels after `broker.`, and a view's members after `include` / `exclude`.
 */
import type { LangiumDocument, LangiumDocuments } from 'langium';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { hasTrait } from '../model/component-kinds.js';
import { joinedIdBefore, type BlockContext } from './completion-context.js';
import { elementItem, type ItemCollector } from './completion-items.js';
import type { ScopeElement } from './scope-elements.js';
import type { Token } from '../format/tokens.js';

/** The elements an arrow can point at from the statement's source, best first. */
export function arrowTargets(
    result: ItemCollector, scope: ScopeElement[], context: BlockContext, statement: Token[], arrow: string,
    document: LangiumDocument, documents: LangiumDocuments,
): void {
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
            rank = connected(document, documents, sourceId, element.id) ? 0 : rank + 1;
        }
        result.add({ ...elementItem(element), sortText: `${rank}${element.id}` });
    }
}

/** Whether a `source -> target` connection is written in any loaded document (for flow steps). */
function connected(document: LangiumDocument, documents: LangiumDocuments, source: string, target: string): boolean {
    const pattern = new RegExp(`(^|[^\\w.-])${escape(source)}\\s*[-~]>\\s*${escape(target)}([^\\w.-]|$)`, 'm');
    return documents.all.some(doc => pattern.test(doc.textDocument.getText())) || pattern.test(document.textDocument.getText());
}

/** After `broker.`: the broker's channels, by their names. */
export function channelMembers(result: ItemCollector, scope: ScopeElement[], broker: string): void {
    for (const element of scope) {
        if (element.type === 'channel' && element.broker === broker) {
            result.add(elementItem(element, element.id.slice(broker.length + 1)));
        }
    }
}

/** After `include` / `exclude` (or a comma in their list): `*` after `include`, then every element. */
export function viewMembers(result: ItemCollector, scope: ScopeElement[], afterInclude: boolean): void {
    if (afterInclude) result.add({ label: '*', kind: CompletionItemKind.Keyword, detail: 'everything', sortText: '0' });
    for (const element of scope) result.add(elementItem(element));
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
