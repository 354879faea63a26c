/**
 * The code-action provider itself: "Suppress with @allow…", the preferred flag, quick fixes
 * looked up on the server (never taken from a diagnostic's data), lazily resolved fixes and what
 * it does with a resolve handle it cannot trust. Each rule's quick fixes are tested with the rule
 * (the rule tester's `output` and `fixes`).
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { loadText, loadWorkspace, type Workspace } from '../support/services.js';
import { ArchwayCodeActionProvider } from '../../src/lsp/code-actions.js';
import { parseFixHandle } from '../../src/lsp/fix-handle.js';
import type { LangiumDocument } from 'langium';

/** The workspace's own provider (its findings are the checker's), eager unless `lazy`. */
function providerOf(workspace: Workspace, lazy = false): ArchwayCodeActionProvider {
    const checker = workspace.services.archway.ModelChecker;
    return new ArchwayCodeActionProvider(document => checker.findingsIn(document), { resolveLazily: () => lazy });
}

async function actionsOn(document: LangiumDocument, diagnostic: Diagnostic, provider: ArchwayCodeActionProvider): Promise<CodeAction[]> {
    return await provider.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
}

/** The code actions offered for the first diagnostic of `code`. */
async function actionsFor(text: string, code: string, lazy = false): Promise<{ diagnostic: Diagnostic; actions: CodeAction[]; document: LangiumDocument; provider: ArchwayCodeActionProvider }> {
    const workspace = await loadWorkspace({ 'main.arch': text });
    const document = workspace.documents.get('main.arch')!;
    const diagnostics = document.diagnostics ?? [];
    const diagnostic = diagnostics.find(d => d.code === code);
    if (!diagnostic) throw new Error(`No '${code}' diagnostic in:\n${text}\n(got ${diagnostics.map(d => d.code).join(', ')})`);
    const provider = providerOf(workspace, lazy);
    return { diagnostic, actions: await actionsOn(document, diagnostic, provider), document, provider };
}

function apply(text: string, action: CodeAction): string {
    const edits = Object.values(action.edit!.changes!)[0];
    return TextDocument.applyEdits(TextDocument.create('file:///x.arch', 'arch', 1, text), edits);
}

describe('Suppress with @allow…', () => {
    const SUPPRESSIBLE = [
        { rule: 'orphan-component', text: 'zone z {\n  service legacy\n}' },
        { rule: 'sync-call-without-timeout', text: 'service a\nservice b\na -> b : grpcs' },
        { rule: 'consumer-without-dlq', text: 'broker bus {\n  queue q\n}' },
        { rule: 'missing-identity-propagation', text: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders' },
        { rule: 'jwt-missing-expiry', text: 'service api {\n  auth: jwt { revocation: denylist }\n}' },
    ];
    for (const c of SUPPRESSIBLE) {
        it(`suppresses '${c.rule}' and the text stays valid`, async () => {
            const { actions } = await actionsFor(c.text, c.rule);
            const suppress = actions.find(a => a.title === `Suppress '${c.rule}' with @allow…`)!;
            const fixed = apply(c.text, suppress);
            const result = await loadText(fixed);
            const syntaxErrors = result.document.parseResult.parserErrors.length + result.document.parseResult.lexerErrors.length;
            const remaining = result.diagnostics.filter(d => d.code === c.rule || d.code === 'allow-without-reason').map(d => String(d.message));
            expect({ syntaxErrors, remaining, fixed }).toEqual({ syntaxErrors: 0, remaining: [], fixed });
        });
    }
    it('indents the annotation like the element', async () => {
        const { actions } = await actionsFor('zone z {\n  service legacy\n}', 'orphan-component');
        const suppress = actions.find(a => a.title.startsWith('Suppress'))!;
        expect(apply('zone z {\n  service legacy\n}', suppress)).toBe('zone z {\n  @allow(orphan-component, "explain why this is acceptable here")\n  service legacy\n}');
    });
    it('is not offered for a bad @allow itself', async () => {
        const { actions } = await actionsFor('@allow(orphan-componet, "kept")\nservice legacy', 'allow-without-reason');
        expect(actions.map(a => a.title)).toEqual(["Change to 'orphan-component'"]);
    });
});

describe('quick fixes from fix intents', () => {
    it('offers the fixes in the rule\'s order, after them the suppression, with the rule\'s preference', async () => {
        expect((await actionsFor('service orders { replica: 2 }', 'unknown-property')).actions.map(a => [a.title, a.isPreferred]))
            .toEqual([["Rename to 'replicas'", true], ["Suppress 'unknown-property' with @allow…", false]]);
        expect((await actionsFor('client web\nservice api\nweb -> api : https\nservice legacy', 'orphan-component')).actions.map(a => [a.title, a.isPreferred]))
            .toEqual([["Delete 'legacy'", false], ["Suppress 'orphan-component' with @allow…", false]]);
    });

    it('offers no fix for a diagnostic that is not the finding reported there', async () => {
        // The orphan is declared and reported in lib.arch: its fix edits lib.arch.
        const workspace = await loadWorkspace({ 'main.arch': 'import "./lib.arch"\nclient web\nservice api\nweb -> api : https', 'lib.arch': 'service legacy' });
        const provider = providerOf(workspace);
        const lib = workspace.documents.get('lib.arch')!;
        const main = workspace.documents.get('main.arch')!;
        const diagnostic = lib.diagnostics!.find(d => d.code === 'orphan-component')!;
        expect((await actionsOn(lib, diagnostic, provider)).map(a => a.title)).toContain("Delete 'legacy'");
        // The same diagnostic presented on main.arch: no such finding there, so no fix.
        expect((await actionsOn(main, { ...diagnostic, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } } }, provider)).map(a => a.title))
            .toEqual(["Suppress 'orphan-component' with @allow…"]);
    });

    it('takes no fix from a diagnostic\'s data: fixes come from the findings on the server', async () => {
        const { diagnostic, document, provider } = await actionsFor('client web\nservice api\nweb -> api : https', 'single-point-of-failure');
        expect(diagnostic.data).toBeUndefined();
        const planted = [{ title: 'Planted', preferred: true, changes: [{ kind: 'rename', location: { uri: document.uri.toString(), range: diagnostic.range }, to: 'x' }] }];
        const titles = (await actionsOn(document, { ...diagnostic, data: { fixes: planted } }, provider)).map(a => a.title);
        expect(titles).not.toContain('Planted');
        expect(titles).toContain("Suppress 'single-point-of-failure' with @allow…");
        // A message that is not the finding's (another finding at the same place): no fix of this one.
        expect((await actionsOn(document, { ...diagnostic, message: 'Something else.' }, provider)).map(a => a.title)).toEqual(["Suppress 'single-point-of-failure' with @allow…"]);
    });
});

