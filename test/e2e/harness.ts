/**
 * Harness for end-to-end tests in a real VS Code: code-server (VS Code 1.100 in the
 * browser, installed by setup-vscode-web.sh) driven by Debian's headless Chromium through
 * playwright-core.
 *
 * Everything here waits on conditions, never on fixed sleeps, and every process it starts
 * is tracked and stopped by `stopAll()` (also from a process 'exit' hook, so a crashed run
 * leaves nothing behind).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = resolve(REPO_ROOT, process.env.ARCHWAY_E2E_RESULTS ?? 'test-results/e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Ctrl on Linux/Windows, the workbench's primary modifier in the browser. */
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

// ---------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------

const started = new Set<ChildProcess>();

/** Kill a detached child and its whole process group (extension host, language server…). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
        process.kill(-child.pid, signal);
    } catch {
        try { child.kill(signal); } catch { /* already gone */ }
    }
}

export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        started.delete(child);
        return;
    }
    const exited = new Promise<void>((res) => child.once('exit', () => res()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    started.delete(child);
}

process.on('exit', () => {
    for (const child of started) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
        for (const child of started) killGroup(child, 'SIGKILL');
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
}

export async function freePort(): Promise<number> {
    return new Promise((res, rej) => {
        const srv = createServer();
        srv.unref();
        srv.on('error', rej);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            srv.close(() => res(port));
        });
    });
}

// ---------------------------------------------------------------------------------------
// Setup: code-server and the extension
// ---------------------------------------------------------------------------------------

/** Runs setup-vscode-web.sh (a no-op when the cache is warm) and returns the code-server root. */
export function ensureCodeServer(): string {
    const out = execFileSync('bash', [join(REPO_ROOT, 'test/e2e/setup-vscode-web.sh')], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 20 * 60_000,
    });
    const m = /CODE_SERVER_ROOT=(.+)/.exec(out);
    if (!m) throw new Error(`setup-vscode-web.sh did not print CODE_SERVER_ROOT:\n${out}`);
    return m[1].trim();
}

/** Packages the extension with `npm run package` and returns the newest .vsix it wrote. */
export function packageExtension(): string {
    if (process.env.ARCHWAY_E2E_VSIX) return resolve(process.env.ARCHWAY_E2E_VSIX);
    const before = Date.now();
    execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 10 * 60_000 });
    const candidates: string[] = [];
    for (const dir of [REPO_ROOT, join(REPO_ROOT, 'dist'), join(REPO_ROOT, 'out')]) {
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir)) if (f.endsWith('.vsix')) candidates.push(join(dir, f));
    }
    const fresh = candidates
        .map((f) => ({ f, t: statSync(f).mtimeMs }))
        .filter((c) => c.t >= before - 1_000)
        .sort((a, b) => b.t - a.t);
    if (!fresh.length) {
        throw new Error(`npm run package wrote no .vsix (looked in the repo root, dist/ and out/; found: ${candidates.join(', ') || 'none'})`);
    }
    return fresh[0].f;
}

export interface Workspace {
    root: string;
    /** Absolute path of a file in the workspace. */
    file(rel: string): string;
}

/** Copies example folders (and extra files) into a fresh temporary workspace. */
export function makeWorkspace(tmp: string, examples: string[], extraFiles: Record<string, string>): Workspace {
    const root = join(tmp, 'workspace');
    mkdirSync(root, { recursive: true });
    for (const ex of examples) {
        const src = join(REPO_ROOT, 'examples', ex);
        if (!existsSync(src)) throw new Error(`example folder examples/${ex} is missing`);
        cpSync(src, join(root, ex), { recursive: true });
    }
    for (const [rel, text] of Object.entries(extraFiles)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
    }
    return { root, file: (rel) => join(root, rel) };
}

export interface CodeServer {
    url: string;
    port: number;
    root: string;
    userDataDir: string;
    extensionsDir: string;
    process: ChildProcess;
    log: string;
    stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and deterministic (no tours, no network). */
export const QUIET_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'github.gitAuthentication': false,
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'window.commandCenter': false,
    'files.simpleDialog.enable': true,
    // VS Code in the browser saves after a delay by default: an edit a step reverts (typing for a
    // completion) was sometimes saved first, and the next steps saw it.
    'files.autoSave': 'off',
    // Typing in tests must produce exactly the characters typed.
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'editor.formatOnType': false,
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.acceptSuggestionOnEnter': 'off',
    'editor.minimap.enabled': false,
};

