/**
 * Completion items shared by the providers: the collector that keeps one item per label and
 * makes each replace the word being typed, and the item for an element in scope (its item kind
 * from the component kinds table).
 */
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { kindInfo, type KindSymbol } from '../model/component-kinds.js';
import type { ScopeElement } from './scope-elements.js';

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

/** The item for an element in scope, labelled with its id (or `label`, e.g. a channel's name after `broker.`). */
export function elementItem(element: ScopeElement, label = element.id): CompletionItem {
    return {
        label,
        kind: itemKindOf(element.kind),
        detail: `${element.kind}${element.label ? ` — ${element.label}` : ''}`,
        labelDetails: { description: element.kind },
    };
}

/** Collects items, one per label, all replacing the word being typed. */
export class ItemCollector {
    readonly items: CompletionItem[] = [];
    private readonly labels = new Set<string>();

    constructor(private readonly range: Range) {}

    /** Adds `item` unless an item with its label is already there (the first one wins). */
    add(item: CompletionItem): void {
        if (this.labels.has(item.label)) return;
        this.labels.add(item.label);
        const newText = item.insertText ?? item.label;
        this.items.push({ ...item, insertText: undefined, textEdit: { range: this.range, newText } });
    }
}
