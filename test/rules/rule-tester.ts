/**
 * RuleTester for Archway rules, in the style of ESLint's. It runs one rule on its own (through
 * the engine, so configuration and `@allow` apply) over real parsed documents: valid snippets
 * must stay clean of it, invalid ones must report exactly the expected findings (messages,
 * ranges, severities). Quick fixes go through the real code-action provider and real text
 * edits: every fix offered must leave text that parses, no longer reports its finding and makes
 * no other rule report more than before (unless the case names it as `revealed`), an
 * invalid case may state the fixed text (`output`), an expected finding the fixes it offers,
 * and the change kinds the rule's fixes make must be the ones its `meta.quickFix` declares.
 * A case may name deployment files (`deployment`): the drift rules compare the model with them.
 */
import { describe, expect, it } from 'vitest';
import { URI, type LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTestServices } from '../support/services.js';
import { toDiagnosticInfo } from '../../src/checking/diagnostics.js';
import { ArchwayCodeActionProvider } from '../../src/lsp/code-actions.js';
import type { ArchModel, Finding, Severity } from '../../src/model/arch-model.js';
import { buildDocumentModel } from '../../src/model/workspace-models.js';
import { checkModel, type CheckResult, type RuleSettings } from '../../src/rules/engine.js';
import { getRule } from '../../src/rules/registry.js';
import { readDeployment } from '../../src/import/index.js';
import { toModelDeployment } from '../../src/import/drift-source.js';
import { parseYamlText } from '../../src/import/yaml-files.js';

const { shared, Archway } = createTestServices();
let counter = 0;

type Files = string | Record<string, string>;

