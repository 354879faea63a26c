/**
 * The integration scenarios in a desktop VS Code extension host (`@vscode/test-electron`, started
 * by `run.mjs`), in step with the code-server e2e suite (`test/e2e/vscode-web.e2e.ts`): the same
 * workspace and data (`test/e2e/scenarios.ts`), asserted through the `vscode` API instead of the
 * DOM. What only the DOM shows (TextMate colours, clicking a node in the webview, the webview's
 * dark theme, notifications and CSP reports) stays with the e2e suite; the desktop adds what the
 * browser cannot do (PNG export, a server restart). No mocha: a small sequential runner.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
    COMPLETIONS, DISABLED_RULE, EDIT, EXPORT, lineOf, MAIN_FILE, MARKDOWN_FILE, MARKDOWN_LABELS, OTHER_FILES, type CliFinding,
} from '../../e2e/scenarios';

type Scenario = [name: string, body: () => Promise<void>];

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `; last: ${(last as Error).message ?? String(last)}` : ''}`);
        await new Promise(resolve => setTimeout(resolve, 200));
    }
}

function assert(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

const root = () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert(folder, 'the test workspace is open');
    return folder;
};
const uriOf = (relative: string) => vscode.Uri.joinPath(root(), ...relative.split('/'));
const baseName = (path: string) => path.split(/[\\/]/).pop()!;
const codeOf = (d: vscode.Diagnostic) => typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');

/** What `archway check --format json` reported for the workspace (written by run.mjs). */
const expected: CliFinding[] = JSON.parse(readFileSync(process.env.ARCHWAY_IT_EXPECTED ?? '', 'utf8')) as CliFinding[];

async function revert(uri: vscode.Uri): Promise<void> {
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.action.files.revert');
}

