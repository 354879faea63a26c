#!/usr/bin/env node
// Runs the desktop integration scenarios (suite.ts) in a real desktop VS Code with
// @vscode/test-electron: the VS Code named by VSCODE_EXECUTABLE, or else VS Code
// ARCHWAY_VSCODE_VERSION (default 1.100.3, the version the code-server e2e suite runs),
// downloaded once into ARCHWAY_VSCODE_CACHE (default ~/.cache/archway/vscode).
//
// Exit codes: 0 when every scenario passed, or when no VS Code can be downloaded (the download
// URL gets no answer: no network, DNS, proxy or firewall) — then it prints one line starting
// with "SKIPPED" that names the URL and the error. 1 for anything else: a failing scenario, a
// download that started and broke, a VSCODE_EXECUTABLE that does not exist, no build in out/.
//   npm run test:integration
//   VSCODE_EXECUTABLE=/path/to/code npm run test:integration
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const testElectron = require('@vscode/test-electron');
// Not re-exported by the package's index: the URL it downloads from, and its proxy handling
// (npm_config_proxy / npm_config_https_proxy), so the probe below asks what the download asks.
const { getVSCodeDownloadUrl, systemDefaultPlatform, urlToOptions, Version } = require('@vscode/test-electron/out/util');

const VERSION = process.env.ARCHWAY_VSCODE_VERSION || '1.100.3';
const CACHE = process.env.ARCHWAY_VSCODE_CACHE || join(homedir(), '.cache', 'archway', 'vscode');
const PROBE_TIMEOUT_MS = 15_000;

function fail(message) {
    console.error(`Desktop integration tests: ${message}`);
    process.exit(1);
}

/**
 * Asks the download URL (without following the redirect). Resolves to the HTTP status, or to
 * the error when no answer came: that is the one case in which the suite is skipped.
 */
function probe(url) {
    return new Promise(resolveProbe => {
        const request = get(url, urlToOptions(url), response => {
            response.resume();
            response.destroy();
            resolveProbe({ status: response.statusCode });
        });
        request.setTimeout(PROBE_TIMEOUT_MS, () => request.destroy(Object.assign(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
        request.on('error', error => resolveProbe({ error }));
    });
}

function describeError(error) {
    const code = error?.code && !String(error.message).includes(error.code) ? ` (${error.code})` : '';
    // Node's fetch-style AggregateError (IPv4 and IPv6 both refused) has an empty message.
    const message = error?.message || error?.errors?.map(e => e.message).join('; ') || String(error);
    return `${message}${code}`;
}

/** The desktop VS Code to run: VSCODE_EXECUTABLE, a cached download, or a new download. */
async function vscodeExecutable() {
    const given = process.env.VSCODE_EXECUTABLE;
    if (given) {
        if (!existsSync(given)) fail(`VSCODE_EXECUTABLE is ${given}, which does not exist.`);
        return given;
    }
    const platform = systemDefaultPlatform;
    const version = Version.parse(VERSION);
    const url = getVSCodeDownloadUrl(version, platform);
    const cached = join(CACHE, `vscode-${platform}-${version}`, 'is-complete');
    if (!existsSync(cached)) {
        const answer = await probe(url);
        if (answer.error) {
            const proxy = process.env.npm_config_https_proxy || process.env.npm_config_proxy;
            console.log(`SKIPPED desktop integration tests: VS Code ${VERSION} cannot be downloaded: GET ${url}`
                + `${proxy ? ` (through the proxy ${proxy})` : ''} failed: ${describeError(answer.error)}. `
                + 'Set VSCODE_EXECUTABLE to a desktop VS Code to run them; the e2e suite (code-server) runs the same scenarios in the browser.');
            process.exit(0);
        }
        if (answer.status < 200 || answer.status >= 400) fail(`GET ${url} answered HTTP ${answer.status}; VS Code ${VERSION} cannot be downloaded from there.`);
    }
    mkdirSync(CACHE, { recursive: true });
    try {
        return await testElectron.download({ version: VERSION, platform, cachePath: CACHE, timeout: PROBE_TIMEOUT_MS });
    } catch (error) {
        fail(`downloading VS Code ${VERSION} from ${url} failed: ${describeError(error)}`);
    }
}

/** A display for Electron on Linux: the current one, or a private Xvfb started here. */
async function display() {
    if (process.platform !== 'linux' || process.env.DISPLAY) return { env: {}, stop: () => undefined };
    const number = 90 + Math.floor(Math.random() * 400);
    let xvfb;
    try {
        xvfb = spawn('Xvfb', [`:${number}`, '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
        await new Promise((resolveSpawn, reject) => { xvfb.once('spawn', resolveSpawn); xvfb.once('error', reject); });
    } catch (error) {
        fail(`VS Code needs a display and DISPLAY is not set; Xvfb could not be started (${describeError(error)}). Install it (apt-get install xvfb) or set DISPLAY.`);
    }
    await new Promise(resolveWait => setTimeout(resolveWait, 1_000));
    return { env: { DISPLAY: `:${number}` }, stop: () => xvfb.kill() };
}

const executable = await vscodeExecutable();
if (!existsSync(join(root, 'out/extension/main.cjs'))) fail('out/extension/main.cjs is missing: run `node scripts/build.mjs` (or `npm run build`) first.');

const tmp = mkdtempSync(join(tmpdir(), 'archway-integration-'));
try {
    // The suite and the shared scenario data, bundled outside out/ (tests never rewrite out/).
    await esbuild.build({
        entryPoints: [join(root, 'test/extension/integration/suite.ts')], outfile: join(tmp, 'suite.cjs'),
        bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
    });
    await esbuild.build({
        entryPoints: [join(root, 'test/e2e/scenarios.ts')], outfile: join(tmp, 'scenarios.mjs'),
        bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    });
    const scenarios = await import(pathToFileURL(join(tmp, 'scenarios.mjs')).href);
    // The same workspace as the e2e suite's: copies of the examples, archway.json, the Markdown file.
    const workspace = join(tmp, 'workspace');
    for (const example of scenarios.EXAMPLES) cpSync(join(root, 'examples', example), join(workspace, example), { recursive: true });
    writeFileSync(join(workspace, 'archway.json'), `${JSON.stringify(scenarios.ARCHWAY_JSON, null, 2)}\n`);
    writeFileSync(join(workspace, scenarios.MARKDOWN_FILE), scenarios.MARKDOWN_TEXT);
    const expected = scenarios.cliFindings(root, workspace);
    if (!expected) throw new Error('the CLI (out/cli/main.cjs) is not built: run `node scripts/build.mjs` first.');
    writeFileSync(join(tmp, 'expected.json'), JSON.stringify(expected));

    const screen = await display();
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    try {
        await testElectron.runTests({
            vscodeExecutablePath: executable,
            extensionDevelopmentPath: root,
            extensionTestsPath: join(tmp, 'suite.cjs'),
            extensionTestsEnv: { ...screen.env, ARCHWAY_IT_EXPECTED: join(tmp, 'expected.json') },
            launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
                '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions'),
                // Electron refuses to run as root with its sandbox on (CI runs as root).
                ...(isRoot ? ['--no-sandbox'] : []), '--disable-gpu'],
        });
    } finally {
        screen.stop();
    }
} catch (error) {
    console.error(`Desktop integration tests failed: ${describeError(error)}`);
    process.exitCode = 1;
} finally {
    if (!process.env.ARCHWAY_IT_KEEP) rmSync(tmp, { recursive: true, force: true });
}
