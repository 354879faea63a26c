/**
 * The server side of the diagram protocol, with real Langium services and the real renderer
 * behind a fake connection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { renderDiagram } from '../../src/diagram/index.js';
import { registerDiagramHandler, type DiagramConnection } from '../../src/lsp/diagram-handler.js';
import { renderServerDiagram } from '../../src/server/diagram-renderer.js';
import { DiagramMethods, type DiagramChangedParams, type DiagramResult, type ExportDiagramResult } from '../../src/protocol/diagram-protocol.js';
import { checkModel, type RuleSettings } from '../../src/rules/engine.js';
import { listRules } from '../../src/rules/registry.js';
import { runExport } from '../../src/cli/export.js';
import { loadWorkspace, testUri, type Workspace } from '../support/services.js';
import { shopFiles } from './webview-harness.js';
import { generateModel } from '../diagram/diagram-helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const stops: Array<() => void> = [];
afterEach(() => {
    for (const stop of stops.splice(0)) stop();
});

async function serve(files: Record<string, string>, ruleSettings?: (rootUri: string) => RuleSettings) {
    const workspace = await loadWorkspace(files);
    const handlers = new Map<string, (params: unknown, token: never) => Promise<unknown>>();
    const notifications: Array<{ method: string; params: unknown }> = [];
    const connection: DiagramConnection = {
        onRequest: (method, handler) => handlers.set(method, handler as never),
        sendNotification: (method, params) => notifications.push({ method, params }),
    };
    stops.push(registerDiagramHandler(connection, workspace.services.shared, {
        render: renderServerDiagram,
        debounceMs: 10,
        ruleSettings,
    }));
    const request = <T>(method: string, params: unknown) => handlers.get(method)!(params, token as never) as Promise<T>;
    return {
        workspace, notifications,
        diagram: (params: Record<string, unknown>) => request<DiagramResult>(DiagramMethods.diagram, params),
        exportDiagram: (params: Record<string, unknown>) => request<ExportDiagramResult>(DiagramMethods.exportDiagram, params),
    };
}

/** Replaces a document's text and rebuilds it, as an edit in the editor would. */
async function edit(workspace: Workspace, name: string, text: string): Promise<void> {
    const shared = workspace.services.shared;
    const uri = testUri(name);
    shared.workspace.LangiumDocuments.deleteDocument(uri);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    workspace.documents.set(name, document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
}

describe('the archway/diagram request', () => {
    it('answers with the SVG, the views and flows, and the declaration of every element', async () => {
        const server = await serve(shopFiles());
        const result = await server.diagram({ uri: testUri('shop.arch').toString(), theme: 'dark' });
        expect(result.error).toBeUndefined();
        expect(result.svg).toMatch(/^<svg[^>]*data-theme="dark"/);
        expect(result.view).toBe('overview');
        expect(result.viewIds).toEqual(['overview', 'ordering']);
        expect(result.flowIds).toEqual(['checkout']);
        expect(result.hasSyntaxErrors).toBe(false);
        // Elements from the imported file point into that file.
        expect(result.elements.payments.uri).toBe(testUri('payments.arch').toString());
        const line = shopFiles()['shop.arch'].split('\n').findIndex(text => text.includes('service orders'));
        expect(result.elements.orders.selection).toEqual({ start: { line, character: 10 }, end: { line, character: 16 } });
        const ids = [...result.svg.matchAll(/data-id="([^"]+)"/g)].map(match => match[1].replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
        expect(ids).toContain('orders~>bus.orderPlaced');
        expect(ids.filter(id => result.elements[id] === undefined)).toEqual([]);
    });

    it('draws the requested view and flow, and falls back to the default view for an unknown one', async () => {
        const server = await serve(shopFiles());
        const uri = testUri('shop.arch').toString();
        const ordering = await server.diagram({ uri, view: 'ordering', flow: 'checkout' });
        expect(ordering.view).toBe('ordering');
        expect(ordering.flow).toBe('checkout');
        expect(ordering.svg).toContain('data-view="ordering"');
        const unknown = await server.diagram({ uri, view: 'nope', flow: 'nope' });
        expect(unknown.view).toBe('overview');
        expect(unknown.flow).toBeUndefined();
    });

    it('keeps the last good diagram while the text has syntax errors, and says so', async () => {
        const server = await serve(shopFiles());
        const uri = testUri('shop.arch').toString();
        const good = await server.diagram({ uri });
        await edit(server.workspace, 'shop.arch', shopFiles()['shop.arch'] + '\nservice {{{ ->');
        const broken = await server.diagram({ uri });
        expect(broken.hasSyntaxErrors).toBe(true);
        expect(broken.svg).toBe(good.svg);
        await edit(server.workspace, 'shop.arch', shopFiles()['shop.arch'] + '\nservice extra "Extra"');
        const fixed = await server.diagram({ uri });
        expect(fixed.hasSyntaxErrors).toBe(false);
        expect(fixed.svg).toContain('data-id="extra"');
    });

    it('draws what it can when a document has never parsed cleanly', async () => {
        const server = await serve({ 'half.arch': 'service a "A"\nservice b {' });
        const result = await server.diagram({ uri: testUri('half.arch').toString() });
        expect(result.hasSyntaxErrors).toBe(true);
        expect(result.svg).toContain('data-id="a"');
    });

    it('draws the preview on the editor background, but exports on the named theme\'s own', async () => {
        const server = await serve(shopFiles());
        const uri = testUri('shop.arch').toString();
        const preview = await server.diagram({ uri, theme: 'dark', background: '#1f1f1f' });
        expect(preview.svg).toContain('fill="#1f1f1f"');
        const bad = await server.diagram({ uri, theme: 'dark', background: 'red" onload="x' });
        expect(bad.svg).not.toContain('onload');
        const exported = await server.exportDiagram({ uri, theme: 'dark', background: '#1f1f1f' });
        expect(exported.svg).not.toContain('#1f1f1f');
    });

    it('badges findings with the rule settings of the document\'s model, like its diagnostics', async () => {
        const roots: string[] = [];
        const allOff = Object.fromEntries(listRules().map(rule => [rule.id, { severity: 'off' as const }]));
        const quiet = await serve(shopFiles(), rootUri => (roots.push(rootUri), allOff));
        const uri = testUri('shop.arch').toString();
        expect((await quiet.diagram({ uri })).svg).not.toContain('data-badge');
        expect(roots).toContain(uri);
        const loud = await serve(shopFiles());
        expect((await loud.diagram({ uri })).svg).toContain('data-badge');
    });

    it('reports an unknown document instead of failing', async () => {
        const server = await serve(shopFiles());
        await server.workspace.services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const result = await server.diagram({ uri: 'file:///nowhere/x.arch' });
        expect(result.svg).toBe('');
        expect(result.error).toMatch(/not open/);
    });

    it('rejects malformed parameters', async () => {
        const server = await serve(shopFiles());
        await expect(server.diagram({ uri: 42 } as never)).rejects.toBeInstanceOf(ResponseError);
        await expect(server.diagram(null as never)).rejects.toBeInstanceOf(ResponseError);
    });

    it('cancels a request that a newer one for the same document superseded', async () => {
        const server = await serve(shopFiles());
        const uri = testUri('shop.arch').toString();
        const [first, second] = await Promise.allSettled([server.diagram({ uri, theme: 'light' }), server.diagram({ uri, theme: 'dark' })]);
        expect(first.status).toBe('rejected');
        expect((first as PromiseRejectedResult).reason).toMatchObject({ code: LSPErrorCodes.RequestCancelled });
        expect(second.status).toBe('fulfilled');
    });

    it('notifies once per burst of rebuilds, naming the rebuilt documents', async () => {
        const server = await serve(shopFiles());
        server.notifications.length = 0;
        await edit(server.workspace, 'shop.arch', shopFiles()['shop.arch'] + '\nservice one');
        await edit(server.workspace, 'shop.arch', shopFiles()['shop.arch'] + '\nservice two');
        await expect.poll(() => server.notifications.length).toBe(1);
        const { method, params } = server.notifications[0];
        expect(method).toBe(DiagramMethods.diagramChanged);
        expect((params as DiagramChangedParams).uris).toContain(testUri('shop.arch').toString());
    });

    it('says which zones it drew collapsed, and why, for a view over the size threshold', async () => {
        const server = await serve({ 'big.arch': generateModel(200) });
        const result = await server.diagram({ uri: testUri('big.arch').toString() });
        expect(result.collapse).toMatchObject({ components: 200, threshold: 150, bySize: true, expanded: [] });
        expect(result.collapse!.zones).toEqual([...result.svg.matchAll(/data-id="([^"]+)"[^>]*data-collapsed="true"/g)].map(match => match[1]));
    });

    it('draws a collapsed zone open when the request expands it', async () => {
        const server = await serve({ 'big.arch': generateModel(200) });
        const uri = testUri('big.arch').toString();
        const collapsed = await server.diagram({ uri });
        const zone = collapsed.collapse!.zones[0];
        const opened = await server.diagram({ uri, expandedZones: [zone, 42, 'no-such-zone'] });
        expect(opened.collapse).toMatchObject({ expanded: [zone] });
        expect(opened.collapse!.zones).not.toContain(zone);
    });

    it('locates only what the SVG draws, not the components hidden in collapsed zones', async () => {
        const server = await serve({ 'big.arch': generateModel(200) });
        const result = await server.diagram({ uri: testUri('big.arch').toString() });
        const drawn = new Set([...result.svg.matchAll(/data-id="([^"]+)"/g)].map(match => match[1].replace(/&gt;/g, '>').replace(/&amp;/g, '&')));
        expect(Object.keys(result.elements).filter(id => !drawn.has(id))).toEqual([]);
        expect(Object.keys(result.elements)).toEqual(expect.arrayContaining(result.collapse!.zones));
    });

    it('draws a broker with many topics as one box that opens like a zone (eShopOnContainers)', async () => {
        const text = readFileSync(join(ROOT, 'test', 'fixtures', 'real', 'eshop-on-containers.arch'), 'utf8');
        const server = await serve({ 'eshop.arch': text });
        const uri = testUri('eshop.arch').toString();
        const closed = await server.diagram({ uri, view: 'overview' });
        expect(closed.collapse).toMatchObject({ bySize: false, zones: ['eventBus'], brokers: ['eventBus'], expanded: [] });
        expect(closed.svg).toMatch(/data-id="eventBus" data-kind="broker" data-collapsed="true"/);
        expect(Object.keys(closed.elements).filter(id => id.startsWith('eventBus.') && !id.includes('~>'))).toEqual([]);
        const opened = await server.diagram({ uri, view: 'overview', expandedZones: ['eventBus'] });
        expect(opened.collapse).toMatchObject({ zones: [], brokers: [], expanded: ['eventBus'] });
        expect(Object.keys(opened.elements).filter(id => id.startsWith('eventBus.') && !id.includes('~>'))).toHaveLength(14);
        // Every drawn id can be revealed, merged edges included.
        const drawn = [...opened.svg.matchAll(/data-id="([^"]+)"/g)].map(match => match[1].replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
        expect(drawn.filter(id => opened.elements[id] === undefined)).toEqual([]);
        // The gateways' and aggregators' calls into Catalog, one edge from their zone, reveal the first of them.
        expect(opened.elements['bff=>catalog'].range.start.line).toBeGreaterThan(0);
        // Six services trust IdentityServer: its box says so instead of six trusts edges.
        expect(opened.elements['trusts:basket->identity']).toBeUndefined();
        expect(opened.svg).toContain('trusted by 6');
    });

    it('draws a model of 64 top-level zones as groups that open on request, and keeps an opened group open', async () => {
        const lines = ['architecture "Many zones"'];
        for (let z = 0; z < 64; z++) {
            lines.push(`zone z${z} "Zone ${z}" {`, ...[0, 1, 2].map(i => `  service z${z}s${i} "Zone ${z} service ${i}"`), '}');
            if (z > 0) lines.push(`z${z - 1}s2 -> z${z}s0 : https { timeout: 1s }`);
        }
        const server = await serve({ 'many.arch': lines.join('\n') });
        const uri = testUri('many.arch').toString();
        const closed = await server.diagram({ uri });
        expect(closed.collapse!.bySize).toBe(true);
        const groups = closed.collapse!.zones;
        expect(groups.length).toBeGreaterThanOrEqual(8);
        expect(groups.every(id => id.startsWith('group:'))).toBe(true);
        expect(closed.svg).toMatch(/data-id="group:z0" data-kind="zone" data-collapsed="true"/);
        const opened = await server.diagram({ uri, expandedZones: ['group:z0'] });
        // Listed as expanded, so the preview keeps it open across redraws; its zones open next.
        expect(opened.collapse!.expanded).toEqual(['group:z0']);
        expect(opened.collapse!.zones).toContain('z0');
        expect(opened.svg).toMatch(/data-id="z0" data-kind="zone" data-collapsed="true"/);
        const zone = await server.diagram({ uri, expandedZones: ['group:z0', 'z0'] });
        expect(zone.elements.z0s1).toBeDefined();
    });

    it('leaves the collapse summary out when every zone is drawn open', async () => {
        const server = await serve(shopFiles());
        const result = await server.diagram({ uri: testUri('shop.arch').toString() });
        expect(result.collapse).toBeUndefined();
    });
});

describe('the archway/exportDiagram request', () => {
    it('returns the same SVG as renderDiagram with the same view, theme and findings', async () => {
        const server = await serve(shopFiles());
        const uri = testUri('shop.arch').toString();
        const exported = await server.exportDiagram({ uri, view: 'ordering', theme: 'light' });
        const model = server.workspace.model('shop.arch');
        const direct = await renderDiagram(model, { view: 'ordering', theme: 'light', findings: checkModel(model).findings });
        expect(exported).toEqual({ svg: direct.svg });
    });

    it('writes exactly what `archway export` writes for the same view and theme', async () => {
        const out = join(ROOT, 'test-results', 'extension-export-cli.svg');
        mkdirSync(dirname(out), { recursive: true });
        const stderr: string[] = [];
        const status = await runExport([join(ROOT, 'examples/online-shop/shop.arch'), '--view', 'ordering', '--theme', 'dark', '-o', out],
            { stdout: () => undefined, stderr: text => stderr.push(text) });
        expect(status, stderr.join('')).toBe(0);
        const server = await serve(shopFiles());
        const exported = await server.exportDiagram({ uri: testUri('shop.arch').toString(), view: 'ordering', theme: 'dark' });
        expect(exported.svg).toBe(readFileSync(out, 'utf8'));
    }, 120_000);
});
