/**
 * RuleTester for Archway rules, in the style of ESLint's: valid snippets must stay clean of a
 * rule, invalid ones must report exactly the expected findings (messages, ranges, severities).
 */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createArchwayServices } from '../../src/lsp/archway-services.js';
import type { ArchModel, Finding, Severity } from '../../src/model/arch-model.js';
import { buildDocumentModel } from '../../src/model/workspace-models.js';
import { checkModel, type CheckResult, type RuleSettings } from '../../src/rules/engine.js';
import { readDeployment } from '../../src/import/index.js';
import { toModelDeployment } from '../../src/import/drift-source.js';
import { parseYamlText } from '../../src/import/yaml-files.js';

const { shared } = createArchwayServices(EmptyFileSystem);
let counter = 0;

/** Parses and links several files (first one is the root) and builds the model of the first. */
export async function modelOf(text: string | Record<string, string>): Promise<ArchModel> {
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
    return model;
}

/** Checks text with all rules (and optional settings). */
export async function check(text: string | Record<string, string>, settings: RuleSettings = {}): Promise<CheckResult> {
    return checkModel(await modelOf(text), settings);
}

/** Findings of one rule id for a text. */
export async function findingsOf(ruleId: string, text: string, settings: RuleSettings = {}, deployment?: CaseDeployment): Promise<Finding[]> {
    const model = await modelOf(text);
    const checked = deployment ? withDeployment(model, deployment.format, deployment.text) : model;
    return checkModel(checked, settings).findings.filter(f => f.code === ruleId);
}

/** Deployment files a case is checked against (the drift rules). */
export interface CaseDeployment {
    format: 'compose' | 'kubernetes';
    text: string;
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
}

export interface InvalidCase {
    name: string;
    code: string;
    errors: ExpectedFinding[];
    settings?: RuleSettings;
    deployment?: CaseDeployment;
}

export interface ValidCase {
    name: string;
    code: string;
    settings?: RuleSettings;
    deployment?: CaseDeployment;
}

function textOf(code: string, finding: Finding): string {
    const lines = code.split('\n');
    const { start, end } = finding.location.range;
    if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
    return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

/** Registers the valid and invalid cases of one rule as tests. */
export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    describe(ruleId, () => {
        for (const valid of cases.valid) {
            it(`stays clean: ${valid.name}`, async () => {
                const found = await findingsOf(ruleId, valid.code, valid.settings, valid.deployment);
                expect(found.map(f => f.message)).toEqual([]);
            });
        }
        for (const invalid of cases.invalid) {
            it(`reports: ${invalid.name}`, async () => {
                const found = await findingsOf(ruleId, invalid.code, invalid.settings, invalid.deployment);
                const actual = found.map((f, i) => {
                    const expected = invalid.errors[i] ?? {};
                    const summary: Record<string, unknown> = {};
                    if (expected.message !== undefined) summary.message = f.message;
                    if (expected.severity !== undefined) summary.severity = f.severity;
                    if (expected.line !== undefined) summary.line = f.location.range.start.line + 1;
                    if (expected.column !== undefined) summary.column = f.location.range.start.character + 1;
                    if (expected.endLine !== undefined) summary.endLine = f.location.range.end.line + 1;
                    if (expected.endColumn !== undefined) summary.endColumn = f.location.range.end.character + 1;
                    if (expected.text !== undefined) summary.text = textOf(invalid.code, f);
                    return summary;
                });
                const wanted = invalid.errors.map(e => ({
                    ...e, ...(e.message instanceof RegExp ? { message: expect.stringMatching(e.message) } : {}),
                }));
                expect(actual).toEqual(wanted);
            });
        }
    });
}

/** The model with a deployment read from YAML text (the drift rules' input), as if `archway.json` named it. */
export function withDeployment(model: ArchModel, format: 'compose' | 'kubernetes', text: string, file = `/deploy/${format === 'compose' ? 'docker-compose.yml' : 'k8s.yaml'}`): ArchModel {
    const { documents, problems } = parseYamlText(file, text);
    if (problems.length > 0) throw new Error(`deployment YAML: ${problems.map(p => p.message).join('; ')}`);
    return { ...model, deployment: toModelDeployment([readDeployment(format, documents)], [file]) };
}
