/**
 * End-to-end in VS Code's web worker extension host: the packaged extension in code-server's
 * browser (VS Code 1.100.3), forced into the web host with `remote.extensionKind` (the user
 * setting VS Code offers for choosing where an extension runs), so it runs from its `browser`
 * entry with the language server in a Web Worker. The workspace's files are remote to the
 * browser (`vscode-remote:`): the server reads the imported file and `archway.json` through
 * `workspace.fs`, forwarded over LSP, not from a disk. Run with `npm run test:e2e`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    collectLogs, ensureCodeServer, launchBrowser, makeWorkspace, MOD, packageExtension, removeDir, RESULTS_DIR, startCodeServer,
    tempDir, waitFor, Workbench, type CodeServer, type Workspace,
} from './harness';
import { generateModel } from '../diagram/diagram-helpers';

const SHOP = [
    'architecture "Shop"',
    '',
    'import "./payments.arch"',
    '',
    'service orders "Order service" {',
    '  replicas: 2',
    '  -> payments : https "charge"',
    '}',
    '',
].join('\n');

const FILES = {
    'shop/shop.arch': SHOP,
    'shop/payments.arch': 'service payments "Payment service" { replicas: 2 }\ndatabase ledger "Ledger" { replicas: 2 }\n',
    // Raises the rule to an error: the status bar counts it only when archway.json was read.
    'archway.json': '{ "rules": { "sync-call-without-timeout": "error" } }\n',
};

let tmp: string;
let ws: Workspace;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let wb: Workbench;
const requested: string[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const root = ensureCodeServer();
    const vsix = packageExtension();
    tmp = tempDir('archway-web-e2e-');
    ws = makeWorkspace(tmp, [], FILES);
    server = await startCodeServer({ root, tmp, vsix, workspace: ws.root, settings: {
        'remote.extensionKind': { 'archway.archway': ['web'] },
        // Completion must come from the language server, not from words in open files.
        'editor.wordBasedSuggestions': 'off',
    } });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    context.on('request', request => requested.push(request.url()));
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    wb = new Workbench(page);
    await wb.step('web-workbench', async () => {
        await wb.open(server!.url);
        await wb.trustWorkspace();
    });
}, 25 * 60_000);

afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server) {
        await server.stop();
        collectLogs(server.userDataDir);
    }
    if (wb?.consoleErrors.length) writeFileSync(join(RESULTS_DIR, 'web-browser-console-errors.txt'), wb.consoleErrors.join('\n'));
    writeFileSync(join(RESULTS_DIR, 'web-timings.json'), JSON.stringify({ ...timings, steps: wb?.stepTimes }, null, 2));
    if (tmp) removeDir(tmp);
}, 60_000);

/** Command lines of processes running a script from the installed extension. */
function extensionProcesses(): string[] {
    const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    return out.split('\n').filter(line => line.includes(server!.extensionsDir) && line.includes('main.cjs'));
}

