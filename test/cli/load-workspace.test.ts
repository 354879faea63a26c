/**
 * `loadWorkspace` (the CLI's loading of `.arch` files from disk): the models it hands to the
 * JSON report's flow figures, `archway report` and `archway diff` are the ones validation built
 * and checked — one build per model root, not a second one after validation — and they carry
 * what the model's `archway.json` says.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../src/cli/load-workspace.js';
import { workspaceFlowFigures } from '../../src/cli/flow-figures.js';
import { tempDir } from '../support/temp-dirs.js';

function folder(files: Record<string, string>): string {
    const dir = tempDir('archway-load-');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

describe('loadWorkspace models', () => {
    test('are the models validation checked, for every root, also one imported by two roots', async () => {
        const dir = folder({
            'shared.arch': 'service api\nflow ping {\n  slo: { availability: 99% }\n  web -> api\n}\n',
            'a.arch': 'import "shared.arch"\nclient web\nweb -> api : https\n',
            'b.arch': 'import "shared.arch"\nclient web\nweb -> api : https\n',
        });
        const workspace = await loadWorkspace(['a.arch', 'b.arch'].map(name => join(dir, name)));
        const checker = workspace.services.archway.ModelChecker;
        const models = workspace.models();
        expect(models.map(m => m.rootUri.slice(m.rootUri.lastIndexOf('/') + 1)).sort()).toEqual(['a.arch', 'b.arch']);
        for (const document of workspace.requested) {
            const checked = checker.checksFor(document).map(check => check.model);
            expect(workspace.modelsOf(document)).toEqual(checked);
            // The very objects validation built, so nothing is built twice.
            workspace.modelsOf(document).forEach((model, i) => expect(model).toBe(checked[i]));
        }
        // The flow of the shared file is reported once, from the first root.
        const figures = workspaceFlowFigures(workspace);
        expect(figures.map(f => [f.flow, f.file.endsWith('shared.arch')])).toEqual([['ping', true]]);
    });

    test('carry the archway.json assumptions into the figures', async () => {
        const text = 'client web\nservice api\nweb -> api : https\nflow f {\n  slo: { availability: 99.9% }\n  web -> api\n}\n';
        const plain = workspaceFlowFigures(await loadWorkspace([join(folder({ 'a.arch': text }), 'a.arch')]));
        const configured = workspaceFlowFigures(await loadWorkspace([join(folder({
            'a.arch': text, 'archway.json': '{ "numbers": { "availability": { "service": "99.95%" } } }',
        }), 'a.arch')]));
        expect(plain[0].availability).toMatchObject({ value: 0.995, meets: false });
        expect(configured[0].availability).toMatchObject({ value: 0.9995, meets: true });
    });
});
