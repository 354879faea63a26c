/**
 * The code-action provider itself: "Suppress with @allow…", the preferred flag, and what it
 * does with diagnostic data it cannot trust. Each rule's quick fixes are tested with the rule
 * (the rule tester's `output` and `fixes`).
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { loadText, loadWorkspace } from '../support/services.js';
import { ArchwayCodeActionProvider } from '../../src/lsp/code-actions.js';
import type { LangiumDocument } from 'langium';

const provider = new ArchwayCodeActionProvider();

async function actionsOn(document: LangiumDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return await provider.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as CodeAction[];
}

/** The code actions offered for the first diagnostic of `code`. */
async function actionsFor(text: string, code: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[]; document: LangiumDocument }> {
    const { diagnostics, document } = await loadText(text);
    const diagnostic = diagnostics.find(d => d.code === code);
    if (!diagnostic) throw new Error(`No '${code}' diagnostic in:\n${text}\n(got ${diagnostics.map(d => d.code).join(', ')})`);
    return { diagnostic, actions: await actionsOn(document, diagnostic), document };
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

    it('offers no fix whose change targets a declaration of another file', async () => {
        // The orphan is declared and reported in lib.arch: its fix edits lib.arch.
        const workspace = await loadWorkspace({ 'main.arch': 'import "./lib.arch"\nclient web\nservice api\nweb -> api : https', 'lib.arch': 'service legacy' });
        const lib = workspace.documents.get('lib.arch')!;
        const main = workspace.documents.get('main.arch')!;
        const diagnostic = lib.diagnostics!.find(d => d.code === 'orphan-component')!;
        expect((await actionsOn(lib, diagnostic)).map(a => a.title)).toContain("Delete 'legacy'");
        // The same diagnostic data presented on main.arch: 'legacy' is not declared there, so no fix.
        expect((await actionsOn(main, { ...diagnostic, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } } })).map(a => a.title))
            .toEqual(["Suppress 'orphan-component' with @allow…"]);
    });

    it('ignores diagnostic data it did not produce: unknown change kinds, wrong types, places in other files', async () => {
        const { diagnostic, document } = await actionsFor('client web\nservice api\nweb -> api : https', 'single-point-of-failure');
        const elsewhere = { uri: 'file:///elsewhere.arch', range: diagnostic.range };
        const bad = [
            { title: 'Unknown kind', preferred: true, changes: [{ kind: 'run-script', script: 'rm -rf /' }] },
            { title: 'Not a string', preferred: true, changes: [{ kind: 'set-property', target: { element: 'api' }, name: 'replicas', value: 2 }] },
            { title: 'Another file', preferred: true, changes: [{ kind: 'rename', location: elsewhere, to: 'x' }] },
            { title: 'Malformed place', preferred: true, changes: [{ kind: 'set-protocol', connection: { uri: document.uri.toString(), range: 'all' }, protocol: 'https' }] },
            { title: 42, changes: [] },
            'not an object',
        ];
        const actions = await actionsOn(document, { ...diagnostic, data: { fixes: bad } });
        expect(actions.map(a => a.title)).toEqual(["Suppress 'single-point-of-failure' with @allow…"]);
        expect(await actionsOn(document, { ...diagnostic, data: { fixes: 'nope' } })).toHaveLength(1);
    });
});

describe('wiring', () => {
    it('the language services use the Archway code-action provider', async () => {
        const { createArchwayServices } = await import('../../src/lsp/module.js');
        const { EmptyFileSystem } = await import('langium');
        expect(createArchwayServices(EmptyFileSystem).Archway.lsp.CodeActionProvider).toBeInstanceOf(ArchwayCodeActionProvider);
    });
});
