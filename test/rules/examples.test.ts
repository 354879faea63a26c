import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../support/services.js';
import { resolveSettings } from '../../src/rules/config.js';
import { check } from './rule-tester.js';
import { exampleWorkspaces } from '../support/examples.js';

const WORKSPACES = exampleWorkspaces();

/** The files of one example folder, root file first (the one nothing else imports). */
function exampleFiles(folder: string): Record<string, string> {
    const texts = WORKSPACES.get(folder)!;
    const names = Object.keys(texts);
    const imported = new Set(names.filter(n => names.some(m => m !== n && texts[m].includes(`"./${n}"`))));
    const ordered = [...names.filter(n => !imported.has(n)), ...names.filter(n => imported.has(n))];
    return Object.fromEntries(ordered.map(n => [n, texts[n]]));
}

/** `code@file:line` of every error and warning (infos left out). */
async function problems(folder: string, settings = {}): Promise<string[]> {
    const { findings } = await check(exampleFiles(folder), settings);
    return findings.filter(f => f.severity === 'error' || f.severity === 'warning')
        .map(f => `${f.code}@${f.location.uri.slice(f.location.uri.lastIndexOf('/') + 1)}:${f.location.range.start.line + 1}`);
}

describe('the well-architected example', () => {
    it('parses without syntax errors and has no diagnostics in the editor', async () => {
        const workspace = await loadWorkspace(exampleFiles('well-architected'));
        expect(workspace.diagnostics('system.arch').map(d => `${String(d.code)}: ${String(d.message)}`)).toEqual([]);
    });
    it('has no errors or warnings under recommended', async () => {
        expect(await problems('well-architected')).toEqual([]);
    });
    it('has no errors or warnings under strict either', async () => {
        expect(await problems('well-architected', resolveSettings({ extends: 'strict' }))).toEqual([]);
    });
});

/**
 * What an example promises: each `// expect: rule-a, rule-b` comment names the errors and
 * warnings reported on the next line that is not a comment. Infos are not listed.
 */
function promised(folder: string): string[] {
    const expected: string[] = [];
    for (const [name, text] of Object.entries(exampleFiles(folder))) {
        const lines = text.split('\n');
        lines.forEach((line, i) => {
            const match = /\/\/\s*expect:\s*(.+)$/.exec(line);
            if (!match) return;
            let target = i + 1;
            while (target < lines.length && /^\s*(\/\/.*)?$/.test(lines[target])) target++;
            for (const code of match[1].split(',').map(c => c.trim()).filter(Boolean)) expected.push(`${code}@${name}:${target + 1}`);
        });
    }
    return expected;
}

const PROMISED: Record<string, string[]> = Object.fromEntries(
    [...WORKSPACES.keys()].filter(folder => folder !== 'well-architected').map(folder => [folder, promised(folder)]));

describe('the examples report what their comments promise', () => {
    for (const [folder, expected] of Object.entries(PROMISED)) {
        it(`examples/${folder} reports exactly ${expected.map(e => e.split('@')[0]).join(', ')}`, async () => {
            expect((await problems(folder)).sort()).toEqual([...expected].sort());
        });
    }
});
