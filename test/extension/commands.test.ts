/**
 * Command argument handling, crash policy, preview HTML and message validation: the extension's
 * pure parts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
    defaultExportPath, exportTargetOf, isArchUri, parseExportOptions, parsePreviewTarget,
} from '../../src/extension/command-args.js';
import { CrashPolicy } from '../../src/extension/crash-policy.js';
import { createNonce, escapeHtml, previewCsp, renderPreviewHtml } from '../../src/extension/preview-html.js';
import { elementAt, parseHostMessage, parsePreviewState, parseWebviewMessage, toHexColour } from '../../src/webview/protocol.js';

const SHOP = 'file:///ws/shop.arch';
/** Looks like a `vscode.Uri`. */
const uri = (text: string) => ({ scheme: text.split(':')[0], toString: () => text });

describe('command arguments', () => {
    it('take the active .arch document when the command palette passes nothing', () => {
        expect(parsePreviewTarget(undefined, SHOP)).toEqual({ uri: SHOP });
        expect(parsePreviewTarget(undefined, undefined)).toBeUndefined();
        expect(parsePreviewTarget(undefined, 'untitled:Untitled-1')).toEqual({ uri: 'untitled:Untitled-1' });
    });

    it('accept a Uri from the explorer and editor title menus', () => {
        expect(parsePreviewTarget(uri('file:///ws/media.arch'), SHOP)).toEqual({ uri: 'file:///ws/media.arch' });
    });

    it('accept the code lens form { uri, view } and { uri, flow }', () => {
        expect(parsePreviewTarget({ uri: SHOP, view: 'ordering' }, undefined)).toEqual({ uri: SHOP, view: 'ordering', flow: undefined });
        expect(parsePreviewTarget({ uri: uri(SHOP), flow: 'checkout' }, undefined)).toEqual({ uri: SHOP, view: undefined, flow: 'checkout' });
        expect(parsePreviewTarget({ view: 'ordering' }, SHOP)).toEqual({ uri: SHOP, view: 'ordering', flow: undefined });
    });

    it('reject anything that does not name an .arch document', () => {
        expect(parsePreviewTarget(uri('file:///ws/readme.md'), SHOP)).toBeUndefined();
        expect(parsePreviewTarget('not a uri', SHOP)).toBeUndefined();
        expect(parsePreviewTarget(42, SHOP)).toBeUndefined();
        expect(parsePreviewTarget([SHOP], SHOP)).toBeUndefined();
        expect(parsePreviewTarget({ uri: 7 }, SHOP)).toBeUndefined();
        expect(parsePreviewTarget({ uri: SHOP, view: { evil: true } }, undefined)).toEqual({ uri: SHOP, view: undefined, flow: undefined });
    });

    it('recognise .arch URIs with query or fragment', () => {
        expect(isArchUri('file:///a/b.arch')).toBe(true);
        expect(isArchUri('untitled:b.ARCH?x=1')).toBe(true);
        expect(isArchUri('file:///a/b.archive')).toBe(false);
    });

    it('default the export file next to the source, named after the view', () => {
        expect(defaultExportPath('/ws/shop.arch', undefined, 'svg')).toBe('/ws/shop.svg');
        expect(defaultExportPath('/ws/shop.arch', 'ordering', 'png')).toBe('/ws/shop-ordering.png');
        expect(defaultExportPath('/ws/shop.arch', 'overview', 'svg', 'overview')).toBe('/ws/shop.svg');
        expect(defaultExportPath('/ws/shop.arch', '../x', 'svg')).toBe('/ws/shop-.._x.svg');
    });
});

describe('export arguments', () => {
    it('take a theme and an output from scripted calls, and ignore anything malformed', () => {
        expect(parseExportOptions({ uri: SHOP, theme: 'dark', output: '/tmp/x.svg' })).toEqual({ theme: 'dark', output: '/tmp/x.svg' });
        expect(parseExportOptions({ theme: 'neon', output: 3 })).toEqual({ theme: undefined, output: undefined });
        expect(parseExportOptions(uri(SHOP))).toEqual({ theme: undefined, output: undefined });
        expect(parseExportOptions(undefined)).toEqual({ theme: undefined, output: undefined });
    });

    it('export what the open preview shows: its view, its flow and the zones the user opened', () => {
        const preview = { view: 'ordering', flow: 'checkout', expandedZones: ['data'] };
        const target = exportTargetOf({ uri: SHOP }, preview);
        expect(target).toEqual({ uri: SHOP, view: 'ordering', flow: 'checkout', expandedZones: ['data'] });
        expect(target.expandedZones).not.toBe(preview.expandedZones);
        // A flow named by the caller wins over the preview's.
        expect(exportTargetOf({ uri: SHOP, flow: 'refund' }, preview).flow).toBe('refund');
    });

    it('export a view the preview does not show as the view draws it, and anything without a preview as named', () => {
        const preview = { view: 'ordering', flow: 'checkout', expandedZones: ['data'] };
        expect(exportTargetOf({ uri: SHOP, view: 'overview' }, preview)).toEqual({ uri: SHOP, view: 'overview' });
        expect(exportTargetOf({ uri: SHOP, view: 'ordering' }, undefined)).toEqual({ uri: SHOP, view: 'ordering' });
    });
});