/** Parses and links several files (the first is the root); returns the documents and the root's model. */
async function parse(text: Files): Promise<{ documents: LangiumDocument[]; model: ArchModel }> {
    const files = typeof text === 'string' ? { 'main.arch': text } : text;
    const run = ++counter;
    const documents: LangiumDocument[] = [];
    for (const [name, content] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(content, URI.parse(`file:///rt${run}/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    const model = buildDocumentModel(documents[0], shared.workspace.LangiumDocuments);
    for (const document of documents) shared.workspace.LangiumDocuments.deleteDocument(document.uri);
    return { documents, model };
}

/** Parses and links several files (first one is the root) and builds the model of the first. */
export async function modelOf(text: Files): Promise<ArchModel> {
    return (await parse(text)).model;
}

/** Checks text with all rules (and optional settings): for tests of rules against each other. */
export async function check(text: Files, settings: RuleSettings = {}): Promise<CheckResult> {
    return checkModel(await modelOf(text), settings);
}

/** Deployment files a case is checked against (the drift rules). */
export interface CaseDeployment {
    format: 'compose' | 'kubernetes';
    text: string;
}

/** The model with a deployment read from YAML text (the drift rules' input), as if `archway.json` named it. */
export function withDeployment(model: ArchModel, format: 'compose' | 'kubernetes', text: string, file = `/deploy/${format === 'compose' ? 'docker-compose.yml' : 'k8s.yaml'}`): ArchModel {
    const { documents, problems } = parseYamlText(file, text);
    if (problems.length > 0) throw new Error(`deployment YAML: ${problems.map(p => p.message).join('; ')}`);
    return { ...model, deployment: toModelDeployment([readDeployment(format, documents)], [file]) };
}

/** Findings of one rule, run on its own, for a text; with the documents they are located in. */
async function runRule(ruleId: string, text: Files, settings: RuleSettings = {}, deployment?: CaseDeployment): Promise<{ findings: Finding[]; documents: LangiumDocument[] }> {
    const { documents, model } = await parse(text);
    const checked = deployment ? withDeployment(model, deployment.format, deployment.text) : model;
    return { findings: checkModel(checked, settings, { only: ruleId }).findings, documents };
}

/**
 * The quick fixes the editor offers for a finding (without "Suppress…"), from the diagnostic it
 * becomes, as a client that resolves code actions gets them: each action's edit comes from
 * `codeAction/resolve` (the real provider, over this finding as the server's only one).
 */
async function quickFixes(finding: Finding, documents: LangiumDocument[]): Promise<{ document: LangiumDocument; actions: CodeAction[] }> {
    const document = documents.find(d => d.uri.toString() === finding.location.uri)!;
    const { message, info } = toDiagnosticInfo(finding, document.parseResult.value);
    const diagnostic: Diagnostic = { range: finding.location.range, message, code: finding.code, data: info.data };
    expect(diagnostic.data, 'a diagnostic carries no quick fix').not.toHaveProperty('fixes');
    const provider = new ArchwayCodeActionProvider(() => [finding], { resolveLazily: () => true });
    const actions = await provider.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    }) as CodeAction[] | undefined;
    const fixes = (actions ?? []).filter(a => !a.title.startsWith('Suppress '));
    for (const fix of fixes) expect(fix.edit, `'${fix.title}' is resolved lazily`).toBeUndefined();
    return { document, actions: fixes.map(fix => provider.resolveCodeAction(JSON.parse(JSON.stringify(fix)) as CodeAction, document)) };
}

function editsOf(action: CodeAction, document: LangiumDocument): TextEdit[] {
    const changes = action.edit?.changes ?? {};
    expect(Object.keys(changes), `'${action.title}' edits only the file of its finding`).toEqual([document.uri.toString()]);
    return changes[document.uri.toString()];
}

function applyEdits(document: LangiumDocument, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'arch', 1, document.textDocument.getText()), edits);
}

/** The fix "auto fix" applies: the preferred one, else the first. */
function chosen(actions: CodeAction[]): CodeAction | undefined {
    return actions.find(a => a.isPreferred) ?? actions[0];
}

/** The files of a case with one file's text replaced. */
function withText(text: Files, document: LangiumDocument, fixed: string): Files {
    if (typeof text === 'string') return fixed;
    const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    return { ...text, [name]: fixed };
}

function syntaxErrors(text: string): string[] {
    const parsed = Archway.parser.LangiumParser.parse(text);
    return [...parsed.lexerErrors, ...parsed.parserErrors].map(e => e.message);
}

/**
 * The root text after the preferred (else first) quick fix of the first finding of `ruleId`, as
 * the editor offers it; undefined when it has no finding or no fix.
 */
export async function applyFirstFix(ruleId: string, text: string): Promise<{ title: string; fixed: string } | undefined> {
    const { findings, documents } = await runRule(ruleId, text);
    for (const finding of findings) {
        const { document, actions } = await quickFixes(finding, documents);
        const action = chosen(actions);
        if (action && document === documents[0]) return { title: action.title, fixed: applyEdits(document, editsOf(action, document)) };
    }
    return undefined;
}

/** How many findings of each rule, over all rules: to see what a fix adds. */
export async function findingCounts(text: Files, settings: RuleSettings = {}): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const finding of (await check(text, settings)).findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
    return counts;
}

/** Rules with more findings after than before (`rule +n`). */
export function newFindings(before: Map<string, number>, after: Map<string, number>): string[] {
    return [...after].filter(([code, n]) => n > (before.get(code) ?? 0)).map(([code, n]) => `${code} +${n - (before.get(code) ?? 0)}`).sort();
}

/** One expected finding. Lines and columns are 1-based, as editors show them. */
export interface ExpectedFinding {
    message?: string | RegExp;
    severity?: Severity;
    line?: number;
    column?: number;
    endLine?: number;
    endColumn?: number;
    /** Text the finding's range covers. */
    text?: string;
    /** Quick fixes offered for it, in order ("Suppress…" aside): titles, or titles with the text each leaves. */
    fixes?: (string | { title: string; output: string })[];
}

export interface InvalidCase {
    name: string;
    code: Files;
    errors: ExpectedFinding[];
    settings?: RuleSettings;
    /**
     * The root file after applying the preferred (else the first) quick fix of each finding,
     * skipping a fix that overlaps one applied before (as ESLint does); `null`: no fix is offered.
     */
    output?: string | null;
    /**
     * Rules whose findings a fix lets appear although it adds nothing wrong: what the model hid
     * before (a typo'd reference skips its component; a gateway no client called is judged once
     * one does). Stated per case, so nothing is accepted silently; every other rule must report
     * no more after any fix than before.
     */
    revealed?: string[];
    /**
     * Rules with new findings this case's fixes are known to leave: a defect still to fix, listed
     * so it stays visible; the test fails when the list is not exactly what the fixes leave.
     */
    leaves?: string[];
    deployment?: CaseDeployment;
}

export interface ValidCase {
    name: string;
    code: Files;
    settings?: RuleSettings;
    deployment?: CaseDeployment;
}

function textOf(code: string, finding: Finding): string {
    const lines = code.split('\n');
    const { start, end } = finding.location.range;
    if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
    return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
    const before = (x: TextEdit['range']['start'], y: TextEdit['range']['start']): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
    const same = (x: TextEdit['range']['start'], y: TextEdit['range']['start']): boolean => x.line === y.line && x.character === y.character;
    return (before(a.range.start, b.range.end) && before(b.range.start, a.range.end)) || same(a.range.start, b.range.start);
}

/** Checks the findings of an invalid case against what it expects. */
function expectFindings(invalid: InvalidCase, findings: Finding[]): void {
    const rootText = typeof invalid.code === 'string' ? invalid.code : Object.values(invalid.code)[0];
    const actual = findings.map((f, i) => {
        const expected = invalid.errors[i] ?? {};
        const summary: Record<string, unknown> = {};
        if (expected.message !== undefined) summary.message = f.message;
        if (expected.severity !== undefined) summary.severity = f.severity;
        if (expected.line !== undefined) summary.line = f.location.range.start.line + 1;
        if (expected.column !== undefined) summary.column = f.location.range.start.character + 1;
        if (expected.endLine !== undefined) summary.endLine = f.location.range.end.line + 1;
        if (expected.endColumn !== undefined) summary.endColumn = f.location.range.end.character + 1;
        if (expected.text !== undefined) summary.text = textOf(rootText, f);
        return summary;
    });
    const wanted = invalid.errors.map(({ fixes: _fixes, ...e }) => ({
        ...e, ...(e.message instanceof RegExp ? { message: expect.stringMatching(e.message) } : {}),
    }));
    expect(actual).toEqual(wanted);
}

/** Each fix offered leaves text that parses and reports fewer findings of the rule; offered fixes and `output` are as expected. */
async function expectFixes(ruleId: string, invalid: InvalidCase, findings: Finding[], documents: LangiumDocument[]): Promise<void> {
    const root = documents[0];
    const accepted: TextEdit[] = [];
    const leftOver: string[] = [];
    let offered = false;
    for (const [i, finding] of findings.entries()) {
        const { document, actions } = await quickFixes(finding, documents);
        offered ||= actions.length > 0;
        for (const action of actions) {
            const fixed = applyEdits(document, editsOf(action, document));
            expect(syntaxErrors(fixed), `'${action.title}' leaves text that parses:\n${fixed}`).toEqual([]);
            const after = await runRule(ruleId, withText(invalid.code, document, fixed), invalid.settings, invalid.deployment);
            expect(after.findings.length, `'${action.title}' fixes its finding:\n${fixed}`).toBeLessThan(findings.length);
            const added = newFindings(await findingCounts(invalid.code, invalid.settings), await findingCounts(withText(invalid.code, document, fixed), invalid.settings));
            const unexplained = [...new Set(added.map(a => a.slice(0, a.lastIndexOf(' '))).filter(rule => !(invalid.revealed ?? []).includes(rule)))].sort();
            if (invalid.leaves) expect(unexplained.every(rule => invalid.leaves!.includes(rule)), `'${action.title}' leaves only the known ${invalid.leaves.join(', ')}:\n${fixed}\n(got ${unexplained.join(', ')})`).toBe(true);
            else expect(unexplained, `'${action.title}' leaves no new finding of any rule:\n${fixed}`).toEqual([]);
            leftOver.push(...unexplained);
        }
        const expected = invalid.errors[i]?.fixes;
        if (expected) {
            expect(actions.map(a => a.title), `the fixes offered for finding ${i + 1}`).toEqual(expected.map(e => (typeof e === 'string' ? e : e.title)));
            for (const [j, e] of expected.entries()) {
                if (typeof e !== 'string') expect(applyEdits(document, editsOf(actions[j], document)), `'${e.title}'`).toBe(e.output);
            }
        }
        const action = chosen(actions);
        if (action && document === root) {
            const edits = editsOf(action, document);
            if (!edits.some(e => accepted.some(a => overlaps(a, e)))) accepted.push(...edits);
        }
    }
    if (invalid.leaves) expect([...new Set(leftOver)].sort(), 'the known leftovers are still left (else drop them from `leaves`)').toEqual([...invalid.leaves].sort());
    if (invalid.output === null) expect(offered, 'no quick fix is offered').toBe(false);
    else if (invalid.output !== undefined) expect(applyEdits(root, accepted)).toBe(invalid.output);
}

/** The kinds of change the rule's fixes make over its invalid cases and its failing docs example. */
async function emittedChangeKinds(ruleId: string, cases: InvalidCase[]): Promise<string[]> {
    const kinds = new Set<string>();
    const examples = getRule(ruleId)?.meta.examples;
    const example = examples?.invalid ? [{ code: examples.invalid, settings: undefined, deployment: examples.deployment }] : [];
    for (const { code, settings, deployment } of [...cases, ...example]) {
        for (const finding of (await runRule(ruleId, code, settings, deployment)).findings) {
            for (const fix of finding.fixes ?? []) fix.changes.forEach(change => kinds.add(change.kind));
        }
    }
    return [...kinds].sort();
}

/** Registers the valid and invalid cases of one rule as tests. */
export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    describe(ruleId, () => {
        for (const valid of cases.valid) {
            it(`stays clean: ${valid.name}`, async () => {
                const { findings } = await runRule(ruleId, valid.code, valid.settings, valid.deployment);
                expect(findings.map(f => f.message)).toEqual([]);
            });
        }
        for (const invalid of cases.invalid) {
            it(`reports: ${invalid.name}`, async () => {
                const { findings, documents } = await runRule(ruleId, invalid.code, invalid.settings, invalid.deployment);
                expectFindings(invalid, findings);
                await expectFixes(ruleId, invalid, findings, documents);
            });
        }
        it('its quick fixes make the kinds of change its meta.quickFix declares', async () => {
            const meta = getRule(ruleId)?.meta;
            expect(meta, `'${ruleId}' is a known rule`).toBeDefined();
            expect(await emittedChangeKinds(ruleId, cases.invalid)).toEqual([...(meta?.quickFix ?? [])].sort());
        });
    });
}
