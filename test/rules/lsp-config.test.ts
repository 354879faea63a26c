import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, it } from 'vitest';
import { createArchwayServices } from '../../src/lsp/module.js';
import { configDiagnostics } from '../../src/lsp/rule-config-watcher.js';
import { parseConfig } from '../../src/rules/config.js';
import { tempDir } from '../support/temp-dirs.js';

async function diagnosticsWith(config: string | undefined, text: string, overrides?: unknown): Promise<string[]> {
    const root = tempDir('archway-lsp-');
    if (config !== undefined) writeFileSync(join(root, 'archway.json'), config);
    const { shared, Archway } = createArchwayServices(NodeFileSystem);
    Archway.archway.RuleConfiguration.setOverrides(overrides);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(join(root, 'main.arch')));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return (document.diagnostics ?? []).map(d => `${d.severity}:${String(d.code)}`);
}

describe('archway.json in the language server', () => {
    const text = 'service a\nservice b\na -> b : grpcs { timeout: 1s }\n@allow(orphan-component, "demo")\nservice c';
    it('uses the defaults without a file', async () => {
        expect(await diagnosticsWith(undefined, 'service lonely')).toEqual(['2:orphan-component']);
    });
    it('turns a rule off from archway.json next to the file', async () => {
        expect(await diagnosticsWith('{ "rules": { "orphan-component": "off" } }', 'service lonely')).toEqual([]);
    });
    it('raises a rule to an error from archway.json', async () => {
        expect(await diagnosticsWith('{ "rules": { "orphan-component": "error" } }', 'service lonely')).toEqual(['1:orphan-component']);
    });
    it('lets the editor setting archway.rules override the file', async () => {
        expect(await diagnosticsWith('{ "rules": { "orphan-component": "error" } }', 'service lonely', { 'orphan-component': 'off' })).toEqual([]);
    });
    it('keeps suppressed findings out of the diagnostics', async () => {
        expect(await diagnosticsWith(undefined, text)).toEqual([]);
    });
    it('turns configuration errors into diagnostics for archway.json', () => {
        const { errors } = parseConfig('{ "rules": { "nope": "off" } }', '/w/archway.json');
        expect(configDiagnostics(errors)).toEqual([{
            range: { start: { line: 0, character: 13 }, end: { line: 0, character: 19 } },
            severity: 1, source: 'archway', code: 'invalid-config', message: 'Unknown rule id "nope".',
        }]);
    });
});

describe('re-checking when the configuration changes', () => {
    async function setup(config: string): Promise<{ root: string; diagnostics: () => string[]; shared: ReturnType<typeof createArchwayServices>['shared'] }> {
        const root = tempDir('archway-watch-');
        writeFileSync(join(root, 'archway.json'), config);
        const { shared } = createArchwayServices(NodeFileSystem);
        const uri = URI.file(join(root, 'main.arch'));
        const document = shared.workspace.LangiumDocumentFactory.fromString('service lonely', uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        return { root, shared, diagnostics: () => (shared.workspace.LangiumDocuments.getDocument(uri)?.diagnostics ?? []).map(d => `${d.severity}:${String(d.code)}`) };
    }
    it('re-checks open documents when archway.json changes on disk', async () => {
        const { root, shared, diagnostics } = await setup('{}');
        expect(diagnostics()).toEqual(['2:orphan-component']);
        writeFileSync(join(root, 'archway.json'), '{ "rules": { "orphan-component": "off" } }');
        shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({ changes: [{ uri: URI.file(join(root, 'archway.json')).toString(), type: 2 }] });
        const [services] = shared.ServiceRegistry.all as [import('../../src/lsp/module.js').ArchwayServices];
        await services.archway.RuleConfiguration.pending;
        expect(diagnostics()).toEqual([]);
    });
    it('re-checks when the archway.rules setting changes', async () => {
        const { shared, diagnostics } = await setup('{}');
        shared.workspace.ConfigurationProvider.updateConfiguration!({ settings: { archway: { rules: { 'orphan-component': 'error' } } } });
        const [services] = shared.ServiceRegistry.all as [import('../../src/lsp/module.js').ArchwayServices];
        await services.archway.RuleConfiguration.pending;
        expect(diagnostics()).toEqual(['1:orphan-component']);
    });
});