describe('the commands', () => {
    const root = join(import.meta.dirname, '..', '..');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const folder = join(root, 'src', 'extension', 'commands');
    /** Command ids declared by the command classes, by file. */
    const declared = readdirSync(folder).filter(name => name.endsWith('.ts')).map(name => ({
        name, ids: [...readFileSync(join(folder, name), 'utf8').matchAll(/readonly id = '([^']+)'/g)].map(match => match[1]),
    }));

    it('are each declared once in a file of their own, and contributed in package.json', () => {
        const ids = declared.flatMap(file => file.ids);
        const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command);
        expect([...ids].sort()).toEqual([...contributed].sort());
        expect(new Set(ids).size).toBe(ids.length);
        for (const file of declared.filter(f => f.ids.length > 0)) {
            // A file holds one command, or the variants of one (preview / to the side, SVG / PNG).
            expect(file.ids.length, file.name).toBeLessThanOrEqual(2);
        }
    });

    it('are all registered', () => {
        const index = readFileSync(join(folder, 'index.ts'), 'utf8');
        for (const file of declared.filter(f => f.ids.length > 0)) {
            for (const match of readFileSync(join(folder, file.name), 'utf8').matchAll(/export class (\w+Command) /g)) {
                expect(index, `${match[1]} is not registered`).toContain(`new ${match[1]}(`);
            }
        }
    });
});

describe('the crash policy', () => {
    it('restarts the server four times within three minutes, then gives up until a manual restart', () => {
        const policy = new CrashPolicy();
        const decisions = [0, 1000, 2000, 3000, 4000].map(time => policy.onClosed(time));
        expect(decisions.map(d => d.restart)).toEqual([true, true, true, true, false]);
        expect(decisions[0].message).toContain('restarted (1 of 4)');
        expect(decisions[4].message).toContain('will not be restarted');
        policy.reset();
        expect(policy.onClosed(5000).restart).toBe(true);
    });

    it('forgets crashes older than its window', () => {
        const policy = new CrashPolicy(1, 60_000);
        expect(policy.onClosed(0).restart).toBe(true);
        expect(policy.onClosed(61_000).restart).toBe(true);
        expect(policy.onClosed(62_000).restart).toBe(false);
    });
});

