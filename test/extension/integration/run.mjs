// Runs the integration scenarios (suite.ts) in a desktop VS Code with @vscode/test-electron.
// Needs VSCODE_EXECUTABLE (a VS Code binary; test-electron cannot download one on machines
// without internet access) and @vscode/test-electron 2.5.x (3.x needs Node 22). Prints why it
// skips otherwise and exits 0, so CI logs say clearly that these scenarios did not run.
//   VSCODE_EXECUTABLE=/path/to/code node test/extension/integration/run.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
    console.log('SKIPPED extension integration tests: set VSCODE_EXECUTABLE to a VS Code binary to run them (the e2e suite covers the same scenarios in code-server).');
    process.exit(0);
}
let testElectron;
try {
    testElectron = await import('@vscode/test-electron');
} catch {
    console.log('SKIPPED extension integration tests: @vscode/test-electron is not installed (npm i -D @vscode/test-electron@2.5).');
    process.exit(0);
}
await esbuild.build({
    entryPoints: [join(root, 'test/extension/integration/suite.ts')], outfile: join(root, 'out/test/integration/suite.cjs'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
});
try {
    await testElectron.runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'out/test/integration/suite.cjs'),
        launchArgs: [join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust',
            '--user-data-dir', mkdtempSync(join(tmpdir(), 'archway-vscode-'))],
    });
} catch (error) {
    console.error(`Extension integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
}
