/**
 * The rule configuration read through a file-system provider (the browser's server reads
 * through the editor): archway.json found by walking up a virtual folder, and a change (a
 * re-check) that does not leave a build validating meanwhile without its configuration.
 */
import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import { describe, expect, it } from 'vitest';
import { ArchwayRuleConfiguration } from '../../src/checking/rule-configuration.js';

const ROOT = 'vscode-vfs://github/acme/shop';

/** An in-memory provider with slow reads (every answer takes a few macrotasks, like LSP requests). */
function memoryFileSystem(files: Map<string, string>): FileSystemProvider & { reads: string[] } {
    const later = <T>(value: () => T): Promise<T> => new Promise((resolve, reject) => setTimeout(() => { try { resolve(value()); } catch (e) { reject(e); } }, 5));
    const reads: string[] = [];
    const node = (uri: URI): FileSystemNode => {
        if (files.has(uri.toString())) return { uri, isFile: true, isDirectory: false };
        throw new Error(`missing ${uri.toString()}`);
    };
    return {
        reads,
        stat: (uri: URI) => later(() => node(uri)),
        readFile: (uri: URI) => later(() => { reads.push(uri.toString()); const text = files.get(uri.toString()); if (text === undefined) throw new Error('missing'); return text; }),
        readDirectory: () => later(() => []),
        exists: (uri: URI) => later(() => files.has(uri.toString())),
    } as unknown as FileSystemProvider & { reads: string[] };
}

describe('rule configuration through a file system', () => {
    const doc = URI.parse(`${ROOT}/src/deep/shop.arch`);

    it('finds archway.json above the model\'s folder and applies it', async () => {
        const files = new Map([[`${ROOT}/archway.json`, '{ "rules": { "orphan-component": "error" } }']]);
        const configuration = new ArchwayRuleConfiguration({ fileSystem: memoryFileSystem(files) });
        expect(configuration.configFor(doc.toString()).file, 'nothing is known before prepare').toBeUndefined();
        await configuration.prepare([doc]);
        const loaded = configuration.configFor(doc.toString());
        expect(loaded.uri).toBe(`${ROOT}/archway.json`);
        expect(loaded.settings['orphan-component']?.severity).toBe('error');
    });

    it('keeps the prepared configuration after a change until the next prepare has read the new one', async () => {
        const files = new Map([[`${ROOT}/archway.json`, '{ "rules": { "orphan-component": "error" } }']]);
        const fileSystem = memoryFileSystem(files);
        const configuration = new ArchwayRuleConfiguration({ fileSystem });
        await configuration.prepare([doc]);
        files.set(`${ROOT}/archway.json`, '{ "rules": { "orphan-component": "off" } }');
        configuration.invalidate();
        // A build that prepared before the change and validates now still sees the file.
        expect(configuration.configFor(doc.toString()).settings['orphan-component']?.severity).toBe('error');
        await configuration.prepare([doc]);
        expect(configuration.configFor(doc.toString()).settings['orphan-component']?.severity).toBe('off');
        expect(fileSystem.reads.filter(uri => uri.endsWith('archway.json'))).toHaveLength(2);
    });

    it('reports an archway.json that cannot be parsed, with its URI', async () => {
        const files = new Map([[`${ROOT}/archway.json`, '{ "rules": { "orphan-component": "loud" } }']]);
        const configuration = new ArchwayRuleConfiguration({ fileSystem: memoryFileSystem(files) });
        await configuration.prepare([doc]);
        const loaded = configuration.configFor(doc.toString());
        expect(loaded.uri).toBe(`${ROOT}/archway.json`);
        expect(loaded.errors[0].message).toMatch(/must be "off", "info", "warning" or "error"/);
    });
});
