/**
 * Builds the bundles once, before any test file runs: tests spawn `out/` (the CLI, the language
 * server, the layout worker), so nothing may rewrite it while they run. A test that needs a
 * different build (the minified `.vsix`) makes it in a copy of the project.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
    const root = join(import.meta.dirname, '..', '..');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
}
