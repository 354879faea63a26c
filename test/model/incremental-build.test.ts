/**
 * The model builder reuses what it read from a declaration's syntax in an earlier build (its
 * places, its `@allow` annotations, its typed properties) while the incremental parser keeps that
 * declaration's nodes. Over many random one-line edits of real models — values changed, lines
 * inserted, removed and duplicated, ids renamed, syntax broken — the model built in the editor
 * after each edit is exactly the model a fresh workspace builds from the same text, and a
 * control shows that the comparison catches a cache kept for a node that moved.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments } from 'langium/test';
import { generateModel } from '../../bench/generate-model.js';
import { incrementalParseStats } from '../../src/language/archway-incremental-parser.js';
import type { ArchModel } from '../../src/model/arch-model.js';
import { placeCacheControl } from '../../src/model/build/build-context.js';
import { buildDocumentModel } from '../../src/model/workspace-models.js';
import { random, randomEdit } from '../language/random-edits.js';
import { createTestServices, openLiveWorkspace } from '../support/services.js';

/** A model as text: Maps as entry lists, so that two models compare exactly, places included. */
function serialize(model: ArchModel): string {
    return JSON.stringify(model, (_, value: unknown) => value instanceof Map ? { map: [...value.entries()] } : value);
}

/** One random one-line edit of the kinds an editor makes to a model. */
function lineEdit(text: string, next: () => number): string {
    const lines = text.split('\n');
    const at = Math.floor(next() * lines.length);
    const line = lines[at];
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    switch (Math.floor(next() * 10)) {
        case 0: { // a property value changed
            const value = /^(\s*[\w-]+: )(\S+)(.*)$/.exec(line);
            if (value) lines[at] = value[1] + pick(['3', '5s', '250ms', 'true', 'jwt', 'public', '[a, b]', 'missing']) + value[3];
            else lines[at] = line.replace(/\d+/, d => String(Number(d) + 1));
            break;
        }
        case 1: // a line inserted: everything below moves
            lines.splice(at, 0, pick(['', '// reviewed', '    replicas: 2', 'service added "Added"', 'added -> orders : https']));
            break;
        case 2: // a line removed
            lines.splice(at, 1);
            break;
        case 3: // a line duplicated (duplicate ids and connections)
            lines.splice(at, 0, line);
            break;
        case 4: { // an id renamed where it is declared or used
            const word = /\b([a-z][\w-]*)\b/g;
            const words = [...line.matchAll(word)];
            if (words.length > 0) {
                const w = pick(words);
                lines[at] = line.slice(0, w.index) + `${w[1]}x` + line.slice(w.index! + w[1].length);
            }
            break;
        }
        case 5: // an annotation added or broken
            lines.splice(at, 0, pick(['@allow(orphan-component, "kept for later")', '@deprecated', '@allow(']));
            break;
        default: // any editor-like change, broken syntax included
            return randomEdit(text, next);
    }
    return lines.join('\n');
}

/**
 * Applies `count` random edits to the file `edited` of `files`, one after the other as an editor
 * does, and compares after each the model of every file built in the editor with the model a
 * fresh workspace builds from the same texts. Returns the edits whose models differ.
 */
async function checkEdits(files: Record<string, string>, edited: string, seed: number, count: number): Promise<{ mismatches: string[]; incremental: number }> {
    const live = await openLiveWorkspace(files, false);
    const fresh = createTestServices();
    const next = random(seed);
    const texts = { ...files };
    const mismatches: string[] = [];
    const incrementalBefore = incrementalParseStats.incremental;
    const modelsOf = (documents: typeof live.services.shared.workspace.LangiumDocuments) =>
        Object.keys(texts).map(name => serialize(buildDocumentModel(documents.getDocument(live.uri(name))!, documents)));
    modelsOf(live.services.shared.workspace.LangiumDocuments);
    for (let i = 0; i < count; i++) {
        // Now and then start again from the original text, so that the edits stay realistic (and a syntax error
        // left by one does not send every later edit to a full parse).
        texts[edited] = i % 10 === 9 ? files[edited] : lineEdit(texts[edited], next);
        await live.edit(edited, texts[edited]);
        const incremental = modelsOf(live.services.shared.workspace.LangiumDocuments);
        await clearDocuments(fresh.Archway);
        const documents = Object.entries(texts).map(([name, text]) => fresh.shared.workspace.LangiumDocumentFactory.fromString(text, live.uri(name)));
        for (const document of documents) fresh.shared.workspace.LangiumDocuments.addDocument(document);
        await fresh.shared.workspace.DocumentBuilder.build(documents, { validation: false });
        const expected = modelsOf(fresh.shared.workspace.LangiumDocuments);
        if (incremental.some((model, j) => model !== expected[j])) mismatches.push(`seed ${seed} edit ${i}`);
    }
    return { mismatches, incremental: incrementalParseStats.incremental - incrementalBefore };
}

