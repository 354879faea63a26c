/**
 * Model text never becomes markup in an exported SVG: hostile labels, ids, property values,
 * diagnostic messages and file names, in every view, flow, theme and layout mode, from the
 * library and from `archway export`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configureLayout, renderDiagram, THEME_NAMES } from '../../src/diagram/index.js';
import { escapeHtml, renderPreviewHtml } from '../../src/extension/preview-html.js';
import { checkModel } from '../../src/rules/engine.js';
import { loadText } from '../support/services.js';
import { archway, ensureBuilt } from '../cli/cli-process.js';
import { HOSTILE, hostileModel, svgProblems } from './hostile.js';

let dir = '';
beforeAll(() => {
    configureLayout({ workerPath: false });
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'archway-security-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exported SVG contains no markup from the model', () => {
    test('hostile text everywhere: every view, flow, theme and collapse mode', async () => {
        const { model, diagnostics } = await loadText(hostileModel(), 'evil.arch');
        // The checker quotes hostile values back in its messages: they reach <title> tooltips.
        expect(diagnostics.filter(d => /[<>]/.test(String(d.message))).length, diagnostics.map(d => d.message).join('\n')).toBeGreaterThan(0);
        const findings = checkModel(model).findings;
        let rendered = 0;
        for (const view of model.views.map(v => v.id)) {
            for (const flow of [undefined, ...model.flows.map(f => f.id)]) {
                for (const theme of THEME_NAMES) {
                    for (const collapse of ['never', 'always'] as const) {
                        const { svg, layout } = await renderDiagram(model, { view, flow, theme, collapse, findings });
                        rendered++;
                        expect(svgProblems(svg), `${view}/${flow}/${theme}/${collapse}`).toEqual([]);
                        for (const text of HOSTILE.filter(t => /[<>"&]/.test(t))) expect(svg).not.toContain(text);
                        // The JSON layout carries labels as data, not markup: it is only ever JSON-encoded.
                        expect(() => JSON.parse(JSON.stringify(layout))).not.toThrow();
                    }
                }
            }
        }
        expect(rendered).toBeGreaterThanOrEqual(12);
    }, 120_000);

    test('hostile labels survive as text: the escaped label is what is drawn', async () => {
        const { model } = await loadText('service a "<b>&amp;</b>"\nservice b { -> a : https { timeout: 1s } }\n');
        const { svg } = await renderDiagram(model, {});
        expect(svg).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    });

    test('archway export of a hostile model, and of a file with a hostile name', () => {
        const nameDir = join(dir, '<svg onload=alert(1)> & "quotes"');
        mkdirSync(nameDir, { recursive: true });
        const files = [join(dir, 'evil.arch'), join(nameDir, '<img src=x onerror=alert(2)>.arch')];
        for (const file of files) {
            writeFileSync(file, hostileModel());
            const svgOut = `${file}.svg`;
            const result = archway(['export', file, '-o', svgOut]);
            // 1: the model has findings (errors); the diagram is written all the same.
            expect([0, 1], result.stderr).toContain(result.status);
            const svg = readFileSync(svgOut, 'utf8');
            expect(svgProblems(svg)).toEqual([]);
            expect(svg).not.toContain('<img');
            const json = archway(['export', file, '--format', 'json', '-o', '-']);
            expect([0, 1], json.stderr).toContain(json.status);
            expect(() => JSON.parse(json.stdout)).not.toThrow();
        }
    }, 120_000);

    test('the preview shell escapes a hostile panel title and keeps a strict CSP', () => {
        const title = `Preview ${HOSTILE[1]}${HOSTILE[4]}`;
        const html = renderPreviewHtml({ cspSource: 'https://x.test', nonce: 'abc', scriptUri: 'https://x.test/p.js', styleUri: 'https://x.test/p.css', title });
        expect(html).toContain(`<title>${escapeHtml(title)}</title>`);
        expect(html.match(/<script/g)).toHaveLength(1);
        const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)![1].replace(/&#39;/g, "'");
        expect(csp).toContain("default-src 'none'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    });
});