describe('the preview HTML', () => {
    const html = renderPreviewHtml({
        cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123==', scriptUri: 'https://x.vscode-cdn.net/media/preview.js',
        styleUri: 'https://x.vscode-cdn.net/media/preview.css', title: 'Preview <b>"x".arch',
    });

    it('carries a CSP that allows only the nonce script and the extension styles', () => {
        expect(previewCsp('https://x', 'n')).toBe("default-src 'none'; img-src https://x data:; style-src https://x; font-src https://x; script-src 'nonce-n'");
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`);
        expect(html).toContain('<script nonce="abc123==" src="https://x.vscode-cdn.net/media/preview.js"></script>');
        expect(html.match(/<script/g)).toHaveLength(1);
        expect(html).not.toMatch(/ on[a-z]+=/);
    });

    it('escapes the title', () => {
        expect(html).toContain('<title>Preview &lt;b&gt;&quot;x&quot;.arch</title>');
        expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
    });

    it('offers PNG export in the toolbar only where the host makes PNGs (not in the browser)', () => {
        expect(html).toContain('data-command="exportSvg"');
        expect(html).toContain('data-command="exportPng"');
        const web = renderPreviewHtml({
            cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123==', scriptUri: 'https://x.vscode-cdn.net/media/preview.js',
            styleUri: 'https://x.vscode-cdn.net/media/preview.css', title: 'Preview shop.arch', offersPng: false,
        });
        expect(web).toContain('data-command="exportSvg"');
        expect(web).not.toContain('exportPng');
        expect(web).not.toMatch(/>PNG</);
    });

    it('uses a fresh base64 nonce of 16 random bytes', () => {
        expect(createNonce(size => new Uint8Array(size).fill(255))).toBe('/////////////////////w==');
    });
});

describe('message validation', () => {
    const range = { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } };

    it('accepts the webview messages the extension knows, in their exact shape', () => {
        expect(parseWebviewMessage({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
        expect(parseWebviewMessage({ type: 'reveal', id: 'a', uri: SHOP, range })).toEqual({ type: 'reveal', id: 'a', uri: SHOP, range });
        expect(parseWebviewMessage({ type: 'selectFlow', flow: null })).toEqual({ type: 'selectFlow', flow: undefined });
        expect(parseWebviewMessage({ type: 'export', format: 'png' })).toEqual({ type: 'export', format: 'png' });
        // Escape in the preview: only the type travels; the host decides which editor gets the focus.
        expect(parseWebviewMessage({ type: 'focusEditor', uri: 'file:///etc/passwd' })).toEqual({ type: 'focusEditor' });
        expect(parseWebviewMessage({ type: 'focuseditor' })).toBeUndefined();
    });

    it('rejects wrong shapes', () => {
        expect(parseWebviewMessage({ type: 'reveal', id: 'a', uri: SHOP, range: { start: { line: -1, character: 0 }, end: range.end } })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'reveal', id: '', uri: SHOP, range })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'selectView', view: 'x'.repeat(2000) })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'export', format: 'pdf' })).toBeUndefined();
        expect(parseWebviewMessage([{ type: 'ready' }])).toBeUndefined();
    });

    it('validates host messages in the webview the same way', () => {
        expect(parseHostMessage({ type: 'cursor', uri: SHOP, position: { line: 1, character: 1 } })).toBeDefined();
        expect(parseHostMessage({ type: 'cursor', uri: SHOP, position: { line: 1.5, character: 1 } })).toBeUndefined();
        expect(parseHostMessage({ type: 'viewport', viewport: { x: 0, y: 0, scale: 0 } })).toBeUndefined();
        expect(parseHostMessage({ type: 'viewport', viewport: 'fit' })).toEqual({ type: 'viewport', viewport: 'fit' });
        expect(parseHostMessage({
            type: 'update', uri: SHOP, fileName: 'shop.arch', svg: '<svg/>', viewIds: ['a'], flowIds: [], elements: { a: { uri: SHOP, range: 'x' } },
            hasSyntaxErrors: false,
        })).toBeUndefined();
    });

    it('accepts a request to expand a zone only with a zone id', () => {
        expect(parseWebviewMessage({ type: 'expandZone', zone: 'core' })).toEqual({ type: 'expandZone', zone: 'core' });
        expect(parseWebviewMessage({ type: 'expandZone', zone: { toString: 'core' } })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'collapseZones', zone: 'x' })).toEqual({ type: 'collapseZones' });
    });

    it('rejects an update whose collapse summary is malformed', () => {
        const update = { type: 'update', uri: SHOP, fileName: 'shop.arch', svg: '<svg/>', viewIds: [], flowIds: [], elements: {}, hasSyntaxErrors: false };
        const collapse = { components: 200, threshold: 150, bySize: true, zones: ['core'], expanded: [] };
        expect(parseHostMessage({ ...update, collapse })).toMatchObject({ collapse });
        expect(parseHostMessage({ ...update, collapse: { ...collapse, zones: [1] } })).toBeUndefined();
    });

    it('accepts the editor background only as a #rrggbb colour', () => {
        expect(parseWebviewMessage({ type: 'editorColours', background: '#1F1F1F' })).toEqual({ type: 'editorColours', background: '#1f1f1f' });
        expect(parseWebviewMessage({ type: 'editorColours', background: 'url(x)' })).toBeUndefined();
        expect(toHexColour(' #abc ')).toBe('#aabbcc');
        expect(toHexColour('#1e1e1eff')).toBe('#1e1e1e');
        expect(toHexColour('rgb(30, 30, 30)')).toBe('#1e1e1e');
        expect(toHexColour('var(--x)')).toBeUndefined();
    });

    it('restores only valid persisted state', () => {
        expect(parsePreviewState({ uri: SHOP, view: 'ordering', viewport: { x: 1, y: 2, scale: 1.5 }, locked: true }))
            .toEqual({ uri: SHOP, view: 'ordering', flow: undefined, locked: true, viewport: { x: 1, y: 2, scale: 1.5 } });
        expect(parsePreviewState({ uri: SHOP, viewport: { x: 'a' } })).toEqual({ uri: SHOP, view: undefined, flow: undefined, locked: false, viewport: undefined });
        expect(parsePreviewState({})).toBeUndefined();
        expect(parsePreviewState(undefined)).toBeUndefined();
    });

    it('finds the innermost element at a position', () => {
        const elements = {
            zone: { uri: SHOP, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 1 } } },
            svc: { uri: SHOP, range: { start: { line: 2, character: 2 }, end: { line: 4, character: 3 } } },
            other: { uri: 'file:///ws/other.arch', range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } } },
        };
        expect(elementAt(elements, Object.keys(elements), SHOP, { line: 3, character: 0 })).toBe('svc');
        expect(elementAt(elements, Object.keys(elements), SHOP, { line: 8, character: 0 })).toBe('zone');
        expect(elementAt(elements, ['zone'], SHOP, { line: 3, character: 0 })).toBe('zone');
        expect(elementAt(elements, Object.keys(elements), SHOP, { line: 11, character: 0 })).toBeUndefined();
        expect(elementAt(elements, ['toString'], SHOP, { line: 0, character: 0 })).toBeUndefined();
    });
});