const realDir = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const real = readdirSync(realDir).filter(f => f.endsWith('.arch')).map(f => ({ [f]: readFileSync(join(realDir, f), 'utf8') }));
const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(examplesDir).map(dir => Object.fromEntries(readdirSync(join(examplesDir, dir)).filter(f => f.endsWith('.arch'))
    .map(f => [f, readFileSync(join(examplesDir, dir, f), 'utf8')])));

afterEach(() => {
    placeCacheControl.keepMoved = false;
    placeCacheControl.keepReferences = false;
});

// Hundreds of fresh builds to compare with: a minute or two on a loaded 2-core machine.
describe('incremental model builds', { timeout: 240_000 }, () => {
    test('random one-line edits of the real fixtures build the models a fresh workspace builds', async () => {
        const results = [];
        for (const [i, files] of real.entries()) results.push(await checkEdits(files, Object.keys(files)[0], 20261207 + i, 40));
        // Edits that leave a syntax error (and the ones after them until the next reset) are parsed in full: most.
        const incremental = results.reduce((sum, r) => sum + r.incremental, 0);
        expect({ mismatches: results.flatMap(r => r.mismatches), fastPathTaken: incremental >= 40 })
            .toEqual({ mismatches: [], fastPathTaken: true });
    });

    test('random one-line edits of the examples (files that import others) build the models a fresh workspace builds', async () => {
        const mismatches: string[] = [];
        for (const [i, files] of examples.entries()) {
            // Edit each file of a multi-file example in turn: an imported file's edit changes its importers' models.
            for (const [j, name] of Object.keys(files).entries()) mismatches.push(...(await checkEdits(files, name, 7 + 31 * i + j, 20)).mismatches);
        }
        expect(mismatches).toEqual([]);
    });

    test('random one-line edits of a generated 400-component model build the model a fresh workspace builds', async () => {
        const files = generateModel({ components: 400, findings: 'many' });
        const { mismatches, incremental } = await checkEdits(files, Object.keys(files)[0], 11, 60);
        expect({ mismatches, fastPathTaken: incremental >= 20 }).toEqual({ mismatches: [], fastPathTaken: true });
    });

    test('control: places kept for declarations that moved are caught', async () => {
        placeCacheControl.keepMoved = true;
        const files = real[0];
        const { mismatches } = await checkEdits(files, Object.keys(files)[0], 20261207, 20);
        expect(mismatches.length).toBeGreaterThan(0);
    });

    test('control: typed properties kept although a reference in them resolves differently are caught', async () => {
        placeCacheControl.keepReferences = true;
        // Renaming `files` leaves `origin: files` unresolved, while the incremental parser keeps `edge`'s declaration
        // (it parses the changed declaration and one neighbour on each side again).
        const text = 'architecture "t"\ncdn edge { origin: files }\nservice a\nservice b\nzone z {\n  storage files\n}\n';
        const live = await openLiveWorkspace({ 'main.arch': text }, false);
        const documents = live.services.shared.workspace.LangiumDocuments;
        const modelOf = () => buildDocumentModel(live.document('main.arch'), documents);
        const before = modelOf();
        await live.edit('main.arch', text.replace('storage files', 'storage filesx'));
        const renamed = modelOf();
        const store = (model: ArchModel) => model.components.find(c => c.id === 'edge')?.properties.get('origin')?.value;
        expect(store(before)).toMatchObject({ type: 'reference', target: 'files' });
        // The wrong cache keeps the old target; without the control the reference is unresolved (the rename is caught).
        expect(store(renamed)).toMatchObject({ type: 'reference', target: 'files' });
        placeCacheControl.keepReferences = false;
        await live.edit('main.arch', text.replace('storage files', 'storage filesy'));
        expect(store(modelOf())).toMatchObject({ type: 'reference', target: undefined });
        expect(modelOf().problems.some(p => p.code === 'unresolved-reference' && p.message.includes("'files'"))).toBe(true);
    });
});
