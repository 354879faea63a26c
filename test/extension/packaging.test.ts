/**
 * `npm run package` builds an installable `.vsix`: everything the extension runs is inside,
 * every path `package.json` contributes exists in it, and nothing from the sources, tests or
 * node_modules is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listZip, type ZipEntry } from './zip.js';

const REPO = join(import.meta.dirname, '..', '..');
/**
 * `npm run package` rebuilds `out/` minified: it runs in a copy of the project (sharing
 * `node_modules`), so the tests running beside it never read a bundle while it is rewritten
 * or see minified names.
 */
const ROOT = mkdtempSync(join(tmpdir(), 'archway-package-'));
const VSIX = join(ROOT, 'archway.vsix');
const NOT_COPIED = new Set(['node_modules', 'out', '.git', 'test', 'test-results', 'coverage', '.scratch', '.cache']);

let entries: ZipEntry[];
let names: Set<string>;
let manifest: Record<string, any>;

beforeAll(() => {
    for (const entry of readdirSync(REPO)) {
        if (NOT_COPIED.has(entry) || entry.endsWith('.vsix')) continue;
        cpSync(join(REPO, entry), join(ROOT, entry), { recursive: true });
    }
    symlinkSync(join(REPO, 'node_modules'), join(ROOT, 'node_modules'), 'dir');
    const run = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) throw new Error(`npm run package failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    entries = listZip(readFileSync(VSIX));
    names = new Set(entries.map(entry => entry.name));
    manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}, 600_000);

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('the packaged .vsix', () => {
    it('contains the extension entries (desktop and web), the language servers, the layout worker, the webview and the PNG renderer', () => {
        for (const file of [
            'extension/package.json', 'extension/out/extension/main.cjs', 'extension/out/server/main.cjs',
            'extension/out/web/extension.js', 'extension/out/web/server.js', 'extension/out/diagram/elk.cjs',
            'extension/out/diagram/layout-worker.cjs', 'extension/out/extension/resvg.wasm', 'extension/media/preview.js',
            'extension/media/preview.css', 'extension/media/markdown-preview.css', 'extension/syntaxes/arch.tmLanguage.json', 'extension/snippets/arch.json',
            'extension/language-configuration.json', 'extension/schemas/archway.schema.json', 'extension/media/icons/archway.png',
            'extension/readme.md', 'extension/LICENSE.txt',
        ]) expect(names, file).toContain(file);
    });

    it('contains every file package.json refers to', () => {
        const contributes = manifest.contributes;
        const paths: string[] = [
            manifest.main, manifest.browser, manifest.icon,
            ...contributes.languages.flatMap((language: any) => [language.configuration, language.icon.light, language.icon.dark]),
            ...contributes.grammars.map((grammar: any) => grammar.path),
            ...contributes.snippets.map((snippet: any) => snippet.path),
            ...contributes.jsonValidation.map((validation: any) => validation.url),
        ];
        for (const path of paths) expect(names, path).toContain(`extension/${path.replace(/^\.\//, '')}`);
    });

    it('contains nothing from src/, test/ or node_modules/, no source maps and no TypeScript', () => {
        const leaked = [...names].filter(name => /^extension\/(src|test|node_modules|examples|bench|scripts)\//.test(name)
            || /\.(map|ts)$/.test(name));
        expect(leaked).toEqual([]);
    });

    it('stays under 3 MB', () => {
        expect(statSync(VSIX).size).toBeLessThan(3 * 1024 * 1024);
    });

    it('bundles every dependency: the extension and server only require vscode and Node built-ins', () => {
        const allowed = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`), 'vscode']);
        for (const bundle of ['out/extension/main.cjs', 'out/server/main.cjs', 'out/diagram/layout-worker.cjs']) {
            const text = readFileSync(join(ROOT, bundle), 'utf8');
            const required = [...text.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map(match => match[1]);
            const foreign = [...new Set(required)].filter(name => !allowed.has(name) && !(bundle === 'out/server/main.cjs' && name === '@resvg/resvg-js'));
            expect(foreign, bundle).toEqual([]);
        }
    });

    it('has web bundles that require nothing (no Node built-ins, no packages), and says it works in virtual workspaces', () => {
        for (const bundle of ['out/web/extension.js', 'out/web/server.js']) {
            const text = readFileSync(join(ROOT, bundle), 'utf8');
            // A bare `require(…)` (lodash's guarded `module.require('util')` probe is a method call, not an import).
            const required = [...text.matchAll(/(?<![.\w$])require\(\s*["']([^"']+)["']\s*\)/g)].map(match => match[1]);
            expect([...new Set(required)].filter(name => name !== 'vscode' || bundle !== 'out/web/extension.js'), bundle).toEqual([]);
        }
        expect(manifest.capabilities.virtualWorkspaces.supported).toBe(true);
        // PNG export needs fonts from the disk: not offered in the browser.
        const png = manifest.contributes.menus.commandPalette.find((item: any) => item.command === 'archway.exportPng');
        expect(png.when).toMatch(/^!isWeb && /);
    });

    it('declares the contributions a user relies on', () => {
        const commands = manifest.contributes.commands.map((command: any) => `${command.category}: ${command.title}`);
        expect(commands).toEqual(expect.arrayContaining([
            'Archway: Open Preview', 'Archway: Open Preview to the Side', 'Archway: Show Source', 'Archway: Export Diagram as SVG…',
            'Archway: Export Diagram as PNG…', 'Archway: Restart Language Server',
        ]));
        expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:arch', 'onWebviewPanel:archway.preview']));
        expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
        const grammar = JSON.parse(readFileSync(join(ROOT, manifest.contributes.grammars[0].path), 'utf8'));
        expect(grammar.scopeName).toBe(manifest.contributes.grammars[0].scopeName);
        expect(manifest.contributes.keybindings.map((binding: any) => binding.key)).toContain('ctrl+k v');
    });
});