export async function startCodeServer(opts: {
    root: string;
    tmp: string;
    vsix: string;
    workspace: string;
    settings?: Record<string, unknown>;
}): Promise<CodeServer> {
    const userDataDir = join(opts.tmp, 'user-data');
    const extensionsDir = join(opts.tmp, 'extensions');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
    const env: NodeJS.ProcessEnv = { ...process.env, CODE_SERVER_CONFIG: join(opts.tmp, 'code-server.yaml'), XDG_CONFIG_HOME: join(opts.tmp, 'xdg-config'), XDG_DATA_HOME: join(opts.tmp, 'xdg-data') };
    delete env.VSCODE_IPC_HOOK_CLI;
    // VS Code resolves the user's login-shell environment for the extension host (bash -ilc,
    // 10 s timeout); the tests need none of it, and a slow ~/.bashrc costs the whole timeout.
    env.SHELL = '/bin/sh';
    const entry = join(opts.root, 'out/node/entry.js');
    const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    let installOut: string;
    try {
        installOut = execFileSync(process.execPath, [entry, ...common, '--install-extension', opts.vsix, '--force'], {
            env, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
        });
    } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(`code-server --install-extension ${opts.vsix} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
    }
    if (!/successfully installed/i.test(installOut)) {
        throw new Error(`code-server --install-extension did not report success:\n${installOut}`);
    }

    const port = await freePort();
    const logPath = join(RESULTS_DIR, 'code-server.log');
    const log = createWriteStream(logPath);
    const child = spawn(process.execPath, [
        entry, ...common,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        opts.workspace,
    ], { cwd: opts.root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(child);
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });

    await new Promise<void>((res, rej) => {
        let seen = '';
        const timer = setTimeout(() => rej(new Error(`code-server did not listen within 60 s; output:\n${seen}`)), 60_000);
        const onData = (d: Buffer) => {
            seen += d.toString();
            if (seen.includes('HTTP server listening')) { clearTimeout(timer); res(); }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => { clearTimeout(timer); rej(new Error(`code-server exited with ${code} before listening:\n${seen}`)); });
    });

    return {
        url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(opts.workspace)}`,
        port, root: opts.root, userDataDir, extensionsDir, process: child, log: logPath,
        stop: async () => { await stopProcess(child); log.end(); },
    };
}

/** Copies VS Code's own logs (extension host, renderer, server) next to the screenshots. */
export function collectLogs(userDataDir: string): void {
    const logs = join(userDataDir, 'logs');
    if (!existsSync(logs)) return;
    try {
        cpSync(logs, join(RESULTS_DIR, 'vscode-logs'), { recursive: true });
    } catch { /* best effort */ }
}

// ---------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------

export async function launchBrowser(): Promise<Browser> {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
            '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
        ],
    });
}

