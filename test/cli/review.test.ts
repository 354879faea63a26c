/**
 * `archway check --base` and `archway diff` in a temporary git repository with several
 * commits: a moved block and a renamed label (no new findings), a new component, a removed
 * one (a fixed finding), a renamed id, a changed imported file; and the commands of the CI
 * workflow in docs/ci.md, run as written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { archway, ensureBuilt, ROOT } from './cli-process.js';

const PAYMENTS = `zone pci "PCI" {
  trust: private
  service payments "Payments" { replicas: 2 }
}
`;

const ZONE = `zone vpc "VPC" {
  trust: private
  gateway api "API" {
    auth:      jwt { issuer: idp  expiry: 15m  revocation: denylist }
    rateLimit: 100/s
    replicas:  2
    route "/orders" -> orders { forwardIdentity: jwt }
  }
  idp idp "Keycloak" { replicas: 2 }
  service orders "Order service" { replicas: 2 }
  database ordersDb "Orders DB" { engine: "postgres"  replicas: 2 }
  service legacy "Legacy export"
}
`;

const CONNECTIONS = `web -> api : https
orders -> ordersDb : sql+tls { timeout: 1s }
orders -> payments : grpcs { timeout: 3s }
`;

const HEADER = `architecture "Shop"

import "./payments.arch"

client web "Web app" { tokenStorage: memory }
`;

/** Commit 1: the base. One finding: 'legacy' is an orphan. */
const BASE = `${HEADER}\n${ZONE}\n${CONNECTIONS}`;
/** Commit 2: the zone block moved below the connections, and one line renamed (a label). */
const MOVED = `${HEADER}\n${CONNECTIONS}\n${ZONE.replace('"Order service"', '"Orders"')}`;
/** Working tree: a new component 'billing' called over plaintext, 'legacy' removed (its finding fixed). */
const CHANGED = MOVED.replace('  service legacy "Legacy export"\n', '  service billing "Billing" { replicas: 2 }\n')
    + 'orders -> billing : grpc { timeout: 2s }\n';

let repo: string;

function git(...args: string[]): string {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

function commit(files: Record<string, string>, message: string): string {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(repo, name), text);
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
}

function run(...args: string[]) {
    return archway(args, repo);
}

let baseCommit: string;