describe('quick fixes resolved lazily', () => {
    const TEXT = 'service orders { replica: 2 }';

    it('hands out each fix with a small handle and no edit; resolving makes the edit that fixes the finding', async () => {
        const { actions, document, provider } = await actionsFor(TEXT, 'unknown-property', true);
        const fix = actions.find(a => a.title === "Rename to 'replicas'")!;
        expect(fix.edit).toBeUndefined();
        expect(parseFixHandle(fix.data)).toEqual({ uri: document.uri.toString(), version: document.textDocument.version, code: 'unknown-property', range: expect.any(Object), fix: 0 });
        expect(JSON.stringify(fix.data).length).toBeLessThan(200);
        // The suppression is small and cheap: it comes with its edit.
        expect(actions.find(a => a.title.startsWith('Suppress'))!.edit).toBeDefined();
        const resolved = provider.resolveCodeAction(fix, document);
        const fixed = apply(TEXT, resolved);
        expect(fixed).toBe('service orders { replicas: 2 }');
        expect((await loadText(fixed)).diagnostics.filter(d => d.code === 'unknown-property')).toEqual([]);
    });

    it('gives an action back without an edit for a handle it cannot trust or that no longer fits', async () => {
        const { actions, document, provider } = await actionsFor(TEXT, 'unknown-property', true);
        const fix = actions.find(a => a.title === "Rename to 'replicas'")!;
        const handle = parseFixHandle(fix.data)!;
        const bad: unknown[] = [
            undefined, 'nope', { ...handle, fix: -1 }, { ...handle, fix: 7 }, { ...handle, fix: 0.5 }, { ...handle, version: handle.version + 1 },
            { ...handle, code: 'orphan-component' }, { ...handle, uri: 'file:///elsewhere.arch' }, { ...handle, range: 'all' },
            { ...handle, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
        ];
        for (const data of bad) expect(provider.resolveCodeAction({ ...fix, data }, document).edit, JSON.stringify(data)).toBeUndefined();
        // The title must be the fix's own: a handle moved onto another action does nothing.
        expect(provider.resolveCodeAction({ ...fix, title: 'Delete everything' }, document).edit).toBeUndefined();
        expect(parseFixHandle({ ...handle, range: { start: { line: '0', character: 0 }, end: handle.range.end } })).toBeUndefined();
    });
});

describe('wiring', () => {
    it('the language services use the Archway code-action provider', async () => {
        const { createArchwayServices } = await import('../../src/lsp/module.js');
        const { EmptyFileSystem } = await import('langium');
        expect(createArchwayServices(EmptyFileSystem).Archway.lsp.CodeActionProvider).toBeInstanceOf(ArchwayCodeActionProvider);
    });
});
