/**
 * Sibling boxes making the same call (`mergeTwins` in `src/diagram/build/zone-callers.ts`): in a
 * busy view they draw as one edge from their zone, labelled with the call and the number of
 * callers; calls that differ in what they say, in TLS or that go into a data store keep their
 * own lines, and a small view draws every call on its own.
 */
import { describe, expect, it } from 'vitest';
import { renderDiagram } from '../../src/diagram/index.js';
import { TWIN_VIEW_EDGES } from '../../src/diagram/build/zone-callers.js';
import { loadText } from '../support/services.js';
import { layoutProblems } from './diagram-helpers.js';

/** Four clients of one zone calling an identity provider and a database, plus `chain` more calls. */
function clients(chain: number): string {
    const lines = [
        'architecture "Twins"',
        'zone outside "Outside" {', '  trust: public',
        '  client web "Web"', '  client app "App"', '  client kiosk "Kiosk"', '  client legacy "Legacy"', '}',
        'idp login "Login"',
        'database users "Users"',
        'web -> login : https "sign in"',
        'app -> login : https "sign in"',
        'kiosk -> login : https "refresh"',
        'legacy -> login : http "sign in"',
        'web -> users : https "export"',
        'app -> users : https "export"',
        'service s0 "Step 0"',
        'login -> s0 : https { timeout: 1s }',
    ];
    for (let i = 1; i <= chain; i++) lines.push(`service s${i} "Step ${i}"`, `s${i - 1} -> s${i} : https { timeout: 1s }`);
    return lines.join('\n');
}

describe('twin calls from one zone', () => {
    it('draws the same call of two sibling boxes as one edge from their zone in a busy view', async () => {
        const { model } = await loadText(clients(TWIN_VIEW_EDGES));
        const { layout, svg } = await renderDiagram(model);
        const twin = layout.edges.find(e => e.source === 'outside');
        expect(twin).toMatchObject({ target: 'login', label: '2 callers · https · sign in', connections: ['web->login', 'app->login'] });
        expect(twin!.members.map(m => m.label)).toEqual(['https · sign in', 'https · sign in']);
        expect(svg).toContain('calls from Web, App');
        expect(svg).toContain('data-callers="web app"'); // the preview follows it from each caller when it dims around a box
        // A different call, the same call in plaintext, and calls into a database keep their own edges.
        const own = (from: string, to: string) => layout.edges.filter(e => e.source === from && e.target === to).map(e => e.label);
        expect(own('kiosk', 'login')).toEqual(['https · refresh']);
        expect(own('legacy', 'login')).toEqual(['http · sign in']);
        expect(own('web', 'users')).toEqual(['https · export']);
        expect(own('app', 'users')).toEqual(['https · export']);
        const drawn = layout.edges.flatMap(e => e.connections);
        expect(new Set(drawn).size).toBe(drawn.length);
        expect(layoutProblems(layout)).toEqual([]);
    });

    it('draws every call on its own line in a small view', async () => {
        const { model } = await loadText(clients(2));
        const { layout } = await renderDiagram(model);
        expect(layout.edges.filter(e => e.source === 'outside')).toEqual([]);
        expect(layout.edges.filter(e => e.target === 'login').map(e => e.source).sort()).toEqual(['app', 'kiosk', 'legacy', 'web']);
    });
});