const scenarios: Scenario[] = [
    ['activates on an .arch file', async () => {
        const document = await vscode.workspace.openTextDocument(uriOf(MAIN_FILE));
        await vscode.window.showTextDocument(document);
        assert(document.languageId === 'arch', `language id is arch, got ${document.languageId}`);
        const extension = await waitFor('the Archway extension', () => vscode.extensions.getExtension('archway.archway'));
        await waitFor('activation', () => extension.isActive);
    }],
    ['lists the same rule findings as the CLI, with rule ids linked to their docs', async () => {
        for (const file of OTHER_FILES) await vscode.workspace.openTextDocument(uriOf(file));
        assert(expected.length > 0, 'the CLI reports findings for the workspace');
        const key = (file: string, line: number, code: string, severity: string) => `${baseName(file)}:${line} ${severity} ${code}`;
        const severities = ['error', 'warning', 'info', 'hint'];
        const want = expected.map(d => key(d.file, d.line, d.code, d.severity)).sort();
        const files = [MAIN_FILE, ...OTHER_FILES];
        const shown = () => files.flatMap(file => vscode.languages.getDiagnostics(uriOf(file))
            .map(d => key(file, d.range.start.line + 1, codeOf(d), severities[d.severity]))).sort();
        await waitFor(`the editor's findings to equal the CLI's: ${want.join(', ')}`, () => {
            const got = shown();
            if (JSON.stringify(got) === JSON.stringify(want)) return true;
            throw new Error(`the editor shows ${got.join(', ')}`);
        });
        assert(!shown().some(entry => entry.endsWith(` ${DISABLED_RULE}`)), `${DISABLED_RULE} is off in archway.json`);
        for (const file of files) {
            for (const d of vscode.languages.getDiagnostics(uriOf(file))) {
                const target = typeof d.code === 'object' ? d.code.target.toString() : '';
                assert(target.includes(codeOf(d)), `the rule id ${codeOf(d)} links to its documentation (got "${target}")`);
            }
        }
        const unresolved = vscode.languages.getDiagnostics(uriOf(MAIN_FILE)).filter(d => /unresolved/.test(codeOf(d)));
        assert(unresolved.length === 0, 'the import of ./payments.arch resolves');
    }],
    ['offers component kinds, and components of the imported file, in completion', async () => {
        const uri = uriOf(MAIN_FILE);
        const document = await vscode.workspace.openTextDocument(uri);
        /** Appends `text` on a new line at the end and returns the completion labels there. */
        const completeAfter = async (text: string): Promise<string[]> => {
            const editor = await vscode.window.showTextDocument(document);
            await editor.edit(edit => edit.insert(document.lineAt(document.lineCount - 1).range.end, `\n\n${text}`));
            const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri,
                document.lineAt(document.lineCount - 1).range.end);
            return list.items.map(item => typeof item.label === 'string' ? item.label : item.label.label);
        };
        try {
            for (const c of COMPLETIONS) {
                const labels = await completeAfter(c.prefix);
                assert(labels.includes(c.expect), `completion after "${c.prefix}" offers "${c.expect}" (got ${labels.slice(0, 20).join(', ')})`);
                await revert(uri);
            }
            // As in the web-host e2e scenario: a connection target declared only in the unopened import.
            const labels = await completeAfter('orders -> pay');
            assert(labels.includes('payments'), `completion after "orders -> pay" offers "payments" from payments.arch (got ${labels.slice(0, 20).join(', ')})`);
        } finally {
            await revert(uri);
        }
    }],
    ['Open Preview to the Side opens one preview and reuses it', async () => {
        await vscode.window.showTextDocument(uriOf(MAIN_FILE));
        await vscode.commands.executeCommand('archway.openPreviewToSide');
        const tabs = () => vscode.window.tabGroups.all.flatMap(group => group.tabs)
            .filter(tab => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('archway.preview'));
        await waitFor('the preview tab', () => tabs().length === 1);
        assert(tabs()[0].label === `Preview ${baseName(MAIN_FILE)}`, `preview title, got ${tabs()[0].label}`);
        assert(vscode.window.tabGroups.all.length >= 2, 'the preview opens in a second editor group');
        await vscode.commands.executeCommand('archway.openPreviewToSide', uriOf(MAIN_FILE));
        await new Promise(resolve => setTimeout(resolve, 500));
        assert(tabs().length === 1, 'a second Open Preview reuses the panel');
    }],
    ['an edit removes the matching finding and changes the diagram', async () => {
        const uri = uriOf(MAIN_FILE);
        const document = await vscode.workspace.openTextDocument(uri);
        const line = lineOf(document.getText(), EDIT.line);
        const hasFinding = () => vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === EDIT.removes && d.range.start.line === line - 1);
        await waitFor(`${EDIT.removes} on line ${line} before the edit`, hasFinding);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, document.lineAt(line - 1).range, EDIT.replacement);
        assert(await vscode.workspace.applyEdit(edit), 'the edit applies');
        await waitFor(`${EDIT.removes} on line ${line} to disappear`, () => !hasFinding());
        // The diagram of the edited (unsaved) text: exported through the same server.
        const output = join(mkdtempSync(join(tmpdir(), 'archway-it-')), 'edited.svg');
        await vscode.commands.executeCommand('archway.exportSvg', { uri: uri.toString(), output });
        const svg = readFileSync(output, 'utf8');
        assert(svg.includes(EDIT.newLabel), `the diagram shows "${EDIT.newLabel}" after the edit`);
        await document.save();
    }],
    ['Export Diagram as SVG writes a standalone SVG', async () => {
        const output = uriOf(EXPORT.file).fsPath;
        await vscode.commands.executeCommand('archway.exportSvg', { uri: uriOf(MAIN_FILE).toString(), output });
        assert(existsSync(output), 'the SVG file exists');
        const svg = readFileSync(output, 'utf8');
        assert(/^(<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(svg) && svg.trimEnd().endsWith('</svg>'), 'the file is one SVG element');
        assert(svg.includes('xmlns="http://www.w3.org/2000/svg"'), 'in the SVG namespace');
        for (const label of EXPORT.labels) assert(svg.includes(label), `the export contains "${label}"`);
        assert(!/var\(--/.test(svg), 'the export stands alone: no CSS variables');
    }],
    ['Export Diagram as PNG writes a PNG (desktop only)', async () => {
        const output = join(mkdtempSync(join(tmpdir(), 'archway-it-')), 'shop.png');
        await vscode.commands.executeCommand('archway.exportPng', { uri: uriOf(MAIN_FILE).toString(), output });
        const bytes = readFileSync(output);
        assert(bytes.subarray(1, 4).toString() === 'PNG', 'the file is a PNG');
    }],
    ['draws an arch block in the Markdown preview\'s renderer, with its import', async () => {
        const document = await vscode.workspace.openTextDocument(uriOf(MARKDOWN_FILE));
        // VS Code's Markdown extension renders with the plugins (ours included) it gives the preview.
        await waitFor(`the Markdown renderer to draw the arch block with ${MARKDOWN_LABELS.join(', ')}`, async () => {
            const html = await vscode.commands.executeCommand<string>('markdown.api.render', document);
            if (!html.includes('archway-md-diagram')) throw new Error(`no drawn block yet: ${html.slice(0, 200)}`);
            const missing = MARKDOWN_LABELS.filter(label => !html.includes(label));
            if (missing.length) throw new Error(`labels missing: ${missing.join(', ')}`);
            return true;
        });
    }],
    ['Restart Language Server brings diagnostics back', async () => {
        const uri = uriOf(MAIN_FILE);
        await vscode.commands.executeCommand('archway.restartServer');
        const document = await vscode.workspace.openTextDocument(uri);
        const editor = await vscode.window.showTextDocument(document);
        await editor.edit(edit => edit.insert(new vscode.Position(document.lineCount, 0), '\n'));
        await waitFor('diagnostics after the restart', () => vscode.languages.getDiagnostics(uri).length > 0);
        await revert(uri);
    }],
];

/** Entry point called by the VS Code test host. */
export async function run(): Promise<void> {
    let passed = 0;
    const failures: string[] = [];
    for (const [name, body] of scenarios) {
        try {
            await body();
            passed++;
            console.log(`  ✓ ${name}`);
        } catch (error) {
            console.log(`  ✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
            failures.push(name);
            break; // later scenarios depend on earlier ones
        }
    }
    console.log(`integration: ${passed} passed, ${failures.length} failed`);
    if (failures.length > 0) throw new Error(`${failures.length} integration scenario(s) failed: ${failures.join('; ')}`);
}
