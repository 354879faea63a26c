/**
 * The preview manager and its message routing, with fake panels and a fake host (no VS Code).
 */
import { describe, expect, it, vi } from 'vitest';
import { PreviewManager, REVEAL_FOCUS_WINDOW_MS } from '../../src/extension/preview-manager.js';
import { FakeHost, fakeResult, settle } from './fakes.js';

const SHOP = 'file:///ws/shop.arch';
const MEDIA = 'file:///ws/media.arch';

async function openReady(host = new FakeHost(), uri = SHOP) {
    const manager = new PreviewManager(host);
    const preview = manager.open({ uri }, { column: 'beside' });
    const panel = host.panels.at(-1)!;
    panel.fromWebview({ type: 'ready' });
    await settle();
    return { host, manager, preview, panel };
}

describe('the preview manager', () => {
    it('creates one panel beside the editor and sends the diagram once the webview is ready', async () => {
        const host = new FakeHost();
        const manager = new PreviewManager(host);
        manager.open({ uri: SHOP }, { column: 'beside' });
        expect(host.panels).toHaveLength(1);
        expect(host.panels[0].column).toBe('beside');
        expect(host.panels[0].title).toBe('Preview shop.arch');
        expect(host.requests).toHaveLength(0);
        host.panels[0].fromWebview({ type: 'ready' });
        await settle();
        expect(host.requests).toEqual([{ uri: SHOP, view: undefined, flow: undefined, theme: 'light', direction: undefined, background: undefined }]);
        const [update] = host.panels[0].updates();
        expect(update).toMatchObject({ type: 'update', uri: SHOP, fileName: 'shop.arch', view: 'overview', viewIds: ['overview', 'ordering'], locked: false });
    });

    it('reuses the panel of a document instead of opening a second one', async () => {
        const { host, manager } = await openReady();
        manager.open({ uri: SHOP }, { column: 'beside' });
        manager.open({ uri: SHOP, view: 'ordering' }, { column: 'active' });
        await settle();
        expect(host.panels).toHaveLength(1);
        expect(host.panels[0].reveals.length).toBe(2);
        expect(host.requests.at(-1)?.view).toBe('ordering');
    });

    it('follows the active .arch editor unless locked', async () => {
        const { host, manager, preview, panel } = await openReady();
        manager.onActiveEditorChanged(MEDIA);
        await settle();
        expect(preview.uri).toBe(MEDIA);
        expect(panel.title).toBe('Preview media.arch');
        expect(panel.updates().at(-1)).toMatchObject({ uri: MEDIA, documentChanged: true });
        panel.fromWebview({ type: 'toggleLock' });
        await settle();
        expect(panel.title).toBe('[Locked] Preview media.arch');
        expect(panel.messages.at(-1)).toEqual({ type: 'locked', locked: true });
        manager.onActiveEditorChanged(SHOP);
        await settle();
        expect(preview.uri).toBe(MEDIA);
        expect(host.panels).toHaveLength(1);
    });

    it('opens a second panel for another document when the first is locked', async () => {
        const { host, manager, preview } = await openReady();
        preview.setLocked(true);
        manager.open({ uri: MEDIA }, { column: 'beside' });
        expect(host.panels).toHaveLength(2);
        expect(manager.all.map(p => p.uri)).toEqual([SHOP, MEDIA]);
    });

    it('remembers the focused preview as the active one (for Show Source and Export)', async () => {
        const { host, manager, preview } = await openReady();
        preview.setLocked(true);
        const second = manager.open({ uri: MEDIA }, { column: 'beside' });
        expect(manager.active).toBe(second);
        host.panels[0].setVisible(true, true);
        expect(manager.active).toBe(preview);
    });

    it('does not follow the editor when the setting is off', async () => {
        const host = new FakeHost();
        host.follow = false;
        const { manager, preview } = await openReady(host);
        manager.onActiveEditorChanged(MEDIA);
        manager.open({ uri: MEDIA }, { column: 'beside' });
        expect(preview.uri).toBe(SHOP);
        expect(host.panels).toHaveLength(2);
    });

    it('redraws previews whose documents changed, and only those', async () => {
        const { host, manager } = await openReady();
        const before = host.requests.length;
        manager.onDiagramsChanged(['file:///ws/other.arch']);
        await settle();
        expect(host.requests.length).toBe(before);
        manager.onDiagramsChanged([SHOP]);
        await settle();
        expect(host.requests.length).toBe(before + 1);
    });

    it('defers redraws of a hidden preview until it is shown again', async () => {
        const { host, manager, panel } = await openReady();
        const before = host.requests.length;
        panel.setVisible(false);
        manager.onDiagramsChanged([SHOP]);
        await settle();
        expect(host.requests.length).toBe(before);
        panel.setVisible(true);
        await settle();
        expect(host.requests.length).toBe(before + 1);
    });

    it('cancels a stale diagram request and only sends the newest result', async () => {
        const host = new FakeHost();
        const { manager, panel } = await openReady(host);
        host.manual = true;
        const sent = panel.updates().length;
        manager.onDiagramsChanged([SHOP]);
        manager.onDiagramsChanged([SHOP]);
        host.release();
        await settle();
        expect(host.cancelled).toHaveLength(1);
        expect(panel.updates().length).toBe(sent + 1);
    });

    it('reveals the declaration the host knows for a clicked element, ignoring the range the webview sent', async () => {
        const { host, panel } = await openReady();
        panel.fromWebview({ type: 'reveal', id: 'orders', uri: 'file:///etc/passwd', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
        await settle();
        expect(host.revealed).toEqual([{
            uri: SHOP, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 20 } },
            selection: { start: { line: 5, character: 8 }, end: { line: 5, character: 14 } },
        }]);
    });

    it('gives the focus to the previewed document\'s editor on Escape in the preview, whatever the message adds', async () => {
        const { host, panel } = await openReady();
        panel.fromWebview({ type: 'focusEditor', uri: 'file:///etc/passwd' });
        await settle();
        expect(host.focused).toEqual([SHOP]);
    });

    it('gives the editor its focus back when the preview reports the click\'s focus after the reveal', async () => {
        const { host, panel } = await openReady();
        panel.fromWebview({ type: 'reveal', id: 'orders', uri: SHOP, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
        await settle();
        panel.setVisible(true, true); // the webview's late "did-focus"
        await settle();
        expect(host.revealed.map(location => location.range.start.line)).toEqual([5, 5]);
    });

    it('leaves the focus in the preview when the user comes back to it after a reveal', async () => {
        const { host, panel } = await openReady();
        panel.fromWebview({ type: 'reveal', id: 'orders', uri: SHOP, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
        await settle();
        const later = Date.now() + REVEAL_FOCUS_WINDOW_MS + 1;
        const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
        try {
            panel.setVisible(true, true);
            await settle();
        } finally {
            clock.mockRestore();
        }
        expect(host.revealed).toHaveLength(1);
    });

    it('takes the focus back for the editor once per reveal, not every time the preview is focused', async () => {
        const { host, panel } = await openReady();
        panel.fromWebview({ type: 'reveal', id: 'orders', uri: SHOP, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
        await settle();
        panel.setVisible(true, true);
        panel.setVisible(true, false);
        panel.setVisible(true, true);
        await settle();
        expect(host.revealed).toHaveLength(2);
    });

    it('ignores and logs malformed or unknown messages from the webview', async () => {
        const { host, panel } = await openReady();
        const requests = host.requests.length;
        for (const message of [null, 42, 'ready', { type: 'openFile', path: '/etc/passwd' }, { type: 'reveal', id: 'orders' },
            { type: 'reveal', id: 'nope', uri: SHOP, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
            { type: 'selectView', view: 'secret' }, { type: 'selectFlow', flow: 7 }, { type: 'export', format: 'exe' }, { type: '__proto__' },
            { type: 'reveal', id: 'constructor', uri: SHOP, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]) {
            panel.fromWebview(message);
        }
        await settle();
        expect(host.revealed).toEqual([]);
        expect(host.exports).toEqual([]);
        expect(host.requests.length).toBe(requests);
        expect(host.logs).toHaveLength(11);
    });

    it('switches view and flow when the picker asks for a known one', async () => {
        const { host, panel, preview } = await openReady();
        panel.fromWebview({ type: 'selectView', view: 'ordering' });
        await settle();
        expect(preview.view).toBe('ordering');
        panel.fromWebview({ type: 'selectFlow', flow: 'checkout' });
        await settle();
        expect(host.requests.at(-1)).toMatchObject({ view: 'ordering', flow: 'checkout' });
        panel.fromWebview({ type: 'selectFlow' });
        await settle();
        expect(host.requests.at(-1)?.flow).toBeUndefined();
    });

    it('exports the view the preview shows', async () => {
        const { host, panel } = await openReady();
        panel.fromWebview({ type: 'selectView', view: 'ordering' });
        panel.fromWebview({ type: 'export', format: 'png' });
        await settle();
        expect(host.exports).toEqual([{ target: { uri: SHOP, view: 'ordering', flow: undefined }, format: 'png' }]);
    });

    it('forwards cursor moves to every preview, and the last one to a preview that becomes ready', async () => {
        const host = new FakeHost();
        const manager = new PreviewManager(host);
        manager.onCursorMoved(SHOP, { line: 5, character: 3 });
        manager.open({ uri: SHOP }, { column: 'beside' });
        host.panels[0].fromWebview({ type: 'ready' });
        await settle();
        expect(host.panels[0].messages.at(-1)).toEqual({ type: 'cursor', uri: SHOP, position: { line: 5, character: 3 } });
        manager.onCursorMoved(SHOP, { line: 3, character: 0 });
        expect(host.panels[0].messages.at(-1)).toEqual({ type: 'cursor', uri: SHOP, position: { line: 3, character: 0 } });
    });

    it('draws on the editor background the webview reports, only while the diagram follows the editor theme', async () => {
        const { host, manager, panel } = await openReady();
        panel.fromWebview({ type: 'editorColours', background: '#1f1f1f' });
        await settle();
        expect(manager.editorBackground).toBe('#1f1f1f');
        expect(host.requests.at(-1)?.background).toBe('#1f1f1f');
        const count = host.requests.length;
        panel.fromWebview({ type: 'editorColours', background: '#1f1f1f' });
        panel.fromWebview({ type: 'editorColours', background: 'red; x' });
        await settle();
        expect(host.requests.length).toBe(count);
        host.followTheme = false;
        manager.refreshAll();
        await settle();
        expect(host.requests.at(-1)?.background).toBeUndefined();
    });

    it('redraws everything when the theme changes', async () => {
        const { host, manager } = await openReady();
        host.currentTheme = 'dark';
        manager.refreshAll();
        await settle();
        expect(host.requests.at(-1)?.theme).toBe('dark');
    });

    it('forgets a closed panel and restores one from serialized state', async () => {
        const { host, manager, panel } = await openReady();
        panel.dispose();
        expect(manager.all).toHaveLength(0);
        expect(manager.active).toBeUndefined();
        const restored = manager.adopt(host.createPanel('x', 'active'), { uri: SHOP, view: 'ordering', locked: true });
        expect(restored.state()).toEqual({ uri: SHOP, view: 'ordering', flow: undefined, locked: true, expandedZones: [] });
        expect(host.panels.at(-1)!.title).toBe('[Locked] Preview shop.arch');
        host.panels.at(-1)!.fromWebview({ type: 'ready' });
        await settle();
        expect(host.requests.at(-1)).toMatchObject({ uri: SHOP, view: 'ordering' });
    });

    it('logs a failed diagram request instead of throwing', async () => {
        const host = new FakeHost();
        host.respond = () => {
            throw new Error('server gone');
        };
        await openReady(host);
        expect(host.logs.some(line => line.includes('server gone'))).toBe(true);
    });
});

/** A host whose diagrams collapse the zones `core` and `edge` unless the request expands them. */
function collapsingHost(): FakeHost {
    const host = new FakeHost();
    host.respond = params => {
        const expanded: string[] = (params.expandedZones ?? []).filter(zone => zone === 'core' || zone === 'edge');
        return fakeResult(params, {
            collapse: { components: 400, threshold: 150, bySize: true, zones: ['core', 'edge'].filter(zone => !expanded.includes(zone)), expanded },
        });
    };
    return host;
}

describe('collapsed zones in the preview', () => {
    it('passes the collapse summary on to the webview', async () => {
        const { panel } = await openReady(collapsingHost());
        expect(panel.updates().at(-1)?.collapse).toEqual({ components: 400, threshold: 150, bySize: true, zones: ['core', 'edge'], expanded: [] });
    });

    it('redraws with a zone open when the webview asks to expand it', async () => {
        const { host, panel } = await openReady(collapsingHost());
        panel.fromWebview({ type: 'expandZone', zone: 'core' });
        await settle();
        expect(host.requests.at(-1)?.expandedZones).toEqual(['core']);
    });

    it('ignores a request to expand something that is not a collapsed zone of the diagram', async () => {
        const { host, panel } = await openReady(collapsingHost());
        const before = host.requests.length;
        panel.fromWebview({ type: 'expandZone', zone: 'api' });
        await settle();
        expect(host.requests.length).toBe(before);
    });

    it('collapses every opened zone again on request', async () => {
        const { host, panel } = await openReady(collapsingHost());
        panel.fromWebview({ type: 'expandZone', zone: 'core' });
        await settle();
        panel.fromWebview({ type: 'collapseZones' });
        await settle();
        expect(host.requests.at(-1)?.expandedZones).toBeUndefined();
    });

    it('forgets opened zones when the preview switches to another view', async () => {
        const { host, panel } = await openReady(collapsingHost());
        panel.fromWebview({ type: 'expandZone', zone: 'core' });
        await settle();
        panel.fromWebview({ type: 'selectView', view: 'ordering' });
        await settle();
        expect(host.requests.at(-1)).toMatchObject({ view: 'ordering', expandedZones: undefined });
    });

    it('keeps opened zones across redraws of the same view', async () => {
        const { host, manager, panel } = await openReady(collapsingHost());
        panel.fromWebview({ type: 'expandZone', zone: 'edge' });
        await settle();
        manager.onDiagramsChanged([SHOP]);
        await settle();
        expect(host.requests.at(-1)?.expandedZones).toEqual(['edge']);
    });

    it('drops an opened zone the diagram no longer has', async () => {
        const { host, manager, panel } = await openReady(collapsingHost());
        panel.fromWebview({ type: 'expandZone', zone: 'core' });
        await settle();
        host.respond = params => fakeResult(params); // the view shrank: nothing collapses any more
        manager.onDiagramsChanged([SHOP]);
        await settle();
        manager.onDiagramsChanged([SHOP]);
        await settle();
        expect(host.requests.at(-1)?.expandedZones).toBeUndefined();
    });

    it('restores opened zones from the serialized state', async () => {
        const host = collapsingHost();
        const manager = new PreviewManager(host);
        const preview = manager.adopt(host.createPanel('x', 'active'), { uri: SHOP, view: 'overview', expandedZones: ['core'] });
        host.panels.at(-1)!.fromWebview({ type: 'ready' });
        await settle();
        expect(host.requests.at(-1)?.expandedZones).toEqual(['core']);
        expect(preview.state().expandedZones).toEqual(['core']);
    });
});
