/**
 * After any sequence of edits, the language server's links, models and diagnostics are those of a
 * fresh workspace with the same text: incremental re-parsing, kept links, partial re-linking and
 * the model builder's reuse of typed properties change only how fast the answer comes, never the answer.
 */
import { readFileSync } from 'node:fs';
import { isOperationCancelled, type AstNode, type Cancellation, type Reference } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { collectReferences } from '../../src/language/archway-references.js';
import type { ArchModel } from '../../src/model/arch-model.js';
import { createTestServices, openLiveWorkspace } from '../support/services.js';
import { random, randomEdit } from './random-edits.js';

/** Services with the files open as editor documents; `edit` replaces a file's text and rebuilds. */
async function openWorkspace(files: Record<string, string>) {
    const live = await openLiveWorkspace(files);
    const { Archway } = live.services;
    return {
        edit: live.edit,
        /** What a file says: its diagnostics, where each of its references points, and the models it is part of. */
        state(name: string): string[] {
            const document = live.document(name);
            const links = collectReferences(document.parseResult.value).map(({ reference }) => {
                const target = (reference as Reference).ref;
                const where = target?.$cstNode ? `${target.$cstNode.root.astNode.$document?.uri.path}:${target.$cstNode.offset}` : 'unresolved';
                return `${reference.$refText}@${reference.$refNode?.offset} → ${where}`;
            });
            const diagnostics = (document.diagnostics ?? []).map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${String(d.message)}`);
            const models = Archway.archway.ModelChecker.modelsFor(document).flatMap(describeModel);
            return [...links, ...diagnostics, ...models];
        },
    };
}

/** One line per element, connection and problem of a model, with every property and location. */
function describeModel(model: ArchModel): string[] {
    const json = (value: unknown) => JSON.stringify(value, (_, v: unknown) => v instanceof Map ? [...v.entries()] : v);
    return [
        ...[...model.zones, ...model.components, ...model.channels].map(element => json(element)),
        ...model.connections.map(connection => json(connection)),
        ...model.views.map(view => json(view)),
        ...model.flows.map(flow => json(flow)),
        ...model.problems.map(problem => json(problem)),
    ];
}

/** Edits `edited` of the files randomly, comparing the live workspace with a fresh one after every edit. */
async function compareWithFresh(files: Record<string, string>, edited: string, seed: number, count: number, validOnly = false): Promise<string[]> {
    const live = await openWorkspace(files);
    const texts = { ...files };
    const next = random(seed);
    for (let i = 0; i < count; i++) {
        const text = randomEdit(texts[edited], next);
        if (validOnly && !parsesCleanly(text)) continue;
        texts[edited] = text;
        await live.edit(edited, texts[edited]);
        const fresh = await openWorkspace(texts);
        for (const name of Object.keys(files)) {
            const expected = fresh.state(name);
            const actual = live.state(name);
            if (expected.join('\n') !== actual.join('\n')) {
                const k = expected.findIndex((line, j) => line !== actual[j]);
                return [`seed ${seed} edit ${i} in ${edited}, ${name}: expected ${expected[k]} got ${actual[k]}`];
            }
        }
    }
    return [];
}

const parser = createTestServices().Archway.parser.LangiumParser;

function parsesCleanly(text: string): boolean {
    const result = parser.parse(text);
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0;
}

const example = (path: string): string => readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8');

describe('incremental linking', () => {
    test('random edits of the shop give the links, models and diagnostics of a fresh workspace', async () => {
        const files = { 'shop.arch': example('online-shop/shop.arch'), 'payments.arch': example('online-shop/payments.arch') };
        expect(await compareWithFresh(files, 'shop.arch', 42, 40)).toEqual([]);
    }, 120_000);

    test('random edits of an imported file give the links, models and diagnostics of a fresh workspace', async () => {
        const files = { 'shop.arch': example('online-shop/shop.arch'), 'payments.arch': example('online-shop/payments.arch') };
        expect(await compareWithFresh(files, 'payments.arch', 43, 40)).toEqual([]);
    }, 120_000);

    test('random edits of a chain of imports give the links, models and diagnostics of a fresh workspace', async () => {
        const files = {
            'main.arch': 'import "a.arch"\nservice api "API" { -> worker  -> db }\nclient web\nweb -> api : https\n',
            'a.arch': 'import "b.arch"\nservice worker "W" { -> db : sql }\nzone z { service inner { -> db } }\n',
            'b.arch': 'database db "DB"\nbroker bus { topic t }\n',
        };
        expect(await compareWithFresh(files, 'a.arch', 44, 60)).toEqual([]);
    }, 120_000);

    test('random edits that keep the shop parseable give the links, models and diagnostics of a fresh workspace', async () => {
        const files = { 'shop.arch': example('online-shop/shop.arch'), 'payments.arch': example('online-shop/payments.arch') };
        expect(await compareWithFresh(files, 'shop.arch', 45, 80, true)).toEqual([]);
    }, 120_000);

    test('a build cancelled at any point, then completed, links every reference into the current tree', async () => {
        // 300 references to `psp` (the linker checks for cancellation every 256), then psp's declaration changes.
        const lines = ['external psp "PSP"'];
        for (let i = 0; i < 300; i++) lines.push(`service s${i} "S${i}" { -> psp : https }`);
        const edited = ['external psp "PSP v2"', ...lines.slice(1)].join('\n');
        let cancelledInLink = 0;
        for (let cancelAt = 1; cancelAt <= 30; cancelAt++) {
            const live = await openLiveWorkspace({ 'a.arch': lines.join('\n') });
            const { workspace } = live.services.shared;
            workspace.TextDocuments.set(TextDocument.create(live.uri('a.arch').toString(), 'arch', 100, edited));
            let queries = 0;
            const token = {
                get isCancellationRequested() { return ++queries >= cancelAt; },
                onCancellationRequested: () => ({ dispose() { /* nothing to release */ } }),
            } as Cancellation.CancellationToken;
            const document = live.document('a.arch');
            const linkedBefore = document.references.length;
            await workspace.DocumentBuilder.update([live.uri('a.arch')], [], token).catch((error: unknown) => {
                if (!isOperationCancelled(error)) throw error;
            });
            if (document.references.length > 0 && document.references.length < linkedBefore) cancelledInLink++;
            await workspace.DocumentBuilder.update([], []); // completes the build
            const current = live.document('a.arch').parseResult.value;
            const stale = collectReferences(current).filter(({ reference }) => {
                let root = (reference as Reference).ref as AstNode | undefined;
                while (root?.$container) root = root.$container;
                return root !== current;
            });
            expect(stale.length, `cancelled at check ${cancelAt}`).toBe(0);
            expect(live.services.Archway.archway.ModelChecker.modelsFor(live.document('a.arch'))[0].problems).toEqual([]);
        }
        expect(cancelledInLink, 'some cancellation fell inside the linking loop').toBeGreaterThan(0);
    }, 120_000);
});