describe.sequential('Archway in the web worker extension host (code-server)', () => {
    it('checks a two-file model read through the editor\'s file system, in the web host', async () => {
        await wb.step('web-problems', async () => {
            const t0 = Date.now();
            await wb.openFile('shop/shop.arch');
            await wb.openProblems();
            await wb.filterProblems('sync-call-without-timeout');
            await waitFor('the Problems panel to list sync-call-without-timeout (needs the imported service)', async () =>
                (await wb.problemRows()).some(row => row.includes('sync-call-without-timeout')), 90_000);
            timings['open shop.arch to first diagnostics'] = Date.now() - t0;
            // The rule is an info by default: one error means archway.json was read (the unopened
            // payments.arch's orphan-component warning is not counted here).
            await waitFor('the status bar to count 1 error (archway.json raises the rule to an error)', async () => {
                const text = await wb.page.locator('[id="status.problems"]').innerText().catch(() => '');
                const numbers = text.match(/\d+/g)?.map(Number) ?? [];
                if (numbers[0] === 1) return text;
                throw new Error(`the status bar shows "${text.replace(/\s+/g, ' ')}"`);
            }, 30_000);
            await wb.filterProblems('');
            expect((await wb.problemRows()).filter(row => /unresolved/.test(row)), 'the import resolved').toEqual([]);
        });
        // The web bundles were loaded, and no Node language server runs for the extension.
        // (The extension's files come through code-server's resource URLs, their path URL-encoded;
        // the worker's script is read through workspace.fs, over the remote connection, not HTTP.)
        const decoded = requested.map(url => { try { return decodeURIComponent(url); } catch { return url; } });
        expect(decoded.some(url => url.includes('/out/web/extension.js')), 'the browser loaded the web extension entry').toBe(true);
        expect(extensionProcesses(), 'no Node process runs the extension or its server').toEqual([]);
    });

    it('completes a connection target with a component declared only in the imported (unopened) file', async () => {
        await wb.step('web-completion', async () => {
            await wb.openFile('shop/shop.arch');
            await wb.goTo(7, 31);
            await wb.page.keyboard.press('Enter');
            await wb.page.keyboard.type('-> led');
            await wb.page.keyboard.press(`${MOD}+Space`);
            try {
                await waitFor('completion after "-> led" to offer "ledger"', async () => {
                    const items: string[] = await wb.suggestions().catch(() => []);
                    return items.includes('ledger') ? items : undefined;
                }, 30_000);
            } finally {
                await wb.page.keyboard.press('Escape');
                await wb.runCommand('File: Revert File');
            }
        });
    });

    it('draws the preview with the imported component', async () => {
        await wb.step('web-preview', async () => {
            const t0 = Date.now();
            await wb.openFile('shop/shop.arch');
            await wb.runCommand('Archway: Open Preview to the Side');
            const frame = wb.webviewContent();
            await waitFor('the preview to draw Order service and Payment service (imported)', async () => {
                const svg = await wb.webviewSvgText(frame);
                return svg.includes('Order service') && svg.includes('Payment service') ? svg : undefined;
            }, 90_000);
            timings['open preview to first diagram'] = Date.now() - t0;
            // PNG export is not offered in the browser: neither the command nor the toolbar button.
            expect(await frame.locator('button[data-command="exportSvg"]').count(), 'the toolbar offers SVG export').toBe(1);
            expect(await frame.locator('button[data-command="exportPng"]').count(), 'the toolbar has no PNG button on the web').toBe(0);
        });
    });

    // The preview above laid a diagram out in the server's worker: before elkjs was kept from
    // taking over the worker's onmessage, the server heard nothing after it (issue 18). Hover
    // and a quick fix after it show the server still answers.
    it('shows a hover from the language server', async () => {
        await wb.step('web-hover', async () => {
            await wb.openFile('shop/shop.arch');
            await wb.goTo(5, 11); // on `orders` in `service orders "Order service" {`
            await wb.runCommand('Show or Focus Hover');
            const hover = wb.page.locator('.monaco-hover:not(.hidden)');
            await waitFor('the hover on "orders" to show its kind and label', async () => {
                const text = await hover.allInnerTexts().then(texts => texts.join('\n')).catch(() => '');
                return /service/.test(text) && text.includes('Order service') ? text : undefined;
            }, 30_000);
            await wb.page.keyboard.press('Escape');
        });
    });

    it('applies a quick fix: sync-call-without-timeout goes away once the timeout is inserted', async () => {
        await wb.step('web-quick-fix', async () => {
            await wb.openFile('shop/shop.arch');
            await wb.goTo(7, 6); // on `-> payments : https "charge"`
            const title = 'Insert timeout: 2s';
            const menu = wb.page.locator('.action-widget .monaco-list-row');
            try {
                // Chosen by keyboard, as the widget expects (its rows never count as "stable" for a
                // click). Ctrl+. again while no menu is open: the fixes come with the diagnostics.
                await waitFor(`the quick-fix menu to offer "${title}" and focus it`, async () => {
                    const rows = await menu.evaluateAll(nodes => nodes.map(node => ({
                        label: node.getAttribute('aria-label'), focused: node.classList.contains('focused') })));
                    if (rows.length === 0) {
                        await wb.page.keyboard.press(`${MOD}+.`);
                        throw new Error('no quick-fix menu is open');
                    }
                    if (rows.some(row => row.focused && row.label === title)) return true;
                    if (!rows.some(row => row.label === title)) throw new Error(`the menu offers ${rows.map(row => `"${row.label}"`).join(', ')}`);
                    await wb.page.keyboard.press('ArrowDown');
                    return false;
                }, 30_000, 1_000);
                await wb.page.keyboard.press('Enter');
                await waitFor('the editor to show the inserted timeout', async () =>
                    (await wb.visibleText(wb.firstGroupEditor)).includes('timeout: 2s'), 15_000);
                await wb.openProblems();
                await wb.filterProblems('sync-call-without-timeout');
                await waitFor('sync-call-without-timeout to leave the Problems panel', async () =>
                    !(await wb.problemRows()).some(row => row.includes('sync-call-without-timeout')), 30_000);
                await wb.filterProblems('');
            } finally {
                await wb.page.keyboard.press('Escape');
                await wb.focusFirstEditorGroup();
                await wb.runCommand('File: Revert File');
            }
        });
    });

    it('checks and draws a 200-component model (timed: open to first diagnostics, preview to first diagram)', async () => {
        await wb.step('web-200-components', async () => {
            // Closed first: a preview following the active editor would lay the big model out at once.
            await wb.runCommand('View: Close All Editors');
            mkdirSync(ws.file('big'), { recursive: true });
            // One component connected to nothing: a finding (orphan-component) to wait for.
            writeFileSync(ws.file('big/big.arch'), `${generateModel(200)}\nservice lonely "Lonely service" { replicas: 2 }\n`);
            const t0 = Date.now();
            await wb.openFile('big/big.arch');
            await wb.openProblems();
            await wb.filterProblems('lonely');
            await waitFor('the Problems panel to list the finding on "lonely" in big.arch', async () =>
                (await wb.problemRows()).some(row => row.includes('orphan-component')), 120_000);
            timings['200 components: open to first diagnostics (ms)'] = Date.now() - t0;
            await wb.filterProblems('');
            const t1 = Date.now();
            await wb.runCommand('Archway: Open Preview to the Side');
            await waitFor('the preview to draw the 200-component model', async () => {
                const svg = await wb.webviewSvgText(wb.webviewContent());
                // Over 150 components the view opens with its zones collapsed: their boxes are drawn.
                return svg.includes('Zone 0') || svg.includes('Component 1') ? svg : undefined;
            }, 120_000);
            timings['200 components: open preview to first diagram (ms)'] = Date.now() - t1;
            console.log(`[e2e web] ${JSON.stringify(timings)}`);
        });
    });
});
