// Bundles the CLI, the language server (and, when present, the extension, the layout worker
// and the webview script) with esbuild. Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { langiumParserPatch } from './langium-parser-patch.mjs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

/** @type {esbuild.BuildOptions} */
const node = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minify,
    logLevel: 'warning',
    // Native addon: loaded from node_modules at run time.
    external: ['@resvg/resvg-js'],
    mainFields: ['module', 'main'],
};

/**
 * elkjs is 3.4 MB of the CLI's 5.5 MB and only `archway export` uses it (and then mostly in the
 * layout worker): the CLI bundle loads it from a sibling file when needed, so `archway check`
 * does not read and compile it at every start.
 */
const elkAt = (path) => ({
    name: 'elk-beside',
    setup(build) {
        build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path, external: true }));
    },
});
const elkBeside = elkAt('./elk.cjs');

/**
 * The extension's language server and its layout worker (both Node) share one copy of elkjs
 * (`out/diagram/elk.cjs`): a third of the .vsix otherwise, which must stay under 3 MB with the
 * web extension's own copy inside its worker bundle.
 */
const serverElk = elkAt('../diagram/elk.cjs');
const workerElk = elkAt('./elk.cjs');

/**
 * `archway check` is the command run most (in CI, on every commit): its bundle holds only what
 * checking needs, and the other commands are bundles of their own, required when used — so a
 * check does not read and compile the diagram renderer, the formatter or the language server
 * (about 40% of the code) at every start.
 */
const cliCommandsBeside = {
    name: 'cli-commands-beside',
    setup(build) {
        const beside = {
            './export.js': './export.cjs', './format.js': './format.cjs', './import.js': './import.cjs', './diff.js': './diff.cjs', './mcp.js': './mcp.cjs',
            '../server/main.js': './lsp.cjs',
        };
        build.onResolve({ filter: /^(\.\/export\.js|\.\/format\.js|\.\/import\.js|\.\/diff\.js|\.\/mcp\.js|\.\.\/server\/main\.js)$/ }, (args) =>
            args.importer.replaceAll('\\', '/').endsWith('src/cli/main.ts') ? { path: beside[args.path], external: true } : undefined);
    },
};

/**
 * The drift rules' deployment reader brings a YAML parser: `archway check` loads it from a
 * bundle of its own, and only when a configuration names deployment files.
 */
const deploymentBeside = {
    name: 'deployment-beside',
    setup(build) {
        build.onResolve({ filter: /^\.\.\/import\/drift-source\.js$/ }, (args) =>
            args.importer.replaceAll('\\', '/').endsWith('src/cli/check.ts') ? { path: './deployment.cjs', external: true } : undefined);
    },
};

/**
 * Langium's core imports cancellation, events and an error class from
 * `vscode-languageserver-protocol`, whose several hundred request and notification types then
 * load at every start of `archway check` and `export`: those bundles get the same classes from
 * `vscode-jsonrpc` through `src/cli/langium-protocol-core.ts` instead (the language server keeps
 * the protocol). Only Langium's imports are redirected; a name the shim lacks fails the build.
 */
const langiumProtocolCore = {
    name: 'langium-protocol-core',
    setup(build) {
        const shim = resolvePath('src/cli/langium-protocol-core.ts');
        // The shim's `vscode-jsonrpc` is the one Langium's protocol uses (npm may install several).
        const fromLangium = createRequire(resolvePath('node_modules/langium/package.json'));
        const jsonrpc = createRequire(fromLangium.resolve('vscode-languageserver-protocol')).resolve('vscode-jsonrpc');
        build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, (args) =>
            /node_modules[\\/]langium[\\/]lib[\\/](utils|workspace)[\\/]/.test(args.importer) ? { path: shim } : undefined);
        build.onResolve({ filter: /^vscode-jsonrpc$/ }, (args) => (args.importer === shim ? { path: jsonrpc } : undefined));
    },
};

/** The CLI's bundles (and the language server's) load each other, elkjs and native addons with `require`, not `import()`. */
const cli = { supported: { 'dynamic-import': false } };

/**
 * The check bundle without the whitespace: a quarter less to read and scan at every start
 * (about 15 ms of CPU); names are kept, so profiles and stack traces stay readable.
 */
const checkBundle = { ...cli, minifyWhitespace: true };

