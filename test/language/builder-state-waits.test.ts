/**
 * Requests that wait for the workspace to reach a build state (document highlights wait for
 * `IndexedReferences` of the whole workspace) are answered by the next build that reaches it,
 * even when that build has nothing to rebuild. Langium notifies a phase's listeners only when a
 * document went through that phase, so a wait that began during such a build waited until the
 * next edit — an editor that asks before it sends the next keystroke waited forever.
 */
import { Cancellation, DocumentState } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildWorkspace, createTestServices, testUri } from '../support/services.js';

/** Resolves with 'answered', or 'waiting' when the wait has not ended within `ms`. */
function settled(wait: Promise<unknown>, ms = 2_000): Promise<'answered' | 'waiting'> {
    return Promise.race([wait.then(() => 'answered' as const), new Promise<'waiting'>(resolve => setTimeout(() => resolve('waiting'), ms))]);
}

describe('waiting for the workspace build state', () => {
    test('a wait that begins during a build with nothing to rebuild ends with that build', async () => {
        const services = createTestServices();
        await buildWorkspace(services, { 'shop.arch': 'service orders\nservice billing\norders -> billing : https\n' }, testUri);
        const builder = services.shared.workspace.DocumentBuilder;
        // Nothing changed: every document is built, so this build has no document to process.
        const update = builder.update([], [], Cancellation.CancellationToken.None);
        const wait = builder.waitUntil(DocumentState.IndexedReferences, Cancellation.CancellationToken.None);
        await update;
        expect(await settled(wait)).toBe('answered');
    });

    test('a wait that begins after a cancelled update ends with the next complete build', async () => {
        const services = createTestServices();
        const workspace = await buildWorkspace(services, { 'shop.arch': 'service orders\nservice billing\norders -> billing : https\n' }, testUri);
        const builder = services.shared.workspace.DocumentBuilder;
        const uri = workspace.documents.get('shop.arch')!.uri;
        // What the update handler does on a keystroke: mark the document changed, stop there …
        await builder.update([uri], [], Cancellation.CancellationToken.Cancelled).catch(() => undefined);
        const wait = builder.waitUntil(DocumentState.IndexedReferences, Cancellation.CancellationToken.None);
        // … and build it once the keystrokes pause.
        await builder.update([uri], [], Cancellation.CancellationToken.None);
        expect(await settled(wait)).toBe('answered');
    });

    test('a cancelled wait is rejected and forgotten', async () => {
        const services = createTestServices();
        await buildWorkspace(services, { 'shop.arch': 'service orders\n' }, testUri);
        const builder = services.shared.workspace.DocumentBuilder;
        await builder.update([testUri('shop.arch')], [], Cancellation.CancellationToken.Cancelled).catch(() => undefined);
        const source = new Cancellation.CancellationTokenSource();
        const wait = builder.waitUntil(DocumentState.IndexedReferences, source.token);
        source.cancel();
        await expect(wait).rejects.toBeDefined();
    });
});
