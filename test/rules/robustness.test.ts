import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/rules/engine.js';
import { listRules, RULES } from '../../src/rules/registry.js';
import { modelOf } from './rule-tester.js';
import { exampleFiles } from '../support/examples.js';

const sources: { name: string; text: string }[] = [
    ...[...exampleFiles()].map(([path, text]) => ({ name: path.slice('examples/'.length), text })),
    ...listRules().map(meta => ({ name: `${meta.id} example`, text: meta.examples.invalid })),
];

/** Runs every rule without the engine's safety net; returns the ids of rules that threw. */
async function crashingRules(text: string): Promise<string[]> {
    const model = await modelOf(text);
    const crashed: string[] = [];
    for (const rule of RULES) {
        try {
            rule.check(model, resolveOptions(rule.meta));
        } catch (error) {
            crashed.push(`${rule.meta.id}: ${String(error)}`);
        }
    }
    return crashed;
}

describe('rules never throw on broken or partial models', () => {
    for (const source of sources) {
        it(`no rule throws on ${source.name} with lines cut out`, async () => {
            const lines = source.text.split('\n');
            const crashed: string[] = [];
            for (let i = 0; i < lines.length; i += Math.max(1, Math.floor(lines.length / 12))) {
                crashed.push(...await crashingRules([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n')));
                crashed.push(...await crashingRules(lines.slice(0, i).join('\n')));
            }
            expect(crashed).toEqual([]);
        });
    }
    it('no rule throws on unresolved references everywhere', async () => {
        expect(await crashingRules('client web\ncdn edge { origin: nothing }\ngateway g {\n  route "/x" -> ghost\n  auth: jwt { issuer: nobody }\n}\nweb -> g : https\nweb -> missing\nbus.topic ~> web\nflow f {\n  web -> ghost\n}')).toEqual([]);
    });
});
