/**
 * Linking across files: imports make ids visible; nothing else does.
 */
import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../support/services.js';

const codes = (diagnostics: { code?: unknown }[]) => diagnostics.map(d => d.code);

describe('linking across files', () => {
    test('a connection resolves a component declared in an imported file', async () => {
        const workspace = await loadWorkspace({
            'shop.arch': 'import "./payments.arch"\nservice orders\norders -> payments : grpcs\n',
            'payments.arch': 'service payments\n',
        });
        expect(workspace.model('shop.arch').connections.map(c => c.id)).toEqual(['orders->payments']);
    });

    test('imports resolve relative to the importing file', async () => {
        const workspace = await loadWorkspace({
            'app/shop.arch': 'import "../shared/idp.arch"\ngateway api { auth: jwt { issuer: idp  expiry: 5m } }\n',
            'shared/idp.arch': 'idp idp "Keycloak"\n',
        });
        expect(codes(workspace.diagnostics('app/shop.arch'))).not.toContain('unresolved-reference');
    });

    test('imports are transitive', async () => {
        const workspace = await loadWorkspace({
            'a.arch': 'import "./b.arch"\nservice a\na -> c\n',
            'b.arch': 'import "./c.arch"\n',
            'c.arch': 'service c\n',
        });
        expect(workspace.model('a.arch').connections.map(c => c.id)).toEqual(['a->c']);
    });

    test('a file that is not imported is not visible', async () => {
        const workspace = await loadWorkspace({
            'a.arch': 'service a\na -> other\n',
            'b.arch': 'service other\n',
        });
        expect(codes(workspace.diagnostics('a.arch'))).toContain('unresolved-reference');
    });

    test('a broker topic in an imported file resolves as broker.topic', async () => {
        const workspace = await loadWorkspace({
            'a.arch': 'import "./bus.arch"\nservice a\na ~> bus.events\n',
            'bus.arch': 'broker bus { topic events }\n',
        });
        expect(workspace.model('a.arch').channels[0].publishers).toEqual(['a~>bus.events']);
    });

    test('the imported file is checked as part of the model that imports it', async () => {
        const workspace = await loadWorkspace({
            'shop.arch': 'import "./payments.arch"\nservice orders\norders -> payments\n',
            'payments.arch': 'service payments\n',
        });
        expect(workspace.model('shop.arch').files.map(f => f.split('/').pop())).toEqual(['shop.arch', 'payments.arch']);
    });

    test('an id declared in two files of one model is a duplicate in both places', async () => {
        const workspace = await loadWorkspace({
            'a.arch': 'import "./b.arch"\nservice orders\n',
            'b.arch': 'service orders\n',
        });
        expect([codes(workspace.diagnostics('a.arch')), codes(workspace.diagnostics('b.arch'))].map(c => c.filter(x => x === 'duplicate-id').length)).toEqual([1, 1]);
    });

    test('the same id in two unrelated files is not a duplicate', async () => {
        const workspace = await loadWorkspace({ 'a.arch': 'service orders\n', 'b.arch': 'service orders\n' });
        expect(codes(workspace.diagnostics('a.arch'))).not.toContain('duplicate-id');
    });

    test('a missing imported file is reported on the import', async () => {
        const workspace = await loadWorkspace({ 'a.arch': 'import "./nope.arch"\nservice a\n' });
        const [d] = workspace.diagnostics('a.arch').filter(x => x.code === 'unresolved-import');
        expect([d.range.start.line, d.message]).toEqual([0, "The imported file './nope.arch' does not exist."]);
    });

    test('an import cycle is reported, not followed forever', async () => {
        const workspace = await loadWorkspace({
            'a.arch': 'import "./b.arch"\nservice a\n',
            'b.arch': 'import "./a.arch"\nservice b\n',
        });
        expect(codes(workspace.diagnostics('a.arch'))).toContain('import-cycle');
    });

    test('a file importing itself is reported', async () => {
        const workspace = await loadWorkspace({ 'a.arch': 'import "./a.arch"\nservice a\n' });
        expect(workspace.diagnostics('a.arch').find(d => d.code === 'import-cycle')?.message).toBe("The file imports itself through './a.arch'.");
    });
});
