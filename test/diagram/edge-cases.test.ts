import { describe, expect, it } from 'vitest';
import { renderDiagram } from '../../src/diagram/index.js';
import { loadText } from '../support/services.js';
import { layoutProblems, parseXml, svgTexts, unsafeParts } from './diagram-helpers.js';

const CASES: Record<string, string> = {
    'an empty file': '',
    'only zones': 'zone a { zone b { trust: public } }',
    'a broker without topics': 'service s\nbroker bus "Bus"\ns ~> bus',
    'an edge to a broker that has topics': 'service s\nbroker bus { topic t }\ns ~> bus\nbus.t ~> s',
    'a broker publishing to its own topic': 'broker bus { topic t  queue q }\nbus ~> bus.t\nbus.q ~> bus',
    'a self-loop': 'service s\ns -> s',
    'unresolved references': 'service s\ns -> nowhere\nview v { include s, ghost }',
    'duplicate ids': 'service s "One"\nservice s "Two"\ns -> s',
    'a view of one topic': 'service s\nbroker bus { topic t  topic u }\ns ~> bus.t\ns ~> bus.u\nview v { include bus.t }',
    'wide and unusual text': 'service s "東京 サービス — ünïcödé 🚀 and a rather long label that keeps on going"\ndatabase d\ns -> d : "weird proto" "a\\ttab"',
    'deeply nested zones': 'zone a { zone b { zone c { zone d { service s } } } }\nservice t\nt -> s',
};

describe('odd models still give a sound diagram', () => {
    for (const [name, text] of Object.entries(CASES)) {
        it(`draws ${name}`, async () => {
            const { model } = await loadText(text);
            for (const view of model.views.map(v => v.id)) {
                for (const direction of ['right', 'down'] as const) {
                    const { svg, layout } = await renderDiagram(model, { view, direction });
                    const root = parseXml(svg);
                    expect(root.attributes.viewBox).toMatch(/^0 0 \d+ \d+$/);
                    expect(unsafeParts(svg)).toEqual([]);
                    expect(layoutProblems(layout)).toEqual([]);
                    const texts = svgTexts(root);
                    for (const node of layout.nodes.filter(n => n.role === 'component')) {
                        expect(texts.filter(t => t === node.label)).toHaveLength(1);
                    }
                }
            }
        });
    }
});
