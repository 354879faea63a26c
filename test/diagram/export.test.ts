import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.js';
import { layoutProblems, parseXml, unsafeParts } from './diagram-helpers.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'design-example.arch');
let dir: string;

function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'archway-export-'));
    cpSync(fixture, join(dir, 'shop.arch'));
    writeFileSync(join(dir, 'payments.arch'), 'zone pci "PCI" { trust: private\n  service payments "Payments"\n}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('archway export', () => {
    it('writes an SVG next to the input when no output is named', async () => {
        const { io: cli, err } = io();
        const code = await runExport([join(dir, 'shop.arch')], cli);
        expect(err.join('')).toContain('shop.svg');
        expect(code).toBe(0);
        const svg = readFileSync(join(dir, 'shop.svg'), 'utf8');
        expect(parseXml(svg).name).toBe('svg');
        expect(unsafeParts(svg)).toEqual([]);
        expect(svg).toContain('Payments');
    });

    it('names the default output after the view or flow', async () => {
        const { io: cli } = io();
        expect(await runExport([join(dir, 'shop.arch'), '--view', 'ordering'], cli)).toBe(0);
        expect(existsSync(join(dir, 'shop.ordering.svg'))).toBe(true);
        expect(await runExport([join(dir, 'shop.arch'), '--flow', 'checkout', '--format', 'json'], cli)).toBe(0);
        expect(existsSync(join(dir, 'shop.checkout.json'))).toBe(true);
    });

    it('writes a valid PNG of the diagram size times the scale', async () => {
        const { io: cli, out } = io();
        expect(await runExport([join(dir, 'shop.arch'), '--format', 'json', '-o', '-'], cli)).toBe(0);
        const layout = JSON.parse(out.join(''));
        const png = join(dir, 'out.png');
        expect(await runExport([join(dir, 'shop.arch'), '-o', png], io().io)).toBe(0);
        expect(pngSize(readFileSync(png))).toEqual({ width: Math.ceil(layout.width), height: Math.ceil(layout.height) });
        expect(await runExport([join(dir, 'shop.arch'), '-o', png, '--scale', '2', '--theme', 'dark'], io().io)).toBe(0);
        expect(pngSize(readFileSync(png))).toEqual({ width: Math.ceil(layout.width) * 2, height: Math.ceil(layout.height) * 2 });
    });

    it('prints the laid-out graph as JSON with absolute coordinates', async () => {
        const { io: cli, out } = io();
        expect(await runExport([join(dir, 'shop.arch'), '--format', 'json', '-o', '-', '--view', 'ordering'], cli)).toBe(0);
        const layout = JSON.parse(out.join(''));
        expect(layout.view).toBe('ordering');
        expect(layout.nodes[0]).toEqual(expect.objectContaining({ id: expect.any(String), x: expect.any(Number), y: expect.any(Number), width: expect.any(Number), height: expect.any(Number), label: expect.any(String), kind: expect.any(String) }));
        expect(layout.edges[0]).toEqual(expect.objectContaining({ id: expect.any(String), source: expect.any(String), target: expect.any(String), points: expect.any(Array), label: expect.any(String) }));
        expect(layoutProblems(layout)).toEqual([]);
    });

    it('draws every zone as one box with --collapse always, and opens the ones named by --expand', async () => {
        const roles = async (...extra: string[]) => {
            const { io: cli, out } = io();
            expect(await runExport([join(dir, 'shop.arch'), '--format', 'json', '-o', '-', ...extra], cli)).toBe(0);
            const layout = JSON.parse(out.join('')) as { nodes: Array<{ id: string; role: string }> };
            return Object.fromEntries(layout.nodes.filter(n => n.role.endsWith('zone')).map(n => [n.id, n.role]));
        };
        expect(await roles('--collapse', 'always')).toMatchObject({ pci: 'collapsed-zone' });
        expect(await roles('--collapse', 'always', '--expand', 'pci')).toMatchObject({ pci: 'zone' });
    });

    it('names the zones when --expand names one the model does not have', async () => {
        await expect(runExport([join(dir, 'shop.arch'), '--collapse', 'always', '--expand', 'pcy', '-o', '-'], io().io)).rejects.toThrow(/no zone, broker or group of top-level zones named 'pcy'\. Zones: .*pci/);
        // A group is named after a top-level zone in it; a component or an unknown name is no group.
        await expect(runExport([join(dir, 'shop.arch'), '--collapse', 'always', '--expand', 'group:payments', '-o', '-'], io().io)).rejects.toThrow(/named 'group:payments'/);
        const { io: cli } = io();
        expect(await runExport([join(dir, 'shop.arch'), '--format', 'json', '--collapse', 'always', '--expand', 'group:pci', '-o', '-'], cli)).toBe(0);
        await expect(runExport([join(dir, 'shop.arch'), '--collapse', 'sometimes'], io().io)).rejects.toThrow(/Unknown collapse mode/);
    });

    it('rejects bad usage with exit code 2', async () => {
        await expect(runExport([], io().io)).rejects.toThrow(/Name one .arch file/);
        await expect(runExport([join(dir, 'shop.arch'), '--format', 'gif'], io().io)).rejects.toThrow(/Unknown format/);
        await expect(runExport([join(dir, 'shop.arch'), '--theme', 'pink'], io().io)).rejects.toThrow(/Unknown theme/);
        await expect(runExport([join(dir, 'shop.arch'), '--view', 'nope', '-o', '-'], io().io)).rejects.toThrow(/No view named 'nope'/);
        await expect(runExport([join(dir, 'missing.arch')], io().io)).rejects.toThrow(/missing\.arch/);
        await expect(runExport([join(dir, 'shop.arch'), '--format', 'png', '-o', '-'], io().io)).rejects.toThrow(/stdout/);
    });

    it('exits 0 for a model whose only errors are rule findings, and says how many on stderr', async () => {
        // A client talking straight to a database over plaintext: two rule errors, not a hole in the picture.
        writeFileSync(join(dir, 'findings.arch'), 'client web "Web"\ndatabase db "DB"\nweb -> db : tcp\n');
        const { io: cli, err } = io();
        expect(await runExport([join(dir, 'findings.arch'), '-o', join(dir, 'findings.svg')], cli)).toBe(0);
        expect(existsSync(join(dir, 'findings.svg'))).toBe(true);
        const stderr = err.join('');
        expect(stderr).toMatch(/The model has 3 rule findings \(2 errors, 1 warning\); run 'archway check .*findings\.arch' to see them\./);
        expect(stderr).not.toMatch(/incomplete/);
    });

    it('draws the findings the model\'s archway.json leaves on, as `archway check` reports them', async () => {
        const model = 'client web "Web"\ndatabase db "DB"\nweb -> db : tcp\n';
        writeFileSync(join(dir, 'badges.arch'), model);
        const { io: plain, err: plainErr } = io();
        expect(await runExport([join(dir, 'badges.arch'), '-o', join(dir, 'badges.svg')], plain)).toBe(0);
        expect(plainErr.join('')).toContain('3 rule findings');
        expect(readFileSync(join(dir, 'badges.svg'), 'utf8')).toContain('data-badge="error"');
        const configured = join(dir, 'configured');
        mkdirSync(configured);
        writeFileSync(join(configured, 'archway.json'), '{ "rules": { "client-direct-datastore-access": "off", "plaintext-connection": "off", "single-point-of-failure": "off" } }');
        writeFileSync(join(configured, 'badges.arch'), model);
        const { io: cli, err } = io();
        expect(await runExport([join(configured, 'badges.arch'), '-o', join(configured, 'badges.svg')], cli)).toBe(0);
        expect(err.join('')).not.toMatch(/finding/);
        expect(readFileSync(join(configured, 'badges.svg'), 'utf8')).not.toContain('data-badge');
    });

    it('exits 0 and says nothing about findings for a clean model', async () => {
        writeFileSync(join(dir, 'clean.arch'), 'client web\nservice orders { replicas: 2  public: true }\nloadbalancer lb { replicas: 2 }\nweb -> lb : https\nlb -> orders : https\n');
        const { io: cli, err } = io();
        const code = await runExport([join(dir, 'clean.arch'), '-o', join(dir, 'clean.svg')], cli);
        expect(err.join('')).not.toMatch(/finding|incomplete/);
        expect(code).toBe(0);
    });

    it('still draws a model with a syntax error or an unresolved reference but exits with 1, naming the places', async () => {
        writeFileSync(join(dir, 'broken.arch'), 'service a "A"\nservice b "B"\na -> nowhere : https\n');
        const { io: cli, err } = io();
        expect(await runExport([join(dir, 'broken.arch'), '-o', join(dir, 'broken.svg')], cli)).toBe(1);
        expect(err.join('')).toMatch(/broken\.arch:3:6 error .*'nowhere'/);
        expect(err.join('')).toMatch(/The diagram may be incomplete: the input has 1 syntax error or unresolved reference\./);
        expect(existsSync(join(dir, 'broken.svg'))).toBe(true);

        writeFileSync(join(dir, 'syntax.arch'), 'service a "A"\nservice b "B"\na -> : https\n');
        const syntax = io();
        expect(await runExport([join(dir, 'syntax.arch'), '-o', join(dir, 'syntax.svg')], syntax.io)).toBe(1);
        expect(syntax.err.join('')).toMatch(/syntax\.arch:3:\d+ error /);
        expect(existsSync(join(dir, 'syntax.svg'))).toBe(true);
    });
});
