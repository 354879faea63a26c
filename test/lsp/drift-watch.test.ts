/**
 * The drift rules in the editor: the bundled language server over stdio reports drift against
 * the deployment files archway.json names, and re-checks when one of them changes on disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ensureServerBuilt, LspClient } from '../support/lsp-client.js';

const SHOP = `client web
service api { replicas: 2 }
web -> api : https
`;

const compose = (replicas: number) => `services:
  api:
    image: example/api:1.0
    deploy:
      replicas: ${replicas}
    ports:
      - "443:8443"
`;

let dir: string;

beforeAll(() => {
    ensureServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'archway-drift-lsp-'));
    writeFileSync(join(dir, 'archway.json'), '{ "deployment": { "compose": ["docker-compose.yml"] } }\n');
    writeFileSync(join(dir, 'docker-compose.yml'), compose(2));
    writeFileSync(join(dir, 'shop.arch'), SHOP);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const drift = (diagnostics: Diagnostic[]) => diagnostics.filter(d => String(d.code).startsWith('drift-')).map(d => `${d.code}: ${d.message}`);

describe('drift in the language server', () => {
    test('re-checks when a deployment file changes', async () => {
        const server = new LspClient();
        const { connection } = server;
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
        await connection.sendNotification('initialized', {});
        const uri = pathToFileURL(join(dir, 'shop.arch')).toString();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: SHOP } });
        const first = await server.diagnostics(uri);
        expect(drift(first)).toEqual([]);

        writeFileSync(join(dir, 'docker-compose.yml'), compose(3));
        // A YAML file that is no deployment source changes nothing.
        writeFileSync(join(dir, 'other.yml'), 'x: 1\n');
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'other.yml')).toString(), type: 1 }] });
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'docker-compose.yml')).toString(), type: 2 }] });
        const second = await server.diagnostics(uri, diagnostics => drift(diagnostics).length > 0);
        expect(drift(second)).toEqual(["drift-replicas: The service 'api' declares 2 replicas, but the Compose service 'api' (docker-compose.yml:2) runs 3."]);

        writeFileSync(join(dir, 'docker-compose.yml'), compose(2));
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'docker-compose.yml')).toString(), type: 2 }] });
        const third = await server.diagnostics(uri, diagnostics => drift(diagnostics).length === 0);
        expect(drift(third)).toEqual([]);

        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        expect((await server.exit).code).toBe(0);
    });
});
