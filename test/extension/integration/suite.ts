/**
 * Integration scenarios that run inside a desktop VS Code extension host (`@vscode/test-electron`),
 * sharing the e2e suite's scenarios: open an example, wait for diagnostics, open the preview,
 * export SVG and PNG, restart the server. No mocha: a tiny sequential runner, so the suite
 * needs nothing beyond VS Code. Bundled by `run.mjs`; entry point: `run()`.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

type Scenario = [name: string, body: () => Promise<void>];

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 200));
    }
}

function assert(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

const workspace = () => vscode.workspace.workspaceFolders?.[0]?.uri;

let shop: vscode.Uri;

const scenarios: Scenario[] = [
    ['the extension activates when an .arch file opens', async () => {
        const root = workspace();
        assert(root, 'the test workspace (examples/) is open');
        shop = vscode.Uri.joinPath(root, 'online-shop', 'shop.arch');
        const document = await vscode.workspace.openTextDocument(shop);
        await vscode.window.showTextDocument(document);
        assert(document.languageId === 'arch', `language id is arch, got ${document.languageId}`);
        const extension = await waitFor('the Archway extension', () => vscode.extensions.getExtension('archway.archway'));
        await waitFor('activation', () => extension.isActive);
    }],
    ['the language server publishes rule findings with rule ids', async () => {
        const diagnostics = await waitFor('diagnostics on shop.arch', () => {
            const list = vscode.languages.getDiagnostics(shop);
            return list.length > 0 ? list : undefined;
        });
        assert(diagnostics.every(d => typeof d.code === 'string' || typeof (d.code as { value?: unknown })?.value === 'string'),
            'every diagnostic carries its rule id');
    }],
    ['Open Preview to the Side opens one preview and reuses it', async () => {
        await vscode.commands.executeCommand('archway.openPreviewToSide');
        const tabs = () => vscode.window.tabGroups.all.flatMap(group => group.tabs)
            .filter(tab => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('archway.preview'));
        await waitFor('the preview tab', () => tabs().length === 1);
        assert(tabs()[0].label === 'Preview shop.arch', `preview title, got ${tabs()[0].label}`);
        await vscode.commands.executeCommand('archway.openPreviewToSide', shop);
        await new Promise(resolve => setTimeout(resolve, 500));
        assert(tabs().length === 1, 'a second Open Preview reuses the panel');
    }],
    ['Export Diagram as SVG writes a standalone SVG', async () => {
        const output = join(mkdtempSync(join(tmpdir(), 'archway-it-')), 'shop.svg');
        await vscode.commands.executeCommand('archway.exportSvg', { uri: shop.toString(), output });
        assert(existsSync(output), 'the SVG file exists');
        const svg = readFileSync(output, 'utf8');
        assert(svg.startsWith('<svg') && svg.includes('Order service'), 'the file is the diagram SVG');
    }],
    ['Export Diagram as PNG writes a PNG', async () => {
        const output = join(mkdtempSync(join(tmpdir(), 'archway-it-')), 'shop.png');
        await vscode.commands.executeCommand('archway.exportPng', { uri: shop.toString(), view: 'ordering', output });
        const bytes = readFileSync(output);
        assert(bytes.subarray(1, 4).toString() === 'PNG', 'the file is a PNG');
    }],
    ['Restart Language Server brings diagnostics back', async () => {
        await vscode.commands.executeCommand('archway.restartServer');
        const document = await vscode.workspace.openTextDocument(shop);
        const editor = await vscode.window.showTextDocument(document);
        await editor.edit(edit => edit.insert(new vscode.Position(document.lineCount, 0), '\n'));
        await waitFor('diagnostics after the restart', () => vscode.languages.getDiagnostics(shop).length > 0);
    }],
];

/** Entry point called by the VS Code test host. */
export async function run(): Promise<void> {
    const failures: string[] = [];
    for (const [name, body] of scenarios) {
        try {
            await body();
            console.log(`  ✓ ${name}`);
        } catch (error) {
            console.log(`  ✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
            failures.push(name);
            break; // later scenarios depend on earlier ones
        }
    }
    if (failures.length > 0) throw new Error(`${failures.length} integration scenario(s) failed: ${failures.join('; ')}`);
}