/**
 * The web extension's bundles run in VS Code's web worker extension host and in a Web Worker,
 * where Node's built-in modules do not exist: any import of one fails the build, naming the
 * importer (unless the importing package maps it away for browsers in its `browser` field).
 */
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`)]);
const noNodeBuiltins = {
    name: 'no-node-builtins',
    setup(build) {
        build.onResolve({ filter: /.*/ }, async (args) => {
            if (!NODE_BUILTINS.has(args.path) || args.pluginData?.noNodeBuiltins) return undefined;
            const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { noNodeBuiltins: true } });
            if (resolved.errors.length === 0 && !resolved.external) return resolved;
            return { errors: [{ text: `The browser bundle must not use Node built-ins: '${args.path}' is imported by ${args.importer.replace(process.cwd() + '/', '')}.` }] };
        });
    },
};

/** Browser bundles (the web extension and its language server): no Node built-ins. */
const web = { platform: 'browser', target: 'chrome120', mainFields: ['browser', 'module', 'main'], external: [], plugins: [noNodeBuiltins] };

/** Entries: [source, output, extra options]. Optional ones are skipped until their source exists. */
const entries = [
    ['src/cli/bin.ts', 'out/cli/main.cjs', { ...checkBundle, plugins: [cliCommandsBeside, deploymentBeside, langiumProtocolCore] }],
    // Loaded by bin/archway.cjs before the CLI bundle, which it compiles with a V8 code cache.
    ['src/diagram/node-compile-cache.ts', 'out/cli/compile-cache.cjs', cli],
    ['src/cli/early-layout-worker.ts', 'out/cli/early-layout-worker.cjs', cli],
    ['src/cli/export.ts', 'out/cli/export.cjs', { ...cli, plugins: [elkBeside, langiumProtocolCore] }],
    ['src/cli/format.ts', 'out/cli/format.cjs', cli],
    ['src/cli/import.ts', 'out/cli/import.cjs', cli],
    ['src/cli/diff.ts', 'out/cli/diff.cjs', { ...cli, plugins: [elkBeside, deploymentBeside] }],
    ['src/cli/mcp.ts', 'out/cli/mcp.cjs', { ...cli, plugins: [elkBeside] }],
    ['src/import/drift-source.ts', 'out/cli/deployment.cjs', cli],
    ['src/server/main.ts', 'out/cli/lsp.cjs', cli],
    ['src/server/bin.ts', 'out/server/main.cjs', { ...cli, plugins: [serverElk] }],
    ['src/diagram/layout-worker.ts', 'out/diagram/layout-worker.cjs', { ...cli, plugins: [workerElk] }],
    ['src/extension/main.ts', 'out/extension/main.cjs', { external: ['vscode', '@resvg/resvg-js'] }],
    // The web extension (VS Code's web worker extension host, which loads `browser` as a CommonJS
    // module and appends `.js` to a name that lacks it) and its language server (a Web Worker).
    ['src/extension/browser.ts', 'out/web/extension.js', { ...web, format: 'cjs', external: ['vscode'] }],
    ['src/server/browser.ts', 'out/web/server.js', { ...web, format: 'iife' }],
    // The preview webview's script: a browser IIFE, no source map (it ships in the .vsix).
    ['src/webview/preview.ts', 'media/preview.js', { platform: 'browser', format: 'iife', target: 'chrome120', sourcemap: false, external: [] }],
];

const contexts = [];
for (const [entry, outfile, extra] of entries) {
    if (!existsSync(entry)) continue;
    // Every bundle parses with the patched Langium parser builder (see langium-parser-patch.mjs).
    const options = { ...node, ...extra, plugins: [...(extra.plugins ?? []), langiumParserPatch], entryPoints: [entry], outfile };
    if (watch) {
        const ctx = await esbuild.context(options);
        await ctx.watch();
        contexts.push(ctx);
    } else {
        await esbuild.build(options);
    }
}
mkdirSync('out/cli', { recursive: true });
copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'out/cli/elk.cjs');
mkdirSync('out/diagram', { recursive: true });
copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'out/diagram/elk.cjs');
// The extension converts SVG to PNG with resvg's WebAssembly build (a native addon cannot ship in the .vsix).
if (existsSync('src/extension/main.ts')) {
    mkdirSync('out/extension', { recursive: true });
    copyFileSync('node_modules/@resvg/resvg-wasm/index_bg.wasm', 'out/extension/resvg.wasm');
}
if (watch) console.log(`Watching ${contexts.length} bundles…`);
