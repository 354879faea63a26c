/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Everything around the diagram: the toolbar's file name, view and flow pickers, lock button
 * and zoom level, the banner for errors, and the notice saying why zones are collapsed.
 */
import type { UpdateMessage } from '../protocol/diagram-protocol.js';

/** The elements of the preview HTML (`extension/preview-html.ts`) the script drives. */
export interface PreviewElements {
    canvas: HTMLDivElement;
    toolbar: HTMLElement;
    banner: HTMLDivElement;
    collapseNotice: HTMLDivElement;
    collapseText: HTMLSpanElement;
    collapseAll: HTMLButtonElement;
    fileName: HTMLSpanElement;
    viewPicker: HTMLLabelElement;
    viewSelect: HTMLSelectElement;
    flowPicker: HTMLLabelElement;
    flowSelect: HTMLSelectElement;
    zoomLevel: HTMLSpanElement;
    findInput: HTMLInputElement;
    findStatus: HTMLSpanElement;
    neighbours: HTMLButtonElement;
}

/** Finds the preview's elements by id. */
export function findPreviewElements(document: Document): PreviewElements {
    const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    return {
        canvas: byId('canvas'), toolbar: byId('toolbar'), banner: byId('banner'), collapseNotice: byId('collapse-notice'),
        collapseText: byId('collapse-text'), collapseAll: byId('collapse-all'), fileName: byId('file-name'),
        viewPicker: byId('view-picker'), viewSelect: byId('view-select'), flowPicker: byId('flow-picker'),
        flowSelect: byId('flow-select'), zoomLevel: byId('zoom-level'), findInput: byId('find-input'), findStatus: byId('find-status'),
        neighbours: document.querySelector<HTMLButtonElement>('button[data-command="neighbours"]')!,
    };
}

/** Shows the document's name, its views and flows, the banner and the collapse notice. */
export function showDiagramChrome(ui: PreviewElements, message: UpdateMessage): void {
    ui.fileName.textContent = message.fileName;
    ui.fileName.title = message.uri;
    fillSelect(ui.viewSelect, message.viewIds, message.view);
    ui.viewPicker.hidden = message.viewIds.length <= 1;
    fillSelect(ui.flowSelect, message.flowIds, message.flow, '(none)');
    ui.flowPicker.hidden = message.flowIds.length === 0;
    showBanner(ui, message);
    showCollapseNotice(ui, message);
}

/**
 * Shows the lock button pressed (the preview stays on its document) or not (it follows the
 * editor); false when the page has no lock button.
 */
export function showLocked(document: Document, locked: boolean): boolean {
    const button = document.querySelector<HTMLButtonElement>('button[data-command="toggleLock"]');
    if (!button) return false;
    button.setAttribute('aria-pressed', String(locked));
    const label = locked ? 'Locked to this document (click to follow the active editor)' : 'Lock to this document';
    button.title = label;
    button.setAttribute('aria-label', label);
    return true;
}

function fillSelect(select: HTMLSelectElement, values: string[], selected: string | undefined, none?: string): void {
    const options: HTMLOptionElement[] = [];
    if (none !== undefined) {
        const option = document.createElement('option');
        option.value = '';
        option.textContent = none;
        options.push(option);
    }
    for (const value of values) {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = value;
        options.push(option);
    }
    select.replaceChildren(...options);
    select.value = selected ?? '';
}

function showBanner(ui: PreviewElements, message: UpdateMessage): void {
    const text = message.error
        ? `Cannot draw the diagram: ${message.error}`
        : message.hasSyntaxErrors ? `${message.fileName} has syntax errors — showing the last good diagram.` : '';
    ui.banner.textContent = text;
    ui.banner.hidden = text === '';
}

/** Says why zones are drawn as boxes, and offers to collapse the ones the user opened. */
function showCollapseNotice(ui: PreviewElements, message: UpdateMessage): void {
    const collapse = message.collapse;
    const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
    let text = '';
    if (collapse && !message.error) {
        const brokers = collapse.brokers?.length ?? 0;
        const zones = collapse.zones.length - brokers;
        const noun = brokers > 0 ? 'box' : 'zone';
        const count = (n: number) => `${n} ${noun}${n === 1 ? '' : noun === 'box' ? 'es' : 's'}`;
        const opened = collapse.expanded.length > 0 ? ` ${count(collapse.expanded.length)} opened.` : '';
        const click = collapse.zones.length > 0 ? ` Click a ${noun} to open it.` : '';
        const brokerText = brokers > 0 ? ` ${brokers === 1 ? 'A broker' : `${brokers} brokers`} with many topics ${brokers === 1 ? 'is' : 'are'} drawn as one box.` : '';
        text = collapse.bySize
            ? `This view has ${plural(collapse.components, 'component')} (more than ${collapse.threshold.toLocaleString('en-US')}), so its zones are drawn collapsed.${brokerText}${click}${opened}`
            : zones > 0 ? `This view draws ${plural(zones, 'zone')} collapsed.${brokerText}${click}${opened}`
                : `${brokerText.trim()}${click}${opened}`;
    }
    ui.collapseText.textContent = text;
    ui.collapseNotice.hidden = text === '';
    ui.collapseAll.hidden = !collapse || collapse.expanded.length === 0;
}
