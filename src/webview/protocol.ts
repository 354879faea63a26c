/**
 * Validators of the messages between the extension host and the preview webview (their types
 * are in `src/protocol/diagram-protocol.ts`). Both sides treat every incoming message as
 * untrusted: anything that does not match a known type and shape is ignored (and logged) by
 * the receiver.
 */
import type {
    DiagramCollapse, DiagramRange, DiagramSourceLocation, HostToWebviewMessage, PreviewState, WebviewToHostMessage,
} from '../protocol/diagram-protocol.js';

// ------------------------------------------------------------------ validation

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0 && value.length <= 1000;
}

function isCount(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1e9;
}

/** True for `{ line, character }` with non-negative integers. */
export function isPosition(value: unknown): value is { line: number; character: number } {
    return isObject(value) && isCount(value.line) && isCount(value.character);
}

/** True for an LSP range. */
export function isRange(value: unknown): value is DiagramRange {
    return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isFiniteNumber(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value);
}

/** True for a viewport `{ x, y, scale }` with a sane scale. */
export function isViewport(value: unknown): value is { x: number; y: number; scale: number } {
    return isObject(value) && isFiniteNumber(value.x) && isFiniteNumber(value.y)
        && isFiniteNumber(value.scale) && value.scale > 0 && value.scale <= 100;
}

function isStringArray(value: unknown): value is string[] {
    return Array.isArray(value) && value.every(isId);
}

function isElementMap(value: unknown): value is Record<string, DiagramSourceLocation> {
    return isObject(value) && Object.values(value).every(location =>
        isObject(location) && typeof location.uri === 'string' && isRange(location.range)
        && (location.selection === undefined || isRange(location.selection)));
}

/** True for a well-formed collapse summary (the preview's notice and clickable zones come from it). */
export function isCollapse(value: unknown): value is DiagramCollapse {
    return isObject(value) && isCount(value.components) && isCount(value.threshold) && typeof value.bySize === 'boolean'
        && isStringArray(value.zones) && isStringArray(value.expanded) && (value.brokers === undefined || isStringArray(value.brokers));
}

function optionalId(value: unknown): boolean {
    return value === undefined || value === null || isId(value);
}

/** Validates a message from the webview; undefined when it is not one we know. */
export function parseWebviewMessage(raw: unknown): WebviewToHostMessage | undefined {
    if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
    switch (raw.type) {
        case 'ready':
        case 'toggleLock':
        case 'collapseZones':
        case 'focusEditor':
            return { type: raw.type };
        case 'expandZone':
            return isId(raw.zone) ? { type: 'expandZone', zone: raw.zone } : undefined;
        case 'reveal':
            return isId(raw.id) && typeof raw.uri === 'string' && isRange(raw.range)
                ? { type: 'reveal', id: raw.id, uri: raw.uri, range: raw.range } : undefined;
        case 'selectView':
            return isId(raw.view) ? { type: 'selectView', view: raw.view } : undefined;
        case 'selectFlow':
            return optionalId(raw.flow) ? { type: 'selectFlow', flow: (raw.flow as string | null | undefined) ?? undefined } : undefined;
        case 'export':
            return raw.format === 'svg' || raw.format === 'png' ? { type: 'export', format: raw.format } : undefined;
        case 'editorColours':
            return typeof raw.background === 'string' && /^#[0-9a-f]{6}$/i.test(raw.background)
                ? { type: 'editorColours', background: raw.background.toLowerCase() } : undefined;
        default:
            return undefined;
    }
}

/** Normalises a CSS colour the webview reads (`#abc`, `#aabbcc`, `#aabbccdd`, `rgb(…)`) to `#rrggbb`; undefined otherwise. */
export function toHexColour(css: string): string | undefined {
    const text = css.trim().toLowerCase();
    let match = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
    if (match) return `#${match[1]}${match[1]}${match[2]}${match[2]}${match[3]}${match[3]}`;
    match = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/.exec(text);
    if (match) return `#${match[1]}`;
    match = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})/.exec(text);
    if (match) return `#${match.slice(1, 4).map(n => Math.min(255, Number(n)).toString(16).padStart(2, '0')).join('')}`;
    return undefined;
}

/** Validates a message from the extension host; undefined when it is not one we know. */
export function parseHostMessage(raw: unknown): HostToWebviewMessage | undefined {
    if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
    switch (raw.type) {
        case 'update':
            if (typeof raw.uri !== 'string' || typeof raw.fileName !== 'string' || typeof raw.svg !== 'string'
                || !optionalId(raw.view) || !optionalId(raw.flow) || !isStringArray(raw.viewIds) || !isStringArray(raw.flowIds)
                || !isElementMap(raw.elements) || typeof raw.hasSyntaxErrors !== 'boolean'
                || (raw.error !== undefined && typeof raw.error !== 'string')
                || (raw.collapse !== undefined && !isCollapse(raw.collapse))) return undefined;
            return {
                type: 'update', uri: raw.uri, fileName: raw.fileName, svg: raw.svg,
                view: (raw.view as string | null | undefined) ?? undefined, flow: (raw.flow as string | null | undefined) ?? undefined,
                viewIds: raw.viewIds, flowIds: raw.flowIds, elements: raw.elements, hasSyntaxErrors: raw.hasSyntaxErrors,
                error: raw.error as string | undefined, locked: raw.locked === true, documentChanged: raw.documentChanged === true,
                collapse: raw.collapse as DiagramCollapse | undefined,
            };
        case 'cursor':
            return typeof raw.uri === 'string' && isPosition(raw.position) ? { type: 'cursor', uri: raw.uri, position: raw.position } : undefined;
        case 'locked':
            return typeof raw.locked === 'boolean' ? { type: 'locked', locked: raw.locked } : undefined;
        case 'viewport':
            return raw.viewport === 'fit' || isViewport(raw.viewport) ? { type: 'viewport', viewport: raw.viewport } : undefined;
        default:
            return undefined;
    }
}

/** Validates persisted webview state (it comes back from disk after a reload). */
export function parsePreviewState(raw: unknown): PreviewState | undefined {
    if (!isObject(raw) || typeof raw.uri !== 'string' || raw.uri.length === 0) return undefined;
    return {
        uri: raw.uri,
        view: isId(raw.view) ? raw.view : undefined,
        flow: isId(raw.flow) ? raw.flow : undefined,
        locked: raw.locked === true,
        expandedZones: isStringArray(raw.expandedZones) ? raw.expandedZones.slice(0, 1000) : undefined,
        viewport: isViewport(raw.viewport) ? raw.viewport : undefined,
    };
}

/** Does `range` contain `position` (start inclusive, end inclusive so a cursor at the end still counts)? */
export function rangeContains(range: DiagramRange, position: { line: number; character: number }): boolean {
    const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
    const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
    return afterStart && beforeEnd;
}

/** Rough size of a range for "innermost" comparisons. */
export function rangeSize(range: DiagramRange): number {
    return (range.end.line - range.start.line) * 100_000 + (range.end.character - range.start.character);
}

/** The innermost element (smallest range) of `uri` containing `position`, among `ids`. */
export function elementAt(elements: Record<string, DiagramSourceLocation>, ids: Iterable<string>, uri: string,
    position: { line: number; character: number }): string | undefined {
    let best: string | undefined;
    let bestSize = Infinity;
    for (const id of ids) {
        const location = Object.prototype.hasOwnProperty.call(elements, id) ? elements[id] : undefined;
        if (!location || location.uri !== uri || !rangeContains(location.range, position)) continue;
        const size = rangeSize(location.range);
        if (size < bestSize) {
            best = id;
            bestSize = size;
        }
    }
    return best;
}
