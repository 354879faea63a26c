/**
 * `archway import compose|kubernetes` as a process: output, `-o`, `--name`, exit codes, and
 * bad input (binary files, alias bombs, huge files, Helm templates, unknown schemas) reported
 * with file and line while the rest is still imported. (The same command's other sources are
 * tested in `test/interop/import-cli.test.ts`.)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { archway, ensureBuilt, ROOT } from './cli-process.js';

const DEPLOY = join(ROOT, 'test/fixtures/deploy');
const VOTING = join(DEPLOY, 'voting-app/docker-compose.yml');
const BOUTIQUE = join(DEPLOY, 'online-boutique');
let dir: string;

beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'archway-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
}

describe('archway import', () => {
    test('writes the model to stdout and a summary to stderr, exit 0', () => {
        const result = archway(['import', 'compose', VOTING]);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^\/\/ Imported with `archway import compose` from /);
        expect(result.stdout).toContain('database db {');
        // 5 services and the worker; the vote and result fronts are reached from the added client.
        expect(result.stderr).toBe('Imported 3 zones, 7 components, 0 channels, 7 connections, 0 views and 0 flows; 15 `// import:` notes to review.\n');
    });

    test('-o writes the same text; an existing file needs --force', () => {
        const out = join(dir, 'voting.arch');
        const first = archway(['import', 'compose', VOTING, '-o', out, '--name', 'Voting app']);
        expect([first.status, first.stdout]).toEqual([0, '']);
        const written = readFileSync(out, 'utf8');
        expect(written).toContain('architecture "Voting app"');
        const again = archway(['import', 'compose', VOTING, '-o', out]);
        expect([again.status, again.stderr]).toEqual([2, `archway import: '${out}' exists; use --force to overwrite it.\n`]);
        expect(readFileSync(out, 'utf8')).toBe(written);
        expect(archway(['import', 'compose', VOTING, '-o', out, '--force', '--name', 'Voting app']).status).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(written);
    });

    test('the written model passes `archway check` without model problems and exports as SVG', () => {
        const out = join(dir, 'boutique.arch');
        expect(archway(['import', 'kubernetes', BOUTIQUE, '-o', out, '--force']).status).toBe(0);
        const check = archway(['check', out, '--format', 'json']);
        const codes = new Set((JSON.parse(check.stdout) as { diagnostics: { code: string }[] }).diagnostics.map(d => d.code));
        for (const problem of ['syntax-error', 'unknown-property', 'invalid-property-value', 'unresolved-reference', 'duplicate-id']) expect(codes.has(problem), problem).toBe(false);
        const svg = archway(['export', out, '-o', '-']);
        expect(svg.stdout).toMatch(/^<svg[\s\S]*data-id="redis-cart"[\s\S]*<\/svg>\s*$/);
    });

    test('usage errors exit 2', () => {
        expect(archway(['import']).status).toBe(2);
        const unknown = archway(['import', 'helm', 'x']);
        expect([unknown.status, unknown.stderr.split('\n')[0]]).toEqual([2, "archway import: Unknown source 'helm'; use likec4, structurizr, compose, kubernetes."]);
        expect(archway(['import', 'kubernetes']).status).toBe(2);
    });
});

describe('archway import: bad input', () => {
    test('a binary file, an alias bomb, a 50 MB manifest and a Helm template are each named with a reason; the rest is imported (exit 1)', () => {
        const binary = file('bad/logo.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
        const huge = file('bad/huge.yaml', Buffer.alloc(50 * 1024 * 1024, 'a: b\n'));
        const bomb = join(DEPLOY, 'bad/alias-bomb.yaml');
        const helm = join(DEPLOY, 'bad/helm-ingress.yaml');
        const result = archway(['import', 'kubernetes', binary, bomb, huge, helm, BOUTIQUE]);
        expect(result.status).toBe(1);
        const lines = result.stderr.trim().split('\n');
        const shown = (path: string): string => relative(ROOT, path); // inside the working folder: relative
        // Files that cannot be read come first, then what parsing the rest found.
        expect(lines.slice(0, 4)).toEqual([
            `${binary}: A binary file, not text.`,
            `${huge}: 50.0 MB; files over 10 MB are not read.`,
            `${shown(bomb)}:8:10: The document expands its aliases into too much data (a "billion laughs" alias bomb?); it is not imported.`,
            `${shown(helm)}:7:1: The file is a template, not plain YAML (\`{{ … }}\` on line 7); render it first (\`helm template …\` or \`kustomize build …\`) and import the output.`,
        ]);
        // 12 workloads and the client the import adds in the Internet zone; 16 calls and the client's.
        expect(lines[4]).toBe('Imported 1 zone, 13 components, 0 channels, 17 connections, 0 views and 0 flows; 32 `// import:` notes to review.');
        expect(lines[5]).toBe('4 problems in the input; the model holds what could be read.');
        expect(result.stdout).toContain('cache redis-cart');
    });

    test('nothing readable: exit 2', () => {
        const binary = file('only/logo.yaml', Buffer.from([0x00, 0x01, 0x02]));
        const result = archway(['import', 'kubernetes', binary]);
        expect([result.status, result.stdout]).toEqual([2, '']);
        expect(result.stderr).toBe(`${binary}: A binary file, not text.\nNothing could be imported.\n`);
    });

    test('YAML syntax errors and text that is not UTF-8 name their line', () => {
        const broken = file('syntax/broken.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a: b\n');
        const latin1 = file('syntax/latin1.yaml', Buffer.concat([Buffer.from('kind: Pod\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
        const result = archway(['import', 'kubernetes', broken, latin1]);
        expect(result.status).toBe(2);
        expect(result.stderr.split('\n').slice(0, 3)).toEqual([
            `${latin1}:2: Not UTF-8 text.`,
            expect.stringMatching(new RegExp(`^${escape(broken)}:4:\\d+: The file is not valid YAML: `)),
            'Nothing could be imported.',
        ]);
    });

    test('unknown schemas: a Compose file given as a manifest, a manifest given as a Compose file, other YAML', () => {
        const config = file('schema/config.yaml', 'retries: 3\nhosts: [a, b]\n');
        const asKubernetes = archway(['import', 'kubernetes', VOTING, config]);
        expect(asKubernetes.status).toBe(2);
        expect(asKubernetes.stderr).toContain(`${relative(ROOT, VOTING)}:5: Document 1 has no apiVersion and kind: not a Kubernetes manifest; it is skipped. It looks like a Compose file: use \`archway import compose\`.`);
        expect(asKubernetes.stderr).toContain(`${config}:1: Document 1 has no apiVersion and kind: not a Kubernetes manifest; it is skipped.`);
        const manifest = join(BOUTIQUE, 'redis.yaml');
        const asCompose = archway(['import', 'compose', manifest]);
        expect(asCompose.status).toBe(2);
        expect(asCompose.stderr).toContain(`${relative(ROOT, manifest)}:6: Document 1 has no \`services\` mapping: not a Compose file; it is skipped. It looks like a Kubernetes manifest: use \`archway import kubernetes\`.`);
    });

    test('a Helm chart folder is named as such (none of its templates is read); a missing path is a usage error', () => {
        file('chart/Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
        file('chart/templates/deployment.yaml', 'kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n');
        const result = archway(['import', 'kubernetes', join(dir, 'chart')]);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(`${join(dir, 'chart')}: The folder is a Helm chart; render it first (\`helm template …\` or \`kustomize build …\`) and import the output.\nNothing could be imported.\n`);
        const beside = archway(['import', 'kubernetes', join(dir, 'chart'), join(BOUTIQUE, 'redis.yaml')]);
        expect([beside.status, beside.stdout.includes('cache redis-cart')]).toEqual([1, true]);
        const missing = archway(['import', 'kubernetes', join(dir, 'nowhere')]);
        expect([missing.status, missing.stderr.split('\n')[0]]).toEqual([2, `archway import: No such file or folder: '${join(dir, 'nowhere')}'.`]);
    });

    test('a quoted template expression that parses as YAML is still refused where a name is expected', () => {
        const templated = file('templated/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "{{ .Release.Name }}-api"\nspec:\n  template:\n    spec:\n      containers: []\n');
        const result = archway(['import', 'kubernetes', templated]);
        expect(result.status).toBe(2);
        expect(result.stderr.split('\n')[0]).toBe(`${templated}:4: This object holds a template expression (\`{{ … }}\`) where a name is expected; render the templates first and import the output.`);
    });
});

describe('the CLI bundles', () => {
    test('`archway check` does not load the importer or its YAML parser', () => {
        const check = readFileSync(join(ROOT, 'out/cli/main.cjs'), 'utf8');
        expect(check).toContain('./import.cjs');
        expect(check).not.toContain('billion laughs');
        expect(check).not.toContain('Excessive alias count');
    });

    test('`archway check` and `export` do not load the language server protocol\'s request types; `archway lsp` does', () => {
        // Langium's core takes only cancellation, events and an error class from the protocol:
        // those come from vscode-jsonrpc (src/cli/langium-protocol-core.ts).
        const bundle = (name: string) => readFileSync(join(ROOT, 'out/cli', name), 'utf8');
        for (const name of ['main.cjs', 'export.cjs']) {
            expect(bundle(name), name).not.toContain('textDocument/semanticTokens');
            expect(bundle(name), name).toContain('CancellationTokenSource');
        }
        expect(bundle('lsp.cjs')).toContain('textDocument/semanticTokens');
    });
});

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('drift in archway check', () => {
    test('an imported model has no drift against its files; a changed manifest shows as drift; unreadable deployment files are warned about', () => {
        const project = join(dir, 'drift');
        mkdirSync(join(project, 'k8s'), { recursive: true });
        for (const name of ['frontend.yaml', 'cartservice.yaml', 'redis.yaml']) writeFileSync(join(project, 'k8s', name), readFileSync(join(BOUTIQUE, name)));
        writeFileSync(join(project, 'archway.json'), '{ "deployment": { "kubernetes": ["k8s/"] } }\n');
        expect(archway(['import', 'kubernetes', 'k8s', '-o', 'shop.arch'], project).status).toBe(0);
        const clean = archway(['check', 'shop.arch', '--format', 'json'], project);
        const codes = (text: string) => (JSON.parse(text) as { diagnostics: { code: string; message: string }[] }).diagnostics.filter(d => d.code.startsWith('drift-'));
        expect(codes(clean.stdout)).toEqual([]);

        const cart = join(project, 'k8s', 'cartservice.yaml');
        writeFileSync(cart, readFileSync(cart, 'utf8').replace('spec:\n  selector:', 'spec:\n  replicas: 2\n  selector:'));
        writeFileSync(join(project, 'k8s', 'broken.yaml'), Buffer.from([0, 1, 2]));
        const drifted = archway(['check', 'shop.arch', '--format', 'json'], project);
        expect(codes(drifted.stdout).map(d => d.message)).toEqual(["The service 'cartservice' declares 1 replica, but the Deployment 'cartservice' (k8s/cartservice.yaml:6) runs 2."]);
        expect(drifted.stderr).toBe(`archway check: warning: a deployment file named in archway.json could not be read: ${join(project, 'k8s', 'broken.yaml')}: A binary file, not text.\n`);
    });
});