export function tempDir(prefix = 'archway-e2e-'): string {
    return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
    if (process.env.ARCHWAY_E2E_KEEP) return;
    rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------------------

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value seen. */
export async function waitFor<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 250): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    let lastError: unknown;
    for (;;) {
        try {
            last = await probe();
            if (last) return last as NonNullable<T>;
        } catch (e) {
            lastError = e;
        }
        if (Date.now() > deadline) {
            const detail = lastError ? `; last error: ${(lastError as Error).message}` : `; last value: ${JSON.stringify(last)?.slice(0, 2_000)}`;
            throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}${detail}`);
        }
        await new Promise((r) => setTimeout(r, intervalMs));
    }
}

// ---------------------------------------------------------------------------------------
// The workbench, seen from the page
// ---------------------------------------------------------------------------------------

export class Workbench {
    private shot = 0;
    readonly consoleErrors: string[] = [];

    constructor(readonly page: Page) {
        page.on('console', (m) => { if (m.type() === 'error') this.consoleErrors.push(m.text()); });
        page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
    }

    async screenshot(name: string): Promise<string> {
        mkdirSync(RESULTS_DIR, { recursive: true });
        const file = join(RESULTS_DIR, `${String(++this.shot).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
        await this.page.screenshot({ path: file }).catch(() => undefined);
        return relative(REPO_ROOT, file);
    }

    /** Runs `body`; on failure saves a screenshot and rethrows with the step's name and the screenshot's path. */
    readonly stepTimes: Record<string, number> = {};

    async step<T>(name: string, body: () => Promise<T>): Promise<T> {
        const t0 = Date.now();
        try {
            const result = await body();
            this.stepTimes[name] = Date.now() - t0;
            await this.screenshot(name);
            return result;
        } catch (e) {
            const file = await this.screenshot(`FAILED-${name}`);
            const err = e as Error;
            err.message = `[e2e step "${name}"] ${err.message}\n  screenshot: ${file}`;
            throw err;
        }
    }

    async open(url: string): Promise<void> {
        await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 90_000 });
        await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
        await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
    }

    /**
     * Answers the workspace trust prompt with "Yes, I trust the authors". A fresh user-data
     * folder never trusts the temporary workspace, so the prompt always comes.
     */
    async trustWorkspace(): Promise<void> {
        const trust = this.page.getByRole('button', { name: /Yes, I trust the authors/ });
        await trust.waitFor({ state: 'visible', timeout: 60_000 });
        await trust.click();
        await trust.waitFor({ state: 'hidden', timeout: 10_000 });
        const restricted = this.page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
        await waitFor('Restricted Mode to end', async () => (await restricted.count()) === 0, 30_000);
    }

    get quickInput(): Locator {
        return this.page.locator('.quick-input-widget');
    }

    get quickInputBox(): Locator {
        return this.page.locator('.quick-input-widget .quick-input-box input');
    }

    async closeQuickInput(): Promise<void> {
        if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
        await this.quickInput.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }

    /** Runs a command by its palette title ("Archway: Open Preview to the Side"). */
    async runCommand(title: string): Promise<void> {
        await this.closeQuickInput();
        await this.page.keyboard.press('F1');
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
        await this.quickInputBox.fill(`>${title}`);
        const labels = this.page.locator('.quick-input-list .monaco-list-row .label-name');
        let index = -1;
        try {
            index = await waitFor(`the command palette to list "${title}"`, async () => {
                const rows = await labels.allInnerTexts();
                const i = rows.findIndex((r) => r.replace(/\s+/g, ' ').trim() === title);
                return i >= 0 ? i + 1 : undefined; // +1: waitFor needs a truthy value
            }, 15_000) - 1;
        } catch (e) {
            const rows = await labels.allInnerTexts().catch(() => []);
            (e as Error).message += `\n  palette rows: ${JSON.stringify(rows)}`;
            throw e;
        }
        if (index === 0) await this.page.keyboard.press('Enter');
        else await this.page.locator('.quick-input-list .monaco-list-row').nth(index).click();
        // The palette closes, or gives way to the command's own picker.
        await waitFor(`the command palette to run "${title}"`, async () =>
            !(await this.quickInput.isVisible()) || (await this.quickInputBox.inputValue().catch(() => '')) !== `>${title}`, 10_000).catch(() => undefined);
    }

    /** Opens a workspace file with Quick Open and waits until its editor tab is active. */
    async openFile(relPath: string): Promise<void> {
        const base = relPath.split('/').pop()!;
        await this.closeQuickInput();
        await this.page.keyboard.press(`${MOD}+P`);
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
        await this.quickInputBox.fill(relPath);
        await waitFor(`Quick Open to offer ${relPath}`, async () => {
            const first = this.page.locator('.quick-input-list .monaco-list-row').first();
            const label = await first.getAttribute('aria-label').catch(() => null);
            return label?.includes(base);
        }, 20_000);
        await this.page.keyboard.press('Enter');
        await this.activeTab(base).waitFor({ timeout: 20_000 });
        await this.activeEditor.locator('.view-lines').waitFor({ timeout: 20_000 });
    }

    activeTab(title: string): Locator {
        return this.page.locator('.editor-group-container.active .tab.active', { hasText: title });
    }

    /** The text editor in the active editor group. */
    get activeEditor(): Locator {
        return this.page.locator('.editor-group-container.active .monaco-editor').first();
    }

    /** The first editor group's text editor (the source, when a preview is beside it). */
    get firstGroupEditor(): Locator {
        return this.page.locator('.editor-group-container').first().locator('.monaco-editor').first();
    }

    async focusFirstEditorGroup(): Promise<void> {
        await this.page.keyboard.press(`${MOD}+1`);
        await waitFor('the first editor group to take focus', async () =>
            (await this.page.locator('.editor-group-container').first().getAttribute('class'))?.includes('active'), 10_000);
    }

    /** Moves the cursor with Go to Line (1-based line and column). */
    async goTo(line: number, column = 1): Promise<void> {
        await this.closeQuickInput();
        await this.page.keyboard.press(`${MOD}+G`);
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
        await this.quickInputBox.fill(`:${line}:${column}`);
        await this.page.keyboard.press('Enter');
        await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
        await waitFor(`the cursor at ${line}:${column}`, async () => {
            const sel = await this.selection();
            return sel?.line === line && sel.column === column;
        }, 10_000);
    }

    /** The status bar's "Ln X, Col Y (N selected)" for the active text editor. */
    async selection(): Promise<{ line: number; column: number; selected: number } | undefined> {
        const item = this.page.locator('[id="status.editor.selection"]');
        if (!(await item.isVisible())) return undefined;
        const text = await item.innerText();
        const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
        return m ? { line: Number(m[1]), column: Number(m[2]), selected: Number(m[3] ?? 0) } : undefined;
    }

    /** The rendered text of the visible lines of the active editor (Monaco uses nbsp for spaces). */
    async visibleText(editor: Locator = this.activeEditor): Promise<string> {
        const lines = await editor.locator('.view-lines .view-line').evaluateAll((els) =>
            els.map((el) => ({ top: parseFloat((el as HTMLElement).style.top) || 0, text: el.textContent ?? '' }))
                .sort((a, b) => a.top - b.top)
                .map((l) => l.text.replace(/\u00a0/g, ' ')));
        return lines.join('\n');
    }

    // --- Problems panel ---------------------------------------------------------------

    async openProblems(): Promise<void> {
        await this.closeQuickInput();
        await this.page.keyboard.press(`${MOD}+Shift+M`);
        await this.problemsPanel.waitFor({ state: 'visible', timeout: 15_000 });
    }

    get problemsPanel(): Locator {
        return this.page.locator('.markers-panel');
    }

    get problemsFilter(): Locator {
        return this.page.locator('.panel .viewpane-filter input, .panel .markers-panel-action-filter input').first();
    }

    /** Sets the Problems filter box and returns the rows' accessible labels once it settles. */
    async filterProblems(text: string): Promise<void> {
        await this.problemsFilter.click();
        await this.problemsFilter.fill(text);
    }

    /**
     * Every row of the Problems tree (accessible label + visible text). The tree is
     * virtualised, so it is scrolled from top to bottom and the rows are collected by index.
     */
    async problemRows(): Promise<string[]> {
        const list = this.page.locator('.markers-panel .monaco-list').first();
        if (!(await list.isVisible())) return [];
        const rows = list.locator('.monaco-list-row');
        const byIndex = new Map<number, string>();
        const nextFrame = () => this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await list.hover({ position: { x: 5, y: 5 } });
        await this.page.mouse.wheel(0, -1_000_000);
        await nextFrame();
        for (let i = 0; i < 100; i++) {
            const seen = await rows.evaluateAll((els) => els.map((el) => [Number(el.getAttribute('data-index')),
                `${el.getAttribute('aria-label') ?? ''} ⟦${(el as HTMLElement).innerText.replace(/\s+/g, ' ')}⟧`] as [number, string]));
            const before = byIndex.size;
            for (const [index, text] of seen) byIndex.set(index, text);
            if (i > 0 && byIndex.size === before) break;
            await this.page.mouse.wheel(0, 300);
            await nextFrame();
        }
        await this.page.mouse.move(0, 0);
        return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
    }

    /** The rule ids the rendered Problems rows show as links (a diagnostic's `codeDescription`). */
    async problemCodeLinks(): Promise<{ text: string; href: string | null }[]> {
        return this.page.locator('.markers-panel .monaco-list-row a.monaco-link').evaluateAll((els) =>
            els.map((el) => ({ text: (el as HTMLElement).innerText.trim(), href: el.getAttribute('href') })));
    }

    /** The text of all SVG elements in a webview (the diagram and any icons). */
    async webviewSvgText(frame: FrameLocator): Promise<string> {
        return (await frame.locator('svg').allTextContents()).join('\n');
    }

    // --- Completion --------------------------------------------------------------------

    get suggestWidget(): Locator {
        return this.page.locator('.editor-widget.suggest-widget');
    }

    async suggestions(): Promise<string[]> {
        return this.suggestWidget.locator('.monaco-list-row').evaluateAll((els) =>
            els.map((el) => (el.querySelector('.label-name')?.textContent ?? el.getAttribute('aria-label') ?? '').trim()));
    }

    // --- Webviews ----------------------------------------------------------------------

    /**
     * The content frame of the webview whose tab is active. VS Code nests two iframes: the
     * outer `iframe.webview` (its host page) and the inner `#active-frame` with the
     * extension's HTML.
     */
    webviewContent(index = -1): FrameLocator {
        const outer = this.page.locator('iframe.webview.ready');
        return (index < 0 ? outer.last() : outer.nth(index)).contentFrame().locator('iframe#active-frame').contentFrame();
    }

    async webviewCount(): Promise<number> {
        return this.page.locator('iframe.webview.ready').count();
    }
}

export function readText(path: string): string {
    return readFileSync(path, 'utf8');
}
