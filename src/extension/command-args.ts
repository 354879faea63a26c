/**
 * Argument handling of the Archway commands. Commands are invoked from many places — the
 * command palette (no argument), the editor title and explorer menus (a `Uri`), code lenses
 * (`{ uri, view }` / `{ uri, flow }`), keybindings, other extensions — so arguments are treated
 * as untrusted and normalised here, without VS Code types.
 */
import type { DiagramTheme } from '../protocol/diagram-protocol.js';
import type { PreviewTarget } from './preview-manager.js';

/** Anything URI-like: a `vscode.Uri` (has `scheme` and `toString()`), or a string. */
interface UriLike {
    scheme: string;
    toString(): string;
}

function isUriLike(value: unknown): value is UriLike {
    return typeof value === 'object' && value !== null && typeof (value as UriLike).scheme === 'string'
        && typeof (value as UriLike).toString === 'function';
}

function uriText(value: unknown): string | undefined {
    if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : undefined;
    if (isUriLike(value)) return value.toString();
    return undefined;
}

function optionalId(value: unknown): string | undefined {
    return typeof value === 'string' && value.length > 0 && value.length <= 500 ? value : undefined;
}

/** True when `uri` names an `.arch` file. */
export function isArchUri(uri: string): boolean {
    return /\.arch$/i.test(uri.split(/[?#]/)[0]);
}

/**
 * What a preview/export command should show: from its argument (a URI, a URI string,
 * `{ uri, view?, flow? }`) or else the active `arch` document. Undefined when neither names an
 * `.arch` document.
 */
export function parsePreviewTarget(arg: unknown, activeUri: string | undefined): PreviewTarget | undefined {
    // `activeUri` is already known to be an `arch` document (possibly untitled, without the extension).
    const direct = uriText(arg);
    if (direct) return isArchUri(direct) ? { uri: direct } : undefined;
    if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
        const record = arg as Record<string, unknown>;
        const uri = uriText(record.uri);
        if (uri) return isArchUri(uri) ? { uri, view: optionalId(record.view), flow: optionalId(record.flow) } : undefined;
        if (record.uri === undefined && (record.view !== undefined || record.flow !== undefined) && activeUri) {
            return { uri: activeUri, view: optionalId(record.view), flow: optionalId(record.flow) };
        }
        return undefined;
    }
    if ((arg === undefined || arg === null) && activeUri) return { uri: activeUri };
    return undefined;
}

/** Default export file name next to the source: `shop.arch` → `shop.svg`, or `shop-ordering.svg` for a view. */
export function defaultExportPath(sourcePath: string, view: string | undefined, format: 'svg' | 'png', defaultView?: string): string {
    const base = sourcePath.replace(/\.arch$/i, '');
    const suffix = view && view !== defaultView ? `-${view.replace(/[^A-Za-z0-9_.-]/g, '_')}` : '';
    return `${base}${suffix}.${format}`;
}

/** What an export command takes besides the target: `{ theme?, output? }` (scripts and tests pass these). */
export interface ExportOptions {
    /** Draw in this theme instead of `archway.export.theme`. */
    theme?: DiagramTheme;
    /** Write here (a path or URI) without asking. */
    output?: string;
}

/** The export options of a command argument; anything malformed is ignored. */
export function parseExportOptions(arg: unknown): ExportOptions {
    const extra = typeof arg === 'object' && arg !== null ? arg as { theme?: unknown; output?: unknown } : {};
    const theme = extra.theme === 'light' || extra.theme === 'dark' || extra.theme === 'high-contrast' ? extra.theme : undefined;
    const output = typeof extra.output === 'string' ? extra.output : undefined;
    return { theme, output };
}

/**
 * The target an export draws: when the document's preview shows the same view (or no view
 * was named), what the preview shows — its view, its flow unless one was named, the zones the
 * user opened.
 */
export function exportTargetOf(target: PreviewTarget,
    preview: { view: string | undefined; flow: string | undefined; expandedZones: readonly string[] } | undefined): PreviewTarget {
    if (!preview || (target.view && target.view !== preview.view)) return target;
    return { ...target, view: preview.view, flow: target.flow ?? preview.flow, expandedZones: [...preview.expandedZones] };
}
