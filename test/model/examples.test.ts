/**
 * The bundled examples load from disk (imports followed) and give the models they describe.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { discoverArchFiles, loadWorkspace } from '../../src/cli/load-workspace.js';

const examples = join(__dirname, '../../examples');

/** Expected model sizes, counted by hand from the example files. */
const EXPECTED: Record<string, { components: number; connections: number; channels: number; zones: number; views: number; flows: number }> = {
    'online-shop/shop.arch': { components: 16, connections: 15, channels: 2, zones: 3, views: 2, flows: 1 },
    'media-site/media.arch': { components: 14, connections: 14, channels: 0, zones: 4, views: 1, flows: 1 },
    'event-ledger/ledger.arch': { components: 12, connections: 11, channels: 1, zones: 2, views: 1, flows: 1 },
    'data-platform/platform.arch': { components: 14, connections: 13, channels: 2, zones: 3, views: 1, flows: 0 },
    'file-sharing/swarm.arch': { components: 6, connections: 8, channels: 0, zones: 2, views: 1, flows: 0 },
};

/** Problems of the language and model (rule findings are tested with the rules). */
const MODEL_CODES = new Set(['syntax-error', 'unknown-kind', 'unresolved-reference', 'duplicate-id', 'unknown-property', 'invalid-property-value', 'unresolved-import', 'import-cycle', 'unknown-annotation']);

describe('examples', () => {
    for (const [file, expected] of Object.entries(EXPECTED)) {
        test(`${file} builds a model of the expected size`, async () => {
            const workspace = await loadWorkspace([join(examples, file)]);
            const [model] = workspace.modelsOf(workspace.requested[0]);
            expect({
                components: model.components.length, connections: model.connections.length, channels: model.channels.length,
                zones: model.zones.length, views: model.views.length, flows: model.flows.length,
            }).toEqual(expected);
        });

        test(`${file} has no syntax or model errors`, async () => {
            const workspace = await loadWorkspace([join(examples, file)]);
            const errors = workspace.all.flatMap(d => d.diagnostics ?? []).filter(d => d.code === undefined || MODEL_CODES.has(String(d.code)));
            expect(errors.map(e => `${e.code}: ${e.message}`)).toEqual([]);
        });
    }

    test('the multi-file shop pulls in its imported payments file', async () => {
        const workspace = await loadWorkspace([join(examples, 'online-shop/shop.arch')]);
        expect(workspace.all.map(d => d.uri.path.split('/').pop())).toEqual(['shop.arch', 'payments.arch']);
    });

    test('the imported payments file belongs to the shop model, not a model of its own', async () => {
        const workspace = await loadWorkspace(discoverArchFiles([join(examples, 'online-shop')]));
        const payments = workspace.all.find(d => d.uri.path.endsWith('payments.arch'))!;
        expect(workspace.modelsOf(payments).map(m => m.rootUri.split('/').pop())).toEqual(['shop.arch']);
    });

    test('folders are searched recursively for .arch files in a stable order', () => {
        const files = discoverArchFiles([examples]).map(f => f.slice(examples.length + 1));
        expect(files.filter(f => Object.keys(EXPECTED).includes(f) || f === 'online-shop/payments.arch'))
            .toEqual(['data-platform/platform.arch', 'event-ledger/ledger.arch', 'file-sharing/swarm.arch', 'media-site/media.arch', 'online-shop/payments.arch', 'online-shop/shop.arch']);
    });
});