beforeAll(() => {
    ensureBuilt();
    repo = mkdtempSync(join(tmpdir(), 'archway-review-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    git('config', 'commit.gpgsign', 'false');
    baseCommit = commit({ 'shop.arch': BASE, 'payments.arch': PAYMENTS }, 'base');
    // A pull request's branch: main stays at the base.
    git('checkout', '-q', '-b', 'feature');
    commit({ 'shop.arch': MOVED }, 'move the zone, rename a label');
    writeFileSync(join(repo, 'shop.arch'), CHANGED);
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('archway check --base', () => {
    test('a moved block and a renamed label bring no new and no fixed findings', () => {
        git('stash', '-q');
        try {
            const result = run('check', '--base', 'HEAD~1');
            expect(result.status).toBe(0);
            expect(result.stdout).toBe('2 files checked against HEAD~1: 0 new errors, 0 new warnings, 0 new infos; 1 unchanged, 0 fixed.\n');
        } finally {
            git('stash', 'pop', '-q');
        }
    });

    test('lists only the new findings, then the fixed ones with their line at the base', () => {
        const result = run('check', '--base', 'HEAD');
        expect(result.status).toBe(0);
        expect(result.stdout).toBe([
            'shop.arch:11:6 info plaintext-connection The connection \'orders -> billing\' inside the zone \'vpc\' uses plaintext \'grpc\'; consider \'grpcs\', or mtls: true on the zone if a service mesh encrypts it.',
            'Fixed since HEAD:',
            '  shop.arch:22:11 warning orphan-component The service \'legacy\' has no connections and nothing references it; connect it or remove it.',
            '2 files checked against HEAD: 0 new errors, 0 new warnings, 1 new info; 0 unchanged, 1 fixed.',
            '',
        ].join('\n'));
    });

    test('JSON marks every finding new or unchanged, with the elements that match it, and lists the fixed ones', () => {
        const report = JSON.parse(run('check', '--base', 'main', '--format', 'json').stdout) as {
            base: { ref: string; commit: string };
            diagnostics: { code: string; line: number; elements: string[]; baselineState: string }[];
            fixed: { code: string; line: number; elements: string[]; baselineState: string }[];
        };
        expect(report.base).toEqual({ ref: 'main', commit: git('rev-parse', 'main') });
        expect(report.diagnostics.map(d => [d.code, d.elements, d.baselineState])).toEqual([['plaintext-connection', ['vpc'], 'new']]);
        expect(report.fixed.map(d => [d.code, d.line, d.elements, d.baselineState])).toEqual([['orphan-component', 18, ['legacy'], 'absent']]);
    });

    test('SARIF carries baselineState new, unchanged and absent', () => {
        writeFileSync(join(repo, 'shop.arch'), CHANGED + 'service spare\n');
        try {
            const sarif = JSON.parse(run('check', '--base', baseCommit, '--format', 'sarif').stdout) as { runs: { results: { ruleId: string; baselineState: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
            const results = sarif.runs[0].results.map(r => [r.ruleId, r.baselineState, r.locations[0].physicalLocation.region.startLine]);
            expect(results).toEqual([
                ['plaintext-connection', 'new', 11],
                ['orphan-component', 'new', 25],
                ['orphan-component', 'absent', 18],
            ]);
        } finally {
            writeFileSync(join(repo, 'shop.arch'), CHANGED);
        }
    });

    test('a new error fails the check; errors that were already there do not', () => {
        writeFileSync(join(repo, 'shop.arch'), CHANGED + 'web -> orders : http\n');
        const fresh = run('check', '--base', 'HEAD');
        let committed = false;
        try {
            expect(fresh.status).toBe(1);
            expect(fresh.stdout).toMatch(/^shop\.arch:25:1 error gateway-bypass /m);
            git('commit', '-q', '-am', 'bypass');
            committed = true;
            const old = run('check', '--base', 'HEAD');
            expect(old.status).toBe(0);
            expect(old.stdout).toMatch(/^2 files checked against HEAD: 0 new errors, 0 new warnings, 0 new infos; \d+ unchanged, 0 fixed\.\n$/);
        } finally {
            if (committed) git('reset', '-q', 'HEAD~1');
            writeFileSync(join(repo, 'shop.arch'), CHANGED);
        }
    });

    test('an unknown revision, an option-like revision and a folder outside git are usage errors', () => {
        expect([run('check', '--base', 'no-such-branch').status, run('check', '--base', 'no-such-branch').stderr])
            .toEqual([2, "archway check: Unknown git revision 'no-such-branch' (a shallow clone may need `git fetch` of it first).\n"]);
        expect(run('check', '--base=--upload-pack=touch pwned').stderr).toBe("archway check: '--upload-pack=touch pwned' is not a git revision.\n");
        const outside = mkdtempSync(join(tmpdir(), 'archway-nogit-'));
        try {
            writeFileSync(join(outside, 'a.arch'), 'service a\n');
            const result = archway(['check', '--base', 'main'], outside);
            expect([result.status, result.stderr]).toEqual([2, `archway check: '${outside}' is not inside a git repository; --base and diff compare with a git revision.\n`]);
        } finally {
            rmSync(outside, { recursive: true, force: true });
        }
    });
});

describe('archway diff', () => {
    test('text: the new component, the removed one, and the renamed label since the base', () => {
        const result = run('diff', 'main');
        expect(result.status).toBe(0);
        expect(result.stdout).toBe([
            'Architecture changes since main:',
            '',
            'Components:',
            '  + service billing "Billing" in vpc',
            '  - service legacy "Legacy export" in vpc',
            '  ~ service orders "Orders" in vpc: label: Order service → Orders',
            '',
            'Connections:',
            '  + orders -> billing : grpc',
            '',
            'Findings: 1 new, 1 fixed.',
            "  new   shop.arch:11 info plaintext-connection The connection 'orders -> billing' inside the zone 'vpc' uses plaintext 'grpc'; consider 'grpcs', or mtls: true on the zone if a service mesh encrypts it.",
            "  fixed shop.arch:18 warning orphan-component The service 'legacy' has no connections and nothing references it; connect it or remove it.",
            '',
        ].join('\n'));
    });

    test('a moved block is no change', () => {
        expect(run('diff', 'HEAD', 'shop.arch').stdout).not.toContain('Zones');
        git('stash', '-q');
        try {
            expect(run('diff', 'HEAD').stdout).toBe('No architecture changes since HEAD.\n');
        } finally {
            git('stash', 'pop', '-q');
        }
    });

    test('JSON: added, removed, changed, renamed, with property changes; a renamed id is one rename', () => {
        writeFileSync(join(repo, 'shop.arch'), CHANGED.replaceAll('ordersDb', 'orderStore'));
        writeFileSync(join(repo, 'payments.arch'), PAYMENTS.replace('replicas: 2', 'replicas: 3'));
        try {
            const diff = JSON.parse(run('diff', 'HEAD', '--format', 'json').stdout) as {
                components: { added: { id: string }[]; removed: { id: string }[]; changed: { id: string; changes: unknown[] }[]; renamed: unknown[] };
                connections: { added: { text: string }[]; removed: { text: string }[]; changed: unknown[] };
            };
            expect(diff.components.added.map(e => e.id)).toEqual(['billing']);
            expect(diff.components.removed.map(e => e.id)).toEqual(['legacy']);
            expect(diff.components.renamed).toEqual([{ from: 'ordersDb', to: 'orderStore', kind: 'database' }]);
            expect(diff.components.changed).toEqual([{ id: 'payments', kind: 'service', text: 'service payments "Payments" in pci', changes: [{ field: 'replicas', before: '2', after: '3' }] }]);
            // The connection to the renamed database is the same connection.
            expect(diff.connections.added.map(e => e.text)).toEqual(['orders -> billing : grpc']);
            expect(diff.connections.removed).toEqual([]);
        } finally {
            git('checkout', '-q', '--', 'payments.arch');
            writeFileSync(join(repo, 'shop.arch'), CHANGED);
        }
    });

    test('Markdown: a pull-request comment with the marker, a summary table, changes and findings', () => {
        const markdown = run('diff', 'main', '--format', 'markdown').stdout;
        expect(markdown.split('\n').slice(0, 9)).toEqual([
            '<!-- archway-diff -->',
            '### Architecture changes since `main`',
            '',
            '| | Added | Removed | Renamed | Changed |',
            '|---|---:|---:|---:|---:|',
            '| Components | 1 | 1 | 0 | 1 |',
            '| Connections | 1 | 0 | 0 | 0 |',
            '',
            '**Components**',
        ]);
        expect(markdown).toContain('- ➕ `service billing "Billing" in vpc`');
        expect(markdown).toContain('- ✏️ `service orders "Orders" in vpc`: label: Order service → Orders');
        expect(markdown).toContain('**Findings:** 1 new, 1 fixed.');
        expect(markdown).toContain("- 🟠 warning [`orphan-component`](https://github.com/archway-dev/archway/blob/main/docs/rules/orphan-component.md) `shop.arch:18`: The service 'legacy' has no connections and nothing references it; connect it or remove it.");
    });

    test('SVG: the added component highlighted, the removed one faded, the changed one marked', () => {
        const svg = run('diff', 'main', 'shop.arch', '--format', 'svg').stdout;
        expect(svg).toMatch(/^<svg /);
        expect(svg).toMatch(/<g class="aw-node" data-id="billing" [^>]*data-change="added"/);
        expect(svg).toMatch(/<g class="aw-node" data-id="legacy" [^>]*data-change="removed" opacity="0.4"/);
        expect(svg).toMatch(/<g class="aw-node" data-id="orders" [^>]*data-change="changed"/);
        expect(svg).toMatch(/<g class="aw-edge" data-id="orders-&gt;billing" [^>]*data-change="added"/);
        expect(svg).not.toMatch(/data-id="api"[^>]*data-change/);
        expect(svg).toContain('removed (faded)');
    });

    test('PNG needs a file; a missing revision is a usage error', () => {
        expect(run('diff', 'main', '--format', 'png').status).toBe(2);
        const out = join(repo, 'diff.png');
        expect(run('diff', 'main', 'shop.arch', '--format', 'png', '-o', out).status).toBe(0);
        expect(readFileSync(out).subarray(1, 4).toString('latin1')).toBe('PNG');
        rmSync(out);
        expect(run('diff').status).toBe(2);
    });
});

describe('the CI workflow of docs/ci.md', () => {
    test('runs its archway commands as written, against origin/<base>', () => {
        const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
        const block = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
        expect(block).toBeDefined();
        const workflow = parseYaml(block!) as { jobs: { archway: { env: Record<string, string>; steps: { run?: string; id?: string }[] } } };
        const commands = workflow.jobs.archway.steps.map(step => step.run ?? '').filter(run => run.startsWith('npx archway'));
        expect(commands).toHaveLength(2);
        // The pull request's base branch, as actions/checkout leaves it.
        git('update-ref', 'refs/remotes/origin/main', git('rev-parse', 'main'));
        const base = workflow.jobs.archway.env.BASE.replace('${{ github.base_ref }}', 'main');
        expect(base).toBe('origin/main');
        for (const command of commands) {
            const [, args, output] = /^npx archway (.*) > (\S+)$/.exec(command) ?? [];
            const argv = args.split(' ').map(arg => arg.replace(/^"\$BASE"$/, base));
            const result = run(...argv);
            expect(result.status, command).toBe(0);
            writeFileSync(join(repo, output), result.stdout);
        }
        const sarif = JSON.parse(readFileSync(join(repo, 'archway.sarif'), 'utf8')) as { version: string; runs: { results: { baselineState: string }[] }[] };
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs[0].results.map(r => r.baselineState)).toEqual(['new', 'absent']);
        expect(readFileSync(join(repo, 'archway-diff.md'), 'utf8')).toMatch(/^<!-- archway-diff -->\n### Architecture changes since `origin\/main`/);
    });
});
